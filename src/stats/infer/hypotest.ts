/**
 * One-call hypothesis test (pyhf `infer.hypotest`): asymptotic or toy-based CLs at a POI value
 * with the expected set. For repeated tests on one data set use {@link Hypotester} directly
 * (it caches the POI-independent fits).
 */
import type { HistFactoryModel } from "../histfactory/model.ts";
import { type FitConfig, Hypotester, type HypotestResult } from "./hypotester.ts";
import { ModelFitter } from "./modelFitter.ts";
import type { TestStatName } from "./testStatistic.ts";
import { toyHypotest } from "./toyCalculator.ts";

/** Options of {@link hypotest}. */
export interface HypotestOptions extends FitConfig {
  testStat?: TestStatName;
  calctype?: "asymptotics" | "toybased";
  ntoys?: number;
  seed?: number;
  /** Reuse a fitter (and its buffers) for this model. */
  fitter?: ModelFitter;
  onToy?: () => void;
}

/**
 * CLs at `mu` (for q0, p0 in the CLs slot as pyhf) and the expected set in pyhf's order.
 * @example
 * const r = hypotest(model, model.data(), 1.0);   // r.clsObs, r.clsExp
 */
export function hypotest(
  model: HistFactoryModel,
  data: ArrayLike<number>,
  mu: number,
  opts: HypotestOptions = {},
): HypotestResult {
  const fitter = opts.fitter ?? new ModelFitter(model);
  const stat = opts.testStat ?? "qtilde";
  if ((opts.calctype ?? "asymptotics") === "toybased")
    return toyHypotest(fitter, data, mu, {
      testStat: stat,
      ...(opts.ntoys !== undefined ? { ntoys: opts.ntoys } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.onToy ? { onToy: opts.onToy } : {}),
    });
  return new Hypotester(fitter, data, stat, opts).test(mu);
}
