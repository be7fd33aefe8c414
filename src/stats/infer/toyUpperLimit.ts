/**
 * Toy-based CLs upper limits (pyhf's `ToyCalculator` semantics, toyCalculator.ts) for models with
 * few events, where the asymptotic formulae of Cowan et al. (arXiv:1007.1727) do not hold: with
 * no background the asymptotic median 90% CL limit is 1.64 signal events, the exact CLs limit
 * -ln(0.1) = 2.30 (Read, J. Phys. G 28 (2002) 2693).
 *
 * {@link ToyHypotester} runs pyhf's toy test at any mu with the work that does not depend on mu
 * done once: the background-only generating point (fixed_poi_fit(0) to the data), the background
 * toys themselves and their free fits. Toy i of the s+b set draws from `stream(seed, i)`, toy i
 * of the b set from `stream(seed, ntoys + i)`, as in {@link toyHypotest}. Unlike there, every
 * fit starts at the model's init (the POI at mu for fixed fits): a toy's q then depends only on
 * its counts, so a toy with the data's counts gives exactly the data's q. With few events ties
 * are common, and pyhf's p-value counts them (t >= t_obs): for one bin with a known background
 * CLs is then exactly P(n <= n_obs | s + b) / P(n <= n_obs | b), the classic result, where
 * warm starts would break ties by rounding. Where the free fit already gives mu_hat > mu,
 * q~mu = 0 and the fixed fit is skipped. The same streams at every mu (common random numbers)
 * make CLs(mu) nearly smooth.
 *
 * {@link toyUpperLimit} scans CLs on a geometric grid of mu and interpolates log CLs linearly
 * between the two grid points around each crossing of `level` (as pyhf's
 * `upper_limits.linear_grid_scan` does in CLs), extending the grid where it does not bracket a
 * curve. Toy CLs is a step function of the data; a root finder would chase its steps.
 */
import { stream } from "../../core/random.ts";
import type { HypotestResult } from "./hypotester.ts";
import type { ModelFitter } from "./modelFitter.ts";
import { type TestStatName, testStatFromFits } from "./testStatistic.ts";
import { type ToyHypotestResult, toyResult } from "./toyCalculator.ts";

/** What a test needs of a free fit. */
interface FreeFit {
  muHat: number;
  twiceNll: number;
  converged: boolean;
}

/** Options of {@link ToyHypotester}. */
export interface ToyTesterOptions {
  testStat?: TestStatName;
  /** Toys per hypothesis and per set (pyhf default 2000). */
  ntoys?: number;
  seed?: number;
}

/** Toy-based hypothesis tests of one model on one data set (module doc). */
export class ToyHypotester {
  readonly fitter: ModelFitter;
  readonly data: Float64Array;
  readonly stat: TestStatName;
  readonly ntoys: number;
  readonly seed: number;
  /** Fits that did not converge so far (their toys are dropped). */
  failures = 0;
  /** Fits done so far. */
  fits = 0;
  private free: FreeFit | null = null;
  private bPars: Float64Array | null = null;
  /** Background toys (toy-major, nData each) and their free fits. */
  private bToys: Float64Array | null = null;
  private bFree: FreeFit[] = [];
  private readonly cache = new Map<number, ToyHypotestResult>();

  constructor(fitter: ModelFitter, data: ArrayLike<number>, opts: ToyTesterOptions = {}) {
    if (fitter.model.poiIndex < 0) throw new RangeError("hypothesis tests need a model with a POI");
    this.fitter = fitter;
    this.data = Float64Array.from(data);
    this.stat = opts.testStat ?? "qtilde";
    if (this.stat === "q0")
      throw new RangeError("ToyHypotester is for upper limits (q, qtilde, tmu, tmu_tilde)");
    this.ntoys = opts.ntoys ?? 2000;
    if (!(Number.isInteger(this.ntoys) && this.ntoys > 0))
      throw new RangeError(`ntoys must be a positive integer, got ${this.ntoys}`);
    this.seed = opts.seed ?? 0;
  }

  /** One fit from the model's init (module doc). */
  private fit(data: ArrayLike<number>, fixPoi?: number) {
    this.fits++;
    const r = this.fitter.fit(data, { lenient: true, ...(fixPoi !== undefined ? { fixPoi } : {}) });
    if (!r.converged) this.failures++;
    return r;
  }

