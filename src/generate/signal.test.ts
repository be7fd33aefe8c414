import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { gaussLegendreRule } from "../core/quadrature.ts";
import { chi2Sf } from "../core/special.ts";
import { M_MU } from "../core/units.ts";
import type { TruthEvents } from "../physics/truthEvents.ts";
import { isrBeta, isrDensityInT } from "./isr.ts";
import { bornCrossSection, bornDensity, isrCrossSection } from "./mumuXCrossSection.ts";
import { vectorCoefficients } from "./mumuXMatrixElement.ts";
import { dalitzD2Range, dalitzPoint } from "./mumuXPhaseSpace.ts";
import {
  emptySignalStats,
  generateSignal,
  generateSignalChunk,
  mergeSignalStats,
  prepareSignal,
  type SignalConfig,
  signalCrossSection,
} from "./signal.ts";
import { vectorTensorAB } from "./zprimeSpinCorrelation.ts";

const m = M_MU;

/** Row index of the first particle of event i with this pdg and mother (-1 = hard process). */
function row(ev: TruthEvents, i: number, pdg: number, mother = -1): number {
  for (let r = ev.offsets[i]!; r < ev.offsets[i + 1]!; r++)
    if (ev.pdg[r] === pdg && ev.mother[r] === mother) return r;
  return -1;
}

/**
 * Dalitz test: events in the c.m. frame without ISR; (x1, x2) = 2 E(mu-, mu+)/sqrt(s) from the
 * output momenta, binned 20 x 20 in the log-Dalitz coordinates v1(x2), v2(x1, x2) of
 * mumuXPhaseSpace.ts; expected counts from 4x4-point Gauss-Legendre integration of the exact
 * beam-averaged |M|^2 over each bin (bins with < 10 expected are pooled into one).
 */
function dalitzChi2(
  spin: "vector" | "scalar",
  M: number,
  nEvents: number,
): { chi2: number; dof: number; p: number } {
  const gen = prepareSignal({ spin, mass: M, decay: "invisible", isr: false, frame: "cm" });
  const s = gen.frame.s;
  const rs = Math.sqrt(s);
  const nb = 20;
  const hist = new Float64Array(nb * nb);
  const D1min = M * M + 2 * m * M;
  const lnD1min = Math.log(D1min);
  const lnD1range = Math.log((s - 2 * rs * m) / D1min);
  const range = new Float64Array(2);
  let n = 0;
  for (const { events: ev } of generateSignal(gen, 2024, nEvents, 100_000)) {
    for (let i = 0; i < ev.nEvents; i++) {
      const E1 = ev.e[row(ev, i, 13)]!;
      const E2 = ev.e[row(ev, i, -13)]!;
      const D1 = s - 2 * rs * E2; // (k1 + q)^2 - m^2
      const D2 = s - 2 * rs * E1;
      const v1 = (Math.log(D1) - lnD1min) / lnD1range;
      dalitzD2Range(s, D1 + m * m, m, M, range);
      const v2 = Math.log(D2 / range[0]!) / Math.log(range[1]! / range[0]!);
      const b1 = Math.min(nb - 1, Math.max(0, Math.floor(v1 * nb)));
      const b2 = Math.min(nb - 1, Math.max(0, Math.floor(v2 * nb)));
      hist[b1 * nb + b2]!++;
      n++;
    }
  }
  const { nodes: x, weights: w } = gaussLegendreRule(4);
  const pt = dalitzPoint();
  const coef = new Float64Array(6);
  const expect = new Float64Array(nb * nb);
  let total = 0;
  for (let i = 0; i < nb; i++)
    for (let j = 0; j < nb; j++) {
      let sum = 0;
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++) {
          const v1 = (i + 0.5 + 0.5 * x[a]!) / nb;
          const v2 = (j + 0.5 + 0.5 * x[b]!) / nb;
          sum += w[a]! * w[b]! * bornDensity(spin, s, m, M, v1, v2, 1 / 137.035999084, pt, coef);
        }
      expect[i * nb + j] = sum;
      total += sum;
    }
  let chi2 = 0;
  let dof = -1; // total fixed
  let pooledO = 0;
  let pooledE = 0;
  for (let k = 0; k < nb * nb; k++) {
    const e = (expect[k]! / total) * n;
    if (e < 10) {
      pooledO += hist[k]!;
      pooledE += e;
      continue;
    }
    chi2 += (hist[k]! - e) ** 2 / e;
    dof++;
  }
  if (pooledE > 0) {
    chi2 += (pooledO - pooledE) ** 2 / pooledE;
    dof++;
  }
  return { chi2, dof, p: chi2Sf(chi2, dof) };
}

