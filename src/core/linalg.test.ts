import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cholesky,
  choleskyLogDet,
  choleskyShifted,
  choleskySolve,
  lowerInverse,
  matMul,
  matVec,
  quadForm,
  spdInverse,
  spdSolve,
  tryCholesky,
} from "./linalg.ts";
import { stream } from "./random.ts";

/** Seeded random SPD matrix A = B B^T + n I (condition number ~ 10 .. 1e2). */
function randomSpd(n: number, seed: number): Float64Array {
  const s = stream(seed, n);
  const b = s.fillNormal(new Float64Array(n * n));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += b[i * n + k]! * b[j * n + k]!;
      if (i === j) t += n;
      a[i * n + j] = t;
      a[j * n + i] = t;
    }
  }
  return a;
}

function frob(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

function transpose(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j]!;
  return t;
}

const SIZES = [5, 17, 50, 120, 200];

test("cholesky residual ||L L^T - A||_F / ||A||_F < 1e-12 on seeded random SPD matrices, n = 5..200", () => {
  for (const n of SIZES) {
    const a = randomSpd(n, 1);
    const l = cholesky(a, n);
    // L is lower triangular with positive diagonal
    for (let i = 0; i < n; i++) {
      assert.ok(l[i * n + i]! > 0, "l[i * n + i]! > 0");
      for (let j = i + 1; j < n; j++) assert.equal(l[i * n + j], 0);
    }
    const llt = matMul(l, transpose(l, n), n, n, n);
    for (let i = 0; i < n * n; i++) llt[i] = llt[i]! - a[i]!;
    const res = frob(llt) / frob(a);
    assert.ok(res < 1e-12, `n = ${n}: ${res}`);
  }
});

test("cholesky in place (out = a) gives the same factor", () => {
  const n = 30;
  const a = randomSpd(n, 2);
  const l = cholesky(a, n);
  const b = Float64Array.from(a);
  cholesky(b, n, b);
  assert.deepEqual(b, l);
});

test("choleskySolve / spdSolve residual ||A x - b|| / (||A|| ||x||) < 1e-14, n = 5..200, in place too", () => {
  for (const n of SIZES) {
    const a = randomSpd(n, 3);
    const rhs = stream(4, n).fillNormal(new Float64Array(n));
    const x = spdSolve(a, n, rhs);
    const ax = matVec(a, n, n, x);
    for (let i = 0; i < n; i++) ax[i] = ax[i]! - rhs[i]!;
    const res = frob(ax) / (frob(a) * frob(x));
    assert.ok(res < 1e-14, `n = ${n}: ${res}`);
    // solving in place into the right-hand side gives the same answer
    const l = cholesky(a, n);
    const inPlace = Float64Array.from(rhs);
    choleskySolve(l, n, inPlace, inPlace);
    assert.deepEqual(inPlace, x);
  }
});

test("spdInverse: ||A A^-1 - I||_F < 1e-12, result exactly symmetric, n = 5..200; out = a allowed", () => {
  for (const n of SIZES) {
    const a = randomSpd(n, 5);
    const inv = spdInverse(a, n);
    const prod = matMul(a, inv, n, n, n);
    for (let i = 0; i < n; i++) prod[i * n + i] = prod[i * n + i]! - 1;
    assert.ok(frob(prod) < 1e-12, `n = ${n}: ${frob(prod)}`);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(inv[i * n + j], inv[j * n + i]);
    const b = Float64Array.from(a);
    spdInverse(b, n, b);
    assert.deepEqual(b, inv);
  }
});

test("lowerInverse times L is the identity (1e-13) and choleskyLogDet equals ln det of a diagonal-times-rotation matrix", () => {
  const n = 40;
  const l = cholesky(randomSpd(n, 6), n);
  const li = lowerInverse(l, n);
  const p = matMul(li, l, n, n, n);
  for (let i = 0; i < n; i++) p[i * n + i] = p[i * n + i]! - 1;
  assert.ok(frob(p) < 1e-13, "frob(p) < 1e-13");
  // det [[4, 2], [2, 3]] = 8
  assert.ok(
    Math.abs(choleskyLogDet(cholesky(new Float64Array([4, 2, 2, 3]), 2), 2) - Math.log(8)) < 1e-15,
    "Math.abs(choleskyLogDet(cholesky(new Float64Array([4, 2, 2, 3]), 2), 2) - Math.log(8)) < 1e-15",
  );
});

test("non-positive-definite input: cholesky throws a RangeError naming the pivot, tryCholesky returns it", () => {
  const a = new Float64Array([1, 2, 2, 1]); // eigenvalues 3, -1
  assert.throws(() => cholesky(a, 2), /not positive definite \(pivot 1 of 2/);
  assert.equal(tryCholesky(a, 2, new Float64Array(4)), 1);
  assert.equal(tryCholesky(new Float64Array([Number.NaN]), 1, new Float64Array(1)), 0);
  assert.equal(tryCholesky(new Float64Array([4, 2, 2, 3]), 2, new Float64Array(4)), -1);
  assert.throws(() => spdSolve(a, 2, [1, 1]), RangeError);
  assert.throws(() => cholesky(new Float64Array(3), 2), RangeError);
});

test("choleskyShifted: zero shift for SPD input, else A + tau I = L L^T (1e-13) with tau above -lambda_min and < 2 (|lambda_min| + beta)", () => {
  const n = 20;
  const a = randomSpd(n, 7);
  const r0 = choleskyShifted(a, n);
  assert.equal(r0.shift, 0);
  assert.deepEqual(r0.l, cholesky(a, n));
  // indefinite: diag(3, 1, -2) rotated keeps eigenvalues; here simply diagonal plus a coupling
  const b = new Float64Array([3, 0.5, 0, 0.5, 1, 0, 0, 0, -2]); // eigenvalues ~3.12, 0.88, -2
  const { l, shift } = choleskyShifted(b, 3);
  assert.ok(shift > 2 && shift < 2 * (2 + 3e-3), `shift ${shift}`);
  const llt = matMul(l, transpose(l, 3), 3, 3, 3);
  for (let i = 0; i < 3; i++) b[i * 3 + i] = b[i * 3 + i]! + shift;
  for (let i = 0; i < 9; i++) llt[i] = llt[i]! - b[i]!;
  assert.ok(frob(llt) < 1e-13, "frob(llt) < 1e-13");
  // positive diagonal but indefinite (off-diagonal too large)
  const c = new Float64Array([1, 2, 2, 1]);
  const rc = choleskyShifted(c, 2);
  assert.ok(rc.shift > 1 && rc.shift < 2.01, `shift ${rc.shift}`); // needs tau > 1 (lambda_min = -1)
  assert.throws(() => choleskyShifted(new Float64Array([1, Number.NaN, 0, 1]), 2), RangeError);
});

test("matVec, matMul and quadForm agree with hand-computed values", () => {
  const a = new Float64Array([1, 2, 3, 4, 5, 6]); // 2 x 3
  assert.deepEqual(matVec(a, 2, 3, [1, 0, -1]), new Float64Array([-2, -2]));
  const b = new Float64Array([1, 0, 0, 1, 1, 1]); // 3 x 2
  assert.deepEqual(matMul(a, b, 2, 3, 2), new Float64Array([4, 5, 10, 11]));
  assert.equal(quadForm(new Float64Array([2, 1, 1, 3]), 2, [1, 2]), 2 + 2 + 2 + 12);
  assert.throws(() => matMul(a, b, 2, 3, 2, a), RangeError);
});
