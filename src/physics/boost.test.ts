import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { boost, boostColumns, boostColumnsPerRow, boostToRestFrame } from "./boost.ts";
import { invariantMass2 } from "./invariantMass.ts";

/** Random time-like four-vector: momentum components N(0, 5 GeV), mass U(0, 2) GeV. */
function randomVector(rng: ReturnType<typeof stream>, out: Float64Array): void {
  const px = rng.gauss(0, 5);
  const py = rng.gauss(0, 5);
  const pz = rng.gauss(0, 5);
  const m = 2 * rng.uniform();
  out[0] = px;
  out[1] = py;
  out[2] = pz;
  out[3] = Math.sqrt(px * px + py * py + pz * pz + m * m);
}

/** Random velocity: isotropic direction, |beta| uniform in [0, 0.99]. */
function randomBeta(rng: ReturnType<typeof stream>): [number, number, number] {
  const c = 2 * rng.uniform() - 1;
  const s = Math.sqrt(1 - c * c);
  const ph = 2 * Math.PI * rng.uniform();
  const b = 0.99 * rng.uniform();
  return [b * s * Math.cos(ph), b * s * Math.sin(ph), b * c];
}

test("boost by beta then by -beta is the identity to 1e-12 GeV (10^4 random vectors, |beta| <= 0.99)", () => {
  const rng = stream(2024, 1);
  const v = new Float64Array(4);
  const w = new Float64Array(4);
  const u = new Float64Array(4);
  let worst = 0;
  for (let k = 0; k < 10000; k++) {
    randomVector(rng, v);
    const [bx, by, bz] = randomBeta(rng);
    boost(v[0]!, v[1]!, v[2]!, v[3]!, bx, by, bz, w);
    boost(w[0]!, w[1]!, w[2]!, w[3]!, -bx, -by, -bz, u);
    for (let j = 0; j < 4; j++) worst = Math.max(worst, Math.abs(u[j]! - v[j]!));
  }
  // components are O(10 GeV) and gamma up to 7: round-off stays ~1e-14 absolute
  assert.ok(worst < 1e-12, `worst deviation ${worst} GeV`);
});

test("boostColumns in place then back is the identity to 1e-12 GeV and preserves M^2 to 1e-10 GeV^2", () => {
  const rng = stream(2024, 2);
  const n = 5000;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  const e = new Float64Array(n);
  const v = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    randomVector(rng, v);
    px[i] = v[0]!;
    py[i] = v[1]!;
    pz[i] = v[2]!;
    e[i] = v[3]!;
  }
  const [x0, y0, z0, e0] = [px.slice(), py.slice(), pz.slice(), e.slice()];
  const [bx, by, bz] = [0.3, -0.5, 0.8]; // |beta| = 0.99
  const qx = new Float64Array(n);
  const qy = new Float64Array(n);
  const qz = new Float64Array(n);
  const qe = new Float64Array(n);
  boostColumns(px, py, pz, e, bx, by, bz, qx, qy, qz, qe); // out of place
  for (let i = 0; i < n; i++) {
    const d = invariantMass2(qx[i]!, qy[i]!, qz[i]!, qe[i]!) - invariantMass2(x0[i]!, y0[i]!, z0[i]!, e0[i]!);
    assert.ok(Math.abs(d) < 1e-10, `M^2 changed by ${d} in row ${i}`);
  }
  boostColumns(qx, qy, qz, qe, -bx, -by, -bz); // in place
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(qx[i]! - x0[i]!) < 1e-12);
    assert.ok(Math.abs(qy[i]! - y0[i]!) < 1e-12);
    assert.ok(Math.abs(qz[i]! - z0[i]!) < 1e-12);
    assert.ok(Math.abs(qe[i]! - e0[i]!) < 1e-12);
  }
});

test("boosting to the rest frame of a particle gives (0, 0, 0, m) to 1e-12 GeV", () => {
  const rng = stream(2024, 3);
  const v = new Float64Array(4);
  const w = new Float64Array(4);
  for (let k = 0; k < 10000; k++) {
    // keep |beta| <= 0.99 as in the brief: p up to ~8.8 gamma m
    const m = 0.1 + 2 * rng.uniform();
    const [bx, by, bz] = randomBeta(rng);
    const g = 1 / Math.sqrt(1 - (bx * bx + by * by + bz * bz));
    v[0] = g * m * bx;
    v[1] = g * m * by;
    v[2] = g * m * bz;
    v[3] = g * m;
    boostToRestFrame(v[0]!, v[1]!, v[2]!, v[3]!, v[0]!, v[1]!, v[2]!, v[3]!, w);
    assert.ok(Math.abs(w[0]!) < 1e-12 && Math.abs(w[1]!) < 1e-12 && Math.abs(w[2]!) < 1e-12, `${w}`);
    assert.ok(Math.abs(w[3]! - m) < 1e-12, `E* = ${w[3]} vs m = ${m}`);
  }
});

test("boostColumnsPerRow with beta = -P/E per row puts every particle at rest", () => {
  const px = Float64Array.of(3, 0, -1.2);
  const py = Float64Array.of(0, 4, 0.5);
  const pz = Float64Array.of(4, 0, 2);
  const m = [12, 3, 0.7];
  const e = Float64Array.from(m, (mi, i) => Math.sqrt(mi * mi + px[i]! ** 2 + py[i]! ** 2 + pz[i]! ** 2));
  const bx = Float64Array.from(px, (x, i) => -x / e[i]!);
  const by = Float64Array.from(py, (y, i) => -y / e[i]!);
  const bz = Float64Array.from(pz, (z, i) => -z / e[i]!);
  boostColumnsPerRow(px, py, pz, e, bx, by, bz);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(px[i]!) < 1e-14 && Math.abs(py[i]!) < 1e-14 && Math.abs(pz[i]!) < 1e-14);
    assert.ok(Math.abs(e[i]! - m[i]!) < 1e-13);
  }
});

test("hand values: a particle at rest boosted by 0.6 c along z has p = 0.75 m, E = 1.25 m", () => {
  const out = new Float64Array(4);
  boost(0, 0, 0, 2, 0, 0, 0.6, out); // gamma = 1.25, gamma beta = 0.75
  assert.deepEqual(
    Array.from(out, (x) => Math.round(x * 1e12) / 1e12),
    [0, 0, 1.5, 2.5],
  );
  // two collinear boosts of 0.5 c compose to (0.5 + 0.5)/(1 + 0.25) = 0.8 c: gamma 5/3, gamma beta 4/3
  boost(0, 0, 0, 3, 0.5, 0, 0, out);
  boost(out[0]!, out[1]!, out[2]!, out[3]!, 0.5, 0, 0, out);
  assert.ok(Math.abs(out[0]! - 4) < 1e-14 && Math.abs(out[3]! - 5) < 1e-14);
  // beta = 0 is the identity (no 0/0 in (gamma - 1)/beta^2)
  boost(1, 2, 3, 4, 0, 0, 0, out);
  assert.deepEqual(Array.from(out), [1, 2, 3, 4]);
});

test("|beta| >= 1 throws a RangeError instead of returning NaN", () => {
  const out = new Float64Array(4);
  assert.throws(() => boost(0, 0, 0, 1, 0, 0, 1, out), RangeError);
  assert.throws(() => boost(0, 0, 0, 1, Number.NaN, 0, 0, out), RangeError);
  const c = new Float64Array(1);
  assert.throws(() => boostColumns(c, c, c, c, 0.8, 0.8, 0), RangeError);
  assert.throws(() => boostColumnsPerRow(c, c, c, c, Float64Array.of(1.5), c, c), /row 0/);
});
