/**
 * One unit of work of the scan stage: the fit of one search window (limit, expected band, local
 * significance, chi^2 goodness of fit) from its pyhf workspace. Never throws: a failure is
 * reported in `error` with NaN results, so one bad window cannot stop the scan. Runs in a worker
 * (windowFitWorker.mjs) or in-thread.
 */
import { fitWindow, type WindowFitResult } from "../../analyses/invisible/windowFit.ts";
import type { Workspace } from "../../stats/workspace/types.ts";

/** Input of one window fit. */
export interface WindowFitTask {
  index: number;
  mass: number;
  workspace: Workspace;
  /** CLs level (0.1 = 90% CL). */
  level: number;
}

/** Output of one window fit. */
export interface WindowFitPoint extends WindowFitResult {
  index: number;
  mass: number;
  error?: string;
}

/** Fit one window (module doc). */
export function runWindowFit(t: WindowFitTask): WindowFitPoint {
  try {
    return { index: t.index, mass: t.mass, ...fitWindow(t.workspace, { level: t.level }) };
  } catch (e) {
    const nan = Number.NaN;
    return {
      index: t.index,
      mass: t.mass,
      obs: nan,
      exp: [nan, nan, nan, nan, nan],
      zLocal: nan,
      muHat: nan,
      chi2: nan,
      ndof: nan,
      pValue: nan,
      fitFailures: 1,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

export default runWindowFit;
