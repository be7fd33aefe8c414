import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { ptRel } from "./ptRel.ts";
import { thrustAxis, thrustAxisColumns, thrustPt, thrustPtColumns } from "./thrustAxis.ts";

test("back-to-back momenta (0,0,2) and (0,0,-1): axis +z, T = 1, p_T = 0", () => {
  const n = new Float64Array(3);
  assert.equal(thrustAxis(0, 0, 2, 0, 0, -1, n), 1);
  assert.deepEqual(Array.from(n), [0, 0, 1]);
  assert.equal(thrustPt(0, 0, 2, 0, 0, -1), 0);
});

test("perpendicular unit momenta (tie): axis (1,-1,0)/sqrt 2, T = 1/sqrt 2, p_T = 1/sqrt 2", () => {
  const n = new Float64Array(3);
  const T = thrustAxis(1, 0, 0, 0, 1, 0, n);
  assert.ok(Math.abs(T - Math.SQRT1_2) < 1e-15);
  assert.ok(Math.abs(n[0]! - Math.SQRT1_2) < 1e-15 && Math.abs(n[1]! + Math.SQRT1_2) < 1e-15 && n[2] === 0);
  assert.ok(Math.abs(thrustPt(1, 0, 0, 0, 1, 0) - Math.SQRT1_2) < 1e-15);
});

test("same-hemisphere momenta (1,0,0), (1,1,0): axis along the sum (2,1,0)/sqrt 5, T = sqrt 5/(1 + sqrt 2)", () => {
  const n = new Float64Array(3);
  const T = thrustAxis(1, 0, 0, 1, 1, 0, n);
  assert.ok(Math.abs(T - Math.sqrt(5) / (1 + Math.SQRT2)) < 1e-15);
  assert.ok(Math.abs(n[0]! - 2 / Math.sqrt(5)) < 1e-15 && Math.abs(n[1]! - 1 / Math.sqrt(5)) < 1e-15);
  // |p1 x p2| / |p1 + p2| = 1/sqrt 5
  assert.ok(Math.abs(thrustPt(1, 0, 0, 1, 1, 0) - 1 / Math.sqrt(5)) < 1e-15);
});

test("T is the maximum of sum|p.n|/sum|p| over 20000 random directions (within 2e-3, never below)", () => {
  const rng = stream(11, 0);
  const axis = new Float64Array(3);
  for (let k = 0; k < 20; k++) {
    const p = Array.from({ length: 6 }, () => rng.gauss(0, 2));
    const [ax, ay, az, bx, by, bz] = p as [number, number, number, number, number, number];
    const T = thrustAxis(ax, ay, az, bx, by, bz, axis);
    const norm = Math.hypot(ax, ay, az) + Math.hypot(bx, by, bz);
    let best = 0;
    for (let j = 0; j < 20000; j++) {
      const c = 2 * rng.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const f = 2 * Math.PI * rng.uniform();
      const nx = s * Math.cos(f);
      const ny = s * Math.sin(f);
      const v = (Math.abs(ax * nx + ay * ny + az * c) + Math.abs(bx * nx + by * ny + bz * c)) / norm;
      if (v > best) best = v;
    }
    assert.ok(best <= T + 1e-12, `random direction beats the axis: ${best} > ${T}`);
    assert.ok(T - best < 2e-3, `T = ${T}, best random = ${best}`);
    // the axis itself attains T
    const atAxis =
      (Math.abs(ax * axis[0]! + ay * axis[1]! + az * axis[2]!) +
        Math.abs(bx * axis[0]! + by * axis[1]! + bz * axis[2]!)) /
      norm;
    assert.ok(Math.abs(atAxis - T) < 1e-14);
    // both particles have the same p_T w.r.t. the axis, = thrustPt
    const pt = thrustPt(ax, ay, az, bx, by, bz);
    assert.ok(Math.abs(ptRel(ax, ay, az, axis[0]!, axis[1]!, axis[2]!) - pt) < 1e-12);
    assert.ok(Math.abs(ptRel(bx, by, bz, axis[0]!, axis[1]!, axis[2]!) - pt) < 1e-12);
  }
});

test("column versions agree with the scalar ones exactly; two zero momenta give axis +z, T = 0", () => {
  const rng = stream(11, 1);
  const n = 200;
  const c = Array.from({ length: 6 }, () => Float64Array.from({ length: n }, () => rng.gauss(0, 2)));
  const [ax, ay, az, bx, by, bz] = c as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  ax[0] = ay[0] = az[0] = bx[0] = by[0] = bz[0] = 0;
  const X = new Float64Array(n);
  const Y = new Float64Array(n);
  const Z = new Float64Array(n);
  const T = new Float64Array(n);
  thrustAxisColumns(ax, ay, az, bx, by, bz, X, Y, Z, T);
  const pt = thrustPtColumns(ax, ay, az, bx, by, bz, new Float64Array(n));
  const a = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const t = thrustAxis(ax[i]!, ay[i]!, az[i]!, bx[i]!, by[i]!, bz[i]!, a);
    assert.deepEqual([X[i], Y[i], Z[i], T[i]], [a[0], a[1], a[2], t]);
    assert.equal(pt[i], thrustPt(ax[i]!, ay[i]!, az[i]!, bx[i]!, by[i]!, bz[i]!));
  }
  assert.deepEqual([X[0], Y[0], Z[0], T[0], pt[0]], [0, 0, 1, 0, 0]);
});
