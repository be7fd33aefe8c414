/** tau decays: the V-A (Michel) lepton spectrum, branching fractions, four-momentum conservation. */
import assert from "node:assert/strict";
import { test } from "node:test";
import gammainc from "@stdlib/math-base-special-gammainc";
import { stream } from "../../core/random.ts";
import { M_E, M_MU, M_TAU } from "../../core/units.ts";
import { EventScratch } from "./eventScratch.ts";
import { decayTau, sampleLeptonEnergy, TAU_BRANCHING, TAU_MODE } from "./tauDecay.ts";

/** Upper-tail chi2 probability (regularised upper incomplete gamma). */
function chi2Pvalue(chi2: number, ndf: number): number {
  return gammainc(chi2 / 2, ndf / 2, true, true);
}

/** Integral of the V-A density p (E (3W - 2E) - m^2) over [a, b] by Simpson's rule (200 panels). */
function spectrumIntegral(a: number, b: number, m: number): number {
  const W = (M_TAU * M_TAU + m * m) / (2 * M_TAU);
  const f = (E: number) => Math.sqrt(Math.max(0, E * E - m * m)) * (E * (3 * W - 2 * E) - m * m);
  const n = 200;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

for (const [name, m] of [
  ["mu", M_MU],
  ["e", M_E],
] as const) {
  test(`tau -> ${name} nu nu: lepton energy follows the V-A Michel spectrum (chi2 p > 0.001, 200k decays, 25 bins)`, () => {
    const rng = stream(42, name === "mu" ? 1 : 2);
    const W = (M_TAU * M_TAU + m * m) / (2 * M_TAU);
    const nb = 25;
    const counts = new Float64Array(nb);
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      const E = sampleLeptonEnergy(rng, m);
      const k = Math.min(nb - 1, Math.floor(((E - m) / (W - m)) * nb));
      counts[k]!++;
    }
    const total = spectrumIntegral(m, W, m);
    let chi2 = 0;
    for (let k = 0; k < nb; k++) {
      const a = m + ((W - m) * k) / nb;
      const b = m + ((W - m) * (k + 1)) / nb;
      const exp = (N * spectrumIntegral(a, b, m)) / total;
      chi2 += (counts[k]! - exp) ** 2 / exp;
    }
    const p = chi2Pvalue(chi2, nb - 1);
    assert.ok(p > 0.001, `chi2 = ${chi2}, p = ${p}`);
  });
}

test("massless Michel limit: <x> = 0.7 for dGamma/dx ~ x^2 (3 - 2x) (tau -> e nu nu, 100k decays, 4 sigma)", () => {
  const rng = stream(43, 0);
  const N = 100_000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const x = (2 * sampleLeptonEnergy(rng, M_E)) / M_TAU;
    s += x;
    s2 += x * x;
  }
  const mean = s / N;
  const err = Math.sqrt((s2 / N - mean * mean) / N);
  assert.ok(Math.abs(mean - 0.7) < 4 * err + 1e-4, `<x> = ${mean} +- ${err}`);
});

test("decay modes follow the PDG branching fractions (200k taus, 4 sigma per mode)", () => {
  const rng = stream(44, 0);
  const ev = new EventScratch();
  const N = 200_000;
  const counts = new Float64Array(TAU_BRANCHING.length);
  for (let i = 0; i < N; i++) {
    ev.reset();
    const t = ev.add(15, 1, -1, 0, 0, 0, M_TAU);
    counts[decayTau(rng, ev, t)]!++;
  }
  TAU_BRANCHING.forEach((b, k) => {
    const sd = Math.sqrt(N * b * (1 - b));
    assert.ok(Math.abs(counts[k]! - N * b) < 4 * sd, `mode ${k}: ${counts[k]} vs ${N * b}`);
  });
  assert.ok(Math.abs(TAU_BRANCHING.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test("every mode conserves four-momentum and charge for a moving tau- and tau+ (1e-9 GeV)", () => {
  const rng = stream(45, 0);
  const ev = new EventScratch();
  for (let mode = 0; mode < TAU_BRANCHING.length; mode++) {
    for (const pdg of [15, -15]) {
      for (let rep = 0; rep < 50; rep++) {
        ev.reset();
        const pz = 4.2;
        const px = 1.1;
        const e = Math.sqrt(M_TAU * M_TAU + pz * pz + px * px);
        const t = ev.add(pdg, 1, -1, px, 0, pz, e);
        decayTau(rng, ev, t, mode);
        let E = 0;
        let X = 0;
        let Z = 0;
        let q = 0;
        for (let i = 1; i < ev.n; i++) {
          if (ev.status[i] !== 1) continue;
          E += ev.e[i]!;
          X += ev.px[i]!;
          Z += ev.pz[i]!;
          const a = ev.pdg[i]!;
          if (a === 11 || a === 13) q -= 1;
          if (a === -11 || a === -13) q += 1;
          if (a === 211 || a === 321) q += 1;
          if (a === -211 || a === -321) q -= 1;
        }
        assert.ok(
          Math.abs(E - e) < 1e-9 && Math.abs(X - px) < 1e-9 && Math.abs(Z - pz) < 1e-9,
          `mode ${mode}`,
        );
        assert.equal(q, pdg > 0 ? -1 : 1, `charge, mode ${mode}`);
      }
    }
  }
  assert.equal(TAU_MODE.muon, 1);
});
