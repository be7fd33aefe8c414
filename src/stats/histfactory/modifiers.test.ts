import assert from "node:assert/strict";
import { test } from "node:test";
import { shapesysConstraint } from "./shapesys.ts";
import { staterrorSigmas } from "./staterror.ts";

test("shapesys tau = (nu0/delta)^2; bins with zero yield or zero uncertainty are fixed with tau 1 (pyhf)", () => {
  const r = shapesysConstraint([50, 0, 10], [7, 3, 0]);
  assert.deepEqual(r.tau, [2500 / 49, 1, 1]);
  assert.deepEqual(r.fixed, [false, true, true]);
});

test("staterror sigma = sqrt(sum delta^2) / sum nu0 per bin; zero width fixes the gamma and sets sigma 1", () => {
  const r = staterrorSigmas(
    [100, 0, 40],
    [
      [6, 1, 0],
      [8, 2, 0],
    ],
  );
  assert.ok(Math.abs(r.sigmas[0]! - 0.1) < 1e-15);
  assert.deepEqual(r.sigmas.slice(1), [1, 1]);
  assert.deepEqual(r.fixed, [false, true, true]);
});
