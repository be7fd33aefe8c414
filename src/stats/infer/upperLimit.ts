/**
 * CLs upper limits on the POI, observed and expected (-2..+2 sigma), with the semantics of pyhf's
 * `infer.intervals.upper_limits.toms748_scan` (statistics.md 1.7): start from the POI's bounds,
 * halve the lower end while any of the 6 CLs curves is below `level` there, double the upper end
 * while any is above; the observed limit is the root of CLs_obs - level on that bracket, each
 * expected limit the root on the tightest bracket among the points already tested. Every
 * hypothesis test is cached by POI value. Unlike released pyhf (#2563), `level` is honoured:
 * level = 0.1 gives the 90% CL limit.
 */
import type { Hypotester, HypotestResult } from "./hypotester.ts";
import { toms748 } from "./toms748.ts";

/** Options of {@link upperLimit}. */
export interface UpperLimitOptions {
  /** CLs threshold: 0.05 -> 95% CL (default), 0.1 -> 90% CL. */
  level?: number;
  /** Initial bracket (default: the POI's suggested bounds, as pyhf). */
  low?: number;
  high?: number;
  /** toms748 tolerances (pyhf defaults: rtol 1e-4, atol 2e-12). */
  rtol?: number;
  atol?: number;
  /** Largest POI value tried while extending the bracket (default 2^20 x the upper bound). */
  maxPoi?: number;
}

/** Observed and expected limits. */
export interface UpperLimitResult {
  /** Observed upper limit. */
  obs: number;
  /** Expected limits at -2, -1, 0, +1, +2 sigma (pyhf order: exp[0] is the lowest). */
  exp: number[];
  /** The CLs threshold used (1 - CL). */
  level: number;
  /** POI values tested, in order, with their results. */
  tested: HypotestResult[];
  /** Fits that did not converge (their best attempts were used). */
  fitFailures: number;
}

/**
 * Upper limit by root finding on CLs(mu) (asymptotic calculator of `tester`).
 * Throws RangeError if no bracket can be found (e.g. CLs never falls below `level`).
 *
 * @example
 * const lim = upperLimit(new Hypotester(new ModelFitter(model), model.data()), { level: 0.1 });
 * // lim.obs, lim.exp[2] (median expected)
 */
export function upperLimit(tester: Hypotester, opts: UpperLimitOptions = {}): UpperLimitResult {
  const level = opts.level ?? 0.05;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const model = tester.fitter.model;
  const poi = model.poiIndex;
  let lo = opts.low ?? model.lower[poi]!;
  let hi = opts.high ?? model.upper[poi]!;
  const rtol = opts.rtol ?? 1e-4;
  const atol = opts.atol ?? 2e-12;
  const maxPoi = opts.maxPoi ?? hi * 2 ** 20;
  const tested: HypotestResult[] = [];
  const seen = new Map<number, HypotestResult>();
  const failuresBefore = tester.failures;
  const run = (mu: number): HypotestResult => {
    let r = seen.get(mu);
    if (!r) {
      r = tester.test(mu);
      seen.set(mu, r);
      tested.push(r);
    }
    return r;
  };
  const value = (r: HypotestResult, which: number): number =>
    (which === 0 ? r.clsObs : r.clsExp[which - 1]!) - level;
  const all = (r: HypotestResult) => [r.clsObs, ...r.clsExp];
  let rl = run(lo);
  for (let i = 0; i < 60 && all(rl).some((v) => v < level); i++) {
    lo /= 2;
    rl = run(lo);
  }
  let rh = run(hi);
  while (all(rh).some((v) => v > level)) {
    hi *= 2;
    if (hi > maxPoi) throw new RangeError(`no upper bracket for the limit below POI = ${maxPoi}`);
    rh = run(hi);
  }
  const solve = (which: number, a: number, b: number): number => {
    const f = (mu: number) => value(run(mu), which);
    return a < b
      ? toms748(f, a, b, { k: 2, xtol: atol, rtol })
      : toms748(f, b, a, { k: 2, xtol: atol, rtol });
  };
  const obs = solve(0, lo, hi);
  const exp: number[] = [];
  for (let which = 1; which <= 5; which++) {
    // tightest bracket among cached points: smallest value >= 0, largest value < 0
    let lower = Number.NaN;
    let vLower = Number.POSITIVE_INFINITY;
    let upper = Number.NaN;
    let vUpper = Number.NEGATIVE_INFINITY;
    for (const [mu, r] of seen) {
      const v = value(r, which);
      if (v >= 0 && v < vLower) {
        vLower = v;
        lower = mu;
      } else if (v < 0 && v > vUpper) {
        vUpper = v;
        upper = mu;
      }
    }
    exp.push(solve(which, lower, upper));
  }
  return { obs, exp, level, tested, fitFailures: tester.failures - failuresBefore };
}
