/**
 * Asymptotic CLs for the one-sided test statistic q~_mu (Cowan, Cranmer, Gross, Vitells,
 * arXiv:1007.1727, eqs. (65)-(66); CLs: Read, J. Phys. G 28 (2002) 2693), as pyhf computes it
 * (physics.md 6.3), and the expected limits of the Wald approximation.
 */
import { normalCdf, normalQuantile, normalSf } from "../../core/special.ts";

/**
 * CLs = p_{s+b} / (1 - p_b) for an observed sqrt(q~_mu) and the Asimov sqrt(q_{mu,A}) = mu / sigma_A.
 * Returns {cls, clsb, clb}. sqrtQA = 0 (no sensitivity) gives CLs = 1.
 */
export function asymptoticCls(sqrtQ: number, sqrtQA: number): { cls: number; clsb: number; clb: number } {
  if (!(sqrtQA > 0)) return { cls: 1, clsb: 1, clb: 1 };
  let clsb: number;
  let clb: number;
  if (sqrtQ <= sqrtQA) {
    clsb = normalSf(sqrtQ);
    clb = normalCdf(sqrtQA - sqrtQ);
  } else {
    const q = sqrtQ * sqrtQ;
    const qa = sqrtQA * sqrtQA;
    clsb = normalSf((q + qa) / (2 * sqrtQA));
    clb = normalSf((q - qa) / (2 * sqrtQA));
  }
  return { cls: clb > 0 ? clsb / clb : 1, clsb, clb };
}

/**
 * Expected CLs upper limit at band N (N = -2..2, sigma units; N = 0 is the median) in the Wald
 * approximation: mu_up = sigma_A (Phi^-1(1 - alpha Phi(N)) + N) (1007.1727 eq. (89), the CLs form
 * of physics.md 6.3).
 *
 * @param sigmaA standard deviation of the fitted yield under the background-only Asimov data set
 * @param alpha 1 - CL (0.10 for 90% CL)
 */
export function expectedClsLimit(sigmaA: number, alpha: number, N: number): number {
  return sigmaA * (normalQuantile(1 - alpha * normalCdf(N)) + N);
}
