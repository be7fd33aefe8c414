import assert from "node:assert/strict";
import { test } from "node:test";
import { normalCdf } from "../../core/special.ts";
import { pyhfCases } from "../testdata/pyhfCases.ts";
import {
  asymptoticExpected,
  asymptoticPvalues,
  asymptoticTestStat,
  millsRatio,
  normalTailRatio,
} from "./asymptoticFormulae.ts";

// pyhf's CLs from pyhf's own fitted test statistic (expected_results.json
// hypotest.asymptotic_internal_qtilde: teststat_returned, sqrt_qmuA): the formula layer alone
// must reproduce pyhf's CLs_obs / CLs_exp to 1e-12 relative (no fits involved).
for (const c of pyhfCases()) {
  test(`CLs formulae reproduce pyhf's qtilde CLs of ${c.group}/${c.name} from pyhf's test statistic to 1e-12`, () => {
    const ai = c.numbers.hypotest.asymptotic_internal_qtilde;
    const ref = c.numbers.hypotest.qtilde_mu1;
    const p = asymptoticPvalues(ai.teststat_returned, ai.sqrt_qmuA);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    assert.ok(rel(p.cls, ref.CLs_obs) < 1e-12, `${p.cls} vs ${ref.CLs_obs}`);
    assert.ok(rel(p.clsb, ref.CLsb_obs) < 1e-12);
    assert.ok(rel(p.clb, ref.CLb_obs) < 1e-12);
    for (const [i, v] of asymptoticExpected(ai.sqrt_qmuA, "qtilde").entries())
      assert.ok(rel(v, ref.CLs_exp[i]!) < 1e-12, `exp[${i}]`);
  });
}

test("qtilde switches to (q - qA) / (2 sqrt(qA)) above sqrt(qA); q uses sqrt(q) - sqrt(qA) throughout", () => {
  assert.equal(asymptoticTestStat("qtilde", 1, 4), 1 - 2);
  assert.equal(asymptoticTestStat("qtilde", 9, 4), (9 - 4) / 4);
  assert.equal(asymptoticTestStat("q", 9, 4), 1);
  // qA = 0 (mu tested at the Asimov value) routes to the first branch (pyhf #2722)
  assert.equal(asymptoticTestStat("qtilde", 4, 0), 2);
});

test("expected CLs band is ascending and its median is Phi(-sqrt(qA)) / 0.5", () => {
  const e = asymptoticExpected(1.7, "qtilde");
  for (let i = 1; i < 5; i++) assert.ok(e[i]! > e[i - 1]!);
  // Phi(-1.7) = 0.044565462758543 (scipy.stats.norm.cdf(-1.7))
  assert.ok(Math.abs(e[2]! - 2 * 0.044565462758543) < 1e-14);
});

test("Mills ratio continued fraction gives Q(x) = phi(x) R(x) to 1e-12 for x = 6..35 (reference: erfc)", () => {
  for (const x of [6, 10, 20, 35]) {
    const q = (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * millsRatio(x);
    const ref = normalCdf(-x);
    assert.ok(Math.abs(q - ref) < 1e-12 * ref, `x=${x}: ${q} vs ${ref}`);
  }
});

test("CLs stays finite where both tails underflow (t = 60): CLs = exp(-(62^2 - 60^2)/2) R(62)/R(60)", () => {
  const r = asymptoticPvalues(60, 2);
  assert.equal(r.clb, 0);
  const want = Math.exp(-0.5 * (62 * 62 - 60 * 60)) * (millsRatio(62) / millsRatio(60));
  assert.ok(Number.isFinite(r.cls) && Math.abs(r.cls - want) < 1e-12 * want, `${r.cls}`);
  assert.ok(Math.abs(normalTailRatio(22, 20) - normalCdf(-22) / normalCdf(-20)) < 1e-15);
});