for (const spin of ["vector", "scalar"] as const) {
  test(`${spin} Dalitz distribution (x1, x2) follows the exact |M|^2 at M = 0.05, 1, 5 GeV: chi2 p-value > 0.01 on 1M events each`, () => {
    for (const M of [0.05, 1, 5]) {
      const r = dalitzChi2(spin, M, 1_000_000);
      assert.ok(r.dof > 300, `dof ${r.dof}`);
      assert.ok(r.p > 0.01, `${spin} M=${M}: chi2 ${r.chi2.toFixed(1)} / ${r.dof}, p = ${r.p}`);
    }
  });
}

test("Monte Carlo cross section with ISR agrees with the quadrature (isrCrossSection at the Belle II sqrt(s)) within 4 sigma_MC", () => {
  for (const [spin, M] of [
    ["vector", 1],
    ["scalar", 3],
  ] as const) {
    const gen = prepareSignal({ spin, mass: M, decay: "invisible" });
    const st = emptySignalStats();
    for (const ch of generateSignal(gen, 7, 100_000)) mergeSignalStats(st, ch.stats);
    const mc = signalCrossSection(gen, st);
    const q = isrCrossSection(spin, gen.frame.sqrtS, M);
    assert.equal(st.overweights, 0);
    assert.equal(st.boundViolations, 0);
    assert.ok(
      Math.abs(mc.sigma - q.sigma) < 4 * Math.hypot(mc.error, q.error),
      `${spin}: ${mc.sigma} +- ${mc.error} vs ${q.sigma}`,
    );
    assert.ok(mc.error / mc.sigma < 1e-3);
  }
});

test("every event conserves four-momentum in the lab (beams = final state, 1e-9 GeV), also with beam-energy spread; X -> mu mu has the X mass", () => {
  for (const cfg of [
    { spin: "vector", mass: 2, decay: "mumu" },
    { spin: "scalar", mass: 0.5, decay: "mumu", energySpread: true },
    { spin: "vector", mass: 0.02, decay: "invisible", energySpread: true },
  ] as SignalConfig[]) {
    const gen = prepareSignal(cfg);
    const { events: ev } = generateSignalChunk(gen, 3, 0, 20_000);
    let spread = 0;
    for (let i = 0; i < ev.nEvents; i++) {
      let px = 0;
      let py = 0;
      let pz = 0;
      let e = 0;
      for (let r = ev.offsets[i]!; r < ev.offsets[i + 1]!; r++) {
        const sg = ev.status[r] === 3 ? -1 : ev.status[r] === 1 ? 1 : 0;
        px += sg * ev.px[r]!;
        py += sg * ev.py[r]!;
        pz += sg * ev.pz[r]!;
        e += sg * ev.e[r]!;
      }
      assert.ok(Math.max(Math.abs(px), Math.abs(py), Math.abs(pz), Math.abs(e)) < 1e-9, `event ${i}`);
      spread += (ev.e[ev.offsets[i]!]! - 7.004) ** 2;
      if (cfg.decay === "mumu") {
        const x = row(ev, i, cfg.spin === "vector" ? 9900023 : 9900025);
        const a = row(ev, i, 13, x - ev.offsets[i]!);
        const b = row(ev, i, -13, x - ev.offsets[i]!);
        const mm2 =
          (ev.e[a]! + ev.e[b]!) ** 2 -
          (ev.px[a]! + ev.px[b]!) ** 2 -
          (ev.py[a]! + ev.py[b]!) ** 2 -
          (ev.pz[a]! + ev.pz[b]!) ** 2;
        assert.ok(Math.abs(Math.sqrt(mm2) - cfg.mass) < 1e-8);
        assert.equal(ev.status[x], 2);
      }
    }
    const rmsHer = Math.sqrt(spread / ev.nEvents);
    if (cfg.energySpread) assert.ok(Math.abs(rmsHer / 5.13e-3 - 1) < 0.05, `HER spread ${rmsHer}`);
    else assert.equal(rmsHer, 0);
  }
});

