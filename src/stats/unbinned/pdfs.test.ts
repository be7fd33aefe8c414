import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { bernsteinPdf } from "./bernsteinPdf.ts";
import { chebyshevPdf } from "./chebyshevPdf.ts";
import { crystalBallPdf } from "./crystalBallPdf.ts";
import { dcbShape, doubleCrystalBallPdf } from "./doubleCrystalBallPdf.ts";
import { exponentialPdf } from "./exponentialPdf.ts";
import { extendedSum } from "./extendedSum.ts";
import { gaussianPdf } from "./gaussianPdf.ts";
import { histogramPdf } from "./histogramPdf.ts";
import type { Pdf } from "./pdf.ts";
import { sumPdf } from "./sumPdf.ts";
import { twoCrystalBallPdf } from "./twoCrystalBallPdf.ts";
import { voigtPdf } from "./voigtPdf.ts";
import { windowIntegral } from "./windowIntegral.ts";

const cases: Array<[string, Pdf, number[]]> = [
  ["gaussian", gaussianPdf(4.7, 5.3, 5.02, 0.01), [5.02]],
  ["gaussian far in its tail", gaussianPdf(6, 7, 5, 0.2), []],
  ["crystal ball (low tail)", crystalBallPdf(4.8, 5.2, 5, 0.004, 1.3, 4), [5 - 1.3 * 0.004, 5]],
  ["crystal ball (high tail, n < 1)", crystalBallPdf(4.8, 5.2, 5, 0.004, -1.1, 0.7), [5 + 1.1 * 0.004, 5]],
  ["crystal ball n = 1 exactly", crystalBallPdf(0, 1, 0.5, 0.01, 2, 1), [0.48, 0.5]],
  [
    "double crystal ball",
    doubleCrystalBallPdf(0.9, 1.1, { mu: 1, sigma: 0.0025, alphaL: 1.2, nL: 3, alphaR: 1.7, nR: 8 }),
    [1 - 1.2 * 0.0025, 1, 1 + 1.7 * 0.0025],
  ],
  [
    "double crystal ball with huge n",
    doubleCrystalBallPdf(0.9, 1.1, { mu: 1, sigma: 0.0025, alphaL: 2, nL: 400, alphaR: 2, nR: 600 }),
    [1 - 0.005, 1, 1.005],
  ],
  [
    "two crystal balls with a shared mean",
    twoCrystalBallPdf(5.1, 5.5, {
      mu: 5.3,
      frac: 0.6,
      sigma1: 0.004,
      alpha1: 1.3,
      n1: 4,
      sigma2: 0.006,
      alpha2: -1.5,
      n2: 6,
    }),
    [5.3 - 1.3 * 0.004, 5.3, 5.3 + 1.5 * 0.006],
  ],
  ["bernstein degree 0", bernsteinPdf(1, 3, [2]), []],
  ["bernstein degree 1", bernsteinPdf(1, 3, [1, 3]), []],
  ["bernstein degree 3", bernsteinPdf(-1, 2, [1, 0.2, 2, 0.5]), []],
  ["chebyshev degree 1", chebyshevPdf(0, 2, [0.3]), []],
  ["chebyshev degree 3", chebyshevPdf(0.212, 1.5, [0.2, -0.1, 0.05]), []],
  ["exponential falling", exponentialPdf(0, 40, -0.9), []],
  ["exponential rising", exponentialPdf(0, 3, 2.5), []],
  ["exponential flat", exponentialPdf(2, 3, 0), []],
  ["voigt", voigtPdf(2.9, 3.3, 3.0969, 9.26e-5, 0.004), [3.0969]],
  ["voigt wide", voigtPdf(0.5, 1, 0.775, 0.149, 0.01), [0.775]],
  ["histogram step", histogramPdf([0, 1, 2.5, 3], [4, 10, 1]), [1, 2.5]],
  ["histogram linear", histogramPdf([0, 1, 2.5, 3], [4, 10, 1], "linear"), [0.5, 1.75, 2.75]],
  [
    "sum of gaussian and line",
    sumPdf([gaussianPdf(0, 1, 0.3, 0.02), bernsteinPdf(0, 1, [1, 2])], [0.2]),
    [0.3],
  ],
];

