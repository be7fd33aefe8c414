/**
 * Upper limits for a list of patched models (a mass scan), in this thread or on a pool of worker
 * threads (piscina). Every point is an independent pure computation, so the results do not
 * depend on the number of workers; points that fail are reported, never fatal.
 */
import { Piscina } from "piscina";
import type { ModifierSettings, PatchOp, Workspace } from "../workspace/types.ts";
import { type LimitScanPoint, runLimitScanTask } from "./limitScanTask.ts";

/** Options of {@link scanUpperLimits}. */
export interface LimitScanOptions {
  /** CLs threshold (0.05 = 95% CL, 0.1 = 90% CL). Default 0.05. */
  level?: number;
  /** Worker threads; 1 = this thread (default). */
  workers?: number;
  /** Reuse a pool from {@link limitScanPool} (then `workers` is ignored). */
  pool?: Piscina;
  modifierSettings?: ModifierSettings;
  measurement?: string;
  /** Called after each finished point. */
  onPoint?: (p: LimitScanPoint) => void;
}

/** A worker pool for limit scans; destroy it with `await pool.destroy()`. */
export function limitScanPool(workers: number): Piscina {
  return new Piscina({
    filename: new URL("./limitScanWorker.mjs", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
}

/**
 * Limits for every patch applied to `base`, in input order.
 * @example
 * const pts = await scanUpperLimits(ws, patches.map((p) => ({ name: p.metadata.name, patch: p.patch })), { level: 0.1, workers: 2 });
 */
export async function scanUpperLimits(
  base: Workspace,
  patches: readonly { name: string; patch: PatchOp[] }[],
  opts: LimitScanOptions = {},
): Promise<LimitScanPoint[]> {
  const tasks = patches.map((p, index) => ({
    index,
    name: p.name,
    base,
    patch: p.patch,
    level: opts.level ?? 0.05,
    ...(opts.modifierSettings ? { modifierSettings: opts.modifierSettings } : {}),
    ...(opts.measurement !== undefined ? { measurement: opts.measurement } : {}),
  }));
  const workers = opts.workers ?? 1;
  if (!opts.pool && workers <= 1) {
    return tasks.map((t) => {
      const r = runLimitScanTask(t);
      opts.onPoint?.(r);
      return r;
    });
  }
  const pool = opts.pool ?? limitScanPool(workers);
  try {
    return await Promise.all(
      tasks.map((t) =>
        (pool.run(t) as Promise<LimitScanPoint>).then((r) => {
          opts.onPoint?.(r);
          return r;
        }),
      ),
    );
  } finally {
    if (!opts.pool) await pool.destroy();
  }
}
