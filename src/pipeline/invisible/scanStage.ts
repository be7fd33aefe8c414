/**
 * Stage 7 of analysis A: fit every window (90% CL CLs limit with q~mu, the expected band, local
 * significance from q0, chi^2 goodness of fit; asymptotic formulae) on worker threads. One result
 * file per mass point (`fits/point-NNNN.json`), so an interrupted scan resumes where it stopped;
 * results do not depend on the number of workers (each fit is a pure function of its workspace).
 * The global significance uses Gross-Vitells with the up-crossings of the observed q0 scan.
 */
import { existsSync, readFileSync } from "node:fs";
import { Piscina } from "piscina";
import type { Progress } from "../../core/progress.ts";
import { countUpcrossings, grossVitells } from "../../stats/scan/lookElsewhere.ts";
import type { Workspace } from "../../stats/workspace/types.ts";
import type { RunConfig } from "../runConfig.ts";
import { readJsonIfPresent, type Stage, writeJsonAtomic } from "../stage.ts";
import { runWindowFit, type WindowFitPoint, type WindowFitTask } from "./windowFitTask.ts";
import type { WorkspacesResult } from "./workspacesStage.ts";

/** Result of the scan stage. */
export interface ScanResult {
  points: WindowFitPoint[];
  global: { u: number; upcrossings: number; u0: number; p: number; z: number };
  failedWindows: number;
}

/** Run (or resume) the scan stage. */
export async function runScanStage(
  cfg: RunConfig,
  stage: Stage<ScanResult>,
  workspacesDir: string,
  ws: WorkspacesResult,
  workers: number,
  progress?: (label: string, total: number) => Progress,
): Promise<ScanResult> {
  if (stage.result) return stage.result;
  const file = (i: number) => stage.path(`point-${String(i).padStart(4, "0")}.json`);
  const bar = progress?.("fits", ws.windows.length);
  const todo: WindowFitTask[] = [];
  for (const w of ws.windows) {
    if (existsSync(file(w.index))) {
      bar?.tick();
      continue;
    }
    const workspace = JSON.parse(readFileSync(`${workspacesDir}/${w.file}`, "utf8")) as Workspace;
    todo.push({ index: w.index, mass: w.mass, workspace, level: cfg.scan.level });
  }
  const save = (p: WindowFitPoint) => {
    writeJsonAtomic(file(p.index), p);
    bar?.tick(1, `M = ${p.mass.toFixed(3)} GeV`);
  };
  if (workers <= 1 || todo.length <= 1) for (const t of todo) save(runWindowFit(t));
  else {
    const pool = new Piscina({
      filename: new URL("./windowFitWorker.mjs", import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
    });
    try {
      await Promise.all(todo.map((t) => (pool.run(t) as Promise<WindowFitPoint>).then(save)));
    } finally {
      await pool.destroy();
    }
  }
  bar?.done();
  // JSON turns NaN into null: read back as NaN
  const points = ws.windows.map((w) => {
    const p = readJsonIfPresent<WindowFitPoint>(file(w.index))!;
    const num = (x: unknown) => (typeof x === "number" ? x : Number.NaN);
    return {
      ...p,
      obs: num(p.obs),
      exp: p.exp.map(num),
      zLocal: num(p.zLocal),
      muHat: num(p.muHat),
      chi2: num(p.chi2),
      ndof: num(p.ndof),
      pValue: num(p.pValue),
    };
  });
  const q0 = points.map((p) => (Number.isFinite(p.zLocal) ? p.zLocal * p.zLocal : Number.NaN));
  const u = Math.max(0, ...q0.filter(Number.isFinite));
  const u0 = cfg.scan.upcrossingLevel;
  const n = countUpcrossings(q0, u0);
  const gv = grossVitells(u, [n], u0);
  return stage.finish({
    points,
    global: { u, upcrossings: n, u0, p: gv.p, z: gv.z },
    failedWindows: points.filter((p) => p.error !== undefined || !Number.isFinite(p.obs)).length,
  });
}