for (const [name, pdf, breaks] of cases) {
  test(`${name} integrates to 1 within 1e-10 on its window (core adaptive Gauss-Kronrod, 1e-13)`, () => {
    const integral = windowIntegral((x) => pdf.density(x), pdf.lo, pdf.hi, breaks, 1e-13);
    assert.ok(Math.abs(integral - 1) < 1e-10, `integral ${integral}`);
  });
  test(`${name}: cdf equals the integral of the density (1e-9) and ends at 0 and 1`, () => {
    assert.equal(pdf.cdf(pdf.lo), 0);
    assert.equal(pdf.cdf(pdf.hi), 1);
    for (const f of [0.13, 0.5, 0.77]) {
      const x = pdf.lo + f * (pdf.hi - pdf.lo);
      const ref = windowIntegral((t) => pdf.density(t), pdf.lo, x, breaks, 1e-13);
      assert.ok(Math.abs(pdf.cdf(x) - ref) < 1e-9, `x=${x}: cdf ${pdf.cdf(x)} vs ${ref}`);
    }
  });
  test(`${name}: evaluate agrees with density`, () => {
    const xs = Float64Array.from({ length: 17 }, (_, i) => pdf.lo + ((i + 0.5) / 17) * (pdf.hi - pdf.lo));
    const out = pdf.evaluate(xs, new Float64Array(xs.length));
    for (let i = 0; i < xs.length; i++)
      assert.ok(Math.abs(out[i]! - pdf.density(xs[i]!)) <= 1e-12 * (1 + out[i]!));
  });
  test(`${name}: 20000 samples follow the cdf (Kolmogorov distance < 0.0122, the 1% critical value)`, () => {
    const xs = pdf.sample(stream(11, 0), new Float64Array(20000)).sort();
    let d = 0;
    for (let i = 0; i < xs.length; i++) {
      assert.ok(xs[i]! >= pdf.lo && xs[i]! <= pdf.hi);
      const F = pdf.cdf(xs[i]!);
      d = Math.max(d, Math.abs(F - i / xs.length), Math.abs(F - (i + 1) / xs.length));
    }
    assert.ok(d < 1.63 / Math.sqrt(xs.length), `KS distance ${d}`);
  });
}

test("Crystal Ball tails join the core with continuous value and first derivative (1e-7 relative)", () => {
  const shapes: Array<[number, number, number, number]> = [
    [1.3, 4, 1.7, 8],
    [0.5, 1.2, 3, 150],
    [2.5, 0.8, 0.3, 2],
  ];
  for (const [aL, nL, aR, nR] of shapes) {
    for (const j of [-aL, aR]) {
      const h = 1e-7;
      const below = dcbShape(j - h, aL, nL, aR, nR);
      const above = dcbShape(j + h, aL, nL, aR, nR);
      assert.ok(Math.abs(below - above) < 1e-6 * above, `value jump at ${j}`);
      // one-sided slopes from each side
      const d = 1e-5;
      const slopeL =
        (dcbShape(j - d * 1e-3, aL, nL, aR, nR) - dcbShape(j - d, aL, nL, aR, nR)) / (d * (1 - 1e-3));
      const slopeR =
        (dcbShape(j + d, aL, nL, aR, nR) - dcbShape(j + d * 1e-3, aL, nL, aR, nR)) / (d * (1 - 1e-3));
      const analytic = -j * Math.exp(-0.5 * j * j);
      assert.ok(
        Math.abs(slopeL - analytic) < 1e-4 * Math.abs(analytic),
        `left slope ${slopeL} vs ${analytic}`,
      );
      assert.ok(
        Math.abs(slopeR - analytic) < 1e-4 * Math.abs(analytic),
        `right slope ${slopeR} vs ${analytic}`,
      );
    }
  }
});

test("Crystal Ball normalisation matches the closed form N = 1/(sigma (C + D)) of physics.md 6.5 on a wide window (1e-9)", () => {
  const alpha = 1.5;
  const n = 3;
  const sigma = 0.01;
  const C = ((n / alpha) * Math.exp(-0.5 * alpha * alpha)) / (n - 1);
  const D = Math.sqrt(Math.PI / 2) * (1 + 0.8663855974622838); // erf(1.5/sqrt2), scipy.special.erf
  // A window reaching far into the low tail: the tail integral beyond it is (n/alpha)... r^(n-1) small.
  const lo = -1e6;
  const pdf = crystalBallPdf(lo, 1, 0, sigma, alpha, n);
  const rTail = 1 / (1 - (alpha * (alpha + lo / sigma)) / n);
  const missing = ((Math.exp(-0.5 * alpha * alpha) * (n / alpha)) / (n - 1)) * rTail ** (n - 1);
  const expected = 1 / (sigma * (C + D - missing));
  assert.ok(Math.abs(pdf.density(0) / expected - 1) < 1e-9, `${pdf.density(0)} vs ${expected}`);
});

test("extended sum toys have Poisson counts with the total yield as mean (5 sigma)", () => {
  const m = extendedSum([gaussianPdf(0, 10, 5, 0.2), bernsteinPdf(0, 10, [1, 1])], [50, 450]);
  let s = 0;
  const n = 200;
  for (let i = 0; i < n; i++) s += m.sampleToy(stream(3, i)).length;
  const mean = s / n;
  assert.ok(Math.abs(mean - 500) < 5 * Math.sqrt(500 / n), `mean ${mean}`);
});