test("lab-frame angles show the Belle II boost: <cos theta(mu-)> goes from ~0 (c.m.) to > 0.1 (lab), boost tilted towards +x", () => {
  const n = 50_000;
  const stat = (frame: "lab" | "cm"): { cosT: number; px: number } => {
    const gen = prepareSignal({ spin: "vector", mass: 1, decay: "invisible", frame });
    const { events: ev } = generateSignalChunk(gen, 9, 0, n);
    let c = 0;
    let px = 0;
    for (let i = 0; i < ev.nEvents; i++) {
      const r = row(ev, i, 13);
      c += ev.pz[r]! / Math.hypot(ev.px[r]!, ev.py[r]!, ev.pz[r]!);
      px += ev.px[r]!;
    }
    return { cosT: c / n, px: px / n };
  };
  const cm = stat("cm");
  const lab = stat("lab");
  assert.ok(Math.abs(cm.cosT) < 0.01, `c.m. <cos> ${cm.cosT}`); // 1 + cos^2 like: symmetric (sd 0.0026)
  assert.ok(lab.cosT > 0.1, `lab <cos> ${lab.cosT}`); // 0.169 with beta gamma = 0.287
  assert.ok(lab.px > 0.05, `lab <px> ${lab.px}`); // beta_x gamma sqrt(s)/2-ish share of the 0.4566 GeV
});

test("same seed and chunk give identical events; chunk k does not depend on the chunks before it", () => {
  const gen = prepareSignal({ spin: "scalar", mass: 1, decay: "mumu" });
  const chunks = [...generateSignal(gen, 5, 3000, 1000)];
  const again = generateSignalChunk(gen, 5, 2, 1000);
  assert.deepEqual(again.events.px, chunks[2]!.events.px);
  assert.deepEqual(again.events.e, chunks[2]!.events.e);
  const other = generateSignalChunk(gen, 6, 2, 1000);
  assert.notDeepEqual(other.events.px, chunks[2]!.events.px);
});

