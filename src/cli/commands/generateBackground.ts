/**
 * CLI glue for the standard-model background processes (issue 6; library in
 * src/generate/processes/). Consumed by the `generate` command's process table (generate.ts,
 * `GENERATORS`) and by `xsec --process NAME` (xsec.ts); it has no command of its own.
 *
 * `mumux generate PROCESS (--lumi FB_INV | --events N) --seed S --out FILE.parquet [--preselect]`
 * generates chunk k (`--chunk-size` events, last one shorter) from stream(seed, k) and writes it
 * atomically to `FILE.parquet.chunks/chunk-NNNNNN.parquet` next to a manifest of the run settings.
 * An interrupted run leaves only complete chunk files; rerunning the same command skips them and
 * continues, then merges all chunks into FILE.parquet (streamed, bounded memory) and removes the
 * chunk directory. With --lumi the event count is round(sigma L) with sigma from the process's
 * own integration (with the preselection if asked).
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import { PROCESSES } from "../../generate/processes/index.ts";
import { readTruthEventsParquet, writeTruthEventsParquet } from "../../io/truthEventsParquet.ts";
import type { TruthEvents } from "../../physics/truthEvents.ts";
import type { CommandContext } from "../context.ts";

/** Settings of one background generation run (validated numbers). */
export interface BackgroundRun {
  process: string;
  events: number;
  seed: number;
  out: string;
  preselect: boolean;
  chunkSize: number;
  /** Only these chunk indices [first, last) (default all); no merge unless all are present. */
  chunkRange?: readonly [number, number];
  /** Merge chunk files into `out` when all exist (default true). */
  merge?: boolean;
  /** Provenance added to every file. */
  metadata?: Readonly<Record<string, string>>;
  /**
   * Weighted events: `events` is then the number of trials, every trial with non-zero weight is
   * kept and weights are in fb, normalised so that the whole sample sums to the cross section.
   */
  weighted?: boolean;
}

/** Result of {@link runBackground}. */
export interface BackgroundSummary {
  output: string;
  process: string;
  events: number;
  chunks: number;
  chunksWritten: number;
  chunksSkipped: number;
  merged: boolean;
  /** Sum of event weights (events, plus the excess of partially unweighted ones). */
  sumWeights: number;
  seconds: number;
}

/** The background process or a ConfigError listing the known names. */
export function backgroundProcess(name: string) {
  const p = PROCESSES[name];
  if (!p)
    throw new ConfigError(
      `unknown process "${name}" (expected one of: signal, ${Object.keys(PROCESSES).join(", ")})`,
      "generate",
    );
  return p;
}

/** Chunk file of index k inside the chunk directory. */
export function chunkFile(dir: string, k: number): string {
  return join(dir, `chunk-${String(k).padStart(6, "0")}.parquet`);
}

function checkWritableDir(out: string): void {
  const dir = dirname(resolve(out));
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch {
    throw new ConfigError(`cannot write to directory ${dir}`, "--out");
  }
  if (existsSync(out) && statSync(out).isDirectory()) throw new ConfigError(`${out} is a directory`, "--out");
}

/**
 * Generate (or resume) a background sample chunk by chunk; see the module doc.
 * `onChunk(n)` is called after each chunk with its event count (progress).
 */
export async function runBackground(
  run: BackgroundRun,
  onChunk?: (n: number) => void,
): Promise<BackgroundSummary> {
  const t0 = performance.now();
  const proc = backgroundProcess(run.process);
  checkWritableDir(run.out);
  const dir = `${run.out}.chunks`;
  const nChunks = Math.max(1, Math.ceil(run.events / run.chunkSize));
  const manifest = JSON.stringify(
    {
      process: run.process,
      events: run.events,
      seed: run.seed,
      chunkSize: run.chunkSize,
      preselect: run.preselect,
    },
    null,
    1,
  );
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    throw new ConfigError(`cannot create ${dir}`, "--out");
  }
  const mf = join(dir, "manifest.json");
  if (existsSync(mf)) {
    if (readFileSync(mf, "utf8") !== manifest)
      throw new ConfigError(
        `${dir} holds chunks of a run with other settings; remove it or choose another --out`,
        "--out",
      );
  } else writeFileSync(mf, manifest);
  const [first, last] = run.chunkRange ?? [0, nChunks];
  let written = 0;
  let skipped = 0;
  const meta = {
    ...(run.metadata ?? {}),
    "mumux.generator": run.process,
    "mumux.seed": String(run.seed),
    "mumux.chunk_size": String(run.chunkSize),
    "mumux.preselect": String(run.preselect),
    "mumux.preselection": run.preselect ? proc.preselectionDoc : "none",
    "mumux.weighted": String(!!run.weighted),
    "mumux.weight_unit": run.weighted ? "fb" : "1",
    "mumux.frame": "lab",
  };
  for (let k = first; k < Math.min(last, nChunks); k++) {
    const n = Math.min(run.chunkSize, run.events - k * run.chunkSize);
    const file = chunkFile(dir, k);
    if (existsSync(file)) {
      skipped++;
      onChunk?.(n);
      continue;
    }
    let ev: TruthEvents;
    if (run.weighted) {
      const w = proc.generateWeighted(Math.max(1, n), stream(run.seed, k), { preselect: run.preselect });
      // chunk weights sum to sigma; rescale so the whole sample (all chunks) sums to sigma
      const f = Math.max(1, n) / run.events;
      for (let i = 0; i < w.events.nEvents; i++) w.events.weight[i]! *= f;
      ev = w.events;
    } else ev = proc.generate(Math.max(0, n), stream(run.seed, k), { preselect: run.preselect });
    await writeTruthEventsParquet(file, [ev], { ...meta, "mumux.chunk": String(k) });
    written++;
    onChunk?.(n);
  }
  let merged = false;
  let sumWeights = 0;
  const all = Array.from({ length: nChunks }, (_, k) => chunkFile(dir, k));
  if ((run.merge ?? true) && all.every((f) => existsSync(f))) {
    async function* chunks(): AsyncGenerator<TruthEvents> {
      for (const f of all)
        for await (const t of readTruthEventsParquet(f)) {
          for (const w of t.weight) sumWeights += w;
          yield t;
        }
    }
    await writeTruthEventsParquet(run.out, chunks(), { ...meta, "mumux.events": String(run.events) });
    rmSync(dir, { recursive: true, force: true });
    merged = true;
  }
  return {
    output: run.out,
    process: run.process,
    events: run.events,
    chunks: nChunks,
    chunksWritten: written,
    chunksSkipped: skipped,
    merged,
    sumWeights,
    seconds: (performance.now() - t0) / 1000,
  };
}

