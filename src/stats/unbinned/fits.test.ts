import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { bernsteinBasis, bernsteinPdf } from "./bernsteinPdf.ts";
import { exponentialPdf } from "./exponentialPdf.ts";
import { extendedSum } from "./extendedSum.ts";
import { fitUnbinned } from "./fitUnbinned.ts";
import { gaussianPdf } from "./gaussianPdf.ts";
import { fitMixtureYields } from "./mixtureYieldFit.ts";

test("Gaussian MLE equals the sample mean and the 1/n sample width; HESSE errors sigma/sqrt(n), sigma/sqrt(2n) (analytic, 1e-6 / 1%)", () => {
  const n = 2000;
  const xs = gaussianPdf(0, 10, 5, 0.3).sample(stream(21, 0), new Float64Array(n));
  let mean = 0;
  for (const x of xs) mean += x / n;
  let v = 0;
  for (const x of xs) v += (x - mean) ** 2 / n;
  const sd = Math.sqrt(v);
  const r = fitUnbinned(
    {
      names: ["n", "mu", "sigma"],
      components: [{ pdf: (p) => gaussianPdf(0, 10, p[1]!, p[2]!), shapeParams: [1, 2], yieldIndex: 0 }],
    },
    xs,
    Float64Array.of(1500, 4.8, 0.5),
    { tol: 1e-8, lower: Float64Array.of(0, 0, 0.01), upper: Float64Array.of(1e6, 10, 5) },
  );
  assert.ok(r.converged, r.status);
  assert.ok(Math.abs(r.x[1]! - mean) < 1e-6, `mu ${r.x[1]} vs ${mean}`);
  assert.ok(Math.abs(r.x[2]! - sd) < 1e-6, `sigma ${r.x[2]} vs ${sd}`);
  assert.ok(Math.abs(r.x[0]! - n) < 1e-3, `yield ${r.x[0]}`);
  assert.ok(Math.abs(r.errors![1]! / (sd / Math.sqrt(n)) - 1) < 0.01, `err mu ${r.errors![1]}`);
  assert.ok(Math.abs(r.errors![2]! / (sd / Math.sqrt(2 * n)) - 1) < 0.01, `err sigma ${r.errors![2]}`);
  assert.ok(Math.abs(r.errors![0]! / Math.sqrt(n) - 1) < 0.01, `err n ${r.errors![0]}`);
});

test("exponential MLE equals -1/(mean - lo) on a window 80 decay lengths wide (analytic, 1e-6 relative)", () => {
  const n = 3000;
  const xs = exponentialPdf(0, 40, -2).sample(stream(22, 0), new Float64Array(n));
  let mean = 0;
  for (const x of xs) mean += x / n;
  const r = fitUnbinned(
    {
      names: ["n", "lambda"],
      components: [{ pdf: (p) => exponentialPdf(0, 40, p[1]!), shapeParams: [1], yieldIndex: 0 }],
    },
    xs,
    Float64Array.of(2500, -1),
    { tol: 1e-8 },
  );
  assert.ok(r.converged, r.status);
  assert.ok(Math.abs(r.x[1]! / (-1 / mean) - 1) < 1e-6, `lambda ${r.x[1]} vs ${-1 / mean}`);
  // HESSE: sigma(lambda) = |lambda| / sqrt(n) for the untruncated exponential
  assert.ok(Math.abs(r.errors![1]! / (Math.abs(r.x[1]!) / Math.sqrt(n)) - 1) < 0.01);
});

test("a Gaussian-constrained efficiency nuisance inflates the yield error to sqrt(n + n^2 delta^2) (analytic Hessian, 1%)", () => {
  const n = 400;
  const delta = 0.1;
  const xs = bernsteinPdf(0, 1, [1, 1]).sample(stream(23, 0), new Float64Array(n));
  const r = fitUnbinned(
    {
      names: ["y", "theta_eff"],
      components: [
        {
          pdf: () => bernsteinPdf(0, 1, [1, 1]),
          shapeParams: [],
          yieldIndex: 0,
          factors: [{ index: 1, delta }],
        },
      ],
      constraints: [{ index: 1, mean: 0, sigma: 1 }],
    },
    xs,
    Float64Array.of(300, 0.5),
    { tol: 1e-8 },
  );
  assert.ok(r.converged, r.status);
  assert.ok(Math.abs(r.x[1]!) < 1e-4, `theta ${r.x[1]}`);
  assert.ok(Math.abs(r.x[0]! - n) < 1e-2, `y ${r.x[0]}`);
  const expected = Math.sqrt(n + n * n * delta * delta);
  assert.ok(Math.abs(r.errors![0]! / expected - 1) < 0.01, `err ${r.errors![0]} vs ${expected}`);
});

