import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import {
  cosOpeningAngle,
  cosTheta,
  cosThetaColumns,
  deltaPhi,
  deltaPhiColumns,
  openingAngle,
  openingAngleColumns,
  phi,
  phiColumns,
  theta,
  thetaColumns,
} from "./angles.ts";

test("theta, cos theta and phi of axis vectors by hand", () => {
  assert.equal(theta(1, 0, 0), Math.PI / 2);
  assert.equal(theta(0, 0, -1), Math.PI);
  assert.equal(theta(0, 0, 2), 0);
  assert.equal(theta(1, 0, 1), Math.PI / 4);
  assert.equal(cosTheta(0, 3, 4), 0.8);
  assert.equal(phi(0, 1), Math.PI / 2);
  assert.equal(phi(-1, 0), Math.PI);
  assert.equal(phi(0, -1), -Math.PI / 2);
});

test("zero vectors: theta 0, cos theta 1, phi 0, opening angle 0 (also with -0 components)", () => {
  assert.equal(theta(0, 0, 0), 0);
  assert.equal(theta(0, 0, -0), 0);
  assert.equal(cosTheta(0, 0, 0), 1);
  assert.equal(phi(0, 0), 0);
  assert.equal(openingAngle(0, 0, 0, -1, -2, -3), 0);
  assert.equal(cosOpeningAngle(0, 0, 0, 1, 2, 3), 1);
});

test("opening angle: pi/2 by hand and accurate to 1e-15 rad at pi - 1e-9 (acos would return pi)", () => {
  assert.equal(openingAngle(1, 0, 0, 0, 1, 0), Math.PI / 2);
  // exact angle between (1,0,0) and (-1,1e-9,0) is pi - atan(1e-9) = pi - 1e-9 (to 1e-27)
  const a = openingAngle(1, 0, 0, -1, 1e-9, 0);
  assert.ok(Math.abs(a - (Math.PI - 1e-9)) < 1e-15, `${Math.PI - a}`);
  assert.ok(Math.abs(openingAngle(5, 0, 0, 7, 3e-8 * 7, 0) - 3e-8) < 1e-20);
  assert.ok(Math.abs(cosOpeningAngle(1, 1, 0, 1, 0, 0) - Math.SQRT1_2) < 1e-15);
});

test("deltaPhi wraps to [0, pi]: deltaPhi(3, -3) = 2 pi - 6, deltaPhi(0.1, 2 pi + 0.3) = 0.2", () => {
  assert.ok(Math.abs(deltaPhi(3, -3) - (2 * Math.PI - 6)) < 1e-15);
  assert.ok(Math.abs(deltaPhi(0.1, 2 * Math.PI + 0.3) - 0.2) < 1e-14);
  assert.ok(Math.abs(deltaPhi(-Math.PI, Math.PI)) < 1e-15);
  assert.equal(deltaPhi(0, Math.PI), Math.PI);
  const rng = stream(7, 0);
  for (let k = 0; k < 1000; k++) {
    const d = deltaPhi(20 * rng.uniform() - 10, 20 * rng.uniform() - 10);
    assert.ok(d >= 0 && d <= Math.PI);
  }
});

test("column versions agree with the scalar functions to 1e-14 (random vectors, seed 7)", () => {
  const rng = stream(7, 1);
  const n = 500;
  const cols = Array.from({ length: 6 }, () => Float64Array.from({ length: n }, () => rng.gauss(0, 3)));
  const [ax, ay, az, bx, by, bz] = cols as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const t = thetaColumns(ax, ay, az, new Float64Array(n));
  const c = cosThetaColumns(ax, ay, az, new Float64Array(n));
  const p = phiColumns(ax, ay, new Float64Array(n));
  const o = openingAngleColumns(ax, ay, az, bx, by, bz, new Float64Array(n));
  const d = deltaPhiColumns(ax, ay, bx, by, new Float64Array(n));
  for (let i = 0; i < n; i++) {
    assert.equal(t[i], theta(ax[i]!, ay[i]!, az[i]!));
    assert.equal(c[i], cosTheta(ax[i]!, ay[i]!, az[i]!));
    assert.equal(p[i], phi(ax[i]!, ay[i]!));
    assert.equal(o[i], openingAngle(ax[i]!, ay[i]!, az[i]!, bx[i]!, by[i]!, bz[i]!));
    assert.ok(
      Math.abs(Math.cos(o[i]!) - cosOpeningAngle(ax[i]!, ay[i]!, az[i]!, bx[i]!, by[i]!, bz[i]!)) < 1e-14,
    );
    assert.ok(Math.abs(d[i]! - deltaPhi(phi(ax[i]!, ay[i]!), phi(bx[i]!, by[i]!))) < 1e-14);
  }
});
