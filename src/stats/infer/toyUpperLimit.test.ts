import assert from "node:assert/strict";
import { test } from "node:test";
import { compileModel } from "../histfactory/compileModel.ts";
import { countingWorkspace } from "../testdata/countingWorkspace.ts";
import { Hypotester } from "./hypotester.ts";
import { ModelFitter } from "./modelFitter.ts";
import { ToyHypotester, toyUpperLimit } from "./toyUpperLimit.ts";
import { upperLimit } from "./upperLimit.ts";

/** Poisson P(N <= n | lambda). */
function poissonCdf(n: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let k = 1; k <= n; k++) {
    term *= lambda / k;
    sum += term;
  }
  return sum;
}

/** The classic CLs limit for one bin (Read 2002): CLs(s) = P(N <= n | s + b) / P(N <= n | b) = level. */
function exactLimit(b: number, n: number, level: number): number {
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 200; i++) {
    const s = (lo + hi) / 2;
    if (poissonCdf(n, s + b) / poissonCdf(n, b) > level) lo = s;
    else hi = s;
  }
  return (lo + hi) / 2;
}

const geometric = (a: number, b: number, k: number) =>
  Array.from({ length: k }, (_, i) => a * (b / a) ** (i / (k - 1)));

test("toy CLs limit with no background and none observed is -ln(0.1) = 2.303 events, where the asymptotic formula gives ~1.6 (4000 toys, 4 sigma of toy statistics)", () => {
  const m = compileModel(countingWorkspace(0.05, 0));
  const f = new ModelFitter(m);
  const toys = new ToyHypotester(f, m.data(), { ntoys: 4000, seed: 11 });
  const lim = toyUpperLimit(toys, geometric(1, 4, 12), { level: 0.1 });
  assert.equal(lim.failedToys, 0);
  // CLs = P(0 | s + b) / P(0 | b) = exp(-s); the toy estimate of exp(-s) = 0.1 has relative error
  // sqrt(0.9 / (0.1 x 4000)) = 4.7%, i.e. 0.047 in s
  assert.ok(Math.abs(lim.obs - Math.log(10)) < 4 * 0.047, `obs ${lim.obs}`);
  const asym = upperLimit(new Hypotester(f, m.data(), "qtilde"), { level: 0.1 });
  assert.ok(asym.exp[2]! < 1.8, `asymptotic median ${asym.exp[2]}`);
  assert.ok(lim.exp[2]! - asym.exp[2]! > 0.5, `toys ${lim.exp[2]} vs asymptotic ${asym.exp[2]}`);
});

test("toy CLs limits of one bin with b = 3 match the Poisson formula: observed n = 2, expected band at n = 0, 1, 3, 5, 7 (the 2.3/15.9/50/84.1/97.7% quantiles of Poisson(3)); 4000 toys, 6%", () => {
  const b = 3;
  const m = compileModel(countingWorkspace(b, 2));
  const toys = new ToyHypotester(new ModelFitter(m), m.data(), { ntoys: 4000, seed: 5 });
  const lim = toyUpperLimit(toys, geometric(1, 12, 14), { level: 0.1 });
  assert.equal(lim.failedToys, 0);
  const rel = (a: number, e: number) => Math.abs(a - e) / e;
  // toy error of the observed limit: 3.0% (derivation in cli/commands/cls.test.ts), so 6% is 2 sigma
  const obs = exactLimit(b, 2, 0.1);
  assert.ok(rel(lim.obs, obs) < 0.06, `obs ${lim.obs} vs ${obs}`);
  for (const [i, n] of [0, 1, 3, 5, 7].entries()) {
    const e = exactLimit(b, n, 0.1);
    assert.ok(rel(lim.exp[i]!, e) < 0.06, `exp[${i}] ${lim.exp[i]} vs ${e} (n = ${n})`);
  }
});

test("the toy-statistics error of the observed limit matches the derivation (3.0% of 3.52 at 4000 toys) and the spread over 24 seeds (one bin, b = 3, n = 2)", () => {
  const m = compileModel(countingWorkspace(3, 2));
  const f = new ModelFitter(m);
  const grid = geometric(1, 12, 14);
  // derivation in cli/commands/cls.test.ts: sigma_s = sqrt(24 / N) / 0.74 (the estimate takes
  // the slope over a grid step, 21% wide, so it is not exact)
  const big = toyUpperLimit(new ToyHypotester(f, m.data(), { ntoys: 4000, seed: 5 }), grid, { level: 0.1 });
  const derived = Math.sqrt(24 / 4000) / 0.74;
  assert.ok(big.obsError > 0.8 * derived && big.obsError < 1.4 * derived, `${big.obsError} vs ${derived}`);
  // 24 independent scans of 400 toys: the sample standard deviation of their limits (itself
  // uncertain by 1 / sqrt(2 x 23) = 15%) must agree with the mean estimated error within 40%
  const lims = Array.from({ length: 24 }, (_, s) =>
    toyUpperLimit(new ToyHypotester(f, m.data(), { ntoys: 400, seed: 100 + s }), grid, { level: 0.1 }),
  );
  const mean = lims.reduce((a, l) => a + l.obs, 0) / lims.length;
  const sd = Math.sqrt(lims.reduce((a, l) => a + (l.obs - mean) ** 2, 0) / (lims.length - 1));
  const err = lims.reduce((a, l) => a + l.obsError, 0) / lims.length;
  assert.ok(Math.abs(sd / err - 1) < 0.4, `spread ${sd} vs estimated ${err}`);
  // and the mean is the exact limit within 3 standard errors of the mean
  assert.ok(Math.abs(mean - exactLimit(3, 2, 0.1)) < (3 * sd) / Math.sqrt(lims.length), `mean ${mean}`);
});

test("toy limits are reproducible (same seed, same bytes) and extend a grid that does not bracket the limit", () => {
  const m = compileModel(countingWorkspace(1, 1));
  const run = (grid: number[]) =>
    toyUpperLimit(new ToyHypotester(new ModelFitter(m), m.data(), { ntoys: 300, seed: 2 }), grid, {
      level: 0.1,
    });
  const a = run([6, 7, 8]);
  const b = run([6, 7, 8]);
  assert.deepEqual([a.obs, ...a.exp], [b.obs, ...b.exp]);
  assert.ok(a.tested[0]!.mu < 6, "grid extended downwards");
  assert.ok(a.obs > 2 && a.obs < 6, `${a.obs}`);
  const c = run([0.1, 0.2]);
  assert.ok(c.tested[c.tested.length - 1]!.mu > 2, "grid extended upwards");
  assert.throws(() => run([2, 1]), RangeError);
});
