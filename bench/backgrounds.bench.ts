/**
 * Issue 6 benchmark: the preselected mu mu + tau tau + e e mu mu samples for the invisible
 * search's 79.7 fb^-1, generated and streamed to Parquet chunk files by two child processes
 * (2 cores), each taking half of every process's chunks. Prints the wall time, the summed CPU
 * time and the largest resident memory of a child. By default a fraction of the luminosity is
 * generated (MUMUX_BENCH_LUMI, default 4 fb^-1) and the full-luminosity wall time is projected
 * linearly; MUMUX_BENCH_LUMI=79.7 runs the full sample. Chunk merging into one file is not timed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROCESSES } from "../src/generate/processes/index.ts";
import type { BenchResult } from "./harness.ts";

const FULL_LUMI = 79.7;
const CHUNK = 50_000;

function runChild(
  jobs: unknown[],
): Promise<{ events: number; seconds: number; cpu: number; maxRssMB: number }> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", new URL("./backgrounds.worker.ts", import.meta.url).pathname, JSON.stringify(jobs)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => {
      if (code !== 0) fail(new Error(`worker exited with ${code}`));
      else ok(JSON.parse(out.trim().split("\n").pop()!));
    });
  });
}

export async function bench(): Promise<BenchResult[]> {
  const lumi = Number(process.env.MUMUX_BENCH_LUMI ?? 4);
  const dir = mkdtempSync(join(tmpdir(), "mumux-bkg-"));
  const results: BenchResult[] = [];
  const shares: unknown[][] = [[], []];
  let total = 0;
  const sigmas: string[] = [];
  for (const name of ["mumu", "tautau", "eemumu"]) {
    const sigma = PROCESSES[name]!.crossSection({ preselect: true }).sigma_fb;
    const events = Math.round(sigma * lumi);
    total += events;
    sigmas.push(`${name} ${(sigma / 1e3).toFixed(1)} pb (${(events / 1e6).toFixed(2)} M ev)`);
    const nChunks = Math.max(1, Math.ceil(events / CHUNK));
    const half = Math.ceil(nChunks / 2);
    const out = join(dir, `${name}.parquet`);
    shares[0]!.push({ process: name, events, chunkSize: CHUNK, first: 0, last: half, out });
    shares[1]!.push({ process: name, events, chunkSize: CHUNK, first: half, last: nChunks, out });
  }
  const t0 = performance.now();
  const r = await Promise.all(shares.map(runChild));
  const wall = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  const note = `${lumi} fb^-1 preselected: ${sigmas.join(", ")}; ${total} events`;
  results.push({
    name: `mumu+tautau+eemumu presel, ${lumi} fb^-1, 2 procs`,
    value: wall,
    unit: "s",
    runs: 1,
    note,
  });
  results.push({
    name: `  projected to ${FULL_LUMI} fb^-1 (wall, linear)`,
    value: (wall * FULL_LUMI) / lumi / 60,
    unit: "min",
    runs: 1,
  });
  const cpu = r[0]!.cpu + r[1]!.cpu;
  results.push({ name: "  CPU time of both children", value: cpu, unit: "s", runs: 1 });
  results.push({
    name: `  projected to ${FULL_LUMI} fb^-1 on 2 idle cores`,
    value: (Math.max(r[0]!.cpu, r[1]!.cpu) * FULL_LUMI) / lumi / 60,
    unit: "min",
    runs: 1,
    note: "slower child's CPU time scaled to the full luminosity: the wall time without other load",
  });
  results.push({
    name: "  peak RSS of one child",
    value: Math.max(r[0]!.maxRssMB, r[1]!.maxRssMB),
    unit: "MB",
    runs: 1,
  });
  return results;
}