test("Z' -> mu mu decay angles follow P^{ab} D_ab: <(4/3)(q^2 + 2m^2) T / (P.D)> = 1 over generated events (an isotropic decay gives > 1)", () => {
  const M = 1;
  const gen = prepareSignal({ spin: "vector", mass: M, decay: "mumu", isr: false, frame: "cm" });
  const { events: ev } = generateSignalChunk(gen, 13, 0, 100_000);
  const s = gen.frame.s;
  const rs = Math.sqrt(s);
  const E = rs / 2;
  const m2 = m * m;
  const q2 = M * M;
  const c = new Float64Array(6);
  let sum = 0;
  let sum2 = 0;
  let sumSwap = 0;
  const n = ev.nEvents;
  const v = (r: number): number[] => [ev.e[r]!, ev.px[r]!, ev.py[r]!, ev.pz[r]!];
  const dot = (a: number[], b: number[]): number =>
    a[0]! * b[0]! - a[1]! * b[1]! - a[2]! * b[2]! - a[3]! * b[3]!;
  const P1 = [E, 0, 0, E];
  const P2 = [E, 0, 0, -E];
  for (let i = 0; i < n; i++) {
    const k1 = v(row(ev, i, 13));
    const k2 = v(row(ev, i, -13));
    const xr = row(ev, i, 9900023);
    const q = v(xr);
    const k3 = v(row(ev, i, 13, xr - ev.offsets[i]!));
    const k4 = v(row(ev, i, -13, xr - ev.offsets[i]!));
    const kq1 = k1.map((x, j) => x + q[j]!);
    const kq2 = k2.map((x, j) => x + q[j]!);
    const D1 = dot(kq1, kq1) - m2;
    const D2 = dot(kq2, kq2) - m2;
    vectorCoefficients(s, D1, D2, m2, q2, c);
    const u1 = dot(P1, k1);
    const u2 = dot(P1, k2);
    const T = c[0]! + c[1]! * u1 + c[2]! * u2 + c[3]! * u1 * u1 + c[4]! * u1 * u2 + c[5]! * u2 * u2;
    const args = (a: number[], b: number[]): number =>
      vectorTensorAB(
        s,
        D1,
        D2,
        m2,
        q2,
        u1,
        u2,
        dot(a, P1),
        dot(a, P2),
        dot(a, k1),
        dot(a, k2),
        dot(a, q),
        dot(b, P1),
        dot(b, P2),
        dot(b, k1),
        dot(b, k2),
        dot(b, q),
        dot(a, b),
      );
    const PD = 8 * args(k3, k4) + 2 * q2 * T;
    const avg = (4 / 3) * (q2 + 2 * m2) * T;
    sum += avg / PD;
    sum2 += (avg / PD) ** 2;
    // P(A, B) = P(B, A) (real traces): swapping k3 <-> k4 must not change anything
    sumSwap += avg / (8 * args(k4, k3) + 2 * q2 * T);
  }
  const mean = sum / n;
  const err = Math.sqrt(sum2 / n - mean * mean) / Math.sqrt(n);
  assert.ok(Math.abs(mean - 1) < 4 * err, `<avg/PD> = ${mean} +- ${err}`);
  assert.ok(Math.abs(sumSwap / n - mean) < 1e-9, "P(A,B) must be symmetric");
  // The statistic discriminates: for an isotropic decay its mean is > 1 (Jensen). Evaluated for
  // 2000 of the generated production configurations with an 8 x 8 angular rule in the X frame.
  let iso = 0;
  const ni = 2000;
  const { nodes: gx, weights: gw } = gaussLegendreRule(8);
  for (let i = 0; i < ni; i++) {
    const k1 = v(row(ev, i, 13));
    const k2 = v(row(ev, i, -13));
    const xr = row(ev, i, 9900023);
    const q = v(xr);
    const kq1 = k1.map((x, j) => x + q[j]!);
    const kq2 = k2.map((x, j) => x + q[j]!);
    const D1 = dot(kq1, kq1) - m2;
    const D2 = dot(kq2, kq2) - m2;
    vectorCoefficients(s, D1, D2, m2, q2, c);
    const u1 = dot(P1, k1);
    const u2 = dot(P1, k2);
    const T = c[0]! + c[1]! * u1 + c[2]! * u2 + c[3]! * u1 * u1 + c[4]! * u1 * u2 + c[5]! * u2 * u2;
    const avg = (4 / 3) * (q2 + 2 * m2) * T;
    // isotropic average of avg/PD over decay directions in the X rest frame
    const pst = Math.sqrt(q2 / 4 - m2);
    const bx = q[1]! / q[0]!;
    const by = q[2]! / q[0]!;
    const bz = q[3]! / q[0]!;
    const b2 = bx * bx + by * by + bz * bz;
    const g = 1 / Math.sqrt(1 - b2);
    let acc = 0;
    for (let a = 0; a < 8; a++)
      for (let j = 0; j < 8; j++) {
        const ct = gx[a]!;
        const st = Math.sqrt(1 - ct * ct);
        const ph = (2 * Math.PI * (j + 0.5)) / 8;
        const r0 = [M / 2, pst * st * Math.cos(ph), pst * st * Math.sin(ph), pst * ct];
        const bp = bx * r0[1]! + by * r0[2]! + bz * r0[3]!;
        const f = ((g * g) / (g + 1)) * bp + g * r0[0]!;
        const k3 = [g * (r0[0]! + bp), r0[1]! + f * bx, r0[2]! + f * by, r0[3]! + f * bz];
        const k4 = q.map((x, jj) => x - k3[jj]!);
        const PD =
          8 *
            vectorTensorAB(
              s,
              D1,
              D2,
              m2,
              q2,
              u1,
              u2,
              dot(k3, P1),
              dot(k3, P2),
              dot(k3, k1),
              dot(k3, k2),
              dot(k3, q),
              dot(k4, P1),
              dot(k4, P2),
              dot(k4, k1),
              dot(k4, k2),
              dot(k4, q),
              dot(k3, k4),
            ) +
          2 * q2 * T;
        acc += (gw[a]! / 2 / 8) * (avg / PD);
      }
    iso += acc;
  }
  assert.ok(iso / ni > 1.05, `isotropic decay would give ${iso / ni}`);
});

