import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { tanhTable } from "./activation.ts";
import { Mlp } from "./mlp.ts";

/** Loss L = sum_k c_k y_k over a batch, whose dL/dy = c; a linear probe of the backward pass. */
function probeLoss(net: Mlp, x: Float64Array, rows: number, c: Float64Array): number {
  const y = net.forward(x, rows);
  let s = 0;
  for (let k = 0; k < y.length; k++) s += c[k]! * y[k]!;
  return s;
}

test("MLP backward equals central finite differences for every parameter (float64, rel. 1e-6; mixed tanh/relu/sigmoid/identity)", () => {
  const rng = stream(11, 0);
  const net = new Mlp([3, 5, 4, 2], ["tanh", "relu", "sigmoid"], "float64").initKaiming(rng);
  const net2 = new Mlp([3, 4, 2], ["sigmoid", "identity"], "float64").initKaiming(rng);
  for (const m of [net, net2]) {
    const rows = 6;
    const x = stream(12, 0).fillNormal(new Float64Array(rows * m.nIn));
    const c = stream(13, 0).fillNormal(new Float64Array(rows * m.nOut));
    m.zeroGrad();
    probeLoss(m, x, rows, c);
    m.backward(c);
    const g = m.grads.slice();
    const h = 1e-6;
    let worst = 0;
    for (let k = 0; k < m.nParams; k++) {
      const p0 = m.params[k]!;
      m.params[k] = p0 + h;
      const up = probeLoss(m, x, rows, c);
      m.params[k] = p0 - h;
      const dn = probeLoss(m, x, rows, c);
      m.params[k] = p0;
      const fd = (up - dn) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - g[k]!) / Math.max(1, Math.abs(fd)));
    }
    assert.ok(worst < 1e-6, `worst relative deviation ${worst}`);
  }
});

test("backward accumulates: two half-batches give the gradient of the full batch (float64, 1e-12)", () => {
  const net = new Mlp([2, 6, 1], ["tanh", "sigmoid"], "float64").initKaiming(stream(5, 0));
  const x = stream(6, 0).fillNormal(new Float64Array(20));
  const c = stream(7, 0).fillNormal(new Float64Array(10));
  net.zeroGrad();
  net.forward(x, 10);
  net.backward(c);
  const full = net.grads.slice();
  net.zeroGrad();
  net.forward(x.subarray(0, 10), 5);
  net.backward(c.subarray(0, 5));
  net.forward(x.subarray(10), 5);
  net.backward(c.subarray(5));
  for (let k = 0; k < full.length; k++) assert.ok(Math.abs(full[k]! - net.grads[k]!) < 1e-12);
});

test("forward computes W x + b then the activation (hand-computed 2-2-1 net)", () => {
  const net = new Mlp([2, 2, 1], ["relu", "identity"], "float64");
  net.weights(0).set([1, 2, -1, 1]); // rows: out 0 = x0 + 2 x1, out 1 = -x0 + x1
  net.biases(0).set([0.5, -3]);
  net.weights(1).set([2, 10]);
  net.biases(1).set([1]);
  // x = (1, 1): h = relu(3.5, -3) = (3.5, 0); y = 2 * 3.5 + 0 + 1 = 8
  const y = net.forward(new Float64Array([1, 1]), 1);
  assert.equal(y[0], 8);
});

test("predict in chunks equals one big forward, bit for bit (float32, 2500 rows > chunk of 1024)", () => {
  const net = new Mlp([4, 8, 4, 1], ["tanh", "tanh", "sigmoid"]).initKaiming(stream(1, 0));
  const n = 2500;
  const x = Float32Array.from(stream(2, 0).fillNormal(new Float64Array(n * 4)));
  const out = net.predict(x, n, new Float32Array(n));
  const ref = net.clone().forward(x, n);
  assert.deepEqual(out, Float32Array.from(ref));
  assert.ok(out.every((v) => v > 0 && v < 1));
});

test("Kaiming-normal init: weight std = sqrt(2 / fan_in) within 3% (20000 draws), same stream gives same net", () => {
  const a = new Mlp([100, 200, 1], ["relu", "sigmoid"]).initKaiming(stream(3, 0), { bias: "zero" });
  const w = a.weights(0);
  let s2 = 0;
  for (const v of w) s2 += v * v;
  const std = Math.sqrt(s2 / w.length);
  assert.ok(Math.abs(std / Math.sqrt(2 / 100) - 1) < 0.03, `std ${std}`);
  assert.ok(a.biases(0).every((v) => v === 0));
  const b = new Mlp([100, 200, 1], ["relu", "sigmoid"]).initKaiming(stream(3, 0), { bias: "zero" });
  assert.deepEqual(a.params, b.params);
  const c = new Mlp([100, 200, 1], ["relu", "sigmoid"]).initKaiming(stream(4, 0), { bias: "zero" });
  assert.notDeepEqual(a.params, c.params);
});

test("bad architectures throw ConfigError naming the key", () => {
  assert.throws(() => new Mlp([3], []), ConfigError);
  assert.throws(() => new Mlp([3, 0, 1], ["tanh", "sigmoid"]), /sizes\[1\]/);
  assert.throws(() => new Mlp([3, 2, 1], ["tanh"]), /activations/);
  assert.throws(() => new Mlp([3, 1], ["softmax" as never]), /activations\[0\]/);
});

test("table tanh agrees with Math.tanh within 5e-11 (Hermite bound 4e-11) on 400001 points in [-25, 25]", () => {
  let worst = 0;
  for (let k = -200000; k <= 200000; k++) {
    const z = k / 8000;
    worst = Math.max(worst, Math.abs(tanhTable(z) - Math.tanh(z)));
  }
  assert.ok(worst < 5e-11, `max |error| ${worst}`);
  assert.equal(tanhTable(-0.3), -tanhTable(0.3));
  assert.equal(tanhTable(1e9), 1);
  assert.equal(tanhTable(Number.NEGATIVE_INFINITY), -1);
  assert.ok(Number.isNaN(tanhTable(Number.NaN)));
});

test("a float32 network (table tanh) matches the same float64 network within float32 precision (1e-6)", () => {
  const n = 500;
  const f64 = new Mlp([4, 8, 4, 1], ["tanh", "tanh", "sigmoid"], "float64").initKaiming(stream(8, 0));
  const f32 = new Mlp([4, 8, 4, 1], ["tanh", "tanh", "sigmoid"], "float32");
  f64.params.set(Float32Array.from(f64.params)); // same (float32-representable) parameters
  f32.params.set(f64.params);
  const x = Float32Array.from(stream(9, 0).fillNormal(new Float64Array(n * 4)));
  const a = f64.predict(x, n, new Float64Array(n));
  const b = f32.predict(x, n, new Float32Array(n));
  for (let j = 0; j < n; j++) assert.ok(Math.abs(a[j]! - b[j]!) < 1e-6, `row ${j}: ${a[j]} vs ${b[j]}`);
});

test("an empty batch gives an empty output instead of failing", () => {
  const net = new Mlp([2, 3, 1], ["tanh", "sigmoid"]);
  assert.equal(net.forward(new Float32Array(0), 0).length, 0);
  assert.equal(net.predict(new Float32Array(0), 0, new Float32Array(0)).length, 0);
});