/** Templates for a Gaussian peak plus a linear (degree-1 Bernstein) background on [lo, hi]. */
function templates(xs: Float64Array, lo: number, hi: number, mu: number, s: number): Float64Array {
  const n = xs.length;
  const F = new Float64Array(3 * n);
  gaussianPdf(lo, hi, mu, s).evaluate(xs, F.subarray(0, n));
  const b = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    bernsteinBasis(1, lo, hi, xs[i]!, b);
    F[n + i] = b[0]!;
    F[2 * n + i] = b[1]!;
  }
  return F;
}

test("the convex yield fit agrees with stats/fit/minimize on the same extended NLL (yields 1e-4, errors 1e-3 relative)", () => {
  const model = extendedSum([gaussianPdf(4, 6, 5, 0.05), bernsteinPdf(4, 6, [1, 2])], [150, 1000]);
  const xs = model.sampleToy(stream(24, 0));
  const n = xs.length;
  const F = templates(xs, 4, 6, 5, 0.05);
  const fast = fitMixtureYields(F, n, 3, Float64Array.of(0, n / 2, n / 2));
  assert.ok(fast.converged, fast.status);
  const g = gaussianPdf(4, 6, 5, 0.05);
  const general = fitUnbinned(
    {
      names: ["s", "b0", "b1"],
      components: [
        { pdf: () => g, shapeParams: [], yieldIndex: 0 },
        { pdf: () => bernsteinPdf(4, 6, [1, 0]), shapeParams: [], yieldIndex: 1 },
        { pdf: () => bernsteinPdf(4, 6, [0, 1]), shapeParams: [], yieldIndex: 2 },
      ],
    },
    xs,
    Float64Array.of(10, n / 2, n / 2),
    { tol: 1e-8 },
  );
  assert.ok(general.converged, general.status);
  for (let k = 0; k < 3; k++) {
    assert.ok(
      Math.abs(fast.yields[k]! - general.x[k]!) < 1e-4 * n,
      `yield ${k}: ${fast.yields[k]} vs ${general.x[k]}`,
    );
    const e = Math.sqrt(fast.cov[k * 3 + k]!);
    assert.ok(Math.abs(e / general.errors![k]! - 1) < 1e-3, `error ${k}: ${e} vs ${general.errors![k]}`);
  }
  assert.ok(Math.abs(fast.nll - general.nll) < 1e-6);
});

test("signal-yield pulls over 1000 seeded toys (Gaussian peak on a linear background) have mean 0 +- 0.05 and width 1 +- 0.05", () => {
  const sTrue = 150;
  const model = extendedSum([gaussianPdf(4, 6, 5, 0.05), bernsteinPdf(4, 6, [1, 2])], [sTrue, 1000]);
  const pulls: number[] = [];
  for (let t = 0; t < 1000; t++) {
    const xs = model.sampleToy(stream(2024, t));
    const n = xs.length;
    const r = fitMixtureYields(templates(xs, 4, 6, 5, 0.05), n, 3, Float64Array.of(0, n / 2, n / 2));
    assert.ok(r.converged, `toy ${t}: ${r.status}`);
    pulls.push((r.yields[0]! - sTrue) / Math.sqrt(r.cov[0]!));
  }
  const m = pulls.reduce((a, b) => a + b, 0) / pulls.length;
  const w = Math.sqrt(pulls.reduce((a, b) => a + (b - m) ** 2, 0) / (pulls.length - 1));
  // measured with seed 2024: mean -0.0058, width 1.0072
  assert.ok(Math.abs(m) < 0.05, `pull mean ${m}`);
  assert.ok(Math.abs(w - 1) < 0.05, `pull width ${w}`);
});
