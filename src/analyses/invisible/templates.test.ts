import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { m2BinEdges, searchWindow } from "./binning.ts";
import { tabulatedResolution } from "./resolution.ts";
import { syntheticVariables } from "./syntheticVariables.ts";
import {
  expectedSignalYield,
  fillTemplate,
  fillTemplateSmoothed,
  type SelectedEvents,
  selectedEvents,
  signalEfficiency,
  signalModel,
  signalTemplate,
  windowAxes,
} from "./templates.ts";

const res = tabulatedResolution([1, 4], [0.1, 0.2]); // sigma = 0.1 at M2 = 1, 0.2 at M2 = 4
const theta = Float64Array.from([0, 1, 2, Math.PI]);

/** A Gaussian M2 sample (unit weights) centred on M^2 with the resolution, theta uniform. */
function gaussianSignal(mass: number, n: number, seed: number): SelectedEvents {
  const r = stream(seed, 0);
  const m2 = Float64Array.from({ length: n }, () => r.gauss(mass * mass, res.sigma(mass * mass))).sort();
  return {
    m2,
    thetaCm: Float64Array.from({ length: n }, () => Math.PI * r.uniform()),
    weight: new Float64Array(n).fill(1),
  };
}

function moments(h: ReturnType<typeof fillTemplate>): { sum: number; mean: number; sd: number } {
  const p = h.projectX();
  const c = p.centers();
  const v = p.values();
  let s = 0;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < v.length; k++) {
    s += v[k]!;
    s1 += v[k]! * c[k]!;
    s2 += v[k]! * c[k]! ** 2;
  }
  const mean = s1 / s;
  return { sum: s, mean, sd: Math.sqrt(s2 / s - mean * mean) };
}

test("selected events are packed sorted by M2 with scaled weights; a window template holds exactly its events", () => {
  const m2 = [5, -0.2, 3, 12, 3.5];
  const v = syntheticVariables(5, (i) => ({ m2Recoil: m2[i]!, thetaRecoilCm: 0.5 * (i + 1), weight: i + 1 }));
  const sel = selectedEvents(v, [1, 1, 1, 0, 1], 2);
  assert.deepEqual(Array.from(sel.m2), [-0.2, 3, 3.5, 5]);
  assert.deepEqual(Array.from(sel.weight), [4, 6, 10, 2]);
  const edges = Float64Array.from({ length: 41 }, (_, k) => -1 + 0.25 * k); // [-1, 9), 40 bins
  const axes = windowAxes(edges, { first: 10, end: 30, m2: 3.9 }, theta); // [1.5, 6.5)
  const h = fillTemplate(sel, axes);
  assert.equal(h.xAxis.nBins, 20);
  assert.equal(h.yAxis.nBins, 3);
  // events at 3, 3.5, 5 are inside: weights 6 + 10 + 2
  assert.equal(h.integral(), 18);
  assert.equal(h.value(h.xAxis.index(3.5), h.yAxis.index(2.5)), 10);
});

test("signal at a simulated mass: the full template holds L sigma eps events (rel. 1e-12) and peaks at M^2", () => {
  const s = [
    { mass: 1, nGen: 4000, events: gaussianSignal(1, 2000, 1) },
    { mass: 2, nGen: 5000, events: gaussianSignal(2, 1000, 2) },
  ];
  const model = signalModel(s, res);
  assert.deepEqual(Array.from(model.efficiency), [0.5, 0.2]);
  const edges = Float64Array.from({ length: 201 }, (_, k) => -2 + 0.05 * k); // [-2, 8)
  const axes = windowAxes(edges, { first: 0, end: 200, m2: 1 }, theta);
  const h = signalTemplate(model, 1, axes, 79.7);
  assert.ok(Math.abs(h.integral() - 79.7 * 0.5) < 1e-12 * 40);
  assert.ok(Math.abs(expectedSignalYield(model, 1, 79.7, 2) - 79.7) < 1e-12);
  const m = moments(h);
  assert.ok(Math.abs(m.mean - 1) < 0.01 && Math.abs(m.sd - 0.1) < 0.01, `${m.mean} ${m.sd}`);
});

