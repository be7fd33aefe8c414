import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { M_E } from "../core/units.ts";
import {
  isrBeta,
  isrDensityInT,
  isrIntegral,
  isrStructureFunction,
  sampleIsrCosTheta,
  sampleIsrFraction,
} from "./isr.ts";

/** Kolmogorov-Smirnov distance of sorted samples from a CDF. */
function ksDistance(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  let d = 0;
  for (let i = 0; i < xs.length; i++) {
    const F = cdf(xs[i]!);
    d = Math.max(d, Math.abs(F - i / xs.length), Math.abs(F - (i + 1) / xs.length));
  }
  return d;
}

test("beta = (2 alpha/pi)(ln(s/m_e^2) - 1) = 0.0877 at 10.58 GeV (physics.md 8.2)", () => {
  assert.ok(Math.abs(isrBeta(10.58 ** 2) - 0.0877) < 5e-5);
});

test("W(s, x) integrates to 1 over (0, 1) (closed form) and the t = x^beta density reproduces W dx (midpoint sum, 1e-6)", () => {
  const beta = isrBeta(10.58 ** 2);
  assert.ok(Math.abs(isrIntegral(beta, 1) - 1) < 1e-15);
  // integral of W over (0.01, 0.5) two ways
  const n = 200000;
  let viaT = 0;
  const t0 = 0.01 ** beta;
  const t1 = 0.5 ** beta;
  for (let i = 0; i < n; i++) viaT += isrDensityInT(t0 + ((i + 0.5) / n) * (t1 - t0), beta);
  viaT *= (t1 - t0) / n;
  const closed = isrIntegral(beta, 0.5) - isrIntegral(beta, 0.01);
  assert.ok(Math.abs(viaT / closed - 1) < 1e-6);
  assert.ok(isrStructureFunction(0.5, beta) > 0);
});

test("sampled x follows W(s, x) truncated at xMax (KS distance < 1.63/sqrt(n), i.e. p > 0.01; 100k draws)", () => {
  const beta = isrBeta(10.58 ** 2);
  const xMax = 1 - 4 / 10.58 ** 2;
  const rng = stream(11, 0);
  const n = 100000;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampleIsrFraction(beta, xMax, rng);
  const norm = isrIntegral(beta, xMax);
  const d = ksDistance(xs, (x) => isrIntegral(beta, x) / norm);
  assert.ok(d < 1.63 / Math.sqrt(n), `KS ${d}`);
});

test("ISR photon polar angle follows 1/(1 - beta_e^2 cos^2) (KS on the atanh CDF, 100k draws) and its collinear fraction", () => {
  const s = 10.58 ** 2;
  const be = Math.sqrt(1 - (4 * M_E * M_E) / s);
  const G = Math.atanh(be);
  const rng = stream(12, 0);
  const n = 100000;
  const cs = new Float64Array(n);
  let collinear = 0;
  for (let i = 0; i < n; i++) {
    cs[i] = sampleIsrCosTheta(s, rng);
    if (Math.abs(cs[i]!) > Math.cos(0.01)) collinear++;
  }
  const d = ksDistance(cs, (c) => (Math.atanh(be * c) + G) / (2 * G));
  assert.ok(d < 1.63 / Math.sqrt(n), `KS ${d}`);
  // analytic: P(|c| > cos 0.01) = 1 - atanh(be cos 0.01)/G
  const expect = 1 - Math.atanh(be * Math.cos(0.01)) / G;
  assert.ok(Math.abs(collinear / n - expect) < 5 * Math.sqrt((expect * (1 - expect)) / n));
  assert.ok(expect > 0.4 && expect < 0.55); // ~47% of the photons within 10 mrad of a beam
});
