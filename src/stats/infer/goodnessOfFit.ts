/**
 * Saturated-model goodness of fit (Baker & Cousins, Nucl. Instrum. Meth. 221 (1984) 437, eq. 8):
 * the likelihood ratio of the best fit to the saturated model, chi2 = -2 ln(L(theta_hat) / L_sat),
 * asymptotically chi2-distributed with ndof = measurements - free parameters.
 *
 * Two conventions for the auxiliary measurements of the constrained parameters:
 * - "saturated" (default): the saturated model fits every measurement exactly, the main bins AND
 *   the auxiliary data. Then
 *     chi2 = 2 sum_b [nu_b - n_b + n_b ln(n_b / nu_b)]                  (main bins)
 *          + sum_gauss ((a_k - theta_k) / sigma_k)^2                      (Gaussian constraints)
 *          + 2 sum_pois [tau_k theta_k - a_k + a_k ln(a_k / (tau_k theta_k))]  (Poisson constraints)
 *   and ndof = (main bins + aux measurements) - (free parameters) = main bins - free unconstrained
 *   parameters. This is the likelihood-ratio test of the whole HistFactory likelihood, so Wilks'
 *   theorem gives its distribution even when every bin has its own nuisance parameter (the case of
 *   per-bin shape systematics, where the main-bin sum alone is far below ndof: the nuisance
 *   parameters absorb the fluctuations, and only their pulls, counted by the constraint terms,
 *   show them).
 * - "ignored" (cabinetry's `fit.goodness_of_fit` convention): main bins only, the constraint
 *   terms at the best fit cancel between the fit and the saturated model; same ndof. Fine for
 *   few nuisance parameters, uninformative (p-values near 1) with one per bin.
 *
 * The p-value is the chi2 survival function.
 */
import { chi2Sf } from "../../core/special.ts";
import type { HistFactoryModel } from "../histfactory/model.ts";

/** Saturated-model chi2 of a fit. */
export interface GoodnessOfFit {
  chi2: number;
  ndof: number;
  pValue: number;
}

/** Options of {@link goodnessOfFit}. */
export interface GoodnessOfFitOptions {
  /** Fixed flags of the fit (default: the model's suggested). */
  fixed?: Uint8Array;
  /** Auxiliary measurements "saturated" (default) or "ignored" (cabinetry); module comment. */
  auxiliary?: "saturated" | "ignored";
}

/** 2 [nu - n + n ln(n / nu)], the Poisson deviance of one count (0 ln 0 = 0). */
function poissonDeviance(n: number, nu: number): number {
  return 2 * (nu - n + (n > 0 ? n * Math.log(n / nu) : 0));
}

/**
 * @param pars best-fit parameters
 * @param data main ++ aux data the fit used
 * @example goodnessOfFit(model, fitter.fit(data).pars, data).pValue
 */
export function goodnessOfFit(
  model: HistFactoryModel,
  pars: ArrayLike<number>,
  data: ArrayLike<number>,
  opts: GoodnessOfFitOptions = {},
): GoodnessOfFit {
  const fixed = opts.fixed ?? model.fixed;
  const nu = model.expectedMain(pars);
  let chi2 = 0;
  for (let b = 0; b < model.nMain; b++) chi2 += poissonDeviance(data[b]!, nu[b]!);
  const a = model.a;
  if ((opts.auxiliary ?? "saturated") === "saturated") {
    // gaussAux / poisAux index the full data vector (main bins first)
    for (let i = 0; i < a.gaussPar.length; i++) {
      const r = (data[a.gaussAux[i]!]! - pars[a.gaussPar[i]!]!) / a.gaussSigma[i]!;
      chi2 += r * r;
    }
    for (let i = 0; i < a.poisPar.length; i++)
      chi2 += poissonDeviance(data[a.poisAux[i]!]!, pars[a.poisPar[i]!]! * a.poisTau[i]!);
  }
  const constrained = new Uint8Array(model.npars);
  for (const i of a.gaussPar) constrained[i] = 1;
  for (const i of a.poisPar) constrained[i] = 1;
  let free = 0;
  for (let i = 0; i < model.npars; i++) if (!fixed[i] && !constrained[i]) free++;
  const ndof = model.nMain - free;
  if (chi2 < 0) chi2 = 0; // rounding at a perfect fit
  return { chi2, ndof, pValue: ndof > 0 ? chi2Sf(chi2, ndof) : Number.NaN };
}
