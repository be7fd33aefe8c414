import assert from "node:assert/strict";
import { test } from "node:test";
import { windowData } from "./windowData.ts";

// grid: 4 M2 bins x a theta union of 4 cells [0, 0.5, 1, 2, pi]; cell (ix, u) holds 10 ix + u
const union = [0, 0.5, 1, 2, Math.PI];
const counts = Array.from({ length: 16 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4));

test("window data sums the union cells whose centre lies in each theta bin, x-major over the window's M2 bins", () => {
  // window of M2 bins 1..2 with theta bins [0, 1) and [1, pi): cells 0+1 and 2+3
  const d = windowData(counts, union, { first: 1, end: 3 }, [0, 1, Math.PI]);
  assert.deepEqual(d, [10 + 11, 12 + 13, 20 + 21, 22 + 23]);
  // one theta bin: the whole row
  assert.deepEqual(windowData(counts, union, { first: 0, end: 1 }, [0, Math.PI]), [0 + 1 + 2 + 3]);
  // the union itself as theta edges: the cells unchanged
  assert.deepEqual(windowData(counts, union, { first: 3, end: 4 }, union), [30, 31, 32, 33]);
});

test("window data keeps the total of the window's rows and writes into a given buffer (zeroing it first)", () => {
  const out = new Float64Array(8).fill(99);
  const r = windowData(counts, union, { first: 0, end: 4 }, [0, 2, Math.PI], out);
  assert.equal(r, out);
  assert.equal(
    out.reduce((a, b) => a + b, 0),
    counts.reduce((a, b) => a + b, 0),
  );
  assert.deepEqual(Array.from(out.subarray(0, 2)), [0 + 1 + 2, 3]);
});
