/**
 * Differential checks of issue 6: photons in mu mu (gamma) peak along the beams and along the
 * muons; the two-photon transverse momentum follows the equivalent-photon 1/Q^2 spectrum.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { ALPHA_EM, M_E, M_MU } from "../../core/units.ts";
import { PROCESSES } from "./index.ts";
import { defaultFrame } from "./process.ts";

test("mu mu gamma: photon directions peak along the beams and along the muons (c.m., E > 0.1 GeV)", () => {
  const ev = PROCESSES.mumu!.generate(60_000, stream(21, 0), { output: "cm" });
  // densities per unit cos(theta) w.r.t. the beam, and per unit solid angle w.r.t. the nearer muon
  let beamFwd = 0; // |cos| > 0.999
  let beamCentral = 0; // |cos| < 0.5
  let muNear = 0; // angle to nearer muon < 2 deg
  let muFar = 0; // between 40 and 90 deg
  let nPhot = 0;
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    const end = ev.offsets[i + 1]!;
    let im = -1;
    let ip = -1;
    for (let k = o; k < end; k++) {
      if (ev.pdg[k] === 13) im = k;
      if (ev.pdg[k] === -13) ip = k;
    }
    for (let k = o; k < end; k++) {
      if (ev.pdg[k] !== 22 || ev.e[k]! < 0.1) continue;
      nPhot++;
      const p = Math.hypot(ev.px[k]!, ev.py[k]!, ev.pz[k]!);
      const c = ev.pz[k]! / p;
      if (Math.abs(c) > 0.999) beamFwd++;
      if (Math.abs(c) < 0.5) beamCentral++;
      let cmax = -1;
      for (const j of [im, ip]) {
        const q = Math.hypot(ev.px[j]!, ev.py[j]!, ev.pz[j]!);
        cmax = Math.max(
          cmax,
          (ev.px[k]! * ev.px[j]! + ev.py[k]! * ev.py[j]! + ev.pz[k]! * ev.pz[j]!) / (p * q),
        );
      }
      const ang = (Math.acos(Math.min(1, cmax)) * 180) / Math.PI;
      if (ang < 2) muNear++;
      else if (ang > 40 && ang < 90) muFar++;
    }
  }
  assert.ok(nPhot > 5000, `photons: ${nPhot}`);
  // per unit cos: forward bins span 0.002, central 1.0
  const beamRatio = beamFwd / 0.002 / (beamCentral / 1.0);
  assert.ok(beamRatio > 50, `beam peak ratio ${beamRatio}`);
  // per unit solid angle: cone of 2 deg vs the 40-90 deg band around each of two muons
  const omegaNear = 2 * Math.PI * (1 - Math.cos((2 * Math.PI) / 180));
  const omegaFar = 2 * Math.PI * (Math.cos((40 * Math.PI) / 180) - Math.cos(Math.PI / 2));
  const muRatio = muNear / omegaNear / (muFar / omegaFar);
  assert.ok(muRatio > 10, `muon peak ratio ${muRatio}`);
  // and a large-angle tail exists (photon-veto and gap physics)
  assert.ok(beamCentral > 0.05 * nPhot, `central photons ${beamCentral}/${nPhot}`);
});

test("two-photon e e mu mu: the scattered-electron pT^2 spectrum is flat in ln pT^2 for e^-12 < pT^2 < e^-8 GeV^2 (EPA dQ^2/Q^2, 8 bins, chi2 p > 0.001)", () => {
  // The exact matrix element reduces to the EPA for nearly real photons: dN ~ dQ^2/Q^2
  // [(1 - x + x^2/2) - (1-x) Q^2_min/Q^2] with pT^2 ~ (1-x)(Q^2 - Q^2_min). Far above
  // Q^2_min ~ m_e^2 x^2/(1-x) (<~ 5e-6 GeV^2 even at x = 0.95) and far below W^2 >= 0.25 GeV^2 and
  // 4 m_mu^2 (where the photon virtuality starts to matter), the spectrum of ln pT^2 is flat.
  const ev = PROCESSES.eemumu!.generate(60_000, stream(22, 0), { output: "cm" });
  const lo = -12;
  const hi = -8;
  const nb = 8;
  const counts = new Float64Array(nb);
  let pairOk = 0;
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    // rows: scattered e-, scattered e+, mu-, mu+
    assert.equal(ev.pdg[o], 11);
    const pt2 = ev.px[o]! ** 2 + ev.py[o]! ** 2;
    const l = Math.log(pt2);
    if (l >= lo && l < hi) counts[Math.floor(((l - lo) / (hi - lo)) * nb)]!++;
    // the mu mu pair balances the scattered electrons' transverse momentum
    const ex = ev.px[o]! + ev.px[o + 1]!;
    const mx = ev.px[o + 2]! + ev.px[o + 3]!;
    if (Math.abs(ex + mx) < 1e-9) pairOk++;
  }
  assert.equal(pairOk, ev.nEvents);
  let sum = 0;
  for (const c of counts) sum += c;
  const exp = sum / nb;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - exp) ** 2 / exp;
  // chi2 with 7 dof: p > 0.001 <=> chi2 < 24.32
  assert.ok(chi2 < 24.32, `chi2 = ${chi2}, counts ${Array.from(counts).join(" ")}`);
  assert.ok(sum > 0.1 * ev.nEvents, `events in the log-flat window: ${sum}`);
  assert.ok(M_E > 0);
});

test("two-photon e e mu mu: the mu mu pair pT spectrum equals the EPA prediction of two independent photons (1 < W < 3 GeV, two-sample chi2 p > 0.001)", () => {
  // For nearly real photons (the bulk of the sample) the exact matrix element factorises into two
  // photon fluxes as in the EPA: at fixed W the pair pT = -(pT(e-') + pT(e+')) is the sum of two
  // independent photon transverse momenta with uniform relative azimuth (the azimuthal
  // correlations of the interference terms are small there). Prediction: pair
  // each e-' with the e+' of another event, rotated by a random azimuth.
  const ev = PROCESSES.eemumu!.generate(80_000, stream(23, 0), { output: "cm" });
  const ax: number[] = [];
  const ay: number[] = [];
  const bx: number[] = [];
  const by: number[] = [];
  const pair: number[] = [];
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    const E = ev.e[o + 2]! + ev.e[o + 3]!;
    const X = ev.px[o + 2]! + ev.px[o + 3]!;
    const Y = ev.py[o + 2]! + ev.py[o + 3]!;
    const Z = ev.pz[o + 2]! + ev.pz[o + 3]!;
    const W = Math.sqrt(E * E - X * X - Y * Y - Z * Z);
    if (W < 1 || W > 3) continue;
    ax.push(ev.px[o]!);
    ay.push(ev.py[o]!);
    bx.push(ev.px[o + 1]!);
    by.push(ev.py[o + 1]!);
    pair.push(Math.log(X * X + Y * Y));
  }
  const n = pair.length;
  assert.ok(n > 5000, `events in the W window: ${n}`);
  const rng = stream(24, 0);
  const pred: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1 + rng.int(n - 1)) % n; // another event
    const phi = 2 * Math.PI * rng.uniform();
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    const x = ax[i]! + c * bx[j]! - s * by[j]!;
    const y = ay[i]! + s * bx[j]! + c * by[j]!;
    pred.push(Math.log(x * x + y * y));
  }
  const lo = -16;
  const hi = 0;
  const nb = 16;
  const h1 = new Float64Array(nb);
  const h2 = new Float64Array(nb);
  const fill = (h: Float64Array, v: number) => {
    if (v >= lo && v < hi) h[Math.floor(((v - lo) / (hi - lo)) * nb)]!++;
  };
  for (const v of pair) fill(h1, v);
  for (const v of pred) fill(h2, v);
  let chi2 = 0;
  let ndf = 0;
  for (let k = 0; k < nb; k++) {
    const s = h1[k]! + h2[k]!;
    if (s < 10) continue;
    chi2 += (h1[k]! - h2[k]!) ** 2 / s;
    ndf++;
  }
  // p > 0.001 for ndf <= 16 means chi2 < 39.25
  assert.ok(chi2 < 39.25, `chi2 = ${chi2} for ${ndf} bins`);
});

test("mu mu: FSR photons per event follow the radiator (alpha/pi) A(beta) (1 + (1-z)^2)/(2z) dz (events without ISR photon, 0.02 < z < 0.5, 4 sigma)", () => {
  const ev = PROCESSES.mumu!.generate(150_000, stream(25, 0), { output: "cm" });
  const frame = defaultFrame();
  const rs = frame.sqrtS;
  let nEv = 0;
  let nPhot = 0;
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    const end = ev.offsets[i + 1]!;
    // ISR photons have no mother (-1); skip events with one (then s' = s and the c.m. is the pair frame)
    let isr = false;
    for (let k = o; k < end; k++) if (ev.pdg[k] === 22 && ev.mother[k] === -1) isr = true;
    if (isr) continue;
    nEv++;
    for (let k = o; k < end; k++) {
      if (ev.pdg[k] !== 22) continue;
      const z = (2 * ev.e[k]!) / rs;
      if (z > 0.02 && z < 0.5) nPhot++;
    }
  }
  const omb2 = (4 * M_MU * M_MU) / frame.s;
  const beta = Math.sqrt(1 - omb2);
  const A = ((1 + beta * beta) / beta) * Math.log(((1 + beta) * (1 + beta)) / omb2) - 2;
  // int (1 + (1-z)^2)/(2z) dz = ln(z) - z + z^2/4
  const F = (z: number) => Math.log(z) - z + (z * z) / 4;
  const expected = nEv * (ALPHA_EM / Math.PI) * A * (F(0.5) - F(0.02));
  assert.ok(nEv > 50_000, `events without ISR photon: ${nEv}`);
  assert.ok(Math.abs(nPhot - expected) < 4 * Math.sqrt(expected), `${nPhot} photons vs ${expected}`);
});

test("mu mu gamma: hard FSR photons at large angle (> 25 deg from both muons) match the exact e+e- -> mu mu gamma FSR matrix element within 15% (massless, physics.md 4.1 mu -> 0)", () => {
  // exact: (1/sigma0) d^2 sigma/dx1 dx2 = (alpha/2pi)(x1^2 + x2^2)/((1-x1)(1-x2)) with
  // 1 - cos(theta_i3) = 2(1 - x_j)/(x_i x3); generated: events without ISR photon, one photon z > 0.02.
  const rs = defaultFrame().sqrtS;
  const ev = PROCESSES.mumu!.generate(600_000, stream(71, 0), { output: "cm" });
  const cosCut = Math.cos((25 * Math.PI) / 180);
  const edges = [0.1, 0.25, 0.5, 1.0];
  const gen = new Float64Array(3);
  let nNoIsr = 0;
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    const end = ev.offsets[i + 1]!;
    let isr = false;
    let nh = 0;
    let kk = -1;
    let im = -1;
    let ip = -1;
    for (let k = o; k < end; k++) {
      if (ev.pdg[k] === 22 && ev.mother[k] === -1) isr = true;
      if (ev.pdg[k] === 22 && (2 * ev.e[k]!) / rs > 0.02) {
        nh++;
        kk = k;
      }
      if (ev.pdg[k] === 13) im = k;
      if (ev.pdg[k] === -13) ip = k;
    }
    if (isr) continue;
    nNoIsr++;
    if (nh !== 1) continue;
    const z = (2 * ev.e[kk]!) / rs;
    let ok = true;
    for (const j of [im, ip]) {
      const c =
        (ev.px[kk]! * ev.px[j]! + ev.py[kk]! * ev.py[j]! + ev.pz[kk]! * ev.pz[j]!) /
        (Math.hypot(ev.px[kk]!, ev.py[kk]!, ev.pz[kk]!) * Math.hypot(ev.px[j]!, ev.py[j]!, ev.pz[j]!));
      if (c > cosCut) ok = false;
    }
    if (!ok) continue;
    for (let b = 0; b < 3; b++) if (z >= edges[b]! && z < edges[b + 1]!) gen[b]!++;
  }
  const exact = new Float64Array(3);
  const n = 800;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const x1 = (a + 0.5) / n;
      const x2 = (b + 0.5) / n;
      const x3 = 2 - x1 - x2;
      if (x3 <= 0 || x3 >= 1 || x1 + x2 < 1) continue;
      const c13 = 1 - (2 * (1 - x2)) / (x1 * x3);
      const c23 = 1 - (2 * (1 - x1)) / (x2 * x3);
      if (c13 > cosCut || c23 > cosCut || c13 < -1 || c23 < -1) continue;
      const f = ((ALPHA_EM / (2 * Math.PI)) * (x1 * x1 + x2 * x2)) / ((1 - x1) * (1 - x2)) / (n * n);
      for (let k = 0; k < 3; k++) if (x3 >= edges[k]! && x3 < edges[k + 1]!) exact[k]! += f;
    }
  for (let k = 0; k < 3; k++) {
    const ratio = gen[k]! / nNoIsr / exact[k]!;
    assert.ok(Math.abs(ratio - 1) < 0.15, `z bin ${k}: generated/exact = ${ratio} (${gen[k]} events)`);
  }
});
