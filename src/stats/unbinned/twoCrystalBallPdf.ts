/**
 * Sum of two Crystal Balls sharing one mean, f CB1 + (1 - f) CB2, the four-muon signal model
 * (arXiv:2403.02841, "sums of two Crystal Ball functions sharing the same mean"; physics.md 6.5).
 * Typically alpha1 > 0 (low tail) and alpha2 < 0 (high tail).
 */
import { crystalBallPdf } from "./crystalBallPdf.ts";
import type { Pdf } from "./pdf.ts";
import { sumPdf } from "./sumPdf.ts";

/** Parameters of {@link twoCrystalBallPdf}; sigmas in observable units, alphas in units of their sigma. */
export interface TwoCbParams {
  mu: number;
  frac: number;
  sigma1: number;
  alpha1: number;
  n1: number;
  sigma2: number;
  alpha2: number;
  n2: number;
}

/**
 * @example twoCrystalBallPdf(4.9, 5.1, { mu: 5, frac: 0.6, sigma1: 0.004, alpha1: 1.3, n1: 4,
 *   sigma2: 0.005, alpha2: -1.5, n2: 6 })
 */
export function twoCrystalBallPdf(lo: number, hi: number, p: TwoCbParams): Pdf {
  const a = crystalBallPdf(lo, hi, p.mu, p.sigma1, p.alpha1, p.n1);
  const b = crystalBallPdf(lo, hi, p.mu, p.sigma2, p.alpha2, p.n2);
  const s = sumPdf([a, b], [p.frac]);
  return { ...s, name: "cb2" };
}
