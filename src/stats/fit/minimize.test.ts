import assert from "node:assert/strict";
import { test } from "node:test";
import { minimize, type Objective } from "./minimize.ts";

const rosen = (withHess: boolean): Objective => ({
  n: 2,
  value(x, g) {
    const a = x[0]!;
    const b = x[1]!;
    if (g) {
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
    }
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  },
  ...(withHess
    ? {
        hessian(x: Float64Array, h: Float64Array) {
          const a = x[0]!;
          const b = x[1]!;
          h[0] = 2 - 400 * (b - a * a) + 800 * a * a;
          h[1] = h[2] = -400 * a;
          h[3] = 200;
        },
      }
    : {}),
});

for (const withHess of [true, false]) {
  test(`Rosenbrock from (-1.2, 1) reaches (1, 1) to 1e-4 (${withHess ? "exact Hessian" : "BFGS"})`, () => {
    const r = minimize(rosen(withHess), Float64Array.of(-1.2, 1), { tol: 1e-6 });
    assert.ok(r.converged, r.status);
    assert.ok(Math.abs(r.x[0]! - 1) < 1e-4 && Math.abs(r.x[1]! - 1) < 1e-4, `${r.x}`);
  });
  test(`Rosenbrock with upper bound x0 <= 0.5 stops on the bound at the constrained minimum (${withHess ? "exact" : "BFGS"})`, () => {
    // constrained minimum: x0 = 0.5 on the bound, x1 = 0.25 (d/dx1 = 0 there); analytic.
    const r = minimize(rosen(withHess), Float64Array.of(-1.2, 1), {
      upper: Float64Array.of(0.5, 10),
      lower: Float64Array.of(-5, -5),
      tol: 1e-6,
    });
    assert.ok(r.converged, r.status);
    assert.ok(Math.abs(r.x[0]! - 0.5) < 1e-9, `${r.x}`);
    assert.ok(Math.abs(r.x[1]! - 0.25) < 1e-5, `${r.x}`);
  });
}

test("quadratic 2NLL with known covariance: HESSE errors and correlation exact to 1e-8 (errordef 1 and 0.5)", () => {
  // f = (x-m)^T C^-1 (x-m) with C = [[4, 1.2], [1.2, 1]] -> cov = C for errordef 1
  const C = [4, 1.2, 1.2, 1];
  const det = C[0]! * C[3]! - C[1]! * C[2]!;
  const Ci = [C[3]! / det, -C[1]! / det, -C[2]! / det, C[0]! / det];
  const m = [3, -2];
  for (const [scale, errordef] of [
    [1, 1],
    [0.5, 0.5],
  ] as const) {
    const obj: Objective = {
      n: 2,
      value(x, g) {
        const d0 = x[0]! - m[0]!;
        const d1 = x[1]! - m[1]!;
        if (g) {
          g[0] = scale * 2 * (Ci[0]! * d0 + Ci[1]! * d1);
          g[1] = scale * 2 * (Ci[2]! * d0 + Ci[3]! * d1);
        }
        return scale * (d0 * (Ci[0]! * d0 + Ci[1]! * d1) + d1 * (Ci[2]! * d0 + Ci[3]! * d1));
      },
    };
    const r = minimize(obj, Float64Array.of(0, 0), { hesse: true, errordef, tol: 1e-8 });
    assert.ok(r.converged);
    assert.ok(Math.abs(r.x[0]! - 3) < 1e-5 && Math.abs(r.x[1]! + 2) < 1e-5);
    assert.ok(Math.abs(r.errors![0]! - 2) < 1e-8, `${r.errors}`);
    assert.ok(Math.abs(r.errors![1]! - 1) < 1e-8, `${r.errors}`);
    assert.ok(Math.abs(r.cov![1]! - 1.2) < 1e-8);
  }
});

test("fixed parameters stay at their start value and get zero error", () => {
  const obj: Objective = {
    n: 2,
    value(x, g) {
      if (g) {
        g[0] = 2 * (x[0]! - x[1]!);
        g[1] = -2 * (x[0]! - x[1]!) + 2 * x[1]!;
      }
      return (x[0]! - x[1]!) ** 2 + x[1]! ** 2;
    },
  };
  const r = minimize(obj, Float64Array.of(0, 2), { fixed: Uint8Array.of(0, 1), hesse: true });
  assert.equal(r.x[1], 2);
  assert.ok(Math.abs(r.x[0]! - 2) < 1e-6);
  assert.equal(r.errors![1], 0);
});

test("objective without a gradient falls back to finite differences", () => {
  const r = minimize({ n: 1, value: (x) => (x[0]! - 1.5) ** 2 }, Float64Array.of(0), { tol: 1e-8 });
  assert.ok(Math.abs(r.x[0]! - 1.5) < 1e-5, `${r.x}`);
});

test("a NaN objective reports status non-finite instead of throwing", () => {
  const r = minimize({ n: 1, value: () => Number.NaN }, Float64Array.of(0));
  assert.equal(r.converged, false);
  assert.equal(r.status, "non-finite");
});

test("a half-bounded parameter (lower bound only) moves freely away from its bound", () => {
  // f = (x - 3)^2 with x >= 0, start at the bound: minimum x = 3 (analytic)
  const obj: Objective = {
    n: 1,
    value(x, g) {
      if (g) g[0] = 2 * (x[0]! - 3);
      return (x[0]! - 3) ** 2;
    },
  };
  const r = minimize(obj, Float64Array.of(0), { lower: Float64Array.of(0), tol: 1e-8 });
  assert.ok(Math.abs(r.x[0]! - 3) < 1e-5, `${r.x}`);
  // and pushing into the bound stops on it
  const r2 = minimize(obj, Float64Array.of(5), { upper: Float64Array.of(1), tol: 1e-8 });
  assert.equal(r2.x[0], 1);
});
