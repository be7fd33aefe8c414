/**
 * Child process of backgrounds.bench.ts: generates its share of preselected background chunks
 * (argv[2] = JSON list of jobs) into Parquet chunk files and prints one JSON line with its
 * CPU time and peak resident memory.
 */
import { runBackground } from "../src/cli/commands/generateBackground.ts";

interface Job {
  process: string;
  events: number;
  chunkSize: number;
  first: number;
  last: number;
  out: string;
}

const jobs = JSON.parse(process.argv[2] ?? "[]") as Job[];
const t0 = performance.now();
let events = 0;
for (const j of jobs) {
  await runBackground(
    {
      process: j.process,
      events: j.events,
      seed: 2026,
      out: j.out,
      preselect: true,
      chunkSize: j.chunkSize,
      chunkRange: [j.first, j.last],
      merge: false,
    },
    (n) => {
      events += n;
    },
  );
}
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ events, seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
