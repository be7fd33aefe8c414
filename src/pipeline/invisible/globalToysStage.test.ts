/**
 * The global-toys stage on a tiny synthetic analysis: a grid of 100 M2 bins (0.1 GeV^2 wide) x a
 * theta union of 3 cells, a flat background (40 + 20 + 50 events per M2 bin, well-measured MC),
 * windows of 20 M2 bins x 2 theta bins built with windowWorkspace (statistics-only systematics)
 * at non-overlapping positions, so their toy significances are independent.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { searchWindow, type ThetaBinning, thetaEdgesAt } from "../../analyses/invisible/binning.ts";
import {
  emptyTemplate,
  fillTemplate,
  type SelectedEvents,
  windowAxes,
} from "../../analyses/invisible/templates.ts";
import { fitWindow } from "../../analyses/invisible/windowFit.ts";
import { NO_SYSTEMATICS, windowWorkspace } from "../../analyses/invisible/workspace.ts";
import { stream } from "../../core/random.ts";
import { normalSf } from "../../core/special.ts";
import { toDeg } from "../../core/units.ts";
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import type { Workspace } from "../../stats/workspace/types.ts";
import { Stage } from "../stage.ts";
import {
  countAtLeast,
  type GlobalToysResult,
  runGlobalToysStage,
  toyGrids,
  wilsonInterval,
} from "./globalToysStage.ts";
import { localZ } from "./globalToysTask.ts";
import { windowData } from "./windowData.ts";
import type { WorkspacesResult } from "./workspacesStage.ts";

const root = mkdtempSync(join(tmpdir(), "mumux-globaltoys-"));
after(() => rmSync(root, { recursive: true, force: true }));

const NM = 100;
const m2Edges = Float64Array.from({ length: NM + 1 }, (_, k) => 0.1 * k);
const union = [0, 1.2, 1.6, Math.PI];
const theta: ThetaBinning = {
  regions: [{ m2Max: Number.POSITIVE_INFINITY, edges: Float64Array.from([0, 1.6, Math.PI]) }],
};
const CELL = [40, 20, 50];
const expected = Array.from({ length: NM * 3 }, (_, k) => CELL[k % 3]!);

/** Windows at hypotheses M^2 = m2s, workspaces written under root/name; observed data = the `obs` grid. */
function synthetic(name: string, m2s: readonly number[], obs: readonly number[] = expected) {
  const dir = join(root, name, "workspaces");
  mkdirSync(dir, { recursive: true });
  const windows: WorkspacesResult["windows"] = [];
  const workspaces: Workspace[] = [];
  m2s.forEach((m2, i) => {
    const w = searchWindow(m2Edges, m2);
    const th = thetaEdgesAt(theta, m2);
    const axes = windowAxes(m2Edges, w, th);
    const bkg = windowData(expected, union, w, th);
    const sig = emptyTemplate(axes);
    const b = emptyTemplate(axes);
    for (let ix = 0; ix < 20; ix++)
      for (let iy = 0; iy < 2; iy++) {
        const s = sig.slot(ix, iy);
        const c = 0.5 * (axes.m2Edges[ix]! + axes.m2Edges[ix + 1]!);
        // Gaussian signal, 0.2 GeV^2 wide, ~10 events per theta bin at mu = 1; precise MC
        sig.sumw[s] = 2 * Math.exp(-0.5 * ((c - m2) / 0.2) ** 2);
        sig.sumw2[s] = sig.sumw[s]! * 1e-4;
        // background MC of weight 0.01 (the toys' mean is the grid expectation, as in the stage)
        b.sumw[s] = bkg[ix * 2 + iy]!;
        b.sumw2[s] = b.sumw[s]! * 0.01;
      }
    const ws = windowWorkspace({
      mass: Math.sqrt(m2),
      signal: sig,
      backgrounds: [{ name: "bkg", hist: b }],
      data: windowData(obs, union, w, th),
      systematics: NO_SYSTEMATICS,
    });
    const file = `window-${String(i).padStart(4, "0")}.json`;
    writeFileSync(join(dir, file), JSON.stringify(ws));
    windows.push({ index: i, mass: Math.sqrt(m2), file, bins: 40, nTheta: 2, backgrounds: ["bkg"] });
    workspaces.push(ws);
  });
  return { dir, ws: { windows }, workspaces };
}

const templates = { thetaUnionDeg: union.map(toDeg), pseudoData: { expected } };

/** Run the stage in root/name/global-toys with the observed max Z set to zObs. */
function run(
  name: string,
  s: ReturnType<typeof synthetic>,
  nToys: number,
  workers: number,
  zObs: number,
): Promise<GlobalToysResult> {
  const stage = new Stage<GlobalToysResult>(join(root, name), "global-toys", "test", 1, {});
  return runGlobalToysStage({ seed: 1 }, stage, {
    workspacesDir: s.dir,
    ws: s.ws,
    templates,
    inputs: { m2Edges, theta },
    scan: { points: s.ws.windows.map((_, i) => ({ zLocal: i === 0 ? zObs : 0 })) },
    nToys,
    workers,
  });
}

