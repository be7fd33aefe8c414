/**
 * Look-elsewhere effect for a scan of the one-sided discovery statistic q0(m) (physics.md 6.4):
 *
 * - Gross & Vitells (arXiv:1005.1891, eq. (2) with the 1/2 chi2_1 tail of a one-sided q0):
 *     p_global ~ P(chi2_1 > u)/2 + <N(u0)> exp(-(u - u0)/2),   u = Z_local^2,
 *   with <N(u0)> the mean number of up-crossings of a low reference level u0, counted on
 *   background-only toy scans (or on the data scan itself when there are no toys);
 * - the direct toy trials factor: p_global = fraction of background-only toy scans whose largest
 *   q0 reaches u.
 * Z_global = Phi^-1(1 - p) (one-sided; 0 when p >= 1/2).
 */
import { chi2Sf, normalQuantile } from "../../core/special.ts";

/**
 * Number of up-crossings of level u0 along q0 (transitions from below u0 to >= u0). Failed points
 * (NaN) are skipped: the curve is followed from the last valid point. A curve starting above u0
 * is not an up-crossing (GV's first term accounts for it).
 */
export function countUpcrossings(q0: ArrayLike<number>, u0: number): number {
  let n = 0;
  let prevBelow: boolean | undefined;
  for (let k = 0; k < q0.length; k++) {
    const q = q0[k]!;
    if (Number.isNaN(q)) continue;
    const below = q < u0;
    if (prevBelow === true && !below) n++;
    prevBelow = below;
  }
  return n;
}

/** One-sided significance of a p-value, 0 for p >= 1/2, +Infinity for p = 0. */
export function pToZ(p: number): number {
  if (!(p < 0.5)) return 0;
  return -normalQuantile(p);
}

/** A global p-value with its statistical error and significance. */
export interface GlobalPValue {
  p: number;
  pError: number;
  z: number;
}

/**
 * Gross-Vitells global p-value at level u from up-crossings counted at u0.
 *
 * @param u observed max q0 (= Z_local^2)
 * @param counts up-crossing counts, one per background-only scan (or one: the data scan)
 * @param u0 reference level
 * @example grossVitells(3.4 ** 2, [18], 0) // about 0.05 -> 1.6 sigma (four-muon check, spec 2.4)
 */
export function grossVitells(
  u: number,
  counts: readonly number[],
  u0: number,
): GlobalPValue & { nMean: number; nError: number } {
  const T = counts.length;
  const mean = T ? counts.reduce((a, b) => a + b, 0) / T : Number.NaN;
  // Error of the mean: sample sd / sqrt(T); with one count (the data scan) a Poisson sqrt(N).
  const sd = T > 1 ? Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (T - 1)) : Math.sqrt(mean);
  const nErr = T > 1 ? sd / Math.sqrt(T) : sd;
  const fac = u > u0 ? Math.exp(-(u - u0) / 2) : 1;
  const p = Math.min(1, 0.5 * chi2Sf(u, 1) + mean * fac);
  return { p, pError: nErr * fac, z: pToZ(p), nMean: mean, nError: nErr };
}

/**
 * Direct toy estimate: fraction of toy scans with max q0 >= u, binomial error. With no toy above u
 * the p-value is reported as 0 and `zLowerBound` gives the Z of 1/(T+1)... a bound, not a value.
 */
export function toyGlobalPValue(
  u: number,
  maxQ0: readonly number[],
): GlobalPValue & { nAbove: number; nToys: number } {
  const T = maxQ0.length;
  let k = 0;
  for (const q of maxQ0) if (q >= u) k++;
  const p = T ? k / T : Number.NaN;
  const pError = T ? Math.sqrt(Math.max(p * (1 - p), 1 / T) / T) : Number.NaN;
  return { p, pError, z: pToZ(p), nAbove: k, nToys: T };
}
