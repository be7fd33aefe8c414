import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { Adam } from "./adam.ts";
import { makeOptimizer } from "./optimizer.ts";
import { ReduceLrOnPlateau } from "./reduceLrOnPlateau.ts";
import { Sgd } from "./sgd.ts";

test("SGD, momentum and Nesterov steps match hand arithmetic", () => {
  const p = new Float64Array([1, -2]);
  const g = new Float64Array([0.5, 1]);
  new Sgd(0.1).step(p, g);
  assert.deepEqual(Array.from(p), [1 - 0.05, -2 - 0.1]);
  // momentum 0.9: v1 = g, p -= lr g; v2 = 0.9 g + g = 1.9 g, p -= lr 1.9 g  -> total 2.9 lr g
  const q = new Float64Array([0]);
  const m = new Sgd(0.1, { momentum: 0.9 });
  m.step(q, new Float64Array([1]));
  m.step(q, new Float64Array([1]));
  assert.ok(Math.abs(q[0]! + 0.29) < 1e-15);
  // Nesterov: step 1 uses g + 0.9 v1 = 1.9; step 2 v2 = 1.9, uses 1 + 0.9*1.9 = 2.71 -> total 4.61 lr
  const r = new Float64Array([0]);
  const nm = new Sgd(0.1, { momentum: 0.9, nesterov: true });
  nm.step(r, new Float64Array([1]));
  nm.step(r, new Float64Array([1]));
  assert.ok(Math.abs(r[0]! + 0.461) < 1e-15);
});

test("Adam's first step is lr * g / (|g| + eps) (bias-corrected, Kingma & Ba Alg. 1) and it minimises a quadratic", () => {
  const p = new Float32Array([0, 0]);
  const a = new Adam(0.01);
  a.step(p, new Float64Array([3, -0.2]));
  assert.ok(Math.abs(p[0]! + 0.01 * (3 / (3 + 1e-8))) < 1e-9);
  assert.ok(Math.abs(p[1]! - 0.01 * (0.2 / (0.2 + 1e-8))) < 1e-9);
  // f = (x - 3)^2 + 10 (y + 1)^2 from (0, 0)
  const x = new Float64Array([0, 0]);
  const opt = new Adam(0.1);
  for (let t = 0; t < 2000; t++) opt.step(x, new Float64Array([2 * (x[0]! - 3), 20 * (x[1]! + 1)]));
  assert.ok(Math.abs(x[0]! - 3) < 1e-3 && Math.abs(x[1]! + 1) < 1e-3, `${x[0]}, ${x[1]}`);
});

test("ReduceLROnPlateau halves the rate after more than `patience` epochs without a relative improvement of 1e-4", () => {
  const opt = new Sgd(1);
  const s = new ReduceLrOnPlateau(opt, { factor: 0.5, patience: 2 });
  const losses = [10, 9, 9, 9, 8.9999, 9, 9, 5];
  const lrs = losses.map((l) => {
    s.step(l);
    return opt.lr;
  });
  // 10 best; 9 best; 9 bad1; 9 bad2; 8.9999 is not < 9 (1 - 1e-4) -> bad3 > 2 -> lr 0.5, counter 0;
  // 9 bad1; 9 bad2; 5 best
  assert.deepEqual(lrs, [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
});

test("optimiser specs validate their values", () => {
  assert.ok(makeOptimizer({ kind: "adam", lr: 1e-3 }) instanceof Adam);
  assert.throws(() => makeOptimizer({ kind: "sgd", lr: 0 }), ConfigError);
  assert.throws(() => makeOptimizer({ kind: "sgd", lr: 1, momentum: 1 }), /momentum/);
  assert.throws(() => makeOptimizer({ kind: "rmsprop", lr: 1 } as never), /rmsprop/);
  assert.throws(() => new ReduceLrOnPlateau(new Sgd(1), { factor: 2, patience: 1 }), /factor/);
});
