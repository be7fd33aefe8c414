/**
 * `npm run bench [filter]`: runs every registered benchmark (or those whose file name contains
 * `filter`) and prints one line per figure: name, median, unit, runs.
 */
import { type BenchResult, machineLine } from "./harness.ts";

type BenchModule = { bench: () => Promise<BenchResult[]> };

// One line per benchmark file.
const suites: Array<[string, () => Promise<BenchModule>]> = [
  ["core", () => import("./core.bench.ts")],
  ["mva", () => import("./mva.bench.ts")],
  ["detector", () => import("./detector.bench.ts")],
  ["physics", () => import("./physics.bench.ts")],
  ["hist", () => import("./hist.bench.ts")],
  ["bumphunt", () => import("./bumphunt.bench.ts")],
  ["stats", () => import("./stats.bench.ts")],
  ["generate", () => import("./generate.bench.ts")],
  ["backgrounds", () => import("./backgrounds.bench.ts")],
  ["report", () => import("./report.bench.ts")],
  ["pipeline", () => import("./pipeline.bench.ts")],
  ["globaltoys", () => import("./globalToys.bench.ts")],
  ["toylimits", () => import("./toyLimits.bench.ts")],
];

const filter = process.argv[2];
console.log(`mumux benchmarks: ${machineLine()}`);
for (const [name, load] of suites) {
  if (filter && !name.includes(filter)) continue;
  const mod = await load();
  for (const r of await mod.bench()) {
    const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toPrecision(3);
    console.log(
      `${name.padEnd(10)} ${r.name.padEnd(48)} ${v.padStart(10)} ${r.unit.padEnd(8)} (median of ${r.runs})${r.note ? `  ${r.note}` : ""}`,
    );
  }
}
