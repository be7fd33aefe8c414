import assert from "node:assert/strict";
import { test } from "node:test";
import { normalCdf } from "../../core/special.ts";
import { m2BinEdges } from "./binning.ts";
import { tabulatedResolution } from "./resolution.ts";
import { fillTemplate1D, signalModel, windowAxes } from "./templates.ts";
import { breitWignerGaussFractions, wideWidthSignalTemplate, wideWidthWindow } from "./wideWidth.ts";
import { fitWindow } from "./windowFit.ts";
import { windowWorkspace } from "./workspace.ts";

const res = tabulatedResolution([0, 80], [0.1, 0.1]);

test("a very narrow Breit-Wigner (x) Gaussian reduces to the Gaussian bin fractions (abs. 1e-4)", () => {
  const edges = [3.6, 3.8, 3.9, 4.0, 4.1, 4.2, 4.4];
  const f = breitWignerGaussFractions(edges, 2, 1e-5, res);
  for (let k = 0; k < f.length; k++) {
    const g = normalCdf((edges[k + 1]! - 4) / 0.1) - normalCdf((edges[k]! - 4) / 0.1);
    assert.ok(Math.abs(f[k]! - g) < 1e-4, `bin ${k}: ${f[k]} vs ${g}`);
  }
});

test("Gamma = 0.1 M: fractions over the physical range sum to 1 (1e-6); half the line shape lies within M^2 +- M Gamma", () => {
  const M = 3;
  const f = breitWignerGaussFractions([-5, 9 - 0.9, 9 + 0.9, 120], M, 0.1, tabulatedResolution([0], [1e-4]));
  assert.ok(Math.abs(f[0]! + f[1]! + f[2]! - 1) < 1e-6);
  // Cauchy: P(|t - M^2| < M Gamma) = 1/2, renormalised by the truncation to [0, (sqrt s - 2 m_mu)^2]
  const trunc = (Math.atan((10.58 - 2 * 0.1056583755) ** 2 / 0.9 - 10) - Math.atan(-10)) / Math.PI;
  assert.ok(Math.abs(f[1]! - 0.5 / trunc) < 1e-6, `${f[1]}`);
});

test("the wide window covers M^2 +- (10 sigma + 2 M Gamma) and the 1D template holds L eps x the fraction inside", () => {
  const edges = m2BinEdges(res, -0.5, 81);
  const w = wideWidthWindow(edges, 4, res);
  assert.ok(edges[w.first]! <= 16 - 1 - 3.2 + 0.1 && edges[w.end]! >= 16 + 1 + 3.2 - 0.1);
  const model = signalModel(
    [
      {
        mass: 4,
        nGen: 100,
        events: {
          m2: new Float64Array(5),
          thetaCm: new Float64Array(5),
          weight: new Float64Array(5).fill(1),
        },
      },
    ],
    res,
  );
  const axes = windowAxes(edges, w, [0, Math.PI]);
  const h = wideWidthSignalTemplate(model, 4, axes, 79.7);
  const inside = breitWignerGaussFractions(
    [axes.m2Edges[0]!, axes.m2Edges[axes.m2Edges.length - 1]!],
    4,
    0.1,
    res,
  )[0]!;
  assert.ok(Math.abs(h.integral() - 79.7 * 0.05 * inside) < 1e-9);
  assert.ok(inside > 0.6 && inside < 0.9, `${inside}`);
});

test("wide-width window: 1D signal and background templates make a valid one-channel workspace with a finite limit", () => {
  const edges = m2BinEdges(res, -0.5, 81);
  const w = wideWidthWindow(edges, 2, res);
  const axes = windowAxes(edges, w, [0, Math.PI]);
  const model = signalModel(
    [
      {
        mass: 2,
        nGen: 100,
        events: {
          m2: new Float64Array(10),
          thetaCm: new Float64Array(10),
          weight: new Float64Array(10).fill(1),
        },
      },
    ],
    res,
  );
  const sig = wideWidthSignalTemplate(model, 2, axes, 79.7);
  // flat background: 200 MC events of weight 0.5 spread evenly over the window
  const n = 200;
  const lo = axes.m2Edges[0]!;
  const hi = axes.m2Edges[axes.m2Edges.length - 1]!;
  const bkg = fillTemplate1D(
    {
      m2: Float64Array.from({ length: n }, (_, k) => lo + ((k + 0.5) * (hi - lo)) / n),
      thetaCm: new Float64Array(n).fill(1),
      weight: new Float64Array(n).fill(0.5),
    },
    axes,
  );
  const ws = windowWorkspace({
    mass: 2,
    signal: sig,
    backgrounds: [{ name: "eemumu", hist: bkg }],
    data: Array.from(bkg.values(), (x) => Math.round(x)),
  });
  assert.equal(ws.channels[0]!.samples[0]!.data.length, w.end - w.first);
  const r = fitWindow(ws, { significance: false, goodnessOfFit: false });
  assert.ok(r.obs > 0 && Number.isFinite(r.obs) && r.exp[2]! > 0, `${r.obs}`);
});