function intOption(value: string | undefined, name: string, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`must be an integer >= ${min}, got "${value}"`, name);
  return n;
}

/** Options of `generate PROCESS` that the background generators read (commander strings). */
export interface BackgroundCliOptions {
  events?: string;
  lumi?: string;
  seed: string;
  out: string;
  preselect?: boolean;
  chunkSize: string;
  /** Weighted events (--events is then the number of trials). */
  weighted?: boolean;
}

/**
 * `generate PROCESS` for a background process: validate options (ConfigError -> exit 2), size the
 * sample from --events or --lumi, run {@link runBackground} with progress, return the summary.
 */
export async function generateBackgroundFile(
  name: string,
  o: BackgroundCliOptions,
  c: CommandContext,
): Promise<Record<string, unknown>> {
  const proc = backgroundProcess(name);
  const preselect = !!o.preselect;
  if ((o.events === undefined) === (o.lumi === undefined))
    throw new ConfigError("give exactly one of --events N or --lumi FB_INV", "generate");
  if (o.weighted && o.lumi !== undefined)
    throw new ConfigError("--weighted takes --events (number of trials), not --lumi", "--weighted");
  const seed = intOption(o.seed, "--seed", 0);
  const chunkSize = intOption(o.chunkSize, "--chunk-size", 1);
  let events: number;
  let sigma: { sigma_fb: number; sigma_err_fb: number } | undefined;
  if (o.lumi !== undefined) {
    const lumi = Number(o.lumi);
    if (!Number.isFinite(lumi) || !(lumi > 0))
      throw new ConfigError(`must be a positive luminosity in fb^-1, got "${o.lumi}"`, "--lumi");
    checkWritableDir(o.out);
    c.note(`generate ${name}: integrating the cross section${preselect ? " (preselected)" : ""} ...`);
    sigma = proc.crossSection({ preselect });
    events = Math.round(sigma.sigma_fb * lumi);
  } else events = intOption(o.events, "--events", 1);
  const progress = c.progress(`generate ${name}`, events);
  const s = await runBackground(
    {
      process: name,
      events,
      seed,
      out: o.out,
      preselect,
      chunkSize,
      weighted: !!o.weighted,
      metadata: {
        "mumux.command": ["mumux", ...process.argv.slice(2)].join(" "),
        ...(sigma ? { "mumux.sigma_fb": String(sigma.sigma_fb), "mumux.lumi_fb": String(o.lumi) } : {}),
      },
    },
    (n) => progress.tick(n),
  );
  progress.done();
  const text =
    `${s.output}: ${s.events} ${name} events${preselect ? " (preselected)" : ""}, seed ${seed}, ` +
    `${s.chunksWritten} chunks written, ${s.chunksSkipped} resumed${s.merged ? "" : " (not merged yet)"}` +
    (sigma ? `, sigma = ${sigma.sigma_fb.toPrecision(5)} +- ${sigma.sigma_err_fb.toPrecision(2)} fb` : "") +
    `, ${s.seconds.toFixed(1)} s`;
  return {
    ...s,
    seed,
    preselect,
    ...(sigma ? { sigma_fb: sigma.sigma_fb, sigma_err_fb: sigma.sigma_err_fb, lumi_fb: Number(o.lumi) } : {}),
    text,
  };
}

/** Entries for the `generate` command's process table (generate.ts `GENERATORS`). */
export const BACKGROUND_GENERATORS: Readonly<
  Record<string, (o: BackgroundCliOptions, c: CommandContext) => Promise<Record<string, unknown>>>
> = Object.fromEntries(
  Object.keys(PROCESSES).map((name) => [
    name,
    (o: BackgroundCliOptions, c: CommandContext) => generateBackgroundFile(name, o, c),
  ]),
);

/** `xsec --process NAME [--preselect]`: {"process", "sigma_fb", "sigma_err_fb", "preselect"}. */
export function backgroundCrossSection(name: string, preselect: boolean): Record<string, unknown> {
  const proc = PROCESSES[name];
  if (!proc)
    throw new ConfigError(
      `unknown process "${name}" (expected one of: ${Object.keys(PROCESSES).join(", ")})`,
      "--process",
    );
  const x = proc.crossSection({ preselect });
  return { process: name, sigma_fb: x.sigma_fb, sigma_err_fb: x.sigma_err_fb, preselect };
}
