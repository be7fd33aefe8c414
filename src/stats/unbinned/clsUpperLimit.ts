/**
 * Asymptotic CLs upper limits on a yield (observed and expected), for the one-sided q~_mu with the
 * Asimov q_{mu,A} evaluated by the caller (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727; pyhf's
 * asymptotic calculator, physics.md 6.3):
 *
 *   observed:     CLs(mu) = asymptoticCls(sqrt(q~_mu(data)), sqrt(q_{mu,A}))          = alpha
 *   expected, N:  CLs(mu) = [1 - Phi(sqrt(q_{mu,A}) - N)] / Phi(N)                     = alpha
 *
 * (N = -2..2: the background-only distribution of the standardised test statistic is N(0, 1) and
 * its band values are N; this is pyhf's expected_pvalues, and with q_{mu,A} = mu^2/sigma_A^2 it
 * reduces to the closed form sigma_A (Phi^-1(1 - alpha Phi(N)) + N) of physics.md 6.3). Each
 * evaluation of q~ or q_A costs a conditional fit, so the search starts from the Wald
 * approximation (q~ ~ (mu - mu_hat)^2/sigma_hat^2, q_A ~ mu^2/sigma_A^2; no fits), then brackets and
 * refines with the Illinois variant of regula falsi: typically 3-6 fits.
 */
import { normalCdf, normalSf } from "../../core/special.ts";
import { asymptoticCls } from "./asymptoticCls.ts";

/** Root of the decreasing function `g` (CLs - alpha) above `floor`, starting from `guess`. */
function solveDecreasing(
  g: (mu: number) => number,
  guess: number,
  floor: number,
  scale: number,
  relTol: number,
): number {
  let a = Math.max(guess, floor + 1e-9 * scale);
  let ga = g(a);
  let step = 0.03 * Math.max(a - floor, scale * 0.1) * (ga > 0 ? 1 : -1);
  let b = a;
  let gb = ga;
  for (let k = 0; k < 80 && Math.sign(gb) === Math.sign(ga) && ga !== 0; k++) {
    a = b;
    ga = gb;
    b = a + step;
    if (b <= floor) b = 0.5 * (a + floor) + 1e-12 * scale;
    gb = g(b);
    step *= 2;
  }
  if (ga === 0) return a;
  if (Math.sign(gb) === Math.sign(ga) || !Number.isFinite(gb)) return Number.NaN;
  let side = 0;
  for (let it = 0; it < 100; it++) {
    const c = (a * gb - b * ga) / (gb - ga);
    const gc = g(c);
    if (Math.abs(b - a) < relTol * Math.max(Math.abs(c), scale) || Math.abs(gc) < 1e-9) return c;
    if (Math.sign(gc) === Math.sign(ga)) {
      a = c;
      ga = gc;
      if (side === 1) gb /= 2;
      side = 1;
    } else {
      b = c;
      gb = gc;
      if (side === -1) ga /= 2;
      side = -1;
    }
  }
  return 0.5 * (a + b);
}

/** Bisection root of a cheap decreasing function on [a, ...) (Wald starting points). */
function bisectDecreasing(g: (mu: number) => number, a: number, scale: number): number {
  let b = a + scale;
  for (let k = 0; g(b) > 0 && k < 60; k++) b = a + (b - a) * 2;
  for (let it = 0; it < 80; it++) {
    const m = 0.5 * (a + b);
    if (g(m) > 0) a = m;
    else b = m;
  }
  return 0.5 * (a + b);
}

/** Inputs shared by the observed and expected limit searches. */
export interface ClsLimitProblem {
  /** mu -> q~_mu on the data (profile fits); only called for mu > max(mu_hat, 0). */
  qTilde: (mu: number) => number;
  /** mu -> q_{mu,A} on the background-only Asimov data set (profile fits). */
  qAsimov: (mu: number) => number;
  /** 1 - CL. */
  alpha: number;
  /** Best-fit yield on the data. */
  muHat: number;
  /** HESSE error of mu_hat (starting guess). */
  sigmaHat: number;
  /** Asimov standard deviation of the yield (starting guess and scale). */
  sigmaA: number;
  /** Relative tolerance on the limits (default 1e-5). */
  relTol?: number;
}

/**
 * Observed limit (events); NaN if CLs never crosses alpha.
 * @example clsObservedLimit({ qTilde: (mu) => ((mu - 3) / 2) ** 2, qAsimov: (mu) => (mu / 2) ** 2, alpha: 0.1, muHat: 3, sigmaHat: 2, sigmaA: 2 })
 */
export function clsObservedLimit(p: ClsLimitProblem): number {
  const { alpha, muHat, sigmaA } = p;
  if (!(sigmaA > 0)) return Number.NaN;
  const sH = p.sigmaHat > 0 && Number.isFinite(p.sigmaHat) ? p.sigmaHat : sigmaA;
  const floor = Math.max(muHat, 0);
  const qW = (mu: number): number =>
    mu <= muHat ? 0 : muHat >= 0 ? ((mu - muHat) / sH) ** 2 : (mu * mu - 2 * mu * muHat) / (sH * sH);
  const guess = bisectDecreasing(
    (mu) => asymptoticCls(Math.sqrt(qW(mu)), mu / sigmaA).cls - alpha,
    floor,
    sH + sigmaA,
  );
  const g = (mu: number): number =>
    asymptoticCls(Math.sqrt(Math.max(0, p.qTilde(mu))), Math.sqrt(Math.max(0, p.qAsimov(mu)))).cls - alpha;
  return solveDecreasing(g, guess, floor, sigmaA, p.relTol ?? 1e-5);
}

/**
 * Expected limit (events) at band N (sigma units, N = 0 median); NaN if not found.
 * @example clsExpectedLimit({ ...problem }, 0)
 */
export function clsExpectedLimit(
  p: Omit<ClsLimitProblem, "qTilde" | "muHat" | "sigmaHat">,
  N: number,
): number {
  const { alpha, sigmaA } = p;
  if (!(sigmaA > 0)) return Number.NaN;
  const pb = normalCdf(N);
  const g = (mu: number): number => normalSf(Math.sqrt(Math.max(0, p.qAsimov(mu))) - N) / pb - alpha;
  // Wald guess: the closed form of 1007.1727 eq. (89), CLs version (physics.md 6.3)
  const guess = bisectDecreasing((mu) => normalSf(mu / sigmaA - N) / pb - alpha, 0, sigmaA);
  return solveDecreasing(g, guess, 0, sigmaA, p.relTol ?? 1e-5);
}
