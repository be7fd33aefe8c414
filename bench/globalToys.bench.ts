/**
 * Cost of the toy-based global significance of analysis A (src/pipeline/invisible/globalToys*):
 * one background-only toy scan over a realistic number of windows (400, like the default run's
 * 403), 1 thread, each window's model compiled once. Reported: seconds per toy scan (the marginal
 * cost, from runs with 5 and 0 toys per window) and the fixed cost per window (compile + fit of
 * the observed data). Divide the per-toy figure by the number of workers for a run's estimate.
 *
 * Windows: synthetic by default (20 M2 bins x 5/4/3/2 theta bins, two backgrounds of unit-weight
 * MC from 30 down to 0.3 events per bin, so many sparse bins as at high M2, paper systematics);
 * set MUMUX_BENCH_WORKSPACES=<run>/invisible/workspaces to time a real run's windows instead
 * (toys then fluctuate the observed counts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { windowWorkspace } from "../src/analyses/invisible/workspace.ts";
import { stream } from "../src/core/random.ts";
import { variableAxis } from "../src/hist/axis.ts";
import { Hist2D } from "../src/hist/hist2D.ts";
import { type GlobalToysTask, runGlobalToysWindow } from "../src/pipeline/invisible/globalToysTask.ts";
import type { Workspace } from "../src/stats/workspace/types.ts";
import { type BenchResult, measure } from "./harness.ts";

const N_WINDOWS = 400;
const TOYS = 5;

/** Synthetic window k of n (module doc). */
function syntheticWindow(k: number, n: number): Workspace {
  const rng = stream(2024, k);
  const nT = [5, 4, 3, 2][Math.floor((4 * k) / n)]!;
  const m2 = 0.1 + (80 * k) / n;
  const x = variableAxis(Float64Array.from({ length: 21 }, (_, i) => m2 - 1 + 0.1 * i));
  const y = variableAxis(Float64Array.from({ length: nT + 1 }, (_, i) => (Math.PI * i) / nT));
  const sig = new Hist2D(x, y);
  const mumu = new Hist2D(x, y);
  const tautau = new Hist2D(x, y);
  const data = new Hist2D(x, y);
  const mean = 30 * 0.01 ** (k / n);
  for (let ix = 0; ix < 20; ix++)
    for (let iy = 0; iy < nT; iy++) {
      const c = x.center(ix);
      const yc = y.center(iy);
      sig.fill(c, yc, 0.5 * Math.exp(-0.5 * ((c - m2) / 0.15) ** 2));
      const a = rng.poisson(mean);
      for (let e = 0; e < a; e++) mumu.fill(c, yc, 1);
      const b = rng.poisson(0.3 * mean);
      for (let e = 0; e < b; e++) tautau.fill(c, yc, 1);
      data.fill(c, yc, rng.poisson(1.3 * mean));
    }
  return windowWorkspace({
    mass: Math.sqrt(m2),
    signal: sig,
    backgrounds: [
      { name: "mumu", hist: mumu },
      { name: "tautau", hist: tautau },
    ],
    data,
  });
}

function windows(): { workspaces: Workspace[]; source: string } {
  const dir = process.env.MUMUX_BENCH_WORKSPACES;
  if (dir) {
    const files = readdirSync(dir)
      .filter((f) => /^window-\d+\.json$/.test(f))
      .sort();
    return {
      workspaces: files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Workspace),
      source: dir,
    };
  }
  return {
    workspaces: Array.from({ length: N_WINDOWS }, (_, k) => syntheticWindow(k, N_WINDOWS)),
    source: "synthetic",
  };
}

export async function bench(): Promise<BenchResult[]> {
  const { workspaces, source } = windows();
  const rng = stream(77, 0);
  const tasks = (nToys: number): GlobalToysTask[] =>
    workspaces.map((ws, index) => {
      const obs = ws.observations[0]!.data;
      const data = new Float64Array(nToys * obs.length);
      for (let t = 0; t < nToys; t++)
        for (let i = 0; i < obs.length; i++) data[t * obs.length + i] = rng.poisson(obs[i]!);
      return { index, workspace: ws, nToys, data };
    });
  const t0 = tasks(0);
  const t10 = tasks(TOYS);
  const runAll = (ts: GlobalToysTask[]) => {
    for (const t of ts) runGlobalToysWindow(t);
  };
  const fixed = await measure("global toys: compile + observed fit, all windows", "s", () => runAll(t0), {
    runs: 3,
    warmup: 0,
    toValue: (ms) => ms / 1000,
    note: `${workspaces.length} windows (${source}), 1 thread`,
  });
  const withToys = await measure(`global toys: ${TOYS} toys, all windows`, "s", () => runAll(t10), {
    runs: 3,
    warmup: 0,
    toValue: (ms) => ms / 1000,
    note: `${workspaces.length} windows (${source}), 1 thread`,
  });
  return [
    fixed,
    withToys,
    {
      name: "global toys: one toy scan (marginal)",
      value: (withToys.value - fixed.value) / TOYS,
      unit: "s/toy",
      runs: 3,
      note: `${workspaces.length} windows (${source}), 1 thread; a run with W workers: / W`,
    },
  ];
}