/** Fraction of toys with max Z >= z. */
const frac = (r: GlobalToysResult, z: number) => r.maxZ.filter((x) => x >= z).length / r.toys;
/** Binomial standard deviation of a fraction p from n toys. */
const sd = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

// five windows 2 GeV^2 apart: M2 bins [0, 20), [20, 40), ... do not overlap
const FIVE = [1, 3, 5, 7, 9];

test("the toy Z (two cold-start fits, sqrt q0) equals fitWindow's z_local on the same data (1e-6)", () => {
  // observed grid with a 30% excess in M2 bins 48..52 (around M2 = 5)
  const obs = expected.map((e, k) =>
    Math.floor(k / 3) >= 48 && Math.floor(k / 3) < 53 ? Math.round(1.3 * e) : e,
  );
  const s = synthetic("equiv", [5, 3], obs);
  for (const ws of s.workspaces) {
    const model = compileModel(ws);
    const z = localZ(new ModelFitter(model), model.data()).z;
    const ref = fitWindow(ws, { goodnessOfFit: false }).zLocal;
    assert.ok(Math.abs(z - ref) < 1e-6, `${z} vs fitWindow ${ref}`);
  }
  const model = compileModel(s.workspaces[0]!);
  assert.ok(localZ(new ModelFitter(model), model.data()).z > 2, "the excess is seen");
});

test("one window: the toys' P(max Z >= z) is the asymptotic local p = 1 - Phi(z) and P(Z = 0) = 1/2 (3 binomial sigma, 400 toys)", async () => {
  const s = synthetic("one", [5]);
  const N = 400;
  const r = await run("one", s, N, 1, 1.5);
  assert.equal(r.toys, N);
  assert.equal(r.failedWindows, 0);
  assert.ok(r.argmax.every((a) => a === 0 || a === -1));
  for (const z of [1, 1.5, 2]) {
    const p = normalSf(z);
    const f = frac(r, z);
    assert.ok(Math.abs(f - p) < 3 * sd(p, N), `z = ${z}: toys ${f}, asymptotic ${p}`);
  }
  const zero = r.maxZ.filter((x) => x === 0).length / N;
  assert.ok(Math.abs(zero - 0.5) < 3 * sd(0.5, N), `P(Z = 0) = ${zero}`);
  // the stage's p-value is the same count at the observed level
  assert.equal(r.p, frac(r, 1.5));
  assert.equal(r.nAbove, Math.round(r.p * N));
  assert.ok(r.pInterval[0] < r.p && r.p < r.pInterval[1]);
});

test("five independent windows: global p = 1 - (1 - p_local)^5 > p_local (trial factor ~4, 3 binomial sigma, 300 toys)", async () => {
  const s = synthetic("five", FIVE);
  const N = 300;
  const r = await run("five", s, N, 1, 1.5);
  const pLocal = normalSf(1.5);
  const pGlobal = 1 - (1 - pLocal) ** 5;
  assert.ok(Math.abs(r.p - pGlobal) < 3 * sd(pGlobal, N), `global p ${r.p}, expected ${pGlobal}`);
  assert.ok(r.p > pLocal + 3 * sd(pLocal, N), `global p ${r.p} vs local ${pLocal}`);
  assert.ok(r.z < 1.5 && r.z > 0, `z_global ${r.z} below z_local 1.5`);
  // every window is the hottest in some toys
  assert.deepEqual([...new Set(r.argmax.filter((a) => a >= 0))].sort(), [0, 1, 2, 3, 4]);
});

test("identical result with 1 and 2 workers, and after resuming with some window files deleted", async () => {
  const s = synthetic("workers", FIVE);
  const a = await run("w1", s, 30, 1, 1);
  const b = await run("w2", s, 30, 2, 1);
  const text = (name: string) => readFileSync(join(root, name, "global-toys", "result.json"), "utf8");
  assert.equal(text("w2"), text("w1"));
  assert.deepEqual(a, b);
  // interrupt: lose the result and two windows' toys, then resume
  unlinkSync(join(root, "w2", "global-toys", "result.json"));
  for (const i of [1, 3]) unlinkSync(join(root, "w2", "global-toys", "toys", `window-000${i}.json`));
  const c = await run("w2", s, 30, 2, 1);
  assert.equal(text("w2"), text("w1"));
  assert.deepEqual(c, a);
});

test("toy t depends only on t: the first toys are the same whatever the number of toys", () => {
  const a = toyGrids(expected, 3, 12345);
  const b = toyGrids(expected, 5, 12345);
  assert.deepEqual(a, b.subarray(0, a.length));
  assert.notDeepEqual(b.subarray(0, expected.length), b.subarray(expected.length, 2 * expected.length));
  // Poisson means: the average over cells of the 5 toys is near the mean expectation (110/3)
  const mean = b.reduce((x, y) => x + y, 0) / b.length;
  assert.ok(Math.abs(mean - 110 / 3) < 0.5, `mean ${mean}`);
});

