/**
 * Signal generator throughput (src/generate/signal.ts): unweighted events per second on one core,
 * with ISR, Belle II boost and the X decay, events written into TruthEvents columns. Also the
 * one-off cost of building the grid majorant and of the quadrature cross section.
 * Wall-clock figures: on a loaded machine compare with the CPU-time line.
 */
import { bornCrossSection, isrCrossSection } from "../src/generate/mumuXCrossSection.ts";
import { generateSignalChunk, prepareSignal, type SignalConfig } from "../src/generate/signal.ts";
import { type BenchResult, measure } from "./harness.ts";

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const n = 200_000;
  const cases: Array<[string, SignalConfig]> = [
    ["Z' -> inv, M = 1 GeV, ISR + boost", { spin: "vector", mass: 1, decay: "invisible" }],
    ["Z' -> mu mu (spin corr.), M = 1 GeV, ISR + boost", { spin: "vector", mass: 1, decay: "mumu" }],
    ["S -> mu mu, M = 1 GeV, ISR + boost", { spin: "scalar", mass: 1, decay: "mumu" }],
    [
      "Z' -> inv, M = 0.01 GeV, ISR + boost + E spread",
      { spin: "vector", mass: 0.01, decay: "invisible", energySpread: true },
    ],
  ];
  for (const [name, cfg] of cases) {
    const gen = prepareSignal(cfg);
    let chunk = 0;
    out.push(
      await measure(`signal ${name}`, "k ev/s", () => generateSignalChunk(gen, 1, chunk++, n), {
        runs: 5,
        toValue: (ms) => n / ms,
      }),
    );
    // CPU time of one more chunk (robust against other processes on the machine)
    const c0 = process.cpuUsage();
    generateSignalChunk(gen, 1, chunk++, n);
    const c = process.cpuUsage(c0);
    out.push({ name: `  (same, per CPU second)`, value: n / (c.user / 1e3), unit: "k ev/s", runs: 1 });
  }
  out.push(
    await measure(
      "grid build, Z' ISR + Breit-Wigner (4-D)",
      "ms",
      () => prepareSignal({ spin: "vector", mass: 3, decay: "invisible", width: 0.3 }),
      { runs: 3 },
    ),
  );
  out.push(
    await measure("Born sigma by quadrature (12 panels)", "ms", () => bornCrossSection("vector", 10.58, 1), {
      runs: 5,
    }),
  );
  out.push(
    await measure("ISR sigma by quadrature", "ms", () => isrCrossSection("vector", 10.58, 1), { runs: 3 }),
  );
  return out;
}
