/**
 * One unit of work of the global-toys stage: ONE search window over ALL background-only
 * pseudo-experiments. The window's model is compiled once and refitted for every toy, with only
 * the main observations replaced; the auxiliary data (MC-statistics and systematics
 * measurements) stay nominal, as in the analysis, since only the collision data fluctuate.
 *
 * Local significance per toy: the asymptotic discovery statistic q0 = 2 NLL(mu = 0) - 2 NLL(mu_hat)
 * (0 when mu_hat sits at its lower bound 0), Z = sqrt(q0) (Cowan et al., arXiv:1007.1727, eq. 53:
 * p0 = 1 - Phi(sqrt(q0))), i.e. the same number the scan's fitWindow reports via
 * significance() = Phi^-1(1 - p0), but with only the two fits q0 needs (no Asimov fits: the
 * expected significance is not used here).
 *
 * Same procedure as on the data: both fits start at the model's suggested init (the POI set to 0
 * for the fixed fit), exactly as significance() does for the observed scan. Warm starts (from the
 * observed fit) were tried and dropped: these likelihoods (bkg_norm x per-bin gammas) have several
 * local minima on sparse windows, and a warm start then finds a different minimum than the cold
 * start the data's Z came from (seen on the default run's windows ~40-170), so toys and data would
 * not be compared on the same footing. Consequence: a toy's Z depends only on the window and the
 * toy's observations, never on the worker that ran it or on the other toys. Never throws: a
 * failure is reported in `error` with NaN.
 */
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import type { HistFactoryModel } from "../../stats/histfactory/model.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import type { Workspace } from "../../stats/workspace/types.ts";

/** Input of one window over all toys. */
export interface GlobalToysTask {
  /** Window index (the workspaces stage's numbering). */
  index: number;
  workspace: Workspace;
  /** Number of toys. */
  nToys: number;
  /** Toy observations, toy-major: toy t's window bins at [t * nBins, (t + 1) * nBins). */
  data: Float64Array;
}

/** Output of one window over all toys. */
export interface GlobalToysWindow {
  index: number;
  /** Local Z per toy (NaN if the fits gave no finite q0). */
  z: number[];
  /** Z of the observed data by the same two fits (a check against the scan's z_local). */
  zObs: number;
  /** Fits that did not converge (their best attempt was used). */
  fitFailures: number;
  error?: string;
}

/**
 * Local significance Z = sqrt(q0) of one data vector (main ++ aux) under `fitter`'s model.
 * Both fits start at the suggested init (module doc).
 */
export function localZ(fitter: ModelFitter, data: Float64Array): { z: number; failures: number } {
  const m = fitter.model;
  const poi = m.poiIndex;
  const free = fitter.fit(data, { lenient: true });
  let failures = free.converged ? 0 : 1;
  const muHat = free.pars[poi]!;
  // mu_hat at its lower bound 0: q0 = 0 by definition (pyhf's q0 is 0 for mu_hat < 0; with the
  // POI bounded at 0 the fixed fit could only find the same or, being a different start, another
  // local minimum: the data's Z takes 0 here too, up to fit tolerance)
  if (!(muHat > m.lower[poi]!)) return { z: Number.isFinite(free.twiceNll) ? 0 : Number.NaN, failures };
  const fixed = fitter.fit(data, { fixPoi: 0, lenient: true });
  if (!fixed.converged) failures++;
  const q0 = fixed.twiceNll - free.twiceNll;
  // a fixed fit can end a hair below the free one (tolerance): q0 = 0 then
  const z = Number.isFinite(q0) ? Math.sqrt(Math.max(0, q0)) : Number.NaN;
  return { z, failures };
}

/** Full data vector (main ++ nominal aux) of toy `t` into `out`. */
function toyData(model: HistFactoryModel, task: GlobalToysTask, t: number, out: Float64Array): Float64Array {
  const n = model.nMain;
  for (let i = 0; i < n; i++) out[i] = task.data[t * n + i]!;
  return out;
}

/** Run one window over all toys (module doc). */
export function runGlobalToysWindow(task: GlobalToysTask): GlobalToysWindow {
  const nan = Number.NaN;
  try {
    const model = compileModel(task.workspace);
    if (task.data.length !== task.nToys * model.nMain)
      throw new RangeError(
        `toy data has ${task.data.length} numbers, expected ${task.nToys} toys x ${model.nMain} bins`,
      );
    const fitter = new ModelFitter(model);
    const obs = localZ(fitter, model.data());
    let failures = obs.failures;
    const z = new Array<number>(task.nToys);
    // one buffer for all toys: the aux part (nominal) is written once by model.data()
    const buf = model.data();
    for (let t = 0; t < task.nToys; t++) {
      const r = localZ(fitter, toyData(model, task, t, buf));
      z[t] = r.z;
      failures += r.failures;
    }
    return { index: task.index, z, zObs: obs.z, fitFailures: failures };
  } catch (e) {
    return {
      index: task.index,
      z: new Array<number>(task.nToys).fill(nan),
      zObs: nan,
      fitFailures: 0,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

export default runGlobalToysWindow;
