// Tests for the small single-quantity kernels: momentum, pt, ptRel, reducedMass, twoBodyMomentum,
// cosHelicity (one file to keep the test count readable; each kernel has its own source file).
import assert from "node:assert/strict";
import { test } from "node:test";
import { M_MU } from "../core/units.ts";
import { boost } from "./boost.ts";
import { cosHelicity, cosHelicityColumns } from "./cosHelicity.ts";
import { momentum, momentumColumns } from "./momentum.ts";
import { pt, ptColumns } from "./pt.ts";
import { pLong, pLongColumns, ptRel, ptRelColumns, ptRelSigned } from "./ptRel.ts";
import { massFromReducedMass, reducedMass, reducedMassColumns } from "./reducedMass.ts";
import { twoBodyMomentum } from "./twoBodyMomentum.ts";

test("momentum and pt by hand: |(2,3,6)| = 7, pt(3,4) = 5; columns agree", () => {
  assert.equal(momentum(2, 3, 6), 7);
  assert.equal(pt(3, 4), 5);
  assert.deepEqual(
    Array.from(
      momentumColumns(
        Float64Array.of(2, 0),
        Float64Array.of(3, 0),
        Float64Array.of(6, -1),
        new Float64Array(2),
      ),
    ),
    [7, 1],
  );
  assert.deepEqual(
    Array.from(ptColumns(Float64Array.of(3, 0), Float64Array.of(4, -2), new Float64Array(2))),
    [5, 2],
  );
});

test("ptRel and pLong by hand: p = (1,1,0) w.r.t. a = (2,0,0): pT 1, pL 1; w.r.t. -a: pL -1, signed pT -1", () => {
  assert.equal(ptRel(1, 1, 0, 2, 0, 0), 1);
  assert.equal(pLong(1, 1, 0, 2, 0, 0), 1);
  assert.equal(pLong(1, 1, 0, -2, 0, 0), -1);
  assert.equal(ptRelSigned(1, 1, 0, 2, 0, 0), 1);
  assert.equal(ptRelSigned(1, 1, 0, -2, 0, 0), -1);
  // (3,4,12) w.r.t. z: pT = 5, pL = 12
  assert.equal(ptRel(3, 4, 12, 0, 0, 7), 5);
  assert.equal(pLong(3, 4, 12, 0, 0, 7), 12);
  // a zero axis has no direction
  assert.equal(ptRel(1, 2, 3, 0, 0, 0), 0);
  assert.equal(pLong(1, 2, 3, 0, 0, 0), 0);
  const one = (x: number) => Float64Array.of(x);
  assert.equal(ptRelColumns(one(3), one(4), one(12), one(0), one(0), one(1), new Float64Array(1))[0], 5);
  assert.equal(pLongColumns(one(3), one(4), one(12), one(0), one(0), one(1), new Float64Array(1))[0], 12);
});

test("reduced mass: M_R = sqrt(M^2 - 4 m_mu^2), 1 GeV for M^2 = 4 m_mu^2 + 1, negative below threshold", () => {
  assert.ok(Math.abs(reducedMass(4 * M_MU * M_MU + 1) - 1) < 1e-15);
  assert.ok(Math.abs(reducedMass(4 * M_MU * M_MU - 0.01) + 0.1) < 1e-14);
  assert.ok(Math.abs(massFromReducedMass(reducedMass(9)) - 3) < 1e-15);
  const out = reducedMassColumns(Float64Array.of(4 * M_MU * M_MU + 4), new Float64Array(1));
  assert.ok(Math.abs(out[0]! - 2) < 1e-15);
});

test("two-body momentum by hand: (10; 0, 0) -> 5, (10; 3, 3) -> 4, (5; 3, 0) -> 1.6, below threshold -> 0", () => {
  assert.equal(twoBodyMomentum(10, 0, 0), 5);
  assert.equal(twoBodyMomentum(10, 3, 3), 4); // sqrt(64 * 100)/20
  assert.ok(Math.abs(twoBodyMomentum(5, 3, 0) - 1.6) < 1e-15); // sqrt(16 * 16)/10
  assert.equal(twoBodyMomentum(5, 3, 3), 0);
});

test("cosHelicity: daughter at theta* to the boost axis in the pair frame gives -cos theta* (boost 0.5 c and 0.9 c)", () => {
  const M = 2; // pair mass; massless daughters at p* = 1 in the pair frame
  const d = new Float64Array(4);
  const P = new Float64Array(4);
  for (const beta of [0.5, 0.9]) {
    for (const th of [0, 0.3, 1.2, 2.5, Math.PI]) {
      // pair frame: mu- along (sin th, 0, cos th); boost the pair and daughter along +z by beta
      boost(Math.sin(th), 0, Math.cos(th), 1, 0, 0, beta, d);
      boost(0, 0, 0, M, 0, 0, beta, P);
      const c = cosHelicity(P[0]!, P[1]!, P[2]!, P[3]!, d[0]!, d[1]!, d[2]!, d[3]!);
      assert.ok(Math.abs(c + Math.cos(th)) < 1e-12, `beta ${beta} theta* ${th}: ${c}`);
    }
  }
  // column version agrees; a pair at rest gives 0
  const col = (x: number) => Float64Array.of(x);
  const out = cosHelicityColumns(
    col(P[0]!),
    col(P[1]!),
    col(P[2]!),
    col(P[3]!),
    col(d[0]!),
    col(d[1]!),
    col(d[2]!),
    col(d[3]!),
    new Float64Array(1),
  );
  assert.equal(out[0], cosHelicity(P[0]!, P[1]!, P[2]!, P[3]!, d[0]!, d[1]!, d[2]!, d[3]!));
  assert.equal(cosHelicity(0, 0, 0, 2, 0, 0, 1, 1), 0);
});
