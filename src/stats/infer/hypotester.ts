/**
 * Hypothesis tests of one model on one data set, with every fit that does not depend on the
 * tested POI value done once: the free fit to the data, the Asimov data set and the free fit to
 * it. Per tested mu only the two fixed-POI fits remain (pyhf redoes all five each time; the
 * results are the same because the fits are deterministic). The first fits start from pyhf's
 * init; later fixed-POI fits start from the stored fit at the nearest mu already tested (warm
 * start), which makes limit scans cheap.
 *
 * Semantics: pyhf `infer.hypotest` with the asymptotic calculator (statistics.md 1.6): Asimov
 * data = expected data (auxdata included) at fixed_poi_fit(mu_A) to the observed data,
 * mu_A = 0 for q/qtilde/tmu, 1 for q0.
 */
import { asymptoticExpected, asymptoticPvalues, asymptoticTestStat } from "./asymptoticFormulae.ts";
import type { ModelFitResult, ModelFitter } from "./modelFitter.ts";
import { type TestStatName, testStatFromFits } from "./testStatistic.ts";

/** Fit configuration shared by all fits of a test (pyhf's init_pars, par_bounds, fixed_params). */
export interface FitConfig {
  init?: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  fixed?: Uint8Array;
}

/** Result of one asymptotic hypothesis test. */
export interface HypotestResult {
  /** Tested POI value. */
  mu: number;
  /** CLs (for q0: p0 = CLs+b, pyhf's convention). */
  clsObs: number;
  /** CLs+b (p_mu; for q0: p0). */
  clsbObs: number;
  /** CLb (b-only tail probability of the returned statistic). */
  clbObs: number;
  /** Expected CLs (q0: expected p0) at n = +2, +1, 0, -1, -2 sigma (pyhf order, ascending). */
  clsExp: number[];
  /** q_mu on the data. */
  q: number;
  /** q_mu on the Asimov data. */
  qA: number;
  /** The returned test statistic (pyhf's `teststat`). */
  teststat: number;
  /** Fits that did not converge (their best attempt was used). */
  fitFailures: number;
}

/** Asymptotic hypothesis tests for one (model, data, test statistic). */
export class Hypotester {
  readonly fitter: ModelFitter;
  readonly data: Float64Array;
  readonly stat: TestStatName;
  private readonly cfg: FitConfig;
  private freeData: ModelFitResult | null = null;
  private asimovFit: ModelFitResult | null = null;
  private asimov: Float64Array | null = null;
  private freeAsimov: ModelFitResult | null = null;
  private readonly fixedData = new Map<number, ModelFitResult>();
  private readonly fixedAsimov = new Map<number, ModelFitResult>();
  private readonly cache = new Map<number, HypotestResult>();
  /** Fits that did not converge so far. */
  failures = 0;
  /** Fits done so far. */
  fits = 0;

  constructor(
    fitter: ModelFitter,
    data: ArrayLike<number>,
    stat: TestStatName = "qtilde",
    cfg: FitConfig = {},
  ) {
    if (fitter.model.poiIndex < 0) throw new RangeError("hypothesis tests need a model with a POI");
    this.fitter = fitter;
    this.data = Float64Array.from(data);
    this.stat = stat;
    this.cfg = cfg;
  }

  private run(data: ArrayLike<number>, fixPoi: number | undefined, init?: ArrayLike<number>): ModelFitResult {
    const fit = (start: ArrayLike<number> | undefined): ModelFitResult => {
      this.fits++;
      return this.fitter.fit(data, {
        ...(start ? { init: start } : this.cfg.init ? { init: this.cfg.init } : {}),
        ...(this.cfg.lower ? { lower: this.cfg.lower } : {}),
        ...(this.cfg.upper ? { upper: this.cfg.upper } : {}),
        ...(this.cfg.fixed ? { fixed: this.cfg.fixed } : {}),
        ...(fixPoi !== undefined ? { fixPoi } : {}),
        lenient: true,
      });
    };
    // Models with kinked or non-convex interpolation (histosys, normsys code1) can have several
    // local minima; a warm start could then follow one that pyhf (which always starts from the
    // suggested init) does not find, and make results depend on the scan history. Those models
    // start every fit where pyhf starts; smooth models use the warm start.
    const r = fit(this.fitter.model.mayBeMultimodal ? undefined : init);
    if (!r.converged) this.failures++;
    return r;
  }

