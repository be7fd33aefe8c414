/**
 * Saturated-model goodness of fit (Baker & Cousins, Nucl. Instrum. Meth. 221 (1984) 437, eq. 8;
 * the convention of cabinetry's `fit.goodness_of_fit`): chi2 = -2 ln(L_main(theta_hat) / L_main,sat)
 * = 2 sum_b [nu_b - n_b + n_b ln(n_b / nu_b)] over the main bins, with
 * ndof = main bins - free unconstrained parameters (each constrained parameter brings its own
 * auxiliary measurement). The p-value is the chi2 survival function.
 */
import { chi2Sf } from "../../core/special.ts";
import type { HistFactoryModel } from "../histfactory/model.ts";

/** Saturated-model chi2 of a fit. */
export interface GoodnessOfFit {
  chi2: number;
  ndof: number;
  pValue: number;
}

/**
 * @param pars best-fit parameters
 * @param data main ++ aux data the fit used
 * @param fixed fixed flags of the fit (default: the model's suggested)
 */
export function goodnessOfFit(
  model: HistFactoryModel,
  pars: ArrayLike<number>,
  data: ArrayLike<number>,
  fixed: Uint8Array = model.fixed,
): GoodnessOfFit {
  const nu = model.expectedMain(pars);
  let chi2 = 0;
  for (let b = 0; b < model.nMain; b++) {
    const n = data[b]!;
    const v = nu[b]!;
    // n = 0: the saturated term is 0 (0 ln 0 = 0)
    chi2 += 2 * (v - n + (n > 0 ? n * Math.log(n / v) : 0));
  }
  const constrained = new Uint8Array(model.npars);
  for (const i of model.a.gaussPar) constrained[i] = 1;
  for (const i of model.a.poisPar) constrained[i] = 1;
  let free = 0;
  for (let i = 0; i < model.npars; i++) if (!fixed[i] && !constrained[i]) free++;
  const ndof = model.nMain - free;
  if (chi2 < 0) chi2 = 0; // rounding at a perfect fit
  return { chi2, ndof, pValue: ndof > 0 ? chi2Sf(chi2, ndof) : Number.NaN };
}
