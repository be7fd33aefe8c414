import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { normalSf } from "../../core/special.ts";
import { bernsteinPdf } from "../unbinned/bernsteinPdf.ts";
import { backgroundToyModel } from "./backgroundToys.ts";
import { makeBumpHuntConfig } from "./bumpHuntConfig.ts";
import { countUpcrossings, grossVitells, pToZ, toyGlobalPValue } from "./lookElsewhere.ts";
import { massGrid } from "./massGrid.ts";
import { runToyScan } from "./toyScan.ts";

test("up-crossings count transitions from below to above the level, skipping failed points", () => {
  assert.equal(countUpcrossings([0, 1, 0, 2, Number.NaN, 3, 0, 0.6], 0.5), 3);
  assert.equal(countUpcrossings([2, 3, 0.1], 0.5), 0, "starting above is not an up-crossing");
  assert.equal(countUpcrossings([], 0.5), 0);
});

test("Gross-Vitells reproduces the published pairs 3.4 -> 1.6 sigma (N(0) = 18) and 2.8 -> 0.7 sigma (N(0) = 12) (statistics.md 2.4, 0.05)", () => {
  assert.ok(Math.abs(grossVitells(3.4 ** 2, [18], 0).z - 1.6) < 0.05);
  assert.ok(Math.abs(grossVitells(2.8 ** 2, [12], 0).z - 0.7) < 0.05);
});

test("pToZ is one-sided: p = normalSf(3) gives 3, p >= 1/2 gives 0", () => {
  assert.ok(Math.abs(pToZ(normalSf(3)) - 3) < 1e-9);
  assert.equal(pToZ(0.7), 0);
});

test("direct toy p-value is the fraction of toys at or above u with a binomial error", () => {
  const r = toyGlobalPValue(4, [1, 5, 4, 2]);
  assert.equal(r.p, 0.5);
  assert.ok(Math.abs(r.pError - 0.25) < 1e-12);
});

test("on 300 background-only toy scans the Gross-Vitells and direct-toy global p-values agree within 2 combined standard errors at 3.2 and 3.5 sigma local", () => {
  const data = bernsteinPdf(0, 10, [1, 1.5]).sample(stream(9, 0), new Float64Array(1000)).sort();
  const cfg = makeBumpHuntConfig({
    from: 1.5,
    to: 8.5,
    resolution: { kind: "constant", sigma: 0.05 },
    signal: { type: "gauss" },
    u0: 0.5,
  });
  const grid = massGrid(cfg);
  const model = backgroundToyModel(data, grid, cfg);
  const toys = Array.from({ length: 300 }, (_, t) => runToyScan(model, grid, cfg, t));
  const counts = toys.map((t) => t.n_upcrossings);
  const maxQ = toys.map((t) => t.max_q0);
  for (const z of [3.2, 3.5]) {
    const gv = grossVitells(z * z, counts, cfg.u0);
    const direct = toyGlobalPValue(z * z, maxQ);
    const err = Math.hypot(gv.pError, direct.pError);
    assert.ok(
      Math.abs(gv.p - direct.p) < 2 * err,
      `Z=${z}: GV ${gv.p} +- ${gv.pError}, toys ${direct.p} +- ${direct.pError}`,
    );
    assert.ok(direct.nAbove > 3, "enough toys above the level to test");
  }
  assert.equal(
    toys.reduce((a, t) => a + t.n_failed_fits, 0),
    0,
  );
});
