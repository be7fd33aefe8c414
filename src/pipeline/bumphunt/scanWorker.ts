/**
 * Worker-thread side of a bump hunt (piscina task function). The sorted events arrive once, in a
 * SharedArrayBuffer through workerData; each task is a batch of mass points or one toy scan. All
 * randomness comes from per-unit streams, so results do not depend on which worker runs what.
 */
import { workerData } from "piscina";
import { stream } from "../../core/random.ts";
import { backgroundToyModel } from "../../stats/scan/backgroundToys.ts";
import type { BumpHuntConfig } from "../../stats/scan/bumpHuntConfig.ts";
import { fitMassPoint, type PointResult } from "../../stats/scan/fitMassPoint.ts";
import { type MassGrid, massGrid } from "../../stats/scan/massGrid.ts";
import { runToyScan, type ToyResult } from "../../stats/scan/toyScan.ts";
import type { Pdf } from "../../stats/unbinned/pdf.ts";

/** A unit of work. */
export type ScanTask = { kind: "points"; indices: number[] } | { kind: "toy"; toy: number };

/** State shared by all tasks of one scan in one thread. */
export interface ScanContext {
  events: Float64Array;
  cfg: BumpHuntConfig;
  grid: MassGrid;
  toyModel?: { pdf: Pdf; count: number };
}

/** Build the per-thread context. */
export function makeScanContext(events: Float64Array, cfg: BumpHuntConfig): ScanContext {
  return { events, cfg, grid: massGrid(cfg) };
}

/** Run one task (also used in-process when --workers 1). */
export function runScanTask(ctx: ScanContext, task: ScanTask): PointResult[] | ToyResult {
  if (task.kind === "points")
    return task.indices.map((k) => fitMassPoint(ctx.events, ctx.grid, k, ctx.cfg, stream(ctx.cfg.seed, k)));
  try {
    ctx.toyModel ??= backgroundToyModel(ctx.events, ctx.grid, ctx.cfg);
  } catch (e) {
    // e.g. a background template with no events: every toy fails, none crashes the scan
    return {
      toy: task.toy,
      n_events: 0,
      max_q0: Number.NaN,
      max_q0_index: -1,
      n_upcrossings: Number.NaN,
      n_failed_fits: 0,
      status: `failed: background template: ${(e as Error).message}`,
    };
  }
  return runToyScan(ctx.toyModel, ctx.grid, ctx.cfg, task.toy);
}

let ctx: ScanContext | undefined;

/** piscina entry point. */
export default function scanWorker(task: ScanTask): PointResult[] | ToyResult {
  if (!ctx) {
    const wd = workerData as { buffer: SharedArrayBuffer; cfg: BumpHuntConfig };
    ctx = makeScanContext(new Float64Array(wd.buffer), wd.cfg);
  }
  return runScanTask(ctx, task);
}
