import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { DEFAULT_THETA_BINNING, m2BinEdges, searchWindow, thetaEdgesAt } from "./binning.ts";
import { hypothesisWorkspace, type ScanInputs, wideWidthHypothesisWorkspace } from "./hypothesisWorkspace.ts";
import { tabulatedResolution } from "./resolution.ts";
import type { SelectedEvents } from "./templates.ts";
import { signalModel } from "./templates.ts";
import { wideWidthWindow } from "./wideWidth.ts";

const res = tabulatedResolution([0, 80], [0.2, 0.1]);

function events(n: number, seed: number, m2: () => number, w: number): SelectedEvents {
  const r = stream(seed, 0);
  const x = Float64Array.from({ length: n }, m2).sort();
  return {
    m2: x,
    thetaCm: Float64Array.from({ length: n }, () => 0.3 + 2.5 * r.uniform()),
    weight: new Float64Array(n).fill(w),
  };
}

function inputs(smooth: boolean): ScanInputs {
  const r = stream(1, 1);
  const sig = (M: number, s: number) => events(2000, s, () => r.gauss(M * M, res.sigma(M * M)), 1);
  return {
    m2Edges: m2BinEdges(res),
    theta: DEFAULT_THETA_BINNING,
    signal: signalModel(
      [
        { mass: 1, nGen: 10000, events: sig(1, 2) },
        { mass: 3, nGen: 10000, events: sig(3, 3) },
      ],
      res,
    ),
    backgrounds: [
      { name: "mumu", events: events(5000, 4, () => -0.5 + 20 * r.uniform(), 2) },
      { name: "eemumu", events: events(2000, 5, () => 5 + 15 * r.uniform(), 0.5) },
    ],
    data: events(12000, 6, () => -0.5 + 20 * r.uniform(), 1),
    lumi: 79.7,
    ...(smooth ? { smoothing: (m2: number) => 0.5 * res.sigma(m2) } : {}),
  };
}

test("hypothesis workspace: 20 M2 bins x the region's theta bins, data = the selected events in the window", () => {
  const inp = inputs(false);
  for (const M of [1.3, 2.5]) {
    const ws = hypothesisWorkspace(inp, M);
    const nTheta = thetaEdgesAt(DEFAULT_THETA_BINNING, M * M).length - 1;
    const obs = ws.observations[0]!.data;
    assert.equal(obs.length, 20 * nTheta);
    const w = searchWindow(inp.m2Edges, M * M);
    const lo = inp.m2Edges[w.first]!;
    const hi = inp.m2Edges[w.end]!;
    const inWindow = inp.data.m2.filter((x) => x >= lo && x < hi).length;
    assert.equal(
      obs.reduce((s, x) => s + x, 0),
      inWindow,
    );
    assert.deepEqual(
      ws.channels[0]!.samples.map((s) => s.name),
      ["eemumu", "mumu", "signal"],
    );
  }
  // smoothing keeps the background total in the window to within the kernel leakage at its ends
  const a = hypothesisWorkspace(inputs(false), 2.5).channels[0]!.samples[1]!.data.reduce((s, x) => s + x, 0);
  const b = hypothesisWorkspace(inputs(true), 2.5).channels[0]!.samples[1]!.data.reduce((s, x) => s + x, 0);
  assert.ok(Math.abs(a - b) < 0.05 * a, `${a} vs ${b}`);
});

test("wide-width hypothesis workspace: one theta bin over the wide window", () => {
  const inp = inputs(false);
  const ws = wideWidthHypothesisWorkspace(inp, 2);
  const w = wideWidthWindow(inp.m2Edges, 2, res);
  assert.equal(ws.observations[0]!.data.length, w.end - w.first);
  assert.ok(w.end - w.first > 20);
});