test("signal between simulated masses: efficiency linear in M^2, peak moved to M^2 and width scaled to sigma(M^2)", () => {
  const model = signalModel(
    [
      { mass: 1, nGen: 4000, events: gaussianSignal(1, 4000, 3) },
      { mass: 2, nGen: 4000, events: gaussianSignal(2, 2000, 4) },
    ],
    res,
  );
  const M = Math.sqrt(2.5); // M^2 halfway: t = 0.5
  assert.ok(Math.abs(signalEfficiency(model, M) - 0.75) < 1e-12);
  // outside the simulated range the nearest efficiency is kept
  assert.equal(signalEfficiency(model, 0.1), 1);
  assert.equal(signalEfficiency(model, 3), 0.5);
  const edges = m2BinEdges(res, -1, 7, 0.1); // bins a tenth of a resolution
  const w = searchWindow(edges, 2.5, Math.min(edges.length - 1, 400));
  const axes = windowAxes(edges, { ...w, first: 0, end: edges.length - 1 }, theta);
  const h = signalTemplate(model, M, axes, 10);
  const m = moments(h);
  assert.ok(Math.abs(m.sum - 7.5) < 1e-9);
  assert.ok(Math.abs(m.mean - 2.5) < 0.01, `mean ${m.mean}`);
  // sigma(2.5) = 0.15 by the tabulated model
  assert.ok(Math.abs(m.sd - 0.15) < 0.006, `sd ${m.sd}`);
});

test("kernel-smoothed background template: a tiny kernel reproduces fillTemplate, a wide one keeps the sum and the mean", () => {
  const r = stream(5, 0);
  const m2 = Float64Array.from({ length: 400 }, () => 2 + 4 * r.uniform()).sort();
  const ev: SelectedEvents = {
    m2,
    thetaCm: Float64Array.from({ length: 400 }, () => Math.PI * r.uniform()),
    weight: Float64Array.from({ length: 400 }, (_, i) => 1 + (i % 3)),
  };
  const edges = Float64Array.from({ length: 81 }, (_, k) => 0.1 * k); // [0, 8)
  const axes = windowAxes(edges, { first: 0, end: 80, m2: 4 }, theta);
  const plain = fillTemplate(ev, axes);
  const tiny = fillTemplateSmoothed(ev, axes, () => 1e-9);
  const pv = plain.values();
  const tv = tiny.values();
  for (let k = 0; k < pv.length; k++) assert.ok(Math.abs(pv[k]! - tv[k]!) < 1e-9, `bin ${k}`);
  const wide = fillTemplateSmoothed(ev, axes, () => 0.3);
  // events sit at least 2 GeV^2 = 6.7 kernel widths from the ends: nothing leaks out (rel. 1e-9)
  assert.ok(Math.abs(wide.integral() - plain.integral()) < 1e-9 * plain.integral());
  const a = moments(plain);
  const b = moments(wide);
  assert.ok(Math.abs(a.mean - b.mean) < 0.01, `${a.mean} ${b.mean}`);
  assert.ok(b.sd > a.sd); // smoothing adds the kernel variance
  assert.equal(wide.yAxis.nBins, 3);
  // the tiny kernel's variances are the histogram's (each event whole in one bin)
  const pw = plain.variances();
  const tw = tiny.variances();
  for (let k = 0; k < pw.length; k++) assert.ok(Math.abs(pw[k]! - tw[k]!) < 1e-9, `variance bin ${k}`);
  // the wide kernel's variance is that of the kernel estimate, sum (w f)^2 (Silverman 1986 sec.
  // 3.3). Unit weights, density rho events per GeV^2 per theta bin, bin width b << kernel h:
  // sum f = rho b and sum f^2 = rho b^2 / (2 sqrt(pi) h), so the relative error is
  // 1 / sqrt(2 sqrt(pi) h rho): rho = 400 / (4 GeV^2 x 3 bins) = 33.3, h = 0.3, 0.17. Bulk bins
  // (M2 in [2.5, 5.5], the events in [2, 6]) must agree within the +-25% of the local density's
  // Poisson fluctuation (~35 events); a histogram bin would have 1/sqrt(rho b) = 0.55.
  const unit = fillTemplateSmoothed({ ...ev, weight: new Float64Array(400).fill(1) }, axes, () => 0.3);
  const uv = unit.values();
  const uw = unit.variances();
  const expect = 1 / Math.sqrt(2 * Math.sqrt(Math.PI) * 0.3 * (400 / 12));
  for (let ix = 25; ix < 55; ix++)
    for (let iy = 0; iy < 3; iy++) {
      const k = ix * 3 + iy;
      const rel = Math.sqrt(uw[k]!) / uv[k]!;
      assert.ok(Math.abs(rel / expect - 1) < 0.25, `bin ${k}: relative error ${rel}, expected ${expect}`);
    }
  assert.ok(Math.abs(wide.projectY().integral() - wide.integral()) < 1e-9);
});
