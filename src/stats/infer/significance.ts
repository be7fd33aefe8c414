/**
 * Discovery significance: observed p0 and Z from q0 on the data, and the expected (median)
 * p0 and Z for the signal at mu = 1 from the Asimov data set (Cowan et al., arXiv:1007.1727,
 * eqs. 52-53 and sec. 3.8; pyhf `hypotest(0, test_stat="q0")`, and pyhf #1810 for the expected
 * significance). Z = Phi^-1(1 - p0), computed without cancellation in the tail.
 */
import { normalQuantile } from "../../core/special.ts";
import type { FitConfig, HypotestResult } from "./hypotester.ts";
import { Hypotester } from "./hypotester.ts";
import type { ModelFitter } from "./modelFitter.ts";

/** Observed and expected discovery significance. */
export interface SignificanceResult {
  /** Observed p-value of the background-only hypothesis. */
  p0Obs: number;
  /** Observed significance Z = Phi^-1(1 - p0). */
  zObs: number;
  /** Median expected p0 for the nominal signal (POI = 1). */
  p0Exp: number;
  /** Median expected significance. */
  zExp: number;
  /** Expected p0 band in pyhf's order (+2 ... -2 sigma of the b-only statistic). */
  p0ExpBand: number[];
  /** The underlying hypothesis test. */
  test: HypotestResult;
}

/** Z from a one-sided p-value: Phi^-1(1 - p) = -Phi^-1(p). */
export function pToZ(p: number): number {
  return -normalQuantile(p);
}

/**
 * Asymptotic discovery significance of `data` under the model of `fitter`.
 * @example
 * const s = significance(new ModelFitter(model), model.data());
 * // s.zObs, s.zExp
 */
export function significance(
  fitter: ModelFitter,
  data: ArrayLike<number>,
  cfg: FitConfig = {},
): SignificanceResult {
  const t = new Hypotester(fitter, data, "q0", cfg).test(0);
  const p0Exp = t.clsExp[2]!;
  return {
    p0Obs: t.clsObs,
    zObs: pToZ(t.clsObs),
    p0Exp,
    zExp: pToZ(p0Exp),
    p0ExpBand: t.clsExp,
    test: t,
  };
}
