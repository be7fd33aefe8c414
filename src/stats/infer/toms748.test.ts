import assert from "node:assert/strict";
import { test } from "node:test";
import { toms748 } from "./toms748.ts";

test("toms748 finds sqrt(2) of x^2 - 2 on [0, 3] to rtol 1e-12", () => {
  let calls = 0;
  const r = toms748(
    (x) => {
      calls++;
      return x * x - 2;
    },
    0,
    3,
    { rtol: 1e-12 },
  );
  assert.ok(Math.abs(r - Math.SQRT2) < 2e-12, `${r}`);
  assert.ok(calls < 15, `${calls} calls`);
});

test("toms748 with pyhf's tolerances stops within rtol 1e-4 on a steep CLs-like curve", () => {
  // exp(-x^2/2) - 0.05 has its root at sqrt(2 ln 20) (analytic)
  const root = Math.sqrt(2 * Math.log(20));
  const r = toms748((x) => Math.exp(-0.5 * x * x) - 0.05, 0, 50, { k: 2, xtol: 2e-12, rtol: 1e-4 });
  assert.ok(Math.abs(r - root) < 1e-4 * root, `${r} vs ${root}`);
});

test("toms748 rejects an interval without a sign change", () => {
  assert.throws(() => toms748((x) => x * x + 1, -1, 1), RangeError);
});
