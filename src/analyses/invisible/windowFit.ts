/**
 * Statistical results of one search window (spec invisible-zprime.md "Fit"): the 90% CL CLs
 * upper limit on the POI (sigma x B(invisible) in fb, since the signal template is for 1 fb)
 * with its expected band, the local discovery significance, and the chi^2 goodness of fit of
 * the free fit. Asymptotic formulae throughout (Cowan et al., arXiv:1007.1727): q~_mu for the
 * limit, q0 for the significance, as the paper did with pyhf. All fitting is stats/.
 */
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import { goodnessOfFit } from "../../stats/infer/goodnessOfFit.ts";
import { Hypotester } from "../../stats/infer/hypotester.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { significance } from "../../stats/infer/significance.ts";
import { upperLimit } from "../../stats/infer/upperLimit.ts";
import type { Workspace } from "../../stats/workspace/types.ts";

/** Options of {@link fitWindow}. */
export interface WindowFitOptions {
  /** CLs level: 0.1 for the paper's 90% CL (default). */
  level?: number;
  /** Compute the local significance (default true). */
  significance?: boolean;
  /** Compute the chi^2 goodness of fit (default true). */
  goodnessOfFit?: boolean;
}

/** Results of one window. */
export interface WindowFitResult {
  /** Observed upper limit on the POI [fb]. */
  obs: number;
  /** Expected limits at -2, -1, 0, +1, +2 sigma [fb]. */
  exp: number[];
  /** Local significance of an excess (q0; 0 when the best-fit signal is 0). */
  zLocal: number;
  /** Best-fit POI of the free fit [fb] (bounded at 0). */
  muHat: number;
  /** Saturated-model chi^2 of the free fit, its degrees of freedom and p-value. */
  chi2: number;
  ndof: number;
  pValue: number;
  /** Fits that did not converge (their best attempts were used). */
  fitFailures: number;
}

/**
 * Limit, significance and goodness of fit of a window workspace (windowWorkspace output).
 *
 * @example const r = fitWindow(windowWorkspace(input)); r.obs // fb
 */
export function fitWindow(ws: Workspace, opts: WindowFitOptions = {}): WindowFitResult {
  const model = compileModel(ws);
  const data = model.data();
  const fitter = new ModelFitter(model);
  const tester = new Hypotester(fitter, data, "qtilde");
  const lim = upperLimit(tester, { level: opts.level ?? 0.1 });
  let zLocal = Number.NaN;
  let failures = lim.fitFailures;
  if (opts.significance ?? true) {
    const s = significance(fitter, data);
    // q0 is 0 for a deficit: report Z = 0 there rather than a negative quantile
    zLocal = Math.max(0, s.zObs);
    failures += s.test.fitFailures;
  }
  const free = fitter.fit(data, { lenient: true });
  if (!free.converged) failures++;
  let chi2 = Number.NaN;
  let ndof = Number.NaN;
  let pValue = Number.NaN;
  if (opts.goodnessOfFit ?? true) {
    const g = goodnessOfFit(model, free.pars, data);
    chi2 = g.chi2;
    ndof = g.ndof;
    pValue = g.pValue;
  }
  return {
    obs: lim.obs,
    exp: lim.exp,
    zLocal,
    muHat: free.pars[model.poiIndex]!,
    chi2,
    ndof,
    pValue,
    fitFailures: failures,
  };
}
