/**
 * Run a bump hunt into an output directory: the list of mass hypotheses (and background-only toy
 * scans) runs on worker threads, every finished point is appended to DIR/scan.jsonl (toys to
 * DIR/toys.jsonl) at once, a rerun skips what is already there, `shard` runs one contiguous block
 * of the work (batch systems; join with {@link mergeBumpHunt}), and a complete scan is rewritten
 * sorted and summarised in DIR/summary.json. Every unit of work draws from its own random stream,
 * so the files are byte-identical for any worker count, shard split or interruption.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Piscina } from "piscina";
import { ConfigError } from "../../core/errors.ts";
import { type BumpHuntConfig, stableHash } from "../../stats/scan/bumpHuntConfig.ts";
import type { PointResult } from "../../stats/scan/fitMassPoint.ts";
import { massGrid } from "../../stats/scan/massGrid.ts";
import { type Provenance, summarizeBumpHunt } from "../../stats/scan/summarizeBumpHunt.ts";
import type { ToyResult } from "../../stats/scan/toyScan.ts";
import { appendJsonLine, readJsonLines, writeJsonFile, writeJsonLines } from "./jsonLines.ts";
import { makeScanContext, runScanTask, type ScanTask } from "./scanWorker.ts";

/** Inputs of {@link runBumpHunt}. */
export interface BumpHuntRun {
  /** Observable values, finite, sorted ascending (GeV). */
  events: Float64Array;
  cfg: BumpHuntConfig;
  outDir: string;
  /** Worker threads (1: run in this thread). */
  workers: number;
  /** This job's block of the work: index in [0, count). */
  shard?: { index: number; count: number };
  /** Identity of the input (file digest and column), for provenance and resume checks. */
  inputDigest: string;
  /** Tool version for provenance. */
  version: string;
  /** Called after every finished unit. */
  onProgress?: (done: number, total: number) => void;
  /** Stop after this many newly finished units (tests of interrupted runs). */
  stopAfter?: number;
}

/** meta.json: what this directory holds. */
export interface BumpHuntMeta {
  tool: string;
  config: BumpHuntConfig;
  config_hash: string;
  input_digest: string;
  n_points: number;
  shard: { index: number; count: number };
}

/** Points per task: large enough to amortise messaging, small enough to balance 2 threads. */
const BATCH = 16;

/** Contiguous block [a, b) of n units for shard i of N. */
export function shardRange(n: number, shard: { index: number; count: number }): [number, number] {
  return [Math.floor((n * shard.index) / shard.count), Math.floor((n * (shard.index + 1)) / shard.count)];
}

/** Provenance record of a scan. */
export function provenanceOf(meta: BumpHuntMeta, version: string): Provenance {
  return {
    tool: `mumux ${version} bumphunt`,
    version,
    config_hash: meta.config_hash,
    input_digest: meta.input_digest,
    seed: meta.config.seed,
  };
}

/** Result of {@link runBumpHunt}. */
export interface BumpHuntOutcome {
  complete: boolean;
  pointsDone: number;
  toysDone: number;
  /** Present when the whole scan (all shards) is in this directory. */
  summary?: Record<string, unknown>;
}

/**
 * @example await runBumpHunt({ events, cfg, outDir: "out", workers: 2, inputDigest, version: "0.1.0" })
 */
