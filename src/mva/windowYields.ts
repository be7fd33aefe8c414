/**
 * Signal efficiency and background yield per window, soft or after a hard cut:
 *   eps_i = f_trig * sum_{j in signal_i} s(o_j) / N_gen,i,   B_i = f_trig * sum_{j in bkg_i} w_j s(o_j),
 * with s(o) = o (soft yields of the Punzi loss, arXiv:2110.00810) or s(o) = [o > cut] (the hard
 * selection used after training).
 */
import type { PunziProblem } from "./punziProblem.ts";

/**
 * Fills `eps[i]` (dimensionless) and `bkg[i]` (events at the problem's weights) for every window.
 * @param outputs network output per event
 * @param cut undefined for soft yields, else the output threshold (event passes if o > cut)
 * @example windowYields(o, problem, 0.5, eps, bkg)
 */
export function windowYields(
  outputs: ArrayLike<number>,
  problem: PunziProblem,
  cut: number | undefined,
  eps: Float64Array,
  bkg: Float64Array,
): void {
  const f = problem.fTrig ?? 1;
  const { signal: sg, background: bg, weights: w, nGen } = problem;
  const soft = cut === undefined;
  const c = cut ?? 0;
  for (let i = 0; i < sg.nWindows; i++) {
    let s = 0;
    for (let k = sg.rowPtr[i]!; k < sg.rowPtr[i + 1]!; k++) {
      const o = outputs[sg.events[k]!]!;
      s += soft ? o : o > c ? 1 : 0;
    }
    eps[i] = (f * s) / nGen[i]!;
    let b = 0;
    for (let k = bg.rowPtr[i]!; k < bg.rowPtr[i + 1]!; k++) {
      const j = bg.events[k]!;
      const o = outputs[j]!;
      b += w[j]! * (soft ? o : o > c ? 1 : 0);
    }
    bkg[i] = f * b;
  }
}
