import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import {
  coreWidth,
  fitResolution,
  type ResolutionPoint,
  resolutionPoints,
  tabulatedResolution,
} from "./resolution.ts";

test("core width of a seeded Gaussian (N = 20000) is sigma within 3 of its stated errors (0.584 sigma/sqrt n_in)", () => {
  const r = stream(11, 0);
  const x = Float64Array.from({ length: 20000 }, () => r.gauss(4, 0.2));
  const c = coreWidth(x);
  assert.ok(Math.abs(c.width - 0.2) < 3 * c.widthError, `${c.width} +- ${c.widthError}`);
  // about 95.45% of the events are inside +-2 sigma
  assert.ok(Math.abs(c.nEff / 20000 - 0.9545) < 0.01);
  assert.ok(Math.abs(c.widthError - (0.584 * 0.2) / Math.sqrt(c.nEff)) < 1e-4);
  assert.ok(Math.abs(c.peak - 4) < 0.01);
});

test("core width ignores a one-sided radiative tail (20% exponential) that inflates the r.m.s. by > 2x", () => {
  const r = stream(12, 0);
  const n = 20000;
  const x = Float64Array.from({ length: n }, (_, i) =>
    i % 5 === 0 ? 4 + r.exponential() * 2 : r.gauss(4, 0.2),
  );
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const rms = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  const c = coreWidth(x);
  assert.ok(rms > 0.4);
  // the tail puts a few events under the core: allow 5% (the shortest 68% interval alone is 35% off)
  assert.ok(Math.abs(c.width - 0.2) < 0.01, `${c.width}`);
});

test("weights count as event multiplicities: doubling every weight leaves the width and raises nothing", () => {
  const r = stream(13, 0);
  const x = Float64Array.from({ length: 1000 }, () => r.normal());
  const a = coreWidth(x);
  const b = coreWidth(x, new Float64Array(1000).fill(2));
  assert.equal(a.width, b.width);
  assert.equal(a.nEff, b.nEff);
  assert.throws(() => coreWidth([1, 2, 3]), InputError);
});

test("fitResolution recovers an exact cubic sigma(M) (chi2 = 0) and clamps outside the simulated range", () => {
  const f = (m: number) => 0.2 + 0.03 * m - 0.01 * m * m + 0.0006 * m ** 3;
  const pts: ResolutionPoint[] = [0.5, 2, 4, 6, 8].map((m) => ({
    mass: m,
    m2: m * m,
    peak: m * m + 0.01,
    width: f(m),
    widthError: 0.01,
    nEff: 1000,
  }));
  const res = fitResolution(pts, { method: "polynomial" });
  for (const m of [0.5, 1.7, 4.5, 7, 8]) assert.ok(Math.abs(res.sigma(m * m) - f(m)) < 1e-10, `${m}`);
  assert.equal(res.sigma(100), res.sigma(64));
  assert.equal(res.sigma(-1), res.sigma(0.25));
  assert.ok(Math.abs(res.coefficients[3]! - 0.0006) < 1e-10);
  assert.ok(res.chi2 < 1e-12 && res.ndof === 1);
  assert.ok(Math.abs(res.peakShift(10) - 0.01) < 1e-12);
});

test("resolutionPoints measures each simulated mass and sorts by mass", () => {
  const r = stream(14, 0);
  const samples = [3, 1].map((m) => ({
    mass: m,
    m2Recoil: Float64Array.from({ length: 5000 }, () => r.gauss(m * m, 0.1 * m)),
  }));
  const pts = resolutionPoints(samples);
  assert.deepEqual(
    pts.map((p) => p.mass),
    [1, 3],
  );
  assert.ok(Math.abs(pts[1]!.width - 0.3) < 3 * pts[1]!.widthError);
});

test("tabulated resolution interpolates linearly in M2 (paper: 0.23 at 9, 0.06 at 80 GeV^2)", () => {
  const t = tabulatedResolution([9, 80], [0.23, 0.06]);
  assert.ok(Math.abs(t.sigma(44.5) - 0.145) < 1e-12);
  assert.equal(t.sigma(0), 0.23);
  assert.equal(t.sigma(100), 0.06);
});

test("default pchip model passes through the measured widths, does not overshoot a plateau and clamps outside", () => {
  const w = [0.15, 0.21, 0.26, 0.26, 0.2, 0.1];
  const pts: ResolutionPoint[] = [0.05, 1, 2, 4, 6, 8.5].map((m, k) => ({
    mass: m,
    m2: m * m,
    peak: m * m,
    width: w[k]!,
    widthError: 0.002,
    nEff: 1000,
  }));
  const res = fitResolution(pts);
  for (const p of pts) assert.ok(Math.abs(res.sigma(p.m2) - p.width) < 1e-15);
  // on the plateau between 2 and 4 GeV it stays at 0.26 (a polynomial would bulge)
  for (const m of [2.5, 3, 3.5]) assert.ok(Math.abs(res.sigma(m * m) - 0.26) < 1e-15, `${m}`);
  // monotone between monotone nodes
  let prev = res.sigma(16);
  for (let m = 4.1; m < 8.5; m += 0.1) {
    const s = res.sigma(m * m);
    assert.ok(s <= prev + 1e-15);
    prev = s;
  }
  assert.equal(res.sigma(100), 0.1);
  assert.equal(res.sigma(-0.3), 0.15);
});
