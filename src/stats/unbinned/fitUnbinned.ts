/**
 * Fit an extended unbinned model with stats/fit/minimize and HESSE (errordef 0.5 on the NLL),
 * retrying once from a perturbed start if the first attempt does not converge (statistics.md 2.1:
 * a failed fit is reported with its state and retried).
 */
import { FitError } from "../../core/errors.ts";
import { type MinimizeOptions, type MinimizeResult, minimize } from "../fit/minimize.ts";
import { type ExtendedModel, extendedNll } from "./extendedNll.ts";

/** Result: the minimiser's, plus named values and errors. */
export interface UnbinnedFitResult extends MinimizeResult {
  names: readonly string[];
  /** NLL at the minimum. */
  nll: number;
}

/**
 * @param model extended model
 * @param xs events (observable units)
 * @param x0 starting parameters
 * @param opts minimiser options (errordef is forced to 0.5; hesse defaults to true; tol to 1e-4)
 * @param throwOnFailure throw a FitError instead of returning an unconverged result
 * @example fitUnbinned(model, xs, Float64Array.of(100, 5, 0.3)).errors
 */
export function fitUnbinned(
  model: ExtendedModel,
  xs: Float64Array,
  x0: Float64Array,
  opts: MinimizeOptions = {},
  throwOnFailure = false,
): UnbinnedFitResult {
  const obj = extendedNll(model, xs);
  const o: MinimizeOptions = { tol: 1e-4, hesse: true, ...opts, errordef: 0.5 };
  let r = minimize(obj, x0, o);
  if (!r.converged) {
    const x1 = Float64Array.from(x0, (v, i) => (opts.fixed?.[i] ? v : v * 1.1 + 1e-3));
    const r2 = minimize(obj, x1, o);
    if (r2.converged || r2.fval < r.fval) r = r2;
  }
  if (!r.converged && throwOnFailure)
    throw new FitError(`unbinned fit did not converge (${r.status})`, {
      names: model.names,
      values: r.x,
      fval: 2 * r.fval,
      edm: r.edm,
      iterations: r.iterations,
    });
  return { ...r, names: model.names, nll: r.fval };
}