  /** Free fit to the observed data (cached). */
  mle(): ModelFitResult {
    this.freeData ??= this.run(this.data, undefined);
    return this.freeData;
  }

  /** The Asimov data set (main ++ aux) of this test (cached). */
  asimovData(): Float64Array {
    if (!this.asimov) {
      const muA = this.stat === "q0" ? 1 : 0;
      this.asimovFit = this.run(this.data, muA);
      this.asimov = this.fitter.model.expectedData(this.asimovFit.pars);
    }
    return this.asimov;
  }

  /** Parameters of the fixed-POI fit that built the Asimov data. */
  asimovPars(): Float64Array {
    this.asimovData();
    return this.asimovFit!.pars;
  }

  private freeAsimovFit(): ModelFitResult {
    this.freeAsimov ??= this.run(this.asimovData(), undefined);
    return this.freeAsimov;
  }

  private startFrom(r: ModelFitResult, mu: number): Float64Array {
    const x = new Float64Array(r.pars);
    x[this.fitter.model.poiIndex] = mu;
    return x;
  }

  /**
   * Start of a fixed-POI fit: pyhf's init (the POI set to mu) for the first fit of a data set,
   * then the converged fit at the nearest mu already done. Models with shape systematics can
   * have several local minima; starting the first fit where pyhf starts finds the same one.
   */
  private nearest(store: Map<number, ModelFitResult>, mu: number): Float64Array | undefined {
    let best: ModelFitResult | null = null;
    let bd = Number.POSITIVE_INFINITY;
    for (const [m, r] of store) {
      const d = Math.abs(m - mu);
      if (d < bd && r.converged) {
        bd = d;
        best = r;
      }
    }
    return best ? this.startFrom(best, mu) : undefined;
  }

  /** Fixed-POI fit to the data at mu (cached). */
  fixedFitData(mu: number): ModelFitResult {
    let r = this.fixedData.get(mu);
    if (!r) {
      r = this.run(this.data, mu, this.nearest(this.fixedData, mu));
      this.fixedData.set(mu, r);
    }
    return r;
  }

  /** Test statistic value on the observed data and on the Asimov data at mu. */
  qValues(mu: number): { q: number; qA: number } {
    const poi = this.fitter.model.poiIndex;
    const free = this.mle();
    const fixed = this.fixedFitData(mu);
    const q = testStatFromFits(this.stat, mu, free.pars[poi]!, fixed.twiceNll, free.twiceNll);
    const asimov = this.asimovData();
    const freeA = this.freeAsimovFit();
    let fixedA = this.fixedAsimov.get(mu);
    if (!fixedA) {
      fixedA = this.run(asimov, mu, this.nearest(this.fixedAsimov, mu));
      this.fixedAsimov.set(mu, fixedA);
    }
    const qA = testStatFromFits(this.stat, mu, freeA.pars[poi]!, fixedA.twiceNll, freeA.twiceNll);
    return { q, qA };
  }

  /** Asymptotic CLs at mu with the expected set (cached by mu). */
  test(mu: number): HypotestResult {
    const hit = this.cache.get(mu);
    if (hit) return hit;
    const before = this.failures;
    const { q, qA } = this.qValues(mu);
    const t = asymptoticTestStat(this.stat, q, qA);
    const sqA = Math.sqrt(qA);
    const p = asymptoticPvalues(t, sqA);
    const isQ0 = this.stat === "q0";
    const res: HypotestResult = {
      mu,
      clsObs: isQ0 ? p.clsb : p.cls,
      clsbObs: p.clsb,
      clbObs: p.clb,
      clsExp: asymptoticExpected(sqA, this.stat),
      q,
      qA,
      teststat: t,
      fitFailures: this.failures - before,
    };
    this.cache.set(mu, res);
    return res;
  }
}
