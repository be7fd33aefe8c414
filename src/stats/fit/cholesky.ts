/**
 * Small dense Cholesky factorisation and solves on row-major Float64Array (LL^T, lower
 * triangle). Used by the minimiser on Hessian blocks; no allocation.
 */

/**
 * Factor the leading n x n block of `a` (row stride `n`) in place into L (lower triangle).
 * Returns false if the matrix is not (numerically) positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j]!;
    for (let k = 0; k < j; k++) d -= a[rj + k]! * a[rj + k]!;
    // a relative floor: pivots that lost all precision mean "not positive definite"
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const l = Math.sqrt(d);
    a[rj + j] = l;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= a[ri + k]! * a[rj + k]!;
      a[ri + j] = s / l;
    }
  }
  return true;
}

/** Solve L L^T x = b in place (b becomes x), L from {@link choleskyInPlace}. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, bOff = 0): void {
  for (let i = 0; i < n; i++) {
    let s = b[bOff + i]!;
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * b[bOff + k]!;
    b[bOff + i] = s / l[ri + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[bOff + i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[bOff + k]!;
    b[bOff + i] = s / l[i * n + i]!;
  }
}

/** Inverse of an SPD matrix from its factor: writes (L L^T)^-1 into `out` (n x n). */
export function choleskyInverse(l: Float64Array, n: number, out: Float64Array): void {
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolve(l, n, col);
    for (let i = 0; i < n; i++) out[i * n + j] = col[i]!;
  }
}
