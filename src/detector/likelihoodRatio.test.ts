import assert from "node:assert/strict";
import { test } from "node:test";
import { likelihoodRatio } from "./likelihoodRatio.ts";

test("the likelihood ratio passes 0.5 exactly when u < eff, also after rounding to float32", () => {
  const f32 = new Float32Array(1);
  for (const eff of [0, 1e-9, 0.03, 0.5, 0.93, 1 - 1e-12, 1]) {
    // u just below and at eff, and the extremes of [0, 1)
    for (const u of [
      0,
      eff * (1 - 1e-15),
      eff - 1e-17,
      eff,
      Math.min(eff + 1e-15, 1 - 2 ** -53),
      1 - 2 ** -53,
    ]) {
      if (u < 0 || u >= 1) continue;
      f32[0] = likelihoodRatio(u, eff);
      assert.equal(f32[0]! > 0.5, u < eff, `eff ${eff}, u ${u}: LR ${f32[0]}`);
      assert.ok(f32[0]! >= 0 && f32[0]! <= 1);
    }
  }
});
