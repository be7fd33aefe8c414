/**
 * Multi-photon ISR (annihilationIsr.ts addIsrPhotons): the photons leave exactly s' = s (1 - x)
 * to the final state, share the energy by the Poisson-Dirichlet law PD(beta) (first photon in
 * size-biased order: P(share of the others > f) = 1 - f^beta, an analytic law), and mu mu events
 * get second photons at large angle at the PD(beta) rate times the dipole's angular weight.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { M_E } from "../../core/units.ts";
import { isrBeta } from "../isr.ts";
import { addIsrPhotons } from "./annihilationIsr.ts";
import { EventScratch } from "./eventScratch.ts";
import { PROCESSES } from "./index.ts";

const RS = 10.58;

test("ISR photons: (P - K)^2 = s (1 - x) to 1e-12 relative, photon energies sum to K0, at least one photon", () => {
  const rng = stream(7, 0);
  const ev = new EventScratch();
  const k = new Float64Array(4);
  const beta = isrBeta(RS * RS);
  for (const x of [1e-3, 0.05, 0.3, 0.7, 0.98]) {
    for (let i = 0; i < 2000; i++) {
      ev.reset();
      const n = addIsrPhotons(rng, ev, x, RS, beta, 1e-3, k);
      assert.ok(n >= 1 && n === ev.n);
      let e = 0;
      for (let j = 0; j < ev.n; j++) {
        e += ev.e[j]!;
        // massless
        const m2 = ev.e[j]! ** 2 - (ev.px[j]! ** 2 + ev.py[j]! ** 2 + ev.pz[j]! ** 2);
        assert.ok(Math.abs(m2) <= 1e-12 * ev.e[j]! ** 2 + 1e-300);
      }
      assert.ok(Math.abs(e - k[3]!) <= 1e-12 * e);
      const sp = (RS - k[3]!) ** 2 - (k[0]! ** 2 + k[1]! ** 2 + k[2]! ** 2);
      assert.ok(
        Math.abs(sp / (RS * RS * (1 - x)) - 1) < 1e-12,
        `x = ${x}: s'/s(1-x) - 1 = ${sp / (RS * RS * (1 - x)) - 1}`,
      );
    }
  }
});

test("ISR photons: the first photon leaves a share > f to the others with probability 1 - f^beta (PD(beta) in size-biased order; 4 sigma)", () => {
  const rng = stream(8, 0);
  const ev = new EventScratch();
  const k = new Float64Array(4);
  const beta = isrBeta(RS * RS);
  const N = 200_000;
  const fs = [0.01, 0.05, 0.2, 0.5];
  const above = fs.map(() => 0);
  let multi = 0;
  for (let i = 0; i < N; i++) {
    ev.reset();
    const n = addIsrPhotons(rng, ev, 0.5, RS, beta, 1e-6, k);
    if (n > 1) multi++;
    const rest = 1 - ev.e[0]! / k[3]!;
    for (let j = 0; j < fs.length; j++) if (rest > fs[j]!) above[j]!++;
  }
  for (let j = 0; j < fs.length; j++) {
    const p = 1 - fs[j]! ** beta;
    const sigma = Math.sqrt((p * (1 - p)) / N);
    const got = above[j]! / N;
    assert.ok(Math.abs(got - p) < 4 * sigma, `f = ${fs[j]}: ${got} vs ${p} +- ${sigma}`);
  }
  // a photon of > 1e-6 GeV beside the first: 1 - (1e-6 / 2.645)^beta = 0.73
  assert.ok(multi / N > 0.7 && multi / N < 0.76, `events with several photons: ${multi / N}`);
});

/** int_a^b u^-1 (1-u)^(beta-1) du (Simpson on the smooth part; 0 < a < b <= 1/2). */
function pdIntensity(a: number, b: number, beta: number): number {
  const n = 200;
  const h = (b - a) / n;
  const g = (u: number) => ((1 - u) ** (beta - 1) - 1) / u;
  let s = g(a) + g(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * g(a + i * h);
  return Math.log(b / a) + (s * h) / 3;
}

test("mu mu: ISR photons of share 0.2 GeV/E to 1/2 at 30-150 deg follow the PD(beta) intensity times the dipole's large-angle weight (c.m., events with E_ISR > 1 GeV, 4 sigma)", () => {
  // given the total ISR energy E, photons with share u of it come with the intensity
  // beta u^-1 (1-u)^(beta-1) du (the Poisson-Dirichlet law, the Poisson process beta dx/x
  // conditioned on its sum), each at 30-150 deg with probability
  // w = int_{-cos30}^{cos30} dc/(1-c^2) / int_{-1}^{1} dc/(1-beta_e^2 c^2) = ln(13.93) / ln(s/m_e^2)
  const ev = PROCESSES.mumu!.generate(100_000, stream(22, 0), { output: "cm" });
  const beta = isrBeta(RS * RS);
  const w =
    Math.log((1 + Math.cos(Math.PI / 6)) / (1 - Math.cos(Math.PI / 6))) / Math.log((RS * RS) / M_E ** 2);
  let nEv = 0;
  let got = 0;
  let expected = 0;
  for (let i = 0; i < ev.nEvents; i++) {
    const o = ev.offsets[i]!;
    const end = ev.offsets[i + 1]!;
    let eTot = 0;
    for (let j = o; j < end; j++) if (ev.pdg[j] === 22 && ev.mother[j] === -1) eTot += ev.e[j]!;
    if (eTot < 1) continue;
    nEv++;
    for (let j = o; j < end; j++) {
      if (ev.pdg[j] !== 22 || ev.mother[j] !== -1) continue;
      const u = ev.e[j]! / eTot;
      const c = ev.pz[j]! / Math.hypot(ev.px[j]!, ev.py[j]!, ev.pz[j]!);
      if (u > 0.2 / eTot && u < 0.5 && Math.abs(c) < Math.cos(Math.PI / 6)) got++;
    }
    expected += w * beta * pdIntensity(0.2 / eTot, 0.5, beta);
  }
  assert.ok(nEv > 10_000, `events with E_ISR > 1 GeV: ${nEv}`);
  assert.ok(
    Math.abs(got - expected) < 4 * Math.sqrt(expected),
    `wide second photons: ${got}, expected ${expected.toFixed(0)}`,
  );
  // a single ISR photon (the model before the multi-photon sharing) gave none
  assert.ok(got > 200);
});
