/**
 * Toy-based CLs (pyhf `ToyCalculator`, statistics.md 1.6): signal+background toys from the full
 * pdf at fixed_poi_fit(mu) to the data, background toys at fixed_poi_fit(0) (1 for q0); the
 * test statistic of every toy is the raw q (not the asymptotic transform); p-values are the
 * fractions of toys with t >= t_obs; the expected band is the (2.275, 15.87, 50, 84.13, 97.72)%
 * percentiles (numpy's linear interpolation) of CLs evaluated at every background toy.
 *
 * Randomness: toy i of the s+b set draws from `stream(seed, i)`, toy i of the b set from
 * `stream(seed, ntoys + i)`, so any split of the toys over workers gives identical results.
 * Toys whose fits fail are dropped and counted.
 */
import { stream } from "../../core/random.ts";
import type { HypotestResult } from "./hypotester.ts";
import type { ModelFitter } from "./modelFitter.ts";
import { type TestStatName, testStatFromFits } from "./testStatistic.ts";

/** Options of {@link toyHypotest}. */
export interface ToyOptions {
  testStat?: TestStatName;
  /** Toys per hypothesis (pyhf default 2000). */
  ntoys?: number;
  seed?: number;
  /** Called after every finished toy (for progress display). */
  onToy?: () => void;
}

/** Toy-based result: the asymptotic fields plus the toy bookkeeping. */
export interface ToyHypotestResult extends HypotestResult {
  /** Toys used per hypothesis (after dropping failures): [s+b, b]. */
  ntoys: [number, number];
  /** Toys dropped because a fit failed. */
  failedToys: number;
  /** Test statistic of each s+b and b toy (sorted ascending). */
  sbStats: Float64Array;
  bStats: Float64Array;
}

/** Fraction of the sorted `xs` that are >= v. */
function tailFraction(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return (xs.length - lo) / xs.length;
}

/** numpy.percentile(x, p) with linear interpolation, x sorted ascending. */
function percentile(sorted: Float64Array, p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const i = Math.floor(h);
  const j = Math.min(i + 1, sorted.length - 1);
  return sorted[i]! + (h - i) * (sorted[j]! - sorted[i]!);
}

const BAND_PERCENTILES = [2.27501319, 15.86552539, 50.0, 84.13447461, 97.72498681];

/**
 * Test statistic of one data set at mu: free fit + fixed-POI fit (both lenient).
 * Returns NaN if either fit failed.
 */
export function teststatOn(
  fitter: ModelFitter,
  data: ArrayLike<number>,
  mu: number,
  stat: TestStatName,
  start?: Float64Array,
): number {
  const poi = fitter.model.poiIndex;
  const free = fitter.fit(data, { lenient: true, ...(start ? { init: start } : {}) });
  const fixed = fitter.fit(data, { lenient: true, fixPoi: mu, ...(start ? { init: start } : {}) });
  if (!free.converged || !fixed.converged) return Number.NaN;
  return testStatFromFits(stat, mu, free.pars[poi]!, fixed.twiceNll, free.twiceNll);
}

/**
 * Test statistics of toys [offset, offset + count) generated at `pars` (toy j draws from
 * `stream(seed, j)`); NaN marks a toy whose fits failed. Pure per toy: any split of the range
 * over workers gives the same values.
 */
export function toyTeststats(
  fitter: ModelFitter,
  pars: Float64Array,
  mu: number,
  stat: TestStatName,
  seed: number,
  offset: number,
  count: number,
  onToy?: () => void,
): Float64Array {
  const model = fitter.model;
  const toy = new Float64Array(model.nData);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    model.sample(pars, stream(seed, offset + i), toy);
    out[i] = teststatOn(fitter, toy, mu, stat, pars);
    onToy?.();
  }
  return out;
}

/** The fits a toy test needs on the observed data: s+b and b generating points, t_obs. */
export function toySetup(fitter: ModelFitter, data: ArrayLike<number>, mu: number, stat: TestStatName) {
  const sbFit = fitter.fit(data, { fixPoi: mu, lenient: true });
  const bFit = fitter.fit(data, { fixPoi: stat === "q0" ? 1 : 0, lenient: true });
  return { sbPars: sbFit.pars, bPars: bFit.pars, tObs: teststatOn(fitter, data, mu, stat) };
}

/** CLs values and expected band from the toy test statistics (NaN = failed toy, dropped). */
export function toyResult(
  mu: number,
  stat: TestStatName,
  tObs: number,
  sbAll: Float64Array,
  bAll: Float64Array,
): ToyHypotestResult {
  const isQ0 = stat === "q0";
  const sb = sbAll.filter((v) => !Number.isNaN(v)).sort();
  const b = bAll.filter((v) => !Number.isNaN(v)).sort();
  const failed = sbAll.length - sb.length + bAll.length - b.length;
  const pv = (t: number) => {
    const clsb = tailFraction(sb, t);
    const clb = tailFraction(b, t);
    return { clsb, clb, cls: clsb / clb };
  };
  const p = pv(tObs);
  const bandVals = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const q = pv(b[i]!);
    bandVals[i] = isQ0 ? q.clsb : q.cls;
  }
  // NaN (0/0) sorts last in a Float64Array and would poison the percentiles; pyhf has the same
  // issue (numpy propagates NaN). Keep it, as pyhf does.
  bandVals.sort();
  return {
    mu,
    clsObs: isQ0 ? p.clsb : p.cls,
    clsbObs: p.clsb,
    clbObs: p.clb,
    clsExp: BAND_PERCENTILES.map((q) => percentile(bandVals, q)),
    q: tObs,
    qA: Number.NaN,
    teststat: tObs,
    fitFailures: failed,
    ntoys: [sb.length, b.length],
    failedToys: failed,
    sbStats: sb,
    bStats: b,
  };
}

/**
 * Toy-based hypothesis test at `mu`, in this thread. CLs slot semantics as pyhf: for q0
 * `clsObs` is p0 = CLs+b. See {@link toyHypotestParallel} for worker threads.
 */
export function toyHypotest(
  fitter: ModelFitter,
  data: ArrayLike<number>,
  mu: number,
  opts: ToyOptions = {},
): ToyHypotestResult {
  const stat = opts.testStat ?? "qtilde";
  const ntoys = opts.ntoys ?? 2000;
  const seed = opts.seed ?? 0;
  const { sbPars, bPars, tObs } = toySetup(fitter, data, mu, stat);
  const sb = toyTeststats(fitter, sbPars, mu, stat, seed, 0, ntoys, opts.onToy);
  const b = toyTeststats(fitter, bPars, mu, stat, seed, ntoys, ntoys, opts.onToy);
  return toyResult(mu, stat, tObs, sb, b);
}
