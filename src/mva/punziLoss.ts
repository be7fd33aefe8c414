/**
 * The Punzi loss (Feichtinger et al., arXiv:2110.00810, eqs. 4-6; spec physics.md 6.2): the mean
 * over mass hypotheses of the Punzi sensitivity computed from soft yields,
 *   L = (1/N_hyp) sum_i sigma_min(eps_i, B_i),
 *   eps_i = f sum_{j in sig_i} o_j / N_gen,i,   B_i = f sum_{j in bkg_i} w_j o_j,
 * with its exact gradient w.r.t. each event output (chain rule through the linear yields):
 *   dL/do_j = (1/N_hyp) sum_i [ dS_i/deps_i * f / N_gen,i * [j in sig_i] + dS_i/dB_i * f w_j * [j in bkg_i] ].
 */
import type { PunziProblem } from "./punziProblem.ts";
import { punziSensitivityGradient } from "./punziSensitivity.ts";
import { windowYields } from "./windowYields.ts";

/** Optional per-window outputs of {@link punziLoss} (each of length nWindows). */
export interface PunziLossDetail {
  /** Soft signal efficiency eps_i. */
  eps: Float64Array;
  /** Soft background yield B_i [events]. */
  bkg: Float64Array;
  /** Sensitivity sigma_min,i [fb for lumi in fb^-1]. */
  sensitivity: Float64Array;
}

/**
 * Punzi loss of the outputs `outputs` (one per event, in (0, 1)).
 * @param grad if given (length >= nEvents), receives dL/do_j (overwritten; 0 for events in no window)
 * @param detail if given, receives the per-window eps, B, sigma_min
 * @returns mean sensitivity [fb for lumi in fb^-1]
 * Allocation: a few arrays of nWindows per call, none per event.
 */
export function punziLoss(
  outputs: ArrayLike<number>,
  problem: PunziProblem,
  grad?: Float64Array,
  detail?: PunziLossDetail,
): number {
  const nW = problem.signal.nWindows;
  const eps = detail?.eps ?? new Float64Array(nW);
  const bkg = detail?.bkg ?? new Float64Array(nW);
  windowYields(outputs, problem, undefined, eps, bkg);
  const d = new Float64Array(2);
  const f = problem.fTrig ?? 1;
  const { signal: sg, background: bg, weights: w, nGen } = problem;
  if (grad) grad.fill(0, 0, sg.nEvents);
  let sum = 0;
  for (let i = 0; i < nW; i++) {
    const S = punziSensitivityGradient(eps[i]!, bkg[i]!, d, problem);
    if (detail) detail.sensitivity[i] = S;
    sum += S;
    if (!grad) continue;
    const ce = (d[0]! * f) / (nGen[i]! * nW);
    for (let k = sg.rowPtr[i]!; k < sg.rowPtr[i + 1]!; k++) grad[sg.events[k]!]! += ce;
    const cb = (d[1]! * f) / nW;
    if (cb === 0) continue;
    for (let k = bg.rowPtr[i]!; k < bg.rowPtr[i + 1]!; k++) {
      const j = bg.events[k]!;
      grad[j]! += cb * w[j]!;
    }
  }
  return sum / nW;
}
