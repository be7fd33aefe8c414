import assert from "node:assert/strict";
import { test } from "node:test";
import { normalQuantile } from "../../core/special.ts";
import { asymptoticCls, expectedClsLimit } from "./asymptoticCls.ts";
import { clsExpectedLimit, clsObservedLimit } from "./clsUpperLimit.ts";

test("expected CLs limits follow sigma (Phi^-1(1 - alpha Phi(N)) + N) (physics.md 6.3): median 1.6449 sigma at 90% CL", () => {
  assert.ok(Math.abs(expectedClsLimit(1, 0.1, 0) - normalQuantile(0.95)) < 1e-12);
  assert.ok(Math.abs(expectedClsLimit(2, 0.1, 0) - 2 * 1.6448536269514722) < 1e-9); // scipy.stats.norm.ppf(0.95)
  const bands = [-2, -1, 0, 1, 2].map((N) => expectedClsLimit(1, 0.1, N));
  for (let i = 1; i < 5; i++) assert.ok(bands[i]! > bands[i - 1]!, "bands increase with N");
});

test("asymptotic CLs at q = q_A = 1.6449^2 with mu_hat = 0 is 2 (1 - Phi(1.6449)) = 0.1 (1007.1727 eq. (66))", () => {
  const z = 1.6448536269514722;
  const r = asymptoticCls(z, z);
  assert.ok(Math.abs(r.cls - 0.1) < 1e-12, `${r.cls}`);
  assert.equal(asymptoticCls(0, 0).cls, 1);
});

test("with exactly parabolic q~ and q_A the limits equal the closed-form Wald ones: observed (mu_hat = 0) = median, and every band (1e-6)", () => {
  const sigma = 7.3;
  let calls = 0;
  const qAsimov = (mu: number): number => (mu / sigma) ** 2;
  const ul = clsObservedLimit({
    qTilde: (mu) => {
      calls++;
      return mu > 0 ? (mu / sigma) ** 2 : 0;
    },
    qAsimov,
    alpha: 0.1,
    muHat: 0,
    sigmaHat: sigma,
    sigmaA: sigma,
  });
  assert.ok(Math.abs(ul / expectedClsLimit(sigma, 0.1, 0) - 1) < 1e-6, `${ul}`);
  assert.ok(calls <= 8, `${calls} profile fits`);
  for (const N of [-2, -1, 0, 1, 2]) {
    const e = clsExpectedLimit({ qAsimov, alpha: 0.1, sigmaA: sigma }, N);
    assert.ok(Math.abs(e / expectedClsLimit(sigma, 0.1, N) - 1) < 1e-6, `band ${N}: ${e}`);
  }
});

test("an upward fluctuation (mu_hat = 2 sigma) raises the observed limit above the +1 sigma expected band", () => {
  const sigma = 3;
  const ul = clsObservedLimit({
    qTilde: (mu) => (mu > 6 ? ((mu - 6) / sigma) ** 2 : 0),
    qAsimov: (mu) => (mu / sigma) ** 2,
    alpha: 0.1,
    muHat: 6,
    sigmaHat: sigma,
    sigmaA: sigma,
  });
  assert.ok(ul > expectedClsLimit(sigma, 0.1, 1), `${ul}`);
  assert.ok(ul < expectedClsLimit(sigma, 0.1, 2.5), `${ul}`);
});
