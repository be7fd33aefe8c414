/**
 * Stage 7c of analysis A: the global significance from background-only pseudo-experiments of the
 * WHOLE spectrum (the look-elsewhere effect by brute force, as Belle II analyses quote it when
 * the trial factor is not well described by few up-crossings; Gross & Vitells, Eur. Phys. J. C 70
 * (2010) 525, sec. 1, is the asymptotic alternative kept for comparison).
 *
 * Toy t: one Poisson draw per cell of the pseudo-data grid (all M2 bins x the theta union) with
 * mean = the background expectation `templates.pseudoData.expected` (never the injected signal),
 * from `stream(seed * 2^20 + GLOBAL_TOYS_ID, t)`. When the observed data are independent of the
 * template MC (pseudo-data from their own samples, or real data), the templates differ from the
 * true background by their MC statistical error, and the observed data see that difference too;
 * the toys then include it (`bootstrap`): each toy first redraws the template expectation from
 * the background MC with a Poisson(1) weight per event (the Poisson bootstrap: B. Efron, Ann.
 * Stat. 7 (1979) 1; kernel-smoothed events keep their kernels), then draws the counts around that.
 * Without it the toys' max Z would be narrower than the observed one's for no physical reason
 * (seen on the default run: toy median max Z 1.32, observed 1.99, z_global 2.2). Every window sums its cells from that grid
 * (windowData, as for the pseudo-data), so overlapping windows are correlated exactly as in the
 * observed scan. For each window the local Z = sqrt(q0) (globalToysTask.ts); per toy the maximum
 * over windows. Global p = (toys with max Z >= the observed max z_local) / N with its Wilson 68%
 * interval; Z_global = Phi^-1(1 - p) (0 for p >= 0.5).
 *
 * Units of work: one window over all toys (`toys/window-NNNN.json`), so each window's model is
 * compiled once; results are per (window, toy) pure functions, hence identical whatever the
 * number of workers, and an interrupted stage resumes per window.
 */
import { existsSync, readFileSync } from "node:fs";
import { Piscina } from "piscina";
import { searchWindow, thetaEdgesAt } from "../../analyses/invisible/binning.ts";
import { fillTemplate, type SelectedEvents, type WindowAxes } from "../../analyses/invisible/templates.ts";
import type { Progress } from "../../core/progress.ts";
import { type Stream, stream } from "../../core/random.ts";
import { deg } from "../../core/units.ts";
import { pToZ } from "../../stats/infer/significance.ts";
import type { Workspace } from "../../stats/workspace/types.ts";
import type { RunConfig } from "../runConfig.ts";
import { readJsonIfPresent, type Stage, writeJsonAtomic } from "../stage.ts";
import { type GlobalToysTask, type GlobalToysWindow, runGlobalToysWindow } from "./globalToysTask.ts";
import type { ScanResult } from "./scanStage.ts";
import type { AnalysisInputs, TemplatesResult } from "./templatesStage.ts";
import { windowData } from "./windowData.ts";
import type { WorkspacesResult } from "./workspacesStage.ts";

/** Seed id of the toy streams (samplesStage.ts seed layout; the pseudo-data use 999). */
export const GLOBAL_TOYS_ID = 998;

/** Result of the global-toys stage. */
export interface GlobalToysResult {
  method: "background-only toy scans";
  /** Number of toys N. */
  toys: number;
  /** Master seed of the toy streams (toy t uses stream(seed, t)). */
  seed: number;
  windows: number;
  /** Observed max local Z of the scan (the level the toys are compared with). */
  zObsMax: number;
  /** The same maximum recomputed by the toys' two-fit q0 (a check; equal up to fit tolerance). */
  zObsMaxRecomputed: number;
  /** Toys with max Z >= zObsMax. */
  nAbove: number;
  /** Global p-value nAbove / N and its Wilson 68.27% interval. */
  p: number;
  pInterval: [number, number];
  /** Phi^-1(1 - p), 0 for p >= 0.5; with nAbove = 0 the Z of the interval's upper end (a lower bound). */
  z: number;
  zIsLowerBound: boolean;
  /** Max local Z per toy and the window index where it occurred (-1: no finite Z). */
  maxZ: number[];
  argmax: number[];
  maxZMedian: number;
  fitFailures: number;
  /** Windows whose toy fits failed as a whole (left out of the maxima). */
  failedWindows: number;
}

/**
 * Wilson score interval of a binomial fraction k/n at `zScore` standard deviations (default 1:
 * 68.27%); E. B. Wilson, JASA 22 (1927) 209. Unlike the Wald interval it stays inside [0, 1] and
 * is not empty at k = 0 (upper end z^2 / (n + z^2)).
 */
