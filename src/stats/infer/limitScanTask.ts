/**
 * One unit of a limit scan: patch the base workspace, compile, and compute the CLs upper limit.
 * Pure function of its input, so a scan gives identical results in any thread and with any
 * number of workers. Used in-thread and by the worker entry limitScanWorker.mjs.
 */
import { compileModel } from "../histfactory/compileModel.ts";
import { applyPatch } from "../workspace/applyPatch.ts";
import type { ModifierSettings, PatchOp, Workspace } from "../workspace/types.ts";
import { Hypotester } from "./hypotester.ts";
import { ModelFitter } from "./modelFitter.ts";
import { upperLimit } from "./upperLimit.ts";

/** Input of one scan point. */
export interface LimitScanTask {
  index: number;
  name: string;
  base: Workspace;
  patch: PatchOp[];
  level: number;
  modifierSettings?: ModifierSettings;
  measurement?: string;
}

/** Result of one scan point. */
export interface LimitScanPoint {
  index: number;
  name: string;
  /** Observed limit on the POI (NaN if the limit failed; see `error`). */
  obs: number;
  /** Expected limits -2..+2 sigma. */
  exp: number[];
  hypotests: number;
  fitFailures: number;
  error?: string;
}

/** Compute one point; never throws (a failure is reported in `error`). */
export function runLimitScanTask(t: LimitScanTask): LimitScanPoint {
  try {
    const model = compileModel(applyPatch(t.base, t.patch), {
      ...(t.modifierSettings ? { modifierSettings: t.modifierSettings } : {}),
      ...(t.measurement !== undefined ? { measurement: t.measurement } : {}),
    });
    const lim = upperLimit(new Hypotester(new ModelFitter(model), model.data()), { level: t.level });
    return {
      index: t.index,
      name: t.name,
      obs: lim.obs,
      exp: lim.exp,
      hypotests: lim.tested.length,
      fitFailures: lim.fitFailures,
    };
  } catch (e) {
    return {
      index: t.index,
      name: t.name,
      obs: Number.NaN,
      exp: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      hypotests: 0,
      fitFailures: 0,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** piscina entry point. */
export default function limitScanWorker(t: LimitScanTask): LimitScanPoint {
  return runLimitScanTask(t);
}
