import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { bernsteinPdf } from "../unbinned/bernsteinPdf.ts";
import { makeBumpHuntConfig } from "./bumpHuntConfig.ts";
import { fitMassPoint } from "./fitMassPoint.ts";
import { massGrid } from "./massGrid.ts";

const cfg = makeBumpHuntConfig({
  from: 2,
  to: 2,
  resolution: { kind: "constant", sigma: 0.01 },
  signal: { type: "dcb" },
});
const grid = massGrid(cfg);

test("the mass grid steps by one resolution and windows span 60 resolutions", () => {
  const g = massGrid(
    makeBumpHuntConfig({
      from: 1,
      to: 2,
      resolution: { kind: "constant", sigma: 0.01 },
      signal: { type: "gauss" },
    }),
  );
  assert.equal(g.mass.length, 101);
  assert.ok(Math.abs(g.hi[0]! - g.lo[0]! - 0.6) < 1e-12);
});

test("on 300 background-only toys with 4000 events per window the observed limits fall below the expected -1/0/+1 sigma bands 16/50/84% of the time (+-7%)", () => {
  const pdf = bernsteinPdf(grid.lo[0]!, grid.hi[0]!, [1, 1.4]);
  const below = [0, 0, 0];
  let n = 0;
  for (let t = 0; t < 300; t++) {
    const rng = stream(31, t);
    const xs = pdf.sample(rng, new Float64Array(rng.poisson(4000))).sort();
    const r = fitMassPoint(xs, grid, 0, cfg, undefined);
    assert.equal(r.status, "ok");
    n++;
    for (let j = 0; j < 3; j++) if (r.ul_obs < r.ul_exp[j + 1]!) below[j]!++;
  }
  const f = below.map((b) => b / n);
  assert.ok(
    Math.abs(f[0]! - 0.16) < 0.07 && Math.abs(f[1]! - 0.5) < 0.07 && Math.abs(f[2]! - 0.84) < 0.07,
    `${f}`,
  );
});

test("toy-based CLs limits agree with the asymptotic ones within 20% for a window with 400 events", () => {
  const toyCfg = { ...cfg, limitToys: 150, smallCount: 1e9 };
  const rng = stream(32, 0);
  const xs = bernsteinPdf(grid.lo[0]!, grid.hi[0]!, [1, 1.4]).sample(rng, new Float64Array(400)).sort();
  const asym = fitMassPoint(xs, grid, 0, cfg, undefined);
  const toys = fitMassPoint(xs, grid, 0, toyCfg, stream(32, 1));
  assert.equal(toys.limit_method, "toys");
  assert.ok(
    Math.abs(toys.ul_obs / asym.ul_obs - 1) < 0.2,
    `toys ${toys.ul_obs} vs asymptotic ${asym.ul_obs}`,
  );
  assert.ok(
    Math.abs(toys.ul_exp[2]! / asym.ul_exp[2]! - 1) < 0.2,
    `toys ${toys.ul_exp[2]} vs ${asym.ul_exp[2]}`,
  );
});

test("an empty window is recorded as a failed point, not thrown", () => {
  const r = fitMassPoint(Float64Array.of(5, 6), grid, 0, cfg, undefined);
  assert.equal(r.status, "empty-window");
  assert.equal(r.n_events, 0);
});
