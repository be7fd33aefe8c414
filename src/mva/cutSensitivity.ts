/**
 * Hard-cut evaluation per mass window: after training, events are selected by output > cut and
 * the Punzi sensitivity / figure of merit is computed from the resulting efficiency and
 * background (the Punzi-net's fixed_cut / optimal_cut evaluation, arXiv:2110.00810 sec. 5;
 * the per-range optimal cut of the four-muon MLPs, arXiv:2403.02841).
 */
import type { PunziProblem } from "./punziProblem.ts";
import { punziFom, punziSensitivity } from "./punziSensitivity.ts";
import { windowYields } from "./windowYields.ts";

/** Per-window results of a hard cut (arrays of length nWindows). */
export interface CutSensitivity {
  /** Signal efficiency eps_i = f * N_sig,pass / N_gen,i. */
  eps: Float64Array;
  /** Weighted background passing, B_i = f * sum w [events]. */
  bkg: Float64Array;
  /** Punzi sensitivity sigma_min,i [fb for lumi in fb^-1]. */
  sensitivity: Float64Array;
  /** Simple figure of merit eps / (a/2 + sqrt(B)). */
  fom: Float64Array;
}

/**
 * Efficiency, background, sensitivity and FOM in every window for the selection output > `cut`.
 * @example cutSensitivity(outputs, problem, 0.5).sensitivity
 */
export function cutSensitivity(
  outputs: ArrayLike<number>,
  problem: PunziProblem,
  cut: number,
): CutSensitivity {
  const nW = problem.signal.nWindows;
  const eps = new Float64Array(nW);
  const bkg = new Float64Array(nW);
  windowYields(outputs, problem, cut, eps, bkg);
  const sensitivity = new Float64Array(nW);
  const fom = new Float64Array(nW);
  for (let i = 0; i < nW; i++) {
    sensitivity[i] = punziSensitivity(eps[i]!, bkg[i]!, problem);
    fom[i] = punziFom(eps[i]!, bkg[i]!, problem.a);
  }
  return { eps, bkg, sensitivity, fom };
}

/** Best cut per window from a scan (arrays of length nWindows). */
export interface OptimalCuts {
  /** The scanned cut optimising the criterion (the loosest one on ties). */
  cut: Float64Array;
  /** Punzi sensitivity at that cut [fb for lumi in fb^-1]. */
  sensitivity: Float64Array;
  /** Simple figure of merit eps / (a/2 + sqrt B) at that cut. */
  fom: Float64Array;
}

/**
 * What {@link optimalCuts} optimises: "sensitivity" minimises sigma_min (the Punzi-net's
 * optimal_cut), "fom" maximises eps / (a/2 + sqrt B) (the four-muon MLP cut, arXiv:2403.02841).
 */
export type CutCriterion = "sensitivity" | "fom";

/**
 * For every window, the cut among `cuts` (any order) optimising `criterion` (default: minimum
 * Punzi sensitivity).
 * One pass over the memberships: each event is binned by how many cuts lie strictly below its
 * output (binary search), then cumulative sums give the yields above every cut at once,
 * O(nnz log nCuts + nWindows nCuts), instead of a pass per cut.
 */
export function optimalCuts(
  outputs: ArrayLike<number>,
  problem: PunziProblem,
  cuts: ArrayLike<number>,
  criterion: CutCriterion = "sensitivity",
): OptimalCuts {
  const c = Float64Array.from(cuts).sort();
  const nc = c.length;
  const nW = problem.signal.nWindows;
  const f = problem.fTrig ?? 1;
  const best = new Float64Array(nW).fill(Number.NaN);
  const bestS = new Float64Array(nW).fill(Number.NaN);
  const bestF = new Float64Array(nW).fill(Number.NaN);
  const useFom = criterion === "fom";
  const hs = new Float64Array(nc + 1);
  const hb = new Float64Array(nc + 1);
  const { signal: sg, background: bg, weights: w, nGen } = problem;
  // number of cuts strictly below o = index of the first cut >= o
  const below = (o: number): number => {
    let lo = 0;
    let hi = nc;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < nW; i++) {
    hs.fill(0);
    hb.fill(0);
    for (let k = sg.rowPtr[i]!; k < sg.rowPtr[i + 1]!; k++) hs[below(outputs[sg.events[k]!]!)]! += 1;
    for (let k = bg.rowPtr[i]!; k < bg.rowPtr[i + 1]!; k++) {
      const j = bg.events[k]!;
      hb[below(outputs[j]!)]! += w[j]!;
    }
    // event with bin p passes cut index q iff q < p: accumulate from the top
    let s = 0;
    let b = 0;
    // score to minimise: S, or -FOM
    let bestScore = Number.POSITIVE_INFINITY;
    for (let q = nc - 1; q >= 0; q--) {
      s += hs[q + 1]!;
      b += hb[q + 1]!;
      const eps = (f * s) / nGen[i]!;
      const S = punziSensitivity(eps, f * b, problem);
      const F = punziFom(eps, f * b, problem.a);
      const score = useFom ? -F : S;
      if (score <= bestScore) {
        bestScore = score;
        bestS[i] = S;
        bestF[i] = F;
        best[i] = c[q]!;
      }
    }
  }
  return { cut: best, sensitivity: bestS, fom: bestF };
}
