/**
 * Special functions. Thin, typed wrappers over single @stdlib packages where they are accurate,
 * our own code where they are not (noted per function).
 */
import erfcStd from "@stdlib/math-base-special-erfc";
import erfcinvStd from "@stdlib/math-base-special-erfcinv";
import gammaincStd from "@stdlib/math-base-special-gammainc";
import gammaincinvStd from "@stdlib/math-base-special-gammaincinv";
import gammalnStd from "@stdlib/math-base-special-gammaln";

const SQRT2 = Math.SQRT2;

/** ln Gamma(x) for x > 0 (stdlib, relative error ~1e-15). */
export function lgamma(x: number): number {
  return gammalnStd(x);
}

/** Complementary error function erfc(x) = 1 - erf(x), accurate in the upper tail. */
export function erfc(x: number): number {
  return erfcStd(x);
}

/** Error function. */
export function erf(x: number): number {
  return 1 - erfcStd(x);
}

/** Inverse complementary error function, erfcinv(erfc(x)) = x for y in (0, 2). */
export function erfcinv(y: number): number {
  return erfcinvStd(y);
}

/** Standard normal cumulative distribution Phi(x) = erfc(-x / sqrt 2) / 2 (exact in both tails). */
export function normalCdf(x: number): number {
  return 0.5 * erfcStd(-x / SQRT2);
}

/** Standard normal upper tail 1 - Phi(x), without cancellation for large x. */
export function normalSf(x: number): number {
  return 0.5 * erfcStd(x / SQRT2);
}

/**
 * Standard normal quantile Phi^-1(p) for p in (0, 1): -sqrt(2) erfcinv(2p), which keeps full
 * relative accuracy in the lower tail down to p = 1e-300 (stdlib's own normal quantile does not).
 * p = 0 gives -Infinity, p = 1 gives +Infinity.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return p === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (p >= 1) return p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (p > 0.5) return SQRT2 * erfcinvStd(2 * (1 - p));
  return -SQRT2 * erfcinvStd(2 * p);
}

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  return gammaincStd(x, a, true, false);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the tail. */
export function gammaQ(a: number, x: number): number {
  return gammaincStd(x, a, true, true);
}

/** Chi-square cumulative distribution with k degrees of freedom. */
export function chi2Cdf(x: number, k: number): number {
  if (x <= 0) return 0;
  return gammaP(k / 2, x / 2);
}

/** Chi-square survival function (p-value) with k degrees of freedom. */
export function chi2Sf(x: number, k: number): number {
  if (x <= 0) return 1;
  return gammaQ(k / 2, x / 2);
}

/** Chi-square quantile: the x with chi2Cdf(x, k) = p. */
export function chi2Quantile(p: number, k: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return 2 * gammaincinvStd(p, k / 2);
}

/**
 * Continuous Poisson log-probability, as pyhf: n ln(lambda) - lambda - lnGamma(n + 1), with
 * n = 0 -> -lambda (xlogy convention: 0 * ln 0 = 0). Non-integer n allowed.
 */
export function poissonLogPdf(n: number, lambda: number): number {
  const xlogy = n === 0 ? 0 : n * Math.log(lambda);
  return xlogy - lambda - gammalnStd(n + 1);
}

/** Poisson cumulative probability P(N <= k | lambda) for integer k >= 0. */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  return gammaQ(Math.floor(k) + 1, lambda);
}

/** Poisson upper tail P(N >= k | lambda). */
export function poissonSfInclusive(k: number, lambda: number): number {
  if (k <= 0) return 1;
  return gammaP(Math.floor(k), lambda);
}
