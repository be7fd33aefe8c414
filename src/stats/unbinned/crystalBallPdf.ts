/**
 * Single-sided Crystal Ball (Oreglia, SLAC-R-236 (1980); physics.md section 6.5) on a window.
 * alpha > 0 puts the power-law tail on the low side, alpha < 0 on the high side (the RooCBShape
 * sign convention), so the sum of two Crystal Balls with opposite tails is expressible.
 */
import { doubleCrystalBallPdf } from "./doubleCrystalBallPdf.ts";
import type { Pdf } from "./pdf.ts";

/**
 * Crystal Ball density on [lo, hi].
 *
 * @param mu peak position (observable units)
 * @param sigma Gaussian core width > 0 (observable units)
 * @param alpha junction in units of sigma, nonzero; sign picks the tail side (> 0: low)
 * @param n tail power > 0
 * @example crystalBallPdf(0, 10, 5, 0.1, 1.5, 3)
 */
export function crystalBallPdf(
  lo: number,
  hi: number,
  mu: number,
  sigma: number,
  alpha: number,
  n: number,
): Pdf {
  if (!(alpha !== 0 && Number.isFinite(alpha)))
    throw new RangeError(`Crystal Ball: alpha = ${alpha} must be finite and nonzero`);
  const inf = Number.POSITIVE_INFINITY;
  return alpha > 0
    ? doubleCrystalBallPdf(lo, hi, { mu, sigma, alphaL: alpha, nL: n, alphaR: inf, nR: 1 })
    : doubleCrystalBallPdf(lo, hi, { mu, sigma, alphaL: inf, nL: 1, alphaR: -alpha, nR: n });
}
