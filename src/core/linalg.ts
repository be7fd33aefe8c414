/**
 * Small dense linear algebra on row-major Float64Array (element (i, j) of an n x n matrix at
 * i * n + j), for Hessians, covariance matrices and Gaussian constraints (n up to a few hundred).
 * Every function takes an optional `out` so that hot loops (a minimiser's Newton step) allocate
 * nothing; without `out` a fresh array is returned.
 *
 * Algorithms: Cholesky-Crout row by row and triangular substitution (Golub & Van Loan, "Matrix
 * Computations", 4th ed., algorithms 4.2.1 and 3.1.1-2); diagonal shift for indefinite
 * matrices after Nocedal & Wright, "Numerical Optimization", 2nd ed., algorithm 3.3.
 *
 * @example
 * const a = new Float64Array([4, 2, 2, 3]);       // [[4, 2], [2, 3]]
 * const l = cholesky(a, 2);                        // [[2, 0], [1, sqrt 2]]
 * const x = choleskySolve(l, 2, new Float64Array([2, 1])); // A x = b -> [0.5, 0]
 */

function checkSize(a: ArrayLike<number>, len: number, what: string): void {
  if (a.length < len) throw new RangeError(`${what}: length ${a.length} < ${len}`);
}

/**
 * Cholesky factorisation without throwing: writes the lower factor L (A = L L^T) into `out` (upper
 * triangle set to 0) and returns -1, or returns the index k of the first pivot that is not
 * positive (A is not positive definite, or has NaN), leaving `out` partly written.
 * Only the lower triangle of `a` is read, so `out` may be `a` itself (in-place factorisation).
 * Allocates nothing.
 *
 * @param a n x n symmetric matrix, row-major
 * @param n order
 * @param out n x n output for L
 * @returns -1 on success, else the failing pivot index
 * @example if (tryCholesky(h, n, l) >= 0) { ... not positive definite ... }
 */
export function tryCholesky(a: Float64Array, n: number, out: Float64Array): number {
  checkSize(a, n * n, "tryCholesky a");
  checkSize(out, n * n, "tryCholesky out");
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= out[ri + k]! * out[rj + k]!;
      if (j < i) {
        out[ri + j] = s / out[rj + j]!;
      } else {
        // not "s <= 0" alone: !(s > 0) also catches NaN
        if (!(s > 0)) return i;
        out[ri + i] = Math.sqrt(s);
      }
    }
    for (let j = i + 1; j < n; j++) out[ri + j] = 0;
  }
  return -1;
}

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric positive-definite matrix.
 * Throws a RangeError naming the failing pivot when A is not positive definite.
 *
 * @param a n x n symmetric positive-definite matrix, row-major (only the lower triangle is read)
 * @param n order
 * @param out optional n x n output (may be `a`)
 * @example const l = cholesky(new Float64Array([4, 2, 2, 3]), 2); // [2, 0, 1, 1.414...]
 */
export function cholesky(
  a: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  const k = tryCholesky(a, n, out);
  if (k >= 0)
    throw new RangeError(`cholesky: matrix is not positive definite (pivot ${k} of ${n} is <= 0 or NaN)`);
  return out;
}

/**
 * Solve (L L^T) x = b given the Cholesky factor L: forward then backward substitution.
 * `out` may be `b` (solved in place). Allocates nothing when `out` is given.
 *
 * @param l n x n lower factor from {@link cholesky}
 * @param n order
 * @param b right-hand side, length n
 * @param out optional length-n output
 * @example const x = choleskySolve(cholesky(a, n), n, b);
 */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  checkSize(l, n * n, "choleskySolve l");
  checkSize(b, n, "choleskySolve b");
  checkSize(out, n, "choleskySolve out");
  // L y = b
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * out[k]!;
    out[i] = s / l[ri + i]!;
  }
  // L^T x = y (column access of L: l[k * n + i])
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * out[k]!;
    out[i] = s / l[i * n + i]!;
  }
  return out;
}

/**
 * Solve A x = b for symmetric positive-definite A. Throws a RangeError when A is not positive
 * definite. Pass `work` (n x n) to avoid allocating the factor.
 *
 * @example spdSolve(new Float64Array([4, 2, 2, 3]), 2, [2, 1]) // [0.5, 0]
 */
export function spdSolve(
  a: Float64Array,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array = new Float64Array(n),
  work: Float64Array = new Float64Array(n * n),
): Float64Array {
  cholesky(a, n, work);
  return choleskySolve(work, n, b, out);
}

/**
 * Inverse of a lower-triangular matrix (also lower triangular), by forward substitution column
 * by column. `out` must not alias `l`.
 */
export function lowerInverse(
  l: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  checkSize(l, n * n, "lowerInverse l");
  checkSize(out, n * n, "lowerInverse out");
  if (out === l) throw new RangeError("lowerInverse: out must not alias l");
  out.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    out[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const ri = i * n;
      for (let k = j; k < i; k++) s -= l[ri + k]! * out[k * n + j]!;
      out[ri + j] = s / l[ri + i]!;
    }
  }
  return out;
}

