/**
 * Stages 1-3 of analysis A: generate (signal at the simulated masses; backgrounds with the
 * generator-level preselection at lumiFactor x the data luminosity), simulate, select. The unit
 * of work is one chunk of one sample (sampleChunk.ts), stored as `samples/<sample>/chunk-NNNNNN.bin`
 * + `.json`; finished chunks are skipped on a rerun, so an interrupted run resumes chunk by chunk.
 *
 * With `pseudoData.source = "sample"` (the default) every background process also gets a
 * pseudo-data sample `data_<process>` at exactly the data luminosity, generated and simulated
 * with streams of its own: the pseudo-data are then independent of the template MC, as real data
 * are (templatesStage.ts turns its selected events into counts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Piscina } from "piscina";
import { ConfigError } from "../../core/errors.ts";
import type { Progress } from "../../core/progress.ts";
import { PROCESSES } from "../../generate/processes/index.ts";
import type { RunConfig } from "../runConfig.ts";
import { readJsonIfPresent, type Stage, writeJsonAtomic } from "../stage.ts";
import {
  runSampleChunk,
  type SampleChunkResult,
  type SampleChunkTask,
  type SelectedColumns,
} from "./sampleChunk.ts";
import { concatColumns, readSelectedColumns, writeSelectedColumns } from "./selectedColumnsFile.ts";

/** Seed layout: seed * 2^20 + sample id (generation), + 2^19 (simulation). */
const SEED_STRIDE = 2 ** 20;
const SIM_OFFSET = 2 ** 19;

/** Summary of one sample after stages 1-3. */
export interface SampleSummary {
  name: string;
  /** "signal" or the background process name. */
  process: string;
  /** Z' mass [GeV] of a signal sample. */
  mass?: number;
  nEvents: number;
  chunks: number;
  sumWeightsGenerated: number;
  /** Cross section [fb]: preselected background, or signal at g' = 1 (before B(invisible)). */
  sigma_fb: number;
  sigma_err_fb: number;
  /** Background: weight factor to the data luminosity, sigma L / sum of generated weights. Signal: 1. */
  scale: number;
  /** Selected events (steps 1-7). */
  nSelected: number;
  steps: string[];
  raw: number[];
  /** Weighted cut flow: backgrounds in events at the data luminosity; signal in generated-weight units. */
  weighted: number[];
  control: { emu: number; ee: number };
}

/** Result of the samples stage. */
export interface SamplesResult {
  /** Signal and background MC (templates, training). */
  samples: SampleSummary[];
  /** Independent background samples at the data luminosity (pseudo-data); empty unless `pseudoData.source` is "sample". */
  pseudoData: SampleSummary[];
}

/** Name of the pseudo-data sample of a background process. */
export function pseudoDataSampleName(process: string): string {
  return `data_${process}`;
}

/** Sample-id offset of the pseudo-data samples (ids of the MC backgrounds are 1..#processes). */
const PSEUDO_DATA_SAMPLE_OFFSET = 500;

/** Name of the signal sample of mass M. */
export function signalSampleName(mass: number): string {
  return `signal_M${mass}`;
}

function sampleId(process: string, mass?: number): number {
  if (process === "signal") return 1000 + Math.round(mass! * 1e4);
  return 1 + Object.keys(PROCESSES).indexOf(process);
}

interface Spec {
  name: string;
  /** "pseudoData" for the independent data samples. */
  role: "mc" | "pseudoData";
  process: string;
  mass?: number;
  nEvents: number;
  genSeed: number;
  simSeed: number;
  sigma_fb: number;
  sigma_err_fb: number;
}

/** Options of {@link runSamplesStage}. */
export interface SamplesStageOptions {
  workers: number;
  progress?: ((label: string, total: number) => Progress) | undefined;
  note?: ((message: string) => void) | undefined;
}

/**
 * Run (or resume) stages 1-3 (module doc).
 * @throws ConfigError for an unknown background process
 */
