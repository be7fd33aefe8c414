/**
 * `mumux simulate IN.parquet --out OUT.parquet [--card CARD.json] --seed S [--workers N]`:
 * truth events -> Belle II fast simulation -> reconstructed events (src/pipeline/simulateFile.ts).
 *
 * Chunk k of the input (fixed by --chunk-rows) is simulated with stream(seed, k), so the output
 * is identical for any --workers. Chunks are written in input order while workers run ahead by
 * at most 2 chunks each (bounded memory).
 */
import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { MUMUX_VERSION } from "../../core/version.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { readCard } from "../../detector/card.ts";
import { readParquetInfo } from "../../io/parquet.ts";
import { simulateFile } from "../../pipeline/simulateFile.ts";
import type { CommandContext } from "../context.ts";

function intOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`must be an integer >= ${min}, got "${value}"`, name);
  return n;
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
            "mumux.version": MUMUX_VERSION,
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