  /** q of one data set at mu given its free fit (toyCalculator's teststatOn). */
  private q(data: ArrayLike<number>, free: FreeFit, mu: number): number {
    if (!free.converged) return Number.NaN;
    const skip = this.stat === "q" || this.stat === "qtilde";
    if (skip && free.muHat > mu) return 0;
    const fixed = this.fit(data, mu);
    if (!fixed.converged) return Number.NaN;
    return testStatFromFits(this.stat, mu, free.muHat, fixed.twiceNll, free.twiceNll);
  }

  private freeOf(data: ArrayLike<number>): FreeFit {
    const r = this.fit(data);
    return { muHat: r.pars[this.fitter.model.poiIndex]!, twiceNll: r.twiceNll, converged: r.converged };
  }

  /** The background toys and their free fits (made once). */
  private backgroundToys(): void {
    if (this.bToys) return;
    const m = this.fitter.model;
    this.bPars = this.fit(this.data, 0).pars;
    this.bToys = new Float64Array(this.ntoys * m.nData);
    for (let i = 0; i < this.ntoys; i++) {
      const toy = this.bToys.subarray(i * m.nData, (i + 1) * m.nData);
      m.sample(this.bPars, stream(this.seed, this.ntoys + i), toy);
      this.bFree.push(this.freeOf(toy));
    }
  }

  /** Toy-based CLs at mu with the expected band (cached by mu). */
  test(mu: number): ToyHypotestResult {
    const hit = this.cache.get(mu);
    if (hit) return hit;
    const m = this.fitter.model;
    this.free ??= this.freeOf(this.data);
    const tObs = this.q(this.data, this.free, mu);
    const sbPars = this.fit(this.data, mu).pars;
    const toy = new Float64Array(m.nData);
    const sb = new Float64Array(this.ntoys);
    for (let i = 0; i < this.ntoys; i++) {
      m.sample(sbPars, stream(this.seed, i), toy);
      sb[i] = this.q(toy, this.freeOf(toy), mu);
    }
    this.backgroundToys();
    const b = new Float64Array(this.ntoys);
    for (let i = 0; i < this.ntoys; i++)
      b[i] = this.q(this.bToys!.subarray(i * m.nData, (i + 1) * m.nData), this.bFree[i]!, mu);
    const r = toyResult(mu, this.stat, tObs, sb, b);
    this.cache.set(mu, r);
    return r;
  }
}

/** Options of {@link toyUpperLimit}. */
export interface ToyUpperLimitOptions {
  /** CLs threshold (0.1 = 90% CL; default 0.05 as pyhf). */
  level?: number;
  /** Largest number of grid extensions at either end (default 12). */
  maxExtensions?: number;
}

/** Observed and expected toy-based limits. */
export interface ToyUpperLimitResult {
  obs: number;
  /** Expected limits at -2, -1, 0, +1, +2 sigma. */
  exp: number[];
  level: number;
  /** The grid points tested, ascending in mu. */
  tested: HypotestResult[];
  /** Toys dropped because a fit failed (all grid points). */
  failedToys: number;
  /**
   * Toy-statistics standard error of `obs` ({@link observedLimitError}); NaN where it cannot be
   * estimated (no crossing, or no toy in a tail).
   */
  obsError: number;
}

/** CLs of curve `which` (0 observed, 1..5 the expected -2..+2 sigma) at one grid point. */
const clsOf = (r: HypotestResult, which: number) => (which === 0 ? r.clsObs : r.clsExp[which - 1]!);

/**
 * Where CLs curve `which` first falls below `level` on an ascending grid: the grid point `j`
 * after the crossing and the fraction `t` of the step from j - 1, interpolated in log CLs
 * (CLs ~ exp(-s) for counts), linearly when CLs at j is 0. Null if the curve does not cross.
 */
function bracket(
  points: readonly HypotestResult[],
  which: number,
  level: number,
): { j: number; t: number } | null {
  for (let j = 1; j < points.length; j++) {
    const a = clsOf(points[j - 1]!, which);
    const b = clsOf(points[j]!, which);
    if (!(a >= level && b < level)) continue;
    return { j, t: b > 0 ? Math.log(a / level) / Math.log(a / b) : (a - level) / (a - b) };
  }
  return null;
}

