import assert from "node:assert/strict";
import { test } from "node:test";
import { compileModel } from "../histfactory/compileModel.ts";
import { pyhfCases } from "../testdata/pyhfCases.ts";
import { goodnessOfFit } from "./goodnessOfFit.ts";
import { ModelFitter } from "./modelFitter.ts";
import { pToZ, significance } from "./significance.ts";

test("discovery significance on a 1-bin counting experiment without systematics matches the analytic Z (Cowan et al. eq. 97)", () => {
  // s = 10, b = 50, n = 75: q0 = 2 [n ln(n/b) - (n - b)] (no nuisance parameter);
  // expected Z_A = sqrt(2 [(s+b) ln(1 + s/b) - s]) (arXiv:1007.1727 eq. 97)
  const ws = {
    channels: [
      {
        name: "c",
        samples: [
          { name: "b", data: [50], modifiers: [] },
          { name: "s", data: [10], modifiers: [{ name: "mu", type: "normfactor" as const, data: null }] },
        ],
      },
    ],
    observations: [{ name: "c", data: [75] }],
    measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
    version: "1.0.0",
  };
  const m = compileModel(ws);
  const s = significance(new ModelFitter(m), m.data());
  const zObs = Math.sqrt(2 * (75 * Math.log(75 / 50) - 25));
  const zExp = Math.sqrt(2 * (60 * Math.log(1 + 10 / 50) - 10));
  assert.ok(Math.abs(s.zObs - zObs) < 1e-6, `${s.zObs} vs ${zObs}`);
  assert.ok(Math.abs(s.zExp - zExp) < 1e-6, `${s.zExp} vs ${zExp}`);
  assert.ok(Math.abs(pToZ(s.p0Obs) - s.zObs) < 1e-12);
});

test("pToZ keeps precision far in the tail: p = 1e-300 gives Z = scipy.stats.norm.isf(1e-300) = 37.0470962993612 to 1e-9", () => {
  assert.ok(Math.abs(pToZ(1e-300) - 37.0470962993612) < 1e-9, `${pToZ(1e-300)}`);
  assert.ok(Math.abs(pToZ(0.5)) < 1e-15);
});

test("saturated chi2 of a fit: 0 for a perfect fit, and ndof = bins - free unconstrained parameters", () => {
  const c = pyhfCases().find((x) => x.name === "uncorrelated_background_2bin")!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  const f = new ModelFitter(m);
  const asimov = m.expectedData(m.init);
  const r = f.fit(asimov);
  const g = goodnessOfFit(m, r.pars, asimov);
  assert.ok(g.chi2 < 1e-8, `${g.chi2}`);
  assert.equal(g.ndof, 1); // 2 bins - mu
  const d = m.data();
  const g2 = goodnessOfFit(m, f.fit(d).pars, d);
  assert.ok(g2.chi2 > 0 && g2.pValue > 0 && g2.pValue < 1);
});