export async function runSamplesStage(
  cfg: RunConfig,
  stage: Stage<SamplesResult>,
  opts: SamplesStageOptions,
): Promise<SamplesResult> {
  if (stage.result) return stage.result;
  const specs: Spec[] = [];
  for (const [name, b] of Object.entries(cfg.backgrounds)) {
    const p = PROCESSES[name];
    if (!p)
      throw new ConfigError(
        `unknown background process (expected one of ${Object.keys(PROCESSES).join(", ")})`,
        `backgrounds.${name}`,
      );
    const id = sampleId(name);
    const genSeed = cfg.seed * SEED_STRIDE + id;
    // the preselected cross section fixes the number of events for the MC luminosity
    const xsFile = stage.path(`xsec-${name}.json`);
    let xs = readJsonIfPresent<{ sigma_fb: number; sigma_err_fb: number }>(xsFile);
    if (!xs) {
      opts.note?.(`cross section of ${name} with preselection (${cfg.xsecTrials} trials)`);
      const c = p.crossSection({ preselect: true, trials: cfg.xsecTrials, seed: genSeed });
      xs = { sigma_fb: c.sigma_fb, sigma_err_fb: c.sigma_err_fb };
      writeJsonAtomic(xsFile, xs);
    }
    specs.push({
      name,
      role: "mc",
      process: name,
      nEvents: Math.max(1, Math.round(xs.sigma_fb * cfg.luminosity_fb * b.lumiFactor)),
      genSeed,
      simSeed: cfg.seed * SEED_STRIDE + SIM_OFFSET + id,
      ...xs,
    });
    if (cfg.pseudoData.source === "sample") {
      // the same cross section (same process, same preselection), other streams
      const dataId = PSEUDO_DATA_SAMPLE_OFFSET + id;
      specs.push({
        name: pseudoDataSampleName(name),
        role: "pseudoData",
        process: name,
        nEvents: Math.max(1, Math.round(xs.sigma_fb * cfg.luminosity_fb)),
        genSeed: cfg.seed * SEED_STRIDE + dataId,
        simSeed: cfg.seed * SEED_STRIDE + SIM_OFFSET + dataId,
        ...xs,
      });
    }
  }
  const masses = [...new Set(cfg.signal.masses)].sort((a, b) => a - b);
  for (const mass of masses) {
    const id = sampleId("signal", mass);
    specs.push({
      name: signalSampleName(mass),
      role: "mc",
      process: "signal",
      mass,
      nEvents: cfg.signal.eventsPerMass,
      genSeed: cfg.seed * SEED_STRIDE + id,
      simSeed: cfg.seed * SEED_STRIDE + SIM_OFFSET + id,
      sigma_fb: Number.NaN,
      sigma_err_fb: Number.NaN,
    });
  }
  const tasks: { spec: Spec; task: SampleChunkTask }[] = [];
  let totalEvents = 0;
  for (const s of specs) {
    const nChunks = Math.ceil(s.nEvents / cfg.chunkSize);
    for (let k = 0; k < nChunks; k++) {
      const n = Math.min(cfg.chunkSize, s.nEvents - k * cfg.chunkSize);
      totalEvents += n;
      tasks.push({
        spec: s,
        task: {
          process: s.process,
          ...(s.mass !== undefined ? { mass: s.mass } : {}),
          nEvents: n,
          chunk: k,
          genSeed: s.genSeed,
          simSeed: s.simSeed,
          selection: cfg.selection as SampleChunkTask["selection"],
        },
      });
    }
  }
  const bar = opts.progress?.("generate+simulate+select", totalEvents);
  const save = (s: Spec, r: SampleChunkResult) => {
    saveChunk(stage.path(s.name), r);
    bar?.tick(r.nEvents, s.name);
  };
  const todo = tasks.filter(({ spec, task }) => {
    if (existsSync(`${chunkBase(stage.path(spec.name), task.chunk)}.json`)) {
      bar?.tick(task.nEvents);
      return false;
    }
    return true;
  });
  await runChunkTasks(todo, opts.workers, ({ spec }, r) => save(spec, r));
  bar?.done();
  const samples = specs.filter((s) => s.role === "mc").map((s) => summarise(stage, s, cfg));
  const pseudoData = specs.filter((s) => s.role === "pseudoData").map((s) => summarise(stage, s, cfg));
  return stage.finish({ samples, pseudoData });
}

/**
 * Run chunk tasks in `workers` threads (sampleChunkWorker.mjs), or in this thread for one worker
 * or one task, handing each result to `save` as soon as it is ready (so an interruption loses at
 * most the chunks in flight).
 */