/** The crossing of `level` by one CLs curve on an ascending grid ({@link bracket}). */
function crossing(points: readonly HypotestResult[], which: number, level: number): number {
  const c = bracket(points, which, level);
  if (!c) return Number.NaN;
  const x0 = points[c.j - 1]!.mu;
  return x0 + c.t * (points[c.j]!.mu - x0);
}

/**
 * Toy-statistics standard error of the observed limit: the binomial errors of the two tail
 * fractions, var(ln CLs) = (1 - p_sb)/(N_sb p_sb) + (1 - p_b)/(N_b p_b), with p_sb and p_b
 * interpolated in log to the crossing like CLs itself, divided by the slope |d ln CLs / d mu|
 * between the two grid points around it (first-order error propagation). With CLs ~ 0.1 and
 * CLb ~ 0.2, p_sb ~ 0.02: 1000 toys hold ~20 toys in that tail, 22% on CLs.
 */
function observedLimitError(points: readonly ToyHypotestResult[], level: number): number {
  const c = bracket(points, 0, level);
  if (!c) return Number.NaN;
  const a = points[c.j - 1]!;
  const b = points[c.j]!;
  if (!(b.clsbObs > 0 && a.clbObs > 0 && b.clbObs > 0)) return Number.NaN;
  const slope = Math.log(a.clsObs / b.clsObs) / (b.mu - a.mu);
  const at = (x: number, y: number) => x * (y / x) ** c.t;
  const psb = at(a.clsbObs, b.clsbObs);
  const pb = at(a.clbObs, b.clbObs);
  const nsb = Math.min(a.ntoys[0], b.ntoys[0]);
  const nb = Math.min(a.ntoys[1], b.ntoys[1]);
  const varLn = (1 - psb) / (nsb * psb) + (1 - pb) / (nb * pb);
  return slope > 0 && Number.isFinite(slope) ? Math.sqrt(varLn) / slope : Number.NaN;
}

/**
 * Toy-based CLs upper limits from a scan of `tester` on `grid` (ascending POI values > 0),
 * extended by the grid's own ratio below and above until every curve starts at or above `level`
 * and ends below it. Throws RangeError if that needs more than `maxExtensions` steps.
 *
 * @example
 * const t = new ToyHypotester(fitter, model.data(), { ntoys: 1000, seed: 7 });
 * const lim = toyUpperLimit(t, [0.5, 1, 2, 4], { level: 0.1 }); // lim.obs, lim.exp[2]
 */
export function toyUpperLimit(
  tester: ToyHypotester,
  grid: readonly number[],
  opts: ToyUpperLimitOptions = {},
): ToyUpperLimitResult {
  const level = opts.level ?? 0.05;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (grid.length < 2 || grid.some((x, i) => !(x > 0) || (i > 0 && !(x > grid[i - 1]!))))
    throw new RangeError("the grid needs at least two ascending POI values > 0");
  const maxExt = opts.maxExtensions ?? 12;
  const points = grid.map((mu) => tester.test(mu));
  const curves = (r: HypotestResult) => [r.clsObs, ...r.clsExp];
  const down = grid[0]! / grid[1]!;
  const up = grid[grid.length - 1]! / grid[grid.length - 2]!;
  for (let k = 0; curves(points[0]!).some((c) => c < level); k++) {
    if (k >= maxExt) throw new RangeError(`CLs below ${level} already at POI = ${points[0]!.mu}`);
    points.unshift(tester.test(points[0]!.mu * down));
  }
  for (let k = 0; curves(points[points.length - 1]!).some((c) => !(c < level)); k++) {
    if (k >= maxExt) throw new RangeError(`CLs not below ${level} at POI = ${points[points.length - 1]!.mu}`);
    points.push(tester.test(points[points.length - 1]!.mu * up));
  }
  const failedToys = points.reduce((s, p) => s + p.failedToys, 0);
  return {
    obs: crossing(points, 0, level),
    exp: [1, 2, 3, 4, 5].map((w) => crossing(points, w, level)),
    level,
    tested: points,
    failedToys,
    obsError: observedLimitError(points, level),
  };
}