test("Breit-Wigner line shape (Gamma = 0.1 M, M = 3 GeV, no ISR): sigma and the fraction below M agree with quadrature of BW x sigma_Born(q)", () => {
  const M = 3;
  const G = 0.3;
  const gen = prepareSignal({
    spin: "vector",
    mass: M,
    decay: "invisible",
    isr: false,
    width: G,
    frame: "cm",
  });
  const st = emptySignalStats();
  let below = 0;
  let n = 0;
  for (const ch of generateSignal(gen, 21, 100_000)) {
    mergeSignalStats(st, ch.stats);
    const ev = ch.events;
    for (let i = 0; i < ev.nEvents; i++) {
      const r = row(ev, i, 9900023);
      const mass = Math.sqrt(ev.e[r]! ** 2 - ev.px[r]! ** 2 - ev.py[r]! ** 2 - ev.pz[r]! ** 2);
      if (mass < M) below++;
      n++;
    }
  }
  const mc = signalCrossSection(gen, st);
  // quadrature: sigma = int dtheta/pi sigma_Born(q(theta)), q^2 = M^2 + M G tan(theta), q in [2M/3, sqrt(s) - 2m]
  const rs = gen.frame.sqrtS;
  const th = (q: number): number => Math.atan((q * q - M * M) / (M * G));
  const { nodes: x, weights: w } = gaussLegendreRule(16);
  const integ = (lo: number, hi: number): number => {
    let s = 0;
    // split in 4 panels of the theta variable
    for (let p = 0; p < 4; p++) {
      const a = lo + ((hi - lo) * p) / 4;
      const b = lo + ((hi - lo) * (p + 1)) / 4;
      for (let k = 0; k < 16; k++) {
        const t = 0.5 * (a + b) + 0.5 * (b - a) * x[k]!;
        const q = Math.sqrt(M * M + M * G * Math.tan(t));
        s += (0.5 * (b - a) * w[k]! * bornCrossSection("vector", rs, q, { panels: 4 }).sigma) / Math.PI;
      }
    }
    return s;
  };
  const lower = integ(th((2 * M) / 3), 0);
  const total = lower + integ(0, th(rs - 2 * m - 1e-9));
  assert.equal(st.overweights, 0);
  assert.ok(
    Math.abs(mc.sigma / total - 1) < 4 * (mc.error / mc.sigma) + 2e-3,
    `sigma ${mc.sigma} +- ${mc.error} vs ${total}`,
  );
  const f = lower / total;
  assert.ok(
    Math.abs(below / n - f) < 4 * Math.sqrt((f * (1 - f)) / n),
    `fraction below M: ${below / n} vs ${f}`,
  );
  assert.ok(total < bornCrossSection("vector", rs, M).sigma); // tails cut by the kinematic limits
});