export async function runBumpHunt(run: BumpHuntRun): Promise<BumpHuntOutcome> {
  const { cfg, outDir } = run;
  const shard = run.shard ?? { index: 0, count: 1 };
  if (
    !(
      Number.isInteger(shard.count) &&
      shard.count >= 1 &&
      Number.isInteger(shard.index) &&
      shard.index >= 0 &&
      shard.index < shard.count
    )
  )
    throw new ConfigError(`--shard must be i/N with 0 <= i < N, got ${shard.index}/${shard.count}`);
  const grid = massGrid(cfg);
  const nPoints = grid.mass.length;
  const meta: BumpHuntMeta = {
    tool: "mumux bumphunt",
    config: cfg,
    config_hash: stableHash(cfg),
    input_digest: run.inputDigest,
    n_points: nPoints,
    shard,
  };
  mkdirSync(outDir, { recursive: true });
  const metaPath = join(outDir, "meta.json");
  if (existsSync(metaPath)) {
    const old = JSON.parse(readFileSync(metaPath, "utf8")) as BumpHuntMeta;
    if (old.config_hash !== meta.config_hash || old.input_digest !== meta.input_digest)
      throw new ConfigError(
        `${outDir} holds a different scan (other settings or input); choose another --out`,
      );
    if (old.shard.index !== shard.index || old.shard.count !== shard.count)
      throw new ConfigError(
        `${outDir} holds shard ${old.shard.index}/${old.shard.count}, not ${shard.index}/${shard.count}`,
      );
  }
  writeJsonFile(metaPath, meta);

  const scanPath = join(outDir, "scan.jsonl");
  const toysPath = join(outDir, "toys.jsonl");
  const [p0, p1] = shardRange(nPoints, shard);
  const [t0, t1] = shardRange(cfg.leeToys, shard);
  // Resume: keep the valid finished records of this shard, drop torn or foreign lines.
  const pointMap = new Map<number, PointResult>();
  for (const r of readJsonLines<PointResult>(scanPath))
    if (r.index >= p0 && r.index < p1) pointMap.set(r.index, r);
  const toyMap = new Map<number, ToyResult>();
  for (const r of readJsonLines<ToyResult>(toysPath)) if (r.toy >= t0 && r.toy < t1) toyMap.set(r.toy, r);
  writeJsonLines(scanPath, [...pointMap.values()]);
  if (cfg.leeToys > 0 || existsSync(toysPath)) writeJsonLines(toysPath, [...toyMap.values()]);

  const tasks: ScanTask[] = [];
  let batch: number[] = [];
  for (let k = p0; k < p1; k++) {
    if (pointMap.has(k)) continue;
    batch.push(k);
    if (batch.length === BATCH) {
      tasks.push({ kind: "points", indices: batch });
      batch = [];
    }
  }
  if (batch.length) tasks.push({ kind: "points", indices: batch });
  for (let t = t0; t < t1; t++) if (!toyMap.has(t)) tasks.push({ kind: "toy", toy: t });

  const total = p1 - p0 + (t1 - t0);
  let done = pointMap.size + toyMap.size;
  let fresh = 0;
  const stopAfter = run.stopAfter ?? Number.POSITIVE_INFINITY;
  const record = (res: PointResult[] | ToyResult): void => {
    if (Array.isArray(res)) {
      for (const r of res) {
        if (fresh >= stopAfter) return;
        appendJsonLine(scanPath, r);
        pointMap.set(r.index, r);
        done++;
        fresh++;
      }
    } else {
      if (fresh >= stopAfter) return;
      appendJsonLine(toysPath, res);
      toyMap.set(res.toy, res);
      done++;
      fresh++;
    }
    run.onProgress?.(done, total);
  };

  if (run.workers <= 1 || tasks.length <= 1) {
    const ctx = makeScanContext(run.events, cfg);
    for (const task of tasks) {
      if (fresh >= stopAfter) break;
      record(runScanTask(ctx, task));
    }
  } else {
    const sab = new SharedArrayBuffer(run.events.length * 8);
    new Float64Array(sab).set(run.events);
    const pool = new Piscina({
      filename: new URL("./scanWorker.mjs", import.meta.url).href,
      minThreads: run.workers,
      maxThreads: run.workers,
      workerData: { buffer: sab, cfg },
    });
    try {
      await Promise.all(tasks.map((task) => pool.run(task).then(record)));
    } finally {
      await pool.destroy();
    }
  }

  const complete = pointMap.size === p1 - p0 && toyMap.size === t1 - t0;
  if (!complete) return { complete, pointsDone: pointMap.size, toysDone: toyMap.size };
  const points = [...pointMap.values()].sort((a, b) => a.index - b.index);
  const toys = [...toyMap.values()].sort((a, b) => a.toy - b.toy);
  writeJsonLines(scanPath, points);
  if (cfg.leeToys > 0) writeJsonLines(toysPath, toys);
  if (shard.count > 1) return { complete, pointsDone: points.length, toysDone: toys.length };
  const summary = summarizeBumpHunt(points, toys, cfg, provenanceOf(meta, run.version));
  writeJsonFile(join(outDir, "summary.json"), summary);
  return { complete, pointsDone: points.length, toysDone: toys.length, summary };
}
