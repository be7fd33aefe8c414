import assert from "node:assert/strict";
import { test } from "node:test";
import { fourVectorColumns } from "./fourVector.ts";
import {
  invariantMass,
  invariantMass2,
  invariantMass2Columns,
  invariantMassColumns,
  pairMass2,
} from "./invariantMass.ts";

test("single four-vectors by hand: (3,0,4,13) has M = 12; (0,0,5,3) has M^2 = -16 and M = -4", () => {
  assert.equal(invariantMass2(3, 0, 4, 13), 144);
  assert.equal(invariantMass(3, 0, 4, 13), 12);
  assert.equal(invariantMass2(0, 0, 5, 3), -16); // space-like: the sign is kept
  assert.equal(invariantMass(0, 0, 5, 3), -4);
});

test("pair by hand: (1,2,2,5) + (-1,-2,2,5) = (0,0,4,10), M^2 = 100 - 16 = 84", () => {
  assert.equal(pairMass2(1, 2, 2, 5, -1, -2, 2, 5), 84);
  // two massless back-to-back 5 GeV particles: M = 10
  assert.equal(pairMass2(0, 0, 5, 5, 0, 0, -5, 5), 100);
});

test("columns: two and three particles by hand, exact", () => {
  const a = fourVectorColumns(2);
  const b = fourVectorColumns(2);
  const c = fourVectorColumns(2);
  // row 0: (1,2,2,5) + (-1,-2,2,5) [+ (0,0,0,0)] ; row 1: (1,0,0,2) + (0,1,0,2) [+ (0,0,1,2)]
  a.px.set([1, 1]);
  a.py.set([2, 0]);
  a.pz.set([2, 0]);
  a.e.set([5, 2]);
  b.px.set([-1, 0]);
  b.py.set([-2, 1]);
  b.pz.set([2, 0]);
  b.e.set([5, 2]);
  c.pz.set([0, 1]);
  c.e.set([0, 2]);
  assert.deepEqual(Array.from(invariantMass2Columns([a, b], new Float64Array(2))), [84, 16 - 2]);
  // row 1 with three: sum (1,1,1,6), M^2 = 36 - 3 = 33
  assert.deepEqual(Array.from(invariantMass2Columns([a, b, c], new Float64Array(2))), [84, 33]);
  assert.deepEqual(Array.from(invariantMass2Columns([a], new Float64Array(2))), [25 - 9, 4 - 1]);
  const m = invariantMassColumns([a, b, c], new Float64Array(2));
  assert.equal(m[0], Math.sqrt(84));
  assert.equal(m[1], Math.sqrt(33));
});

test("columns keep negative M^2 and give a negative mass for space-like sums", () => {
  const a = fourVectorColumns(1);
  a.pz[0] = 5;
  a.e[0] = 3;
  assert.equal(invariantMass2Columns([a], new Float64Array(1))[0], -16);
  assert.equal(invariantMassColumns([a], new Float64Array(1))[0], -4);
});

test("columns shorter than the output throw a RangeError; no particles throws", () => {
  const a = fourVectorColumns(2);
  assert.throws(() => invariantMass2Columns([a], new Float64Array(3)), RangeError);
  assert.throws(() => invariantMass2Columns([], new Float64Array(3)), RangeError);
});