test("weighted events: mean weight equals the cross section of the unweighted run within errors", () => {
  const base = { spin: "scalar", mass: 0.4, decay: "invisible" } as const;
  const gw = prepareSignal({ ...base, weighted: true });
  const { events, stats } = generateSignalChunk(gw, 4, 0, 50_000);
  let sw = 0;
  for (let i = 0; i < events.nEvents; i++) sw += events.weight[i]!;
  const mean = sw / events.nEvents;
  const xs = signalCrossSection(gw, stats);
  assert.ok(Math.abs(mean / xs.sigma - 1) < 1e-3); // the same proposals (f > 0 everywhere inside)
  const gu = prepareSignal(base);
  const u = generateSignalChunk(gu, 8, 0, 50_000);
  const xu = signalCrossSection(gu, u.stats);
  assert.ok(Math.abs(xu.sigma - xs.sigma) < 4 * Math.hypot(xu.error, xs.error));
  assert.ok(u.events.weight.every((x) => x === 1));
});

test("bad configurations throw ConfigError naming the key", () => {
  const bad: Array<[SignalConfig, string]> = [
    [{ spin: "vector", mass: 0, decay: "invisible" }, "mass"],
    [{ spin: "vector", mass: -1, decay: "invisible" }, "mass"],
    [{ spin: "vector", mass: 10.4, decay: "invisible" }, "mass"],
    [{ spin: "scalar", mass: 0.1, decay: "mumu" }, "mass"],
    [{ spin: "vector", mass: 1, decay: "ee" as "mumu" }, "decay"],
    [{ spin: "tensor" as "vector", mass: 1, decay: "mumu" }, "spin"],
    [{ spin: "vector", mass: 1, decay: "mumu", width: -1 }, "width"],
  ];
  for (const [cfg, where] of bad) {
    assert.throws(
      () => prepareSignal(cfg),
      (e: unknown) => e instanceof ConfigError && e.where === where,
      JSON.stringify(cfg),
    );
  }
});

test("event orientation follows T(beam direction): <cos^2 theta(mu-)> and <cos theta(mu-) cos theta(mu+)> (c.m.) equal their |M|^2 expectations within 4 sigma", () => {
  const M = 1;
  const gen = prepareSignal({ spin: "vector", mass: M, decay: "invisible", isr: false, frame: "cm" });
  const { events: ev } = generateSignalChunk(gen, 17, 0, 100_000);
  const s = gen.frame.s;
  const rs = Math.sqrt(s);
  const E = rs / 2;
  const m2 = m * m;
  const c = new Float64Array(6);
  const { nodes: gx, weights: gw } = gaussLegendreRule(8);
  let obs1 = 0;
  let obs1sq = 0;
  let obs2 = 0;
  let obs2sq = 0;
  let exp1 = 0;
  let exp2 = 0;
  const n = ev.nEvents;
  for (let i = 0; i < n; i++) {
    const r1 = row(ev, i, 13);
    const r2 = row(ev, i, -13);
    const E1 = ev.e[r1]!;
    const E2 = ev.e[r2]!;
    const a1 = Math.hypot(ev.px[r1]!, ev.py[r1]!, ev.pz[r1]!);
    const a2 = Math.hypot(ev.px[r2]!, ev.py[r2]!, ev.pz[r2]!);
    const c1 = ev.pz[r1]! / a1;
    const c2 = ev.pz[r2]! / a2;
    obs1 += c1 * c1;
    obs1sq += c1 ** 4;
    obs2 += c1 * c2;
    obs2sq += (c1 * c2) ** 2;
    // expectation at this Dalitz point: average over orientations weighted by T(n)
    const c12 = (ev.px[r1]! * ev.px[r2]! + ev.py[r1]! * ev.py[r2]! + ev.pz[r1]! * ev.pz[r2]!) / (a1 * a2);
    const s12 = Math.sqrt(Math.max(1 - c12 * c12, 0));
    const D1 = s - 2 * rs * E2;
    const D2 = s - 2 * rs * E1;
    vectorCoefficients(s, D1, D2, m2, M * M, c);
    let wT = 0;
    let wT1 = 0;
    let wT2 = 0;
    for (let a = 0; a < 8; a++) {
      const ct = gx[a]!;
      const st = Math.sqrt(1 - ct * ct);
      for (let j = 0; j < 8; j++) {
        const cz2 = c12 * ct - s12 * Math.cos((2 * Math.PI * (j + 0.5)) / 8) * st;
        const u1 = E * (E1 - a1 * ct);
        const u2 = E * (E2 - a2 * cz2);
        const T = c[0]! + c[1]! * u1 + c[2]! * u2 + c[3]! * u1 * u1 + c[4]! * u1 * u2 + c[5]! * u2 * u2;
        wT += gw[a]! * T;
        wT1 += gw[a]! * T * ct * ct;
        wT2 += gw[a]! * T * ct * cz2;
      }
    }
    exp1 += wT1 / wT;
    exp2 += wT2 / wT;
  }
  const m1 = obs1 / n;
  const e1 = Math.sqrt(obs1sq / n - m1 * m1) / Math.sqrt(n);
  const m2b = obs2 / n;
  const e2 = Math.sqrt(obs2sq / n - m2b * m2b) / Math.sqrt(n);
  assert.ok(Math.abs(m1 - exp1 / n) < 4 * e1, `<cos^2> ${m1} +- ${e1} vs ${exp1 / n}`);
  assert.ok(Math.abs(m2b - exp2 / n) < 4 * e2, `<cos cos> ${m2b} +- ${e2} vs ${exp2 / n}`);
  // and it is not the isotropic value 1/3 (the 1 + cos^2-like shape is visible)
  assert.ok(m1 - 1 / 3 > 10 * e1, `<cos^2> = ${m1}`);
});

