import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { chi2Sf } from "../../core/special.ts";
import { compileModel } from "../histfactory/compileModel.ts";
import { parseWorkspace } from "../workspace/parseWorkspace.ts";
import { goodnessOfFit } from "./goodnessOfFit.ts";
import { ModelFitter } from "./modelFitter.ts";

/**
 * A window like analysis A's: 15 bins, signal + background, free background normalisation and a
 * Gaussian-constrained nuisance parameter in every bin (staterror, 10%), POI free.
 */
function perBinModel() {
  const nb = 15;
  const bkg = Array.from({ length: nb }, (_, i) => 80 + 4 * i);
  const sig = Array.from({ length: nb }, (_, i) => 20 * Math.exp(-0.5 * ((i - 7) / 1.5) ** 2));
  const ws = parseWorkspace(
    {
      channels: [
        {
          name: "win",
          samples: [
            { name: "signal", data: sig, modifiers: [{ name: "mu", type: "normfactor", data: null }] },
            {
              name: "background",
              data: bkg,
              modifiers: [
                { name: "bnorm", type: "normfactor", data: null },
                { name: "stat", type: "staterror", data: bkg.map((b) => 0.1 * b) },
              ],
            },
          ],
        },
      ],
      observations: [{ name: "win", data: bkg }],
      measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
      version: "1.0.0",
    },
    "perBin.json",
  );
  return compileModel(ws);
}

test("saturated chi2 with every bin constrained follows chi2(ndof) on toys (Wilks), the main-bin-only sum does not", () => {
  const m = perBinModel();
  const f = new ModelFitter(m);
  const truth = Float64Array.from(m.init);
  truth[m.a.poiIndex] = 0;
  const rng = stream(11, 0);
  const n = 400;
  const full: number[] = [];
  const mainOnly: number[] = [];
  let ndof = 0;
  for (let t = 0; t < n; t++) {
    const d = m.sample(truth, rng);
    const r = f.fit(d);
    const g = goodnessOfFit(m, r.pars, d);
    ndof = g.ndof;
    full.push(g.chi2);
    mainOnly.push(goodnessOfFit(m, r.pars, d, { auxiliary: "ignored" }).chi2);
  }
  assert.equal(ndof, 13); // 15 bins - mu - bnorm
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  // reference: chi2(13) has mean 13, variance 26 -> error of the mean over 400 toys 0.255
  const se = Math.sqrt((2 * ndof) / n);
  assert.ok(Math.abs(mean(full) - ndof) < 4 * se, `mean ${mean(full)} vs ${ndof} +- ${se}`);
  // p-values uniform: the fractions below 0.1 and 0.5 within 4 binomial errors
  const ps = full.map((c) => chi2Sf(c, ndof));
  for (const q of [0.1, 0.5]) {
    const frac = ps.filter((p) => p < q).length / n;
    assert.ok(Math.abs(frac - q) < 4 * Math.sqrt((q * (1 - q)) / n), `P(p < ${q}) = ${frac}`);
  }
  // the main-bin-only convention: the per-bin nuisances absorb the fluctuations (mean far below ndof)
  assert.ok(mean(mainOnly) < ndof - 10 * se, `main-only mean ${mean(mainOnly)}`);
});
