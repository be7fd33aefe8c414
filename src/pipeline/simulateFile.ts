/**
 * Stage wiring: a truth-event Parquet file -> Belle II fast simulation -> a reco-event Parquet file,
 * streamed chunk by chunk.
 *
 * Chunk k of the input (fixed by `chunkRows`) is simulated with stream(seed, k), so the output is
 * identical for any number of workers. Chunks are written in input order while workers run ahead
 * by at most 2 chunks each (bounded memory).
 */
import { createHash } from "node:crypto";
import { Piscina } from "piscina";
import type { Progress } from "../core/progress.ts";
import { type CompiledCard, compileCard, type DetectorCard } from "../detector/card.ts";
import { simulate } from "../detector/simulate.ts";
import { readParquetInfo } from "../io/parquet.ts";
import { writeRecoEventsParquet } from "../io/recoEventsParquet.ts";
import { readTruthEventsParquet } from "../io/truthEventsParquet.ts";
import type { RecoEvents } from "../physics/recoEvents.ts";
import type { TruthEvents } from "../physics/truthEvents.ts";

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

/** Simulate a truth-event Parquet file into a reco-event Parquet file. */
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
          filename: new URL("../detector/simulateWorker.mjs", import.meta.url).href,
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
