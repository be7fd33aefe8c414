import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, InputError } from "../../core/errors.ts";
import { doubleCrystalBallPdf } from "../unbinned/doubleCrystalBallPdf.ts";
import { checkResolution, resolutionAt } from "./resolution.ts";
import { normalizeShape, signalPdf } from "./signalShape.ts";

test("tail parameters from a shape table are interpolated linearly in mass and clamped at the ends", () => {
  const spec = normalizeShape({
    type: "dcb",
    table: { mass: [1, 3], alphaL: [1, 2], nL: [2, 4], alphaR: [1.5, 1.5], nR: [5, 7] },
  });
  const got = signalPdf(spec, 2, 0.01, 1.7, 2.3);
  const want = doubleCrystalBallPdf(1.7, 2.3, { mu: 2, sigma: 0.01, alphaL: 1.5, nL: 3, alphaR: 1.5, nR: 6 });
  for (const x of [1.95, 1.99, 2, 2.02])
    assert.ok(Math.abs(got.density(x) - want.density(x)) < 1e-12 * want.density(x));
  const edge = signalPdf(spec, 0.5, 0.01, 0.2, 0.8);
  const wantEdge = doubleCrystalBallPdf(0.2, 0.8, {
    mu: 0.5,
    sigma: 0.01,
    alphaL: 1,
    nL: 2,
    alphaR: 1.5,
    nR: 5,
  });
  assert.ok(Math.abs(edge.density(0.48) - wantEdge.density(0.48)) < 1e-12 * wantEdge.density(0.48));
});

test("the two-Crystal-Ball signal integrates to 1 and peaks at the hypothesis", () => {
  const p = signalPdf(normalizeShape({ type: "cb2" }), 5, 0.004, 4.88, 5.12);
  assert.equal(p.cdf(5.12), 1);
  assert.ok(p.density(5) > p.density(5.004) && p.density(5) > p.density(4.996));
});

test("bad shape specs are ConfigErrors", () => {
  assert.throws(() => normalizeShape({ type: "lorentz" as "dcb" }), ConfigError);
  assert.throws(() => normalizeShape({ type: "dcb", params: { nL: Number.NaN } }), ConfigError);
  assert.throws(
    () => normalizeShape({ type: "dcb", table: { mass: [1, 2], alphaL: [1] } as never }),
    ConfigError,
  );
});

test("a resolution table is interpolated linearly; gaps, disorder and short coverage are InputErrors", () => {
  const t = { kind: "table" as const, mass: [1, 3], sigma: [0.002, 0.006] };
  assert.ok(Math.abs(resolutionAt(t, 2) - 0.004) < 1e-15);
  checkResolution(t, 1, 3);
  assert.throws(
    () => checkResolution({ kind: "table", mass: [1, 2, 3], sigma: [0.002, Number.NaN, 0.006] }, 1, 3),
    InputError,
  );
  assert.throws(
    () => checkResolution({ kind: "table", mass: [1, 3, 2], sigma: [1, 1, 1] }, 1, 2),
    InputError,
  );
  assert.throws(() => checkResolution(t, 0.5, 3), /covers/);
  assert.throws(() => checkResolution({ kind: "constant", sigma: -1 }, 1, 3), ConfigError);
});
