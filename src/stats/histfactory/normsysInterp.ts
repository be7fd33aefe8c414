/**
 * normsys interpolation: the multiplicative factor kappa(alpha) and its first two derivatives.
 * Formulas: statistics.md 1.3; code1 = piecewise exponential (ROOT HistFactory InterpCode 1),
 * code4 = exponential outside |alpha| >= 1 and a 6th-order polynomial inside that matches value,
 * first and second derivative at +-1 (ROOT HistFactory InterpCode 4, pyhf `interpolators/code4`).
 */

/** Interpolation code of a normsys modifier: 1 = exponential, 4 = polynomial + exponential. */
export type NormsysCode = 1 | 4;

/**
 * Coefficients a_1..a_6 of the code4 polynomial for factors hi, lo (relative to nominal 1):
 * a = A^-1 (u-1, d-1, u ln u, -d ln d, u ln^2 u, d ln^2 d), statistics.md 1.3.
 * Precomputed once per modifier (6 numbers).
 */
export function code4Coefficients(hi: number, lo: number, out: Float64Array, offset = 0): void {
  const lu = Math.log(hi);
  const ld = Math.log(lo);
  const b0 = hi - 1;
  const b1 = lo - 1;
  const b2 = hi * lu;
  const b3 = -lo * ld;
  const b4 = hi * lu * lu;
  const b5 = lo * ld * ld;
  out[offset] =
    (15 / 16) * b0 - (15 / 16) * b1 - (7 / 16) * b2 - (7 / 16) * b3 + (1 / 16) * b4 - (1 / 16) * b5;
  out[offset + 1] =
    (3 / 2) * b0 + (3 / 2) * b1 - (9 / 16) * b2 + (9 / 16) * b3 + (1 / 16) * b4 + (1 / 16) * b5;
  out[offset + 2] = (-5 / 8) * b0 + (5 / 8) * b1 + (5 / 8) * b2 + (5 / 8) * b3 - (1 / 8) * b4 + (1 / 8) * b5;
  out[offset + 3] = (-3 / 2) * b0 - (3 / 2) * b1 + (7 / 8) * b2 - (7 / 8) * b3 - (1 / 8) * b4 - (1 / 8) * b5;
  out[offset + 4] =
    (3 / 16) * b0 - (3 / 16) * b1 - (3 / 16) * b2 - (3 / 16) * b3 + (1 / 16) * b4 - (1 / 16) * b5;
  out[offset + 5] =
    (1 / 2) * b0 + (1 / 2) * b1 - (5 / 16) * b2 + (5 / 16) * b3 + (1 / 16) * b4 + (1 / 16) * b5;
}

/**
 * kappa(alpha) for a normsys with factors `hi` (alpha = +1) and `lo` (alpha = -1); writes
 * kappa, dkappa/dalpha, d2kappa/dalpha2 into out[o], out[o+1], out[o+2].
 * `coef` holds the six code4 coefficients at `co` (ignored for code1).
 * Edge case: hi or lo <= 0 makes the logarithm undefined; the result is then NaN, as in pyhf.
 */
export function normsysFactor(
  code: NormsysCode,
  alpha: number,
  hi: number,
  lo: number,
  coef: Float64Array,
  co: number,
  out: Float64Array,
  o: number,
): void {
  if (code === 4 && alpha > -1 && alpha < 1) {
    const a1 = coef[co]!;
    const a2 = coef[co + 1]!;
    const a3 = coef[co + 2]!;
    const a4 = coef[co + 3]!;
    const a5 = coef[co + 4]!;
    const a6 = coef[co + 5]!;
    const x = alpha;
    // Horner for 1 + sum a_i x^i and its derivatives
    out[o] = 1 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * (a5 + x * a6)))));
    out[o + 1] = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * (5 * a5 + x * 6 * a6))));
    out[o + 2] = 2 * a2 + x * (6 * a3 + x * (12 * a4 + x * (20 * a5 + x * 30 * a6)));
    return;
  }
  // exponential branch: (hi)^alpha for alpha >= 0 (code1: > 0), (lo)^(-alpha) below
  if (alpha >= 0) {
    const l = Math.log(hi);
    const k = hi ** alpha;
    out[o] = k;
    out[o + 1] = k * l;
    out[o + 2] = k * l * l;
  } else {
    const l = -Math.log(lo);
    const k = lo ** -alpha;
    out[o] = k;
    out[o + 1] = k * l;
    out[o + 2] = k * l * l;
  }
}
