/**
 * Test statistics with pyhf's exact definitions (`pyhf.infer.test_statistics`, statistics.md 1.5;
 * Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554, arXiv:1007.1727, eqs. 8-16).
 */
import { ConfigError } from "../../core/errors.ts";

/** Test-statistic names as pyhf spells them. */
export type TestStatName = "q0" | "q" | "qtilde" | "tmu" | "tmu_tilde";

/** All accepted names. */
export const TEST_STATS: readonly TestStatName[] = ["q0", "q", "qtilde", "tmu", "tmu_tilde"];

/** Validate a user-given name (ConfigError otherwise). */
export function parseTestStat(s: string, where = "--test-stat"): TestStatName {
  if ((TEST_STATS as readonly string[]).includes(s)) return s as TestStatName;
  throw new ConfigError(`unknown test statistic "${s}" (use one of ${TEST_STATS.join(", ")})`, where);
}

/**
 * The test statistic from the two fits: t_mu = max(0, twice_nll(mu, theta_hat_hat) -
 * twice_nll(mu_hat, theta_hat)); q / qtilde: 0 if mu_hat > mu; q0 (mu = 0): 0 if mu_hat < 0;
 * tmu / tmu_tilde: t_mu. (The "tilde" variants differ only through the POI lower bound 0
 * and, for qtilde, the asymptotic formula.)
 */
export function testStatFromFits(
  stat: TestStatName,
  mu: number,
  muHat: number,
  twiceNllFixed: number,
  twiceNllFree: number,
): number {
  let t = twiceNllFixed - twiceNllFree;
  if (!(t > 0)) t = Number.isNaN(t) ? Number.NaN : 0;
  switch (stat) {
    case "q":
    case "qtilde":
      return muHat > mu ? 0 : t;
    case "q0":
      return muHat < mu ? 0 : t;
    default:
      return t;
  }
}