export function wilsonInterval(k: number, n: number, zScore = 1): [number, number] {
  if (!(n > 0)) return [0, 1];
  const z2 = zScore * zScore;
  const p = k / n;
  const mid = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (zScore / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

/** Z_global from a p-value: Phi^-1(1 - p), 0 for p >= 0.5 (no excess is not a negative significance). */
/**
 * Z resolution of the fits: Z = sqrt(q0) with q0 converged to ~1e-6, so Z values closer than 1e-3
 * are the same result (an observed max Z of 1e-6 is "no excess", as is a toy's 0).
 */
export const Z_TOLERANCE = 1e-3;

/**
 * Toys whose max local Z reaches the observed one (within {@link Z_TOLERANCE}); a toy without any
 * finite Z (NaN / -Infinity) counts as "not above": it found no excess anywhere.
 */
export function countAtLeast(maxZ: readonly number[], zObs: number): number {
  let n = 0;
  for (const z of maxZ) if (z >= zObs - Z_TOLERANCE) n++;
  return n;
}

function zOf(p: number): number {
  return p >= 0.5 ? 0 : pToZ(p);
}

function median(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/** The background MC behind `expected`, for the Poisson bootstrap of the template expectation. */
export interface ToyBootstrap {
  backgrounds: readonly { events: SelectedEvents }[];
  /** Axes of the whole grid (all M2 bins x the theta union), as `expected` was filled. */
  axes: WindowAxes;
}

/**
 * The template expectation per grid cell from the background MC with every event weight times a
 * Poisson(1) draw (drawn in sample, then event order from `rng`): one bootstrap replica.
 */
export function bootstrapExpected(b: ToyBootstrap, rng: Stream, out: Float64Array): Float64Array {
  out.fill(0);
  for (const { events } of b.backgrounds) {
    const weight = Float64Array.from(events.weight, (w) => w * rng.poisson(1));
    const v = fillTemplate({ ...events, weight }, b.axes).values();
    if (v.length !== out.length) throw new RangeError(`grid of ${v.length} cells, expected ${out.length}`);
    for (let c = 0; c < v.length; c++) out[c]! += v[c]!;
  }
  return out;
}

/**
 * Background-only toy grids: N x nCells counts, toy-major, one Poisson draw per cell with mean
 * `expected[c]` (cells with mean <= 0 stay 0), or with the mean of a bootstrap replica of the
 * templates if `bootstrap` is given ({@link bootstrapExpected}, drawn first), from stream(seed, t).
 */
export function toyGrids(
  expected: ArrayLike<number>,
  nToys: number,
  seed: number,
  bootstrap?: ToyBootstrap,
): Float64Array {
  const n = expected.length;
  const out = new Float64Array(nToys * n);
  const replica = new Float64Array(n);
  for (let t = 0; t < nToys; t++) {
    const rng = stream(seed, t);
    const mean = bootstrap ? bootstrapExpected(bootstrap, rng, replica) : expected;
    for (let c = 0; c < n; c++) {
      const m = mean[c]!;
      out[t * n + c] = m > 0 ? rng.poisson(m) : 0;
    }
  }
  return out;
}

/** Inputs of {@link runGlobalToysStage}. */
export interface GlobalToysInputs {
  /** Directory of the window workspaces. */
  workspacesDir: string;
  ws: WorkspacesResult;
  /** The templates stage's theta union and background expectation per grid cell. */
  templates: Pick<TemplatesResult, "thetaUnionDeg"> & {
    pseudoData: Pick<TemplatesResult["pseudoData"], "expected">;
  };
  /** M2 binning and theta binning per region (the ones the workspaces were built with). */
  inputs: Pick<AnalysisInputs, "m2Edges" | "theta">;
  /** The observed scan (its max z_local is the level of the test). */
  scan: { points: readonly Pick<ScanResult["points"][number], "zLocal">[] };
  /** Number of toys (scan.globalToys). */
  nToys: number;
  /** Master seed of the toy streams (default cfg.seed * 2^20 + GLOBAL_TOYS_ID). */
  seed?: number;
  /** Include the templates' MC statistical error in the toys (module doc); absent: nominal templates. */
  bootstrap?: ToyBootstrap;
  workers: number;
  progress?: (label: string, total: number) => Progress;
}

/** Run (or resume) the global-toys stage (module doc). */
export async function runGlobalToysStage(
  cfg: Pick<RunConfig, "seed">,
  stage: Stage<GlobalToysResult>,
  o: GlobalToysInputs,
): Promise<GlobalToysResult> {
  if (stage.result) return stage.result;
  const N = o.nToys;
  const seed = o.seed ?? cfg.seed * 2 ** 20 + GLOBAL_TOYS_ID;
  const file = (i: number) => stage.path("toys", `window-${String(i).padStart(4, "0")}.json`);
  const windows = o.ws.windows;
  const bar = o.progress?.("global toys", windows.length);
  const todo: number[] = [];
  for (let k = 0; k < windows.length; k++) {
    if (existsSync(file(windows[k]!.index))) bar?.tick();
    else todo.push(k);
  }
  if (todo.length > 0) {
    const union = o.templates.thetaUnionDeg.map(deg);
    const grids = toyGrids(o.templates.pseudoData.expected, N, seed, o.bootstrap);
    const nCells = o.templates.pseudoData.expected.length;
    const task = (k: number): GlobalToysTask => {
      const w = windows[k]!;
      const win = searchWindow(o.inputs.m2Edges, w.mass * w.mass);
      const th = thetaEdgesAt(o.inputs.theta, w.mass * w.mass);
      const nb = (win.end - win.first) * (th.length - 1);
      const data = new Float64Array(N * nb);
      for (let t = 0; t < N; t++)
        windowData(
          grids.subarray(t * nCells, (t + 1) * nCells),
          union,
          win,
          th,
          data.subarray(t * nb, (t + 1) * nb),
        );
      const workspace = JSON.parse(readFileSync(`${o.workspacesDir}/${w.file}`, "utf8")) as Workspace;
      return { index: w.index, workspace, nToys: N, data };
    };
    const save = (r: GlobalToysWindow) => {
      writeJsonAtomic(file(r.index), r);
      bar?.tick(1, `M = ${windows.find((w) => w.index === r.index)!.mass.toFixed(3)} GeV`);
    };
    if (o.workers <= 1 || todo.length <= 1) for (const k of todo) save(runGlobalToysWindow(task(k)));
    else {
      const pool = new Piscina({
        filename: new URL("./globalToysWorker.mjs", import.meta.url).href,
        minThreads: o.workers,
        maxThreads: o.workers,
      });
      try {
        // a few tasks in flight per worker: the toy data of all windows at once would be large
        let next = 0;
        const lane = async () => {
          while (next < todo.length) {
            const k = todo[next++]!;
            save((await pool.run(task(k))) as GlobalToysWindow);
          }
        };
        await Promise.all(Array.from({ length: 2 * o.workers }, lane));
      } finally {
        await pool.destroy();
      }
    }
  }
  bar?.done();
  // JSON turns NaN into null: read back as NaN
  const num = (x: unknown) => (typeof x === "number" ? x : Number.NaN);
  const maxZ = new Array<number>(N).fill(Number.NaN);
  const argmax = new Array<number>(N).fill(-1);
  let fitFailures = 0;
  let failedWindows = 0;
  let zObsRe = 0;
  for (const w of windows) {
    const r = readJsonIfPresent<GlobalToysWindow>(file(w.index));
    if (!r || r.z.length !== N || r.error !== undefined) {
      failedWindows++;
      continue;
    }
    fitFailures += r.fitFailures;
    const zo = num(r.zObs);
    if (zo > zObsRe) zObsRe = zo;
    for (let t = 0; t < N; t++) {
      const z = num(r.z[t]);
      if (Number.isFinite(z) && !(z <= maxZ[t]!)) {
        maxZ[t] = z;
        argmax[t] = w.index;
      }
    }
  }
  let zObsMax = 0;
  for (const p of o.scan.points) if (Number.isFinite(p.zLocal) && p.zLocal > zObsMax) zObsMax = p.zLocal;
  const nAbove = countAtLeast(maxZ, zObsMax);
  const p = N > 0 ? nAbove / N : Number.NaN;
  const pInterval = wilsonInterval(nAbove, N);
  const zIsLowerBound = nAbove === 0 && N > 0;
  return stage.finish({
    method: "background-only toy scans",
    toys: N,
    seed,
    windows: windows.length,
    zObsMax,
    zObsMaxRecomputed: zObsRe,
    nAbove,
    p,
    pInterval,
    // no toy reached the observed level: p < ~1/N, so quote the Z of the interval's upper end
    z: zIsLowerBound ? zOf(pInterval[1]) : zOf(p),
    zIsLowerBound,
    maxZ,
    argmax,
    maxZMedian: median(maxZ),
    fitFailures,
    failedWindows,
  });
}
