/**
 * Signal generator throughput (src/generate/signal.ts): unweighted events per second on one core,
 * with ISR, Belle II boost and the X decay, events written into TruthEvents columns. Also the
 * one-off cost of building the grid majorant and of the quadrature cross section, and the cost of
 * the exact e+e- -> e+e- mu+mu- matrix element (generate/processes/multiperipheral.ts) per
 * evaluation and of the preselected e e mu mu events it weights (twoPhotonExact.ts).
 * Wall-clock figures: on a loaded machine compare with the CPU-time line.
 */
import { stream } from "../src/core/random.ts";
import { M_E, M_MU } from "../src/core/units.ts";
import { bornCrossSection, isrCrossSection } from "../src/generate/mumuXCrossSection.ts";
import { PROCESSES } from "../src/generate/processes/index.ts";
import { MultiperipheralME } from "../src/generate/processes/multiperipheral.ts";
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
  // a point of e+e- -> e+e- mu+mu- (c.m.; the timing does not need exact energy conservation)
  const E = 10.58 / 2;
  const pb = Math.sqrt(E * E - M_E * M_E);
  const onShell = (x: number, y: number, z: number, m: number) => [Math.hypot(x, y, z, m), x, y, z];
  const p3 = onShell(0.5, 0.1, 3.9, M_E);
  const p4 = onShell(-2e-3, 1e-3, -4.4, M_E);
  const q1 = onShell(0.3, -0.5, 0.2, M_MU);
  const q2 = onShell(-1.1, 0.4, 0.3, M_MU);
  const me = new MultiperipheralME(M_MU);
  const nMe = 100_000;
  out.push(
    await measure(
      "e e mu mu |M|^2 (2 diagrams, helicity sum)",
      "us/eval",
      () => {
        for (let i = 0; i < nMe; i++) me.me2([E, 0, 0, pb], [E, 0, 0, -pb], p3, p4, q1, q2, 0.5, 1e-4);
      },
      { runs: 5, toValue: (ms) => (1000 * ms) / nMe },
    ),
  );
  const nEv = 5000;
  let k = 0;
  out.push(
    await measure(
      "e e mu mu preselected events (exact matrix element)",
      "us/event",
      () => PROCESSES.eemumu!.generate(nEv, stream(3, k++), { preselect: true }),
      { runs: 3, toValue: (ms) => (1000 * ms) / nEv, note: "generation only, no simulation" },
    ),
  );
  return out;
}
