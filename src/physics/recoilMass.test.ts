import assert from "node:assert/strict";
import { test } from "node:test";
import { fourVectorColumns } from "./fourVector.ts";
import { pairMass2 } from "./invariantMass.ts";
import { recoilColumns, recoilMass2, recoilMass2Cm, recoilMass2Columns } from "./recoilMass.ts";

test("c.m. event by hand: sqrt(s) = 10, mu1 = (0,0,4,4), mu2 = (0,3,0,3): P_rec = (0,-3,-4,3), M^2_rec = -16", () => {
  assert.equal(recoilMass2(0, 0, 0, 10, 0, 3, 4, 7), -16);
  // the same from c.m. quantities: s - 2 sqrt(s) E*_vis + M^2_vis = 100 - 140 + (49 - 25) = -16
  assert.equal(recoilMass2Cm(10, 7, pairMass2(0, 0, 4, 4, 0, 3, 0, 3)), -16);
});

test("a Z' of mass 2 at rest recoiling against back-to-back 4 GeV muons: M^2_rec = (10 - 8)^2 = 4", () => {
  assert.equal(recoilMass2(0, 0, 0, 10, 0, 0, 0, 8), 4);
  assert.equal(recoilMass2Cm(10, 8, 64), 4);
});

test("moving initial state by hand: P_init = (0.5,0,3,11), p_vis = (0,0,4,10): P_rec = (0.5,0,-1,1), M^2 = -0.25", () => {
  assert.equal(recoilMass2(0.5, 0, 3, 11, 0, 0, 4, 10), 1 - 0.25 - 1);
});

test("columns with a constant and with a per-event initial state reproduce the hand values", () => {
  const a = fourVectorColumns(2);
  const b = fourVectorColumns(2);
  // row 0: the -16 event; row 1: the Z' event
  a.pz.set([4, 4]);
  a.e.set([4, 4]);
  b.py.set([3, 0]);
  b.pz.set([0, -4]);
  b.e.set([3, 4]);
  const init = { px: 0, py: 0, pz: 0, e: 10 };
  assert.deepEqual(Array.from(recoilMass2Columns(init, [a, b], new Float64Array(2))), [-16, 4]);
  const initCols = fourVectorColumns(2);
  initCols.e.set([10, 10]);
  assert.deepEqual(Array.from(recoilMass2Columns(initCols, [a, b], new Float64Array(2))), [-16, 4]);
  // one visible particle (general loop): row 0 recoil against (0,0,4,4) alone = (0,0,-4,6): 36 - 16 = 20
  assert.equal(recoilMass2Columns(init, [a], new Float64Array(2))[0], 20);
  const rec = recoilColumns(init, [a, b], fourVectorColumns(2));
  assert.deepEqual([rec.px[0], rec.py[0], rec.pz[0], rec.e[0]], [0, -3, -4, 3]);
  assert.deepEqual([rec.px[1], rec.py[1], rec.pz[1], rec.e[1]], [0, 0, 0, 2]);
  const rec2 = recoilColumns(initCols, [a, b], fourVectorColumns(2));
  assert.deepEqual(Array.from(rec2.e), [3, 2]);
});
