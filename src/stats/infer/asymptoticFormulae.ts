/**
 * Asymptotic p-values and CLs in pyhf's conventions (statistics.md 1.6; Cowan et al.,
 * arXiv:1007.1727, eqs. 57-66; pyhf `AsymptoticCalculator`).
 */
import { normalCdf } from "../../core/special.ts";
import type { TestStatName } from "./testStatistic.ts";

/** pyhf's order of expected-band test-statistic values: n = +2, +1, 0, -1, -2 sigma. */
export const EXPECTED_NSIGMA: readonly number[] = [2, 1, 0, -1, -2];

/**
 * The returned test statistic in "-mu_hat/sigma" units from q_mu (data) and q_mu,A (Asimov):
 * q, q0: sqrt(q) - sqrt(qA); qtilde (and tmu variants, as pyhf): the same if sqrt(q) <= sqrt(qA)
 * or qA = 0, else (q - qA) / (2 sqrt(qA)).
 */
export function asymptoticTestStat(stat: TestStatName, q: number, qA: number): number {
  const sq = Math.sqrt(q);
  const sqA = Math.sqrt(qA);
  if (stat === "q" || stat === "q0") return sq - sqA;
  if (sq <= sqA || sqA === 0) return sq - sqA;
  return (q - qA) / (2 * sqA);
}

/**
 * Mills ratio R(x) = Q(x) / phi(x) for x >= 5 by its continued fraction
 * R(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...)))) (Abramowitz & Stegun 26.2.14), evaluated bottom-up.
 */
export function millsRatio(x: number): number {
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / f;
  return 1 / f;
}

/**
 * Q(a) / Q(b) for upper normal tails Q(x) = Phi(-x). Where both tails underflow (x > ~37),
 * the ratio is computed from Mills ratios, so CLs stays finite far out in the tail instead of
 * becoming 0/0 (pyhf returns NaN there).
 */
export function normalTailRatio(a: number, b: number): number {
  const qb = normalCdf(-b);
  if (qb > 1e-280 || a < 5 || b < 5) return normalCdf(-a) / qb;
  return Math.exp(-0.5 * (a - b) * (a + b)) * (millsRatio(a) / millsRatio(b));
}

/** CLs+b, CLb, CLs for returned statistic t: CLs+b = Phi(-(t + sqrt(qA))), CLb = Phi(-t). */
export function asymptoticPvalues(t: number, sqrtQA: number): { clsb: number; clb: number; cls: number } {
  const clsb = normalCdf(-(t + sqrtQA));
  const clb = normalCdf(-t);
  return { clsb, clb, cls: normalTailRatio(t + sqrtQA, t) };
}

/**
 * Expected CLs (or CLs+b for q0) for the 5 band values t = n in pyhf's order (+2 ... -2 sigma),
 * i.e. ascending CLs.
 */
export function asymptoticExpected(sqrtQA: number, stat: TestStatName, out = new Array<number>(5)): number[] {
  for (let i = 0; i < 5; i++) {
    const p = asymptoticPvalues(EXPECTED_NSIGMA[i]!, sqrtQA);
    out[i] = stat === "q0" ? p.clsb : p.cls;
  }
  return out;
}