/**
 * Inverse of a symmetric positive-definite matrix (a covariance from a Hessian): A^-1 =
 * L^-T L^-1, returned full and exactly symmetric. Throws a RangeError when A is not positive
 * definite. `work` (n x n) avoids allocations; `out` may be `a`.
 *
 * @example spdInverse(new Float64Array([4, 0, 0, 2]), 2) // [0.25, 0, 0, 0.5]
 */
export function spdInverse(
  a: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
  work: Float64Array = new Float64Array(n * n),
): Float64Array {
  cholesky(a, n, work);
  // L^-1 goes to `out` (a scratch array if out is a), the product to `work`, then mirrored
  const linv = lowerInverse(work, n, out === a ? new Float64Array(n * n) : out);
  // (A^-1)_ij = sum_k>=max(i,j) Linv_ki Linv_kj; compute the lower triangle into work, mirror
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += linv[k * n + i]! * linv[k * n + j]!;
      work[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = work[i * n + j]!;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * ln det A from its Cholesky factor: 2 sum_i ln L_ii (no overflow for large determinants).
 *
 * @example choleskyLogDet(cholesky(a, n), n)
 */
export function choleskyLogDet(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]!);
  return 2 * s;
}

/** Result of {@link choleskyShifted}. */
export interface ShiftedCholesky {
  /** Lower factor of A + shift * I. */
  l: Float64Array;
  /** The diagonal shift tau >= 0 that was needed (0 when A is positive definite). */
  shift: number;
}

/**
 * Cholesky factor of A + tau I with the smallest tau >= 0 (up to a factor 2) that makes it
 * positive definite: Nocedal & Wright algorithm 3.3 ("Cholesky with added multiple of the
 * identity"). tau starts at 0 if all diagonal elements are positive, else at
 * -min(a_ii) + beta, and doubles (at least to beta) until the factorisation succeeds;
 * beta = 1e-3 * max|a_ii| (1e-3 for a zero diagonal) sets the scale. A minimiser uses this to
 * turn an indefinite Hessian into a descent direction. Throws a RangeError for non-finite input.
 *
 * @param a n x n symmetric matrix (lower triangle read)
 * @param n order
 * @param out optional n x n output for the factor
 * @example const { l, shift } = choleskyShifted(hessian, n);
 */
export function choleskyShifted(
  a: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n * n),
): ShiftedCholesky {
  checkSize(a, n * n, "choleskyShifted a");
  let dmax = 0;
  let dmin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i]!;
    if (!Number.isFinite(d)) throw new RangeError(`choleskyShifted: diagonal element ${i} is ${d}`);
    dmax = Math.max(dmax, Math.abs(d));
    dmin = Math.min(dmin, d);
  }
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(a[i]!)) throw new RangeError(`choleskyShifted: element ${i} is ${a[i]}`);
  }
  const beta = dmax > 0 ? 1e-3 * dmax : 1e-3;
  let tau = dmin > 0 ? 0 : beta - dmin;
  // a copy, because `out` may be `a` and is overwritten by failed attempts
  const shifted = Float64Array.from(a.subarray(0, n * n));
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = shifted[i * n + i]!;
  for (let iter = 0; iter < 200; iter++) {
    for (let i = 0; i < n; i++) shifted[i * n + i] = diag[i]! + tau;
    if (tryCholesky(shifted, n, out) < 0) return { l: out, shift: tau };
    tau = Math.max(2 * tau, beta);
  }
  throw new RangeError("choleskyShifted: no positive-definite shift found (matrix entries overflow?)");
}

/**
 * y = A x for an m x k row-major matrix A. `out` must not alias `x`.
 *
 * @example matVec(new Float64Array([1, 2, 3, 4]), 2, 2, [1, 1]) // [3, 7]
 */
export function matVec(
  a: Float64Array,
  m: number,
  k: number,
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(m),
): Float64Array {
  checkSize(a, m * k, "matVec a");
  checkSize(x, k, "matVec x");
  for (let i = 0; i < m; i++) {
    const r = i * k;
    let s = 0;
    for (let j = 0; j < k; j++) s += a[r + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * C = A B for row-major A (m x k) and B (k x p); C is m x p. `out` must not alias A or B.
 *
 * @example matMul(a, b, 2, 2, 2)
 */
export function matMul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  p: number,
  out: Float64Array = new Float64Array(m * p),
): Float64Array {
  checkSize(a, m * k, "matMul a");
  checkSize(b, k * p, "matMul b");
  if (out === a || out === b) throw new RangeError("matMul: out must not alias an input");
  out.fill(0, 0, m * p);
  // i-k-j order: the inner loop runs along rows of B and C (contiguous)
  for (let i = 0; i < m; i++) {
    const rc = i * p;
    for (let q = 0; q < k; q++) {
      const aiq = a[i * k + q]!;
      if (aiq === 0) continue;
      const rb = q * p;
      for (let j = 0; j < p; j++) out[rc + j] = out[rc + j]! + aiq * b[rb + j]!;
    }
  }
  return out;
}

/**
 * Quadratic form x^T A x for an n x n matrix.
 *
 * @example quadForm(new Float64Array([2, 0, 0, 3]), 2, [1, 1]) // 5
 */
export function quadForm(a: Float64Array, n: number, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) t += a[r + j]! * x[j]!;
    s += x[i]! * t;
  }
  return s;
}
