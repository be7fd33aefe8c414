import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { cutSensitivity, optimalCuts } from "./cutSensitivity.ts";
import type { PunziProblem } from "./punziProblem.ts";
import { punziSensitivity } from "./punziSensitivity.ts";
import { auc, roc } from "./roc.ts";
import { membershipFromLists } from "./windowMembership.ts";

test("ROC and AUC: perfect, inverted, all-tied and a weighted hand-computed case", () => {
  assert.equal(auc(roc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])), 1);
  assert.equal(auc(roc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])), 0);
  assert.equal(auc(roc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])), 0.5);
  // weighted Mann-Whitney by hand: signal (0.9, w 1), (0.7, w 3); background (0.8, w 2), (0.1, w 1)
  // pairs with s > b: (0.9,0.8) 1*2 + (0.9,0.1) 1*1 + (0.7,0.1) 3*1 = 6 of 4 * 3 = 12 -> 0.5;
  // move the w=3 signal above 0.8 -> 6 + 3*2 = 12 -> 1; at 0.75 with bkg 0.8 weight 1 -> (1+1+3)/(4*2)
  assert.equal(auc(roc([0.9, 0.7, 0.8, 0.1], [1, 1, 0, 0], [1, 3, 2, 1])), 0.5);
  assert.equal(auc(roc([0.9, 0.75, 0.8, 0.1], [1, 1, 0, 0], [1, 3, 1, 1])), 5 / 8);
  const r = roc([0.9, 0.1], [1, 0]);
  assert.deepEqual(Array.from(r.tpr), [0, 1, 1]);
  assert.deepEqual(Array.from(r.fpr), [0, 0, 1]);
});

test("AUC of two unit Gaussians 2 apart equals Phi(2 / sqrt 2) = 0.921350 within 0.005 (20000 events)", () => {
  // analytic: P(s > b) = Phi(delta / sqrt(2)), Phi(1.41421) = 0.9213504 (python3: 0.5*erfc(-1/1))
  const r = stream(9, 0);
  const n = 20000;
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    y[j] = j & 1;
    s[j] = r.gauss(y[j] ? 2 : 0, 1);
  }
  assert.ok(Math.abs(auc(roc(s, y)) - 0.9213504) < 0.005);
});

test("hard-cut window yields by hand, and the optimal cut scan equals a brute-force scan", () => {
  const p: PunziProblem = {
    signal: membershipFromLists([[0, 1, 2], [2]], 6),
    background: membershipFromLists(
      [
        [3, 4],
        [4, 5],
      ],
      6,
    ),
    weights: [1, 1, 1, 2, 0.5, 3],
    nGen: [10, 4],
    fTrig: 0.9,
    lumi: 2,
  };
  const o = [0.8, 0.6, 0.4, 0.3, 0.7, 0.1];
  const c = cutSensitivity(o, p, 0.5);
  // window 0: signal 0.8, 0.6 pass -> eps = 0.9 * 2 / 10 = 0.18; bkg 0.7 (w 0.5) passes -> B = 0.45
  // window 1: signal 0.4 fails -> eps = 0 (floored); bkg 0.7 (w 0.5) -> B = 0.45
  assert.ok(Math.abs(c.eps[0]! - 0.18) < 1e-15 && c.eps[1] === 0);
  assert.ok(Math.abs(c.bkg[0]! - 0.45) < 1e-15 && Math.abs(c.bkg[1]! - 0.45) < 1e-15);
  assert.equal(c.sensitivity[0], punziSensitivity(0.18, 0.45, { lumi: 2 }));
  assert.ok(Math.abs(c.fom[0]! - 0.18 / (1.5 + Math.sqrt(0.45))) < 1e-15);

  // larger random problem: scan vs brute force
  const r = stream(4, 0);
  const n = 500;
  const out = Float64Array.from({ length: n }, () => r.uniform());
  const lists = (lo: number, hi: number, k: number) =>
    Array.from({ length: k }, (_, i) =>
      Array.from({ length: hi - lo }, (_, j) => lo + j).filter((j) => j % (i + 2) !== 0),
    );
  const q: PunziProblem = {
    signal: membershipFromLists(lists(0, 100, 4), n),
    background: membershipFromLists(lists(100, 500, 4), n),
    weights: Float64Array.from({ length: n }, () => r.uniform() * 3),
    nGen: [120, 130, 140, 150],
  };
  const cuts = Array.from({ length: 37 }, (_, i) => 0.9 - i * 0.025);
  const fast = optimalCuts(out, q, cuts);
  for (let i = 0; i < 4; i++) {
    let best = Number.POSITIVE_INFINITY;
    let bestCut = Number.NaN;
    for (const cut of [...cuts].sort((a, b) => b - a)) {
      const s = cutSensitivity(out, q, cut).sensitivity[i]!;
      if (s <= best) {
        best = s;
        bestCut = cut;
      }
    }
    assert.ok(Math.abs(fast.sensitivity[i]! - best) < 1e-12 * best, `window ${i}`);
    assert.equal(fast.cut[i], bestCut);
  }
  // the four-muon criterion: maximum eps / (a/2 + sqrt B)
  const byFom = optimalCuts(out, q, cuts, "fom");
  for (let i = 0; i < 4; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (const cut of cuts) best = Math.max(best, cutSensitivity(out, q, cut).fom[i]!);
    assert.ok(Math.abs(byFom.fom[i]! - best) < 1e-12 * best, `window ${i}`);
    assert.ok(Math.abs(cutSensitivity(out, q, byFom.cut[i]!).fom[i]! - byFom.fom[i]!) < 1e-12 * best);
  }
});