test("Wilson 68% interval: [0, 1/(n+1)] at k = 0 and the closed form at k = n/2 (hand-computed)", () => {
  const [lo0, hi0] = wilsonInterval(0, 10);
  assert.equal(lo0, 0);
  assert.ok(Math.abs(hi0 - 1 / 11) < 1e-15);
  // k = 5, n = 10, z = 1: centre 0.5, half width sqrt(0.025 + 0.0025) / 1.1 = 0.150756...
  const [lo, hi] = wilsonInterval(5, 10);
  assert.ok(Math.abs(hi - lo - 2 * (Math.sqrt(0.0275) / 1.1)) < 1e-12);
  assert.ok(Math.abs(0.5 * (lo + hi) - 0.5) < 1e-15);
});

test("an observed max Z of 1e-6 (no excess, q0 at fit precision) is reached by toys with Z = 0; NaN toys never count", () => {
  assert.equal(countAtLeast([0, 0, 0, Number.NaN], 1.0e-6), 3);
  assert.equal(countAtLeast([1.2, 1.87, 2.5, Number.NEGATIVE_INFINITY], 1.87), 2);
  assert.equal(countAtLeast([1.2, 1.5], 1.87), 0);
});

test("bootstrap toys (MC statistics in the toys): per-cell mean = the template, variance = mean + sum over MC events of (w f)^2; plain histograms of unit-weight MC: variance = 2 x mean (3000 toys, 4 sigma)", () => {
  const rng = stream(77, 0);
  const n = 600;
  const m2 = Float64Array.from({ length: n }, () => 10 * rng.uniform()).sort();
  const events: SelectedEvents = {
    m2,
    thetaCm: Float64Array.from({ length: n }, () => Math.PI * rng.uniform()),
    weight: new Float64Array(n).fill(1),
  };
  const axes = windowAxes(m2Edges, { first: 0, end: NM, m2: 0 }, union);
  const N = 3000;
  for (const smooth of [false, true]) {
    const ev: SelectedEvents = smooth ? { ...events, kernel: new Float64Array(n).fill(0.25) } : events;
    const expected = fillTemplate(ev, axes).values();
    // the template's MC variance per cell: sum_e (w_e f_ec)^2 (f = 1 in its own bin without kernel)
    const mcVar = new Float64Array(expected.length);
    for (let e = 0; e < n; e++) {
      const one = fillTemplate(
        {
          m2: m2.subarray(e, e + 1),
          thetaCm: ev.thetaCm.subarray(e, e + 1),
          weight: Float64Array.of(1),
          ...(smooth ? { kernel: Float64Array.of(0.25) } : {}),
        },
        axes,
      ).values();
      for (let c = 0; c < one.length; c++) mcVar[c]! += one[c]! ** 2;
    }
    const grids = toyGrids(expected, N, 4242, { backgrounds: [{ events: ev }], axes });
    const nc = expected.length;
    let sumMean = 0;
    let sumExp = 0;
    let sumVar = 0;
    let sumPred = 0;
    for (let c = 0; c < nc; c++) {
      let s = 0;
      let s2 = 0;
      for (let t = 0; t < N; t++) {
        const x = grids[t * nc + c]!;
        s += x;
        s2 += x * x;
      }
      const mean = s / N;
      sumMean += mean;
      sumExp += expected[c]!;
      sumVar += (s2 - N * mean * mean) / (N - 1);
      sumPred += expected[c]! + mcVar[c]!;
    }
    // sum of means: Poisson of total ~n x N counts; sum of variances: relative error ~ sqrt(2 / N) at most
    assert.ok(
      Math.abs(sumMean - sumExp) < 4 * Math.sqrt((2 * sumExp) / N),
      `${smooth}: mean ${sumMean} vs ${sumExp}`,
    );
    assert.ok(
      Math.abs(sumVar / sumPred - 1) < 4 * Math.sqrt(2 / N),
      `${smooth}: variance ${sumVar} vs ${sumPred}`,
    );
    if (!smooth) assert.ok(Math.abs(sumPred / sumExp - 2) < 1e-9, "unit weights: MC variance = mean");
  }
  // without the bootstrap the toys are Poisson around the template: variance = mean
  const plain = toyGrids(expected, 2000, 4242);
  let v = 0;
  for (let c = 0; c < expected.length; c++) {
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < 2000; t++) {
      const x = plain[t * expected.length + c]!;
      s += x;
      s2 += x * x;
    }
    v += (s2 - (s * s) / 2000) / 1999;
  }
  const tot = expected.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(v / tot - 1) < 4 * Math.sqrt(2 / 2000), `plain toys: variance / mean ${v / tot}`);
});
