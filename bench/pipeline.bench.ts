/**
 * Cost of the units of work of `mumux run` (analysis A), the numbers behind the run budget in
 * src/pipeline/runConfig.ts: one sample chunk (generate with the preselection + simulate + select)
 * per process, in microseconds per generated event (signal events are not preselected, so they
 * are cheaper per event).
 */
import { runSampleChunk } from "../src/pipeline/invisible/sampleChunk.ts";
import { type BenchResult, measure } from "./harness.ts";

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const n = 4000;
  for (const [process, mass] of [
    ["signal", 2],
    ["mumu", undefined],
    ["tautau", undefined],
    ["eemumu", undefined],
  ] as const) {
    let chunk = 0;
    out.push(
      await measure(
        `sample chunk ${process}${mass ? ` M=${mass}` : ""} (gen+sim+select)`,
        "us/event",
        () =>
          runSampleChunk({
            process,
            ...(mass ? { mass } : {}),
            nEvents: n,
            chunk: chunk++,
            genSeed: 11,
            simSeed: 12,
            selection: {},
          }),
        { runs: 3, toValue: (ms) => (1000 * ms) / n, note: `${n} events per chunk, 1 thread` },
      ),
    );
  }
  return out;
}