export async function runChunkTasks<T extends { task: SampleChunkTask }>(
  todo: readonly T[],
  workers: number,
  save: (item: T, result: SampleChunkResult) => void,
): Promise<void> {
  if (workers <= 1 || todo.length <= 1) {
    for (const item of todo) save(item, runSampleChunk(item.task));
    return;
  }
  const pool = new Piscina({
    filename: new URL("./sampleChunkWorker.mjs", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    await Promise.all(
      todo.map((item) => (pool.run(item.task) as Promise<SampleChunkResult>).then((r) => save(item, r))),
    );
  } finally {
    await pool.destroy();
  }
}

/** A chunk's result as stored next to its columns. */
export type ChunkMeta = Omit<SampleChunkResult, "columns"> & {
  nSelected: number;
  signalMajorant?: number;
};

/** Path without extension of chunk k in a sample directory (`.bin` columns, `.json` the rest). */
export function chunkBase(dir: string, k: number): string {
  return join(dir, `chunk-${String(k).padStart(6, "0")}`);
}

/** Store one chunk's result: the selected columns and, last (it marks the chunk done), the rest. */
export function saveChunk(dir: string, r: SampleChunkResult): void {
  writeSelectedColumns(`${chunkBase(dir, r.chunk)}.bin`, r.columns);
  const { columns, ...meta } = r;
  writeJsonAtomic(`${chunkBase(dir, r.chunk)}.json`, { ...meta, nSelected: columns.m2Recoil.length });
}

/** The stored results of chunks 0 .. nChunks-1 of a sample directory. */
export function readChunkMetas(dir: string, nChunks: number): ChunkMeta[] {
  const out: ChunkMeta[] = [];
  for (let k = 0; k < nChunks; k++)
    out.push(JSON.parse(readFileSync(`${chunkBase(dir, k)}.json`, "utf8")) as ChunkMeta);
  return out;
}

/** The selected columns of a sample directory's chunks, in order. */
export function readChunkColumns(dir: string, metas: readonly ChunkMeta[]): SelectedColumns {
  return concatColumns(metas.map((m, k) => readSelectedColumns(`${chunkBase(dir, k)}.bin`, m.nSelected)));
}

function summarise(stage: Stage<SamplesResult>, s: Spec, cfg: RunConfig): SampleSummary {
  const nChunks = Math.ceil(s.nEvents / cfg.chunkSize);
  const metas = readChunkMetas(stage.path(s.name), nChunks);
  const first = metas[0]!;
  const raw = first.raw.map(() => 0);
  const weighted = first.weighted.map(() => 0);
  let sumW = 0;
  let nSel = 0;
  let emu = 0;
  let ee = 0;
  let trials = 0;
  let sumR = 0;
  let sumR2 = 0;
  for (const m of metas) {
    m.raw.forEach((x, j) => {
      raw[j]! += x;
    });
    m.weighted.forEach((x, j) => {
      weighted[j]! += x;
    });
    sumW += m.sumWeightsGenerated;
    nSel += m.nSelected;
    emu += m.control.emu;
    ee += m.control.ee;
    if (m.signalStats) {
      trials += m.signalStats.trials;
      sumR += m.signalStats.sumR;
      sumR2 += m.signalStats.sumR2;
    }
  }
  let sigma = s.sigma_fb;
  let sigmaErr = s.sigma_err_fb;
  let scale = 1;
  if (s.process === "signal") {
    const I = first.signalMajorant ?? Number.NaN;
    const mean = sumR / trials;
    sigma = I * mean;
    sigmaErr = (I * Math.sqrt(Math.max(sumR2 / trials - mean * mean, 0))) / Math.sqrt(trials);
  } else {
    // expected events at the data luminosity per unit of generated weight
    scale = (s.sigma_fb * cfg.luminosity_fb) / sumW;
  }
  return {
    name: s.name,
    process: s.process,
    ...(s.mass !== undefined ? { mass: s.mass } : {}),
    nEvents: s.nEvents,
    chunks: nChunks,
    sumWeightsGenerated: sumW,
    sigma_fb: sigma,
    sigma_err_fb: sigmaErr,
    scale,
    nSelected: nSel,
    steps: first.steps,
    raw,
    weighted: weighted.map((w) => w * scale),
    control: { emu: emu * scale, ee: ee * scale },
  };
}

/** The selected columns (steps 1-7) of a sample, all chunks in order. */
export function loadSampleColumns(stage: Stage<SamplesResult>, s: SampleSummary): SelectedColumns {
  const dir = stage.path(s.name);
  return readChunkColumns(dir, readChunkMetas(dir, s.chunks));
}
