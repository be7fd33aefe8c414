/**
 * `mumux simulate IN.parquet --out OUT.parquet [--card CARD.json] --seed S [--workers N]`:
 * truth events -> Belle II fast simulation -> reconstructed events, streamed chunk by chunk.
 *
 * Chunk k of the input (fixed by --chunk-rows) is simulated with stream(seed, k), so the output
 * is identical for any --workers. Chunks are written in input order while workers run ahead by
 * at most 2 chunks each (bounded memory).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { Piscina } from "piscina";
import { ConfigError } from "../../core/errors.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { type CompiledCard, compileCard, type DetectorCard, readCard } from "../../detector/card.ts";
import { simulate } from "../../detector/simulate.ts";
import { readParquetInfo } from "../../io/parquet.ts";
import { writeRecoEventsParquet } from "../../io/recoEventsParquet.ts";
import { readTruthEventsParquet } from "../../io/truthEventsParquet.ts";
import type { RecoEvents } from "../../physics/recoEvents.ts";
import type { TruthEvents } from "../../physics/truthEvents.ts";
import type { CommandContext, Progress } from "../context.ts";

function intOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`must be an integer >= ${min}, got "${value}"`, name);
  return n;
}

/** What {@link simulateFile} did. */
export interface SimulateFileSummary {
  input: string;
  output: string;
  events: number;
  tracks: number;
  photons: number;
  chunks: number;
  bytes: number;
  seed: number;
  workers: number;
  card: string;
  seconds: number;
}

/**
 * Simulate a truth-event Parquet file into a reco-event Parquet file.
 * (Stage wiring; belongs in pipeline/ once that folder has a home for it.)
 */
export async function simulateFile(opts: {
  input: string;
  output: string;
  card: DetectorCard;
  seed: number;
  workers: number;
  chunkRows: number;
  provenance: Record<string, string>;
  progress?: Progress | undefined;
}): Promise<SimulateFileSummary> {
  const t0 = performance.now();
  const compiled: CompiledCard = compileCard(opts.card);
  const inputMeta = (await readParquetInfo(opts.input)).metadata;
  let chunks = 0;
  let tracks = 0;
  let photons = 0;
  const pool =
    opts.workers > 1
      ? new Piscina({
          filename: new URL("../../detector/simulateWorker.mjs", import.meta.url).href,
          minThreads: opts.workers,
          maxThreads: opts.workers,
        })
      : undefined;
  async function* recoChunks(): AsyncGenerator<RecoEvents> {
    const pending: Promise<RecoEvents>[] = [];
    const counts: number[] = [];
    const take = async (): Promise<RecoEvents> => {
      const r = await pending.shift()!;
      tracks += r.charge.length;
      photons += r.photonE.length;
      opts.progress?.tick(counts.shift()!);
      return r;
    };
    let index = 0;
    for await (const truth of readTruthEventsParquet(opts.input, { batchRows: opts.chunkRows })) {
      const chunkIndex = index++;
      counts.push(truth.pdg.length);
      if (pool) {
        const job = pool.run({ truth, card: compiled, seed: opts.seed, chunkIndex }) as Promise<RecoEvents>;
        // if reading fails later, jobs still in flight must not surface as unhandled rejections
        job.catch(() => undefined);
        pending.push(job);
        if (pending.length >= 2 * opts.workers) yield await take();
      } else {
        pending.push(Promise.resolve(simulate(truth as TruthEvents, compiled, opts.seed, chunkIndex)));
        yield await take();
      }
    }
    while (pending.length > 0) yield await take();
    chunks = index;
  }
  const metadata: Record<string, string> = {
    ...opts.provenance,
    "mumux.seed": String(opts.seed),
    "mumux.card.name": opts.card.name,
    "mumux.card.sha256": createHash("sha256").update(JSON.stringify(opts.card)).digest("hex"),
    "mumux.card": JSON.stringify(opts.card),
    "mumux.input": opts.input,
    "mumux.chunk_rows": String(opts.chunkRows),
  };
  for (const [k, v] of Object.entries(inputMeta)) if (!k.startsWith("ARROW")) metadata[`input.${k}`] = v;
  try {
    const s = await writeRecoEventsParquet(opts.output, recoChunks(), metadata);
    return {
      input: opts.input,
      output: opts.output,
      events: s.nEvents,
      tracks,
      photons,
      chunks,
      bytes: s.bytes,
      seed: opts.seed,
      workers: opts.workers,
      card: opts.card.name,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await pool?.destroy();
  }
}

function mumuxVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
        version: string;
      }
    ).version;
  } catch {
    return "unknown";
  }
}

/** `mumux simulate`: Belle II fast simulation of a truth-event Parquet file. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("simulate")
    .description("run the Belle II fast simulation on truth events (Parquet) and write reconstructed events")
    .argument("<input>", "truth-event Parquet file (from a generator)")
    .requiredOption("--out <file>", "output reco-event Parquet file")
    .option("--card <file>", "detector card JSON (default: built-in Belle II card; see `mumux card --print`)")
    .requiredOption("--seed <n>", "master random seed (non-negative integer)")
    .option("--workers <n>", "worker threads (output does not depend on it)", "1")
    .option("--chunk-rows <n>", "particles read per chunk; part of the random-stream layout", "65536")
    .action(
      async (
        input: string,
        o: { out: string; card?: string; seed: string; workers: string; chunkRows: string },
      ): Promise<void> => {
        const c = ctx();
        const seed = intOption(o.seed, "--seed", 0);
        const workers = intOption(o.workers, "--workers", 1);
        const chunkRows = intOption(o.chunkRows, "--chunk-rows", 1);
        const card = o.card ? readCard(o.card) : belle2DefaultCard();
        const info = await readParquetInfo(input);
        const progress = c.progress("simulate", info.nRows);
        const summary = await simulateFile({
          input,
          output: o.out,
          card,
          seed,
          workers,
          chunkRows,
          progress,
          provenance: {
            "mumux.version": mumuxVersion(),
            "mumux.command": ["mumux", ...process.argv.slice(2)].join(" "),
          },
        });
        progress.done();
        c.result(
          summary,
          `${summary.output}: ${summary.events} events, ${summary.tracks} tracks, ${summary.photons} photons ` +
            `(${summary.chunks} chunks, card ${summary.card}, seed ${summary.seed}, ${summary.seconds.toFixed(1)} s)`,
        );
      },
    );
}