test("ISR photon spectrum: generated <x> and P(x > 0.1) equal the quadrature of W(s, x) sigma_Born(s(1 - x)) within 4 sigma", () => {
  const M = 0.5;
  const gen = prepareSignal({ spin: "vector", mass: M, decay: "invisible", frame: "cm" });
  const { events: ev } = generateSignalChunk(gen, 23, 0, 100_000);
  const s = gen.frame.s;
  const rs = Math.sqrt(s);
  let sx = 0;
  let sx2 = 0;
  let hard = 0;
  const n = ev.nEvents;
  for (let i = 0; i < n; i++) {
    const r = row(ev, i, 22);
    const x = r < 0 ? 0 : (2 * ev.e[r]!) / rs;
    sx += x;
    sx2 += x * x;
    if (x > 0.1) hard++;
  }
  // quadrature in t = x^beta with panels (the same variable as the generator, independent code path)
  const beta = isrBeta(s);
  const tMax = (1 - 4 / s) ** beta; // sqrt(s') >= 2 GeV
  const { nodes, weights } = gaussLegendreRule(8);
  let I0 = 0;
  let I1 = 0;
  let Ih = 0;
  const P = 12;
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < 8; k++) {
      const t = (tMax * (p + 0.5 + 0.5 * nodes[k]!)) / P;
      const x = t ** (1 / beta);
      const f =
        weights[k]! *
        0.5 *
        (tMax / P) *
        isrDensityInT(t, beta) *
        bornCrossSection("vector", Math.sqrt(s * (1 - x)), M, { panels: 4 }).sigma;
      I0 += f;
      I1 += f * x;
      if (x > 0.1) Ih += f;
    }
  }
  const mean = sx / n;
  const err = Math.sqrt(sx2 / n - mean * mean) / Math.sqrt(n);
  assert.ok(Math.abs(mean - I1 / I0) < 4 * err + 1e-4, `<x> ${mean} +- ${err} vs ${I1 / I0}`);
  const f = Ih / I0;
  assert.ok(Math.abs(hard / n - f) < 4 * Math.sqrt((f * (1 - f)) / n) + 2e-3, `P(x>0.1) ${hard / n} vs ${f}`);
});
