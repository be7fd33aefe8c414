/**
 * Histogram fill throughput (src/hist): 1M weighted values into 100 bins through fillArrays, on a
 * regular axis (O(1) lookup) and a variable axis (binary search), plus a 2D fill. Figures only.
 */
import { stream } from "../src/core/random.ts";
import { regularAxis, variableAxis } from "../src/hist/axis.ts";
import { Hist1D } from "../src/hist/hist1D.ts";
import { Hist2D } from "../src/hist/hist2D.ts";
import { type BenchResult, measure } from "./harness.ts";

let sink = 0;

export async function bench(): Promise<BenchResult[]> {
  const N = 1_000_000;
  const rng = stream(2, 0);
  const xs = new Float64Array(N);
  const ys = new Float64Array(N);
  const ws = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    xs[i] = -1 + 12 * rng.uniform(); // ~17% in the flow bins
    ys[i] = Math.PI * rng.uniform();
    ws[i] = rng.uniform();
  }
  // variable edges growing like a resolution-driven binning
  const edges = Array.from({ length: 101 }, (_, i) => 10 * (i / 100) ** 1.5);
  const perFill = { toValue: (ms: number) => N / ms / 1e3, note: `${N / 1e6}M fills per run, 100 bins` };
  const out: BenchResult[] = [];
  const reg = new Hist1D(regularAxis(100, 0, 10));
  out.push(
    await measure("Hist1D fillArrays, regular axis, weighted", "M/s", () => reg.fillArrays(xs, ws), perFill),
  );
  const vr = new Hist1D(variableAxis(edges));
  out.push(
    await measure("Hist1D fillArrays, variable axis, weighted", "M/s", () => vr.fillArrays(xs, ws), perFill),
  );
  out.push(
    await measure(
      "Hist1D fill() loop, regular axis",
      "M/s",
      () => {
        for (let i = 0; i < N; i++) reg.fill(xs[i]!, ws[i]!);
      },
      perFill,
    ),
  );
  const h2 = new Hist2D(regularAxis(100, 0, 10), regularAxis(5, 0, Math.PI));
  out.push(
    await measure("Hist2D fillArrays, regular x regular (100 x 5)", "M/s", () => h2.fillArrays(xs, ys, ws), {
      ...perFill,
      note: `${N / 1e6}M fills per run, 100 x 5 bins`,
    }),
  );
  sink += reg.integral() + vr.integral() + h2.integral();
  if (sink === 42) console.log("");
  return out;
}
