import assert from "node:assert/strict";
import { test } from "node:test";
import { zprimeBranchingFractions } from "../physics/models/zprimeWidths.ts";
import { couplingLimit, excludedRanges, gm2Band, invisibleCouplingLimits } from "./index.ts";

test("a coupling limit inverts sigma = g^2 sigma_1 B exactly (analytic)", () => {
  const g = 3e-3;
  const sigma1 = 1.2e6; // fb at g = 1
  const B = 0.4;
  const sigmaUl = g * g * sigma1 * B;
  assert.ok(Math.abs(couplingLimit(sigmaUl, sigma1, B) / g - 1) < 1e-15);
  assert.equal(couplingLimit(1, 0, 1), Number.POSITIVE_INFINITY, "no sensitivity without signal");
  assert.equal(couplingLimit(-1, 1, 1), 0, "a negative limit is clipped to zero");
});

test("the vanilla limit is weaker than the fully invisible one by 1/sqrt(B_inv) above the dimuon threshold", () => {
  const masses = [0.1, 0.5, 2, 5];
  const ul = [1, 1, 1, 1];
  const s1 = [1e6, 5e5, 1e5, 1e4];
  const van = invisibleCouplingLimits(masses, ul, s1, "vanilla");
  const inv = invisibleCouplingLimits(masses, ul, s1, "fully-invisible");
  for (let i = 0; i < masses.length; i++) {
    const B = zprimeBranchingFractions(masses[i]!).invisible;
    assert.ok(Math.abs(van[i]! / inv[i]! - 1 / Math.sqrt(B)) < 1e-14);
  }
  assert.ok(Math.abs(van[0]! / inv[0]! - 1) < 1e-15, "below 2 m_mu the vanilla Z' decays only to neutrinos");
});

test("excluded ranges follow power-law crossings exactly and handle edges", () => {
  // limit g = M, band lower edge g = 2 (flat): excluded where M < 2 -> [1, 2] from a scan 1..4
  const m = [1, 1.5, 3, 4];
  const r = excludedRanges(m, m, [2, 2, 2, 2]);
  assert.equal(r.length, 1);
  assert.equal(r[0]![0], 1);
  assert.ok(Math.abs(r[0]![1] - 2) < 1e-12, `crossing at ${r[0]![1]}`);
  // two separate ranges, the second running to the end of the scan
  const r2 = excludedRanges([1, 2, 3, 4, 5], [0.5, 2, 2, 0.5, 0.5], [1, 1, 1, 1, 1]);
  assert.equal(r2.length, 2);
  assert.equal(r2[1]![1], 5);
  // a band reaching zero (null lower edge) is never excluded
  assert.deepEqual(excludedRanges([1, 2], [1e-9, 1e-9], [null, null]), []);
  assert.throws(() => excludedRanges([2, 1], [1, 1], [1, 1]), /must increase/);
});

test("the 2021 (g-2) band for the vector brackets the central coupling and the 2025 input has no lower edge", () => {
  const b = gm2Band("vector", [0.01, 1, 5], "2021");
  for (let i = 0; i < 3; i++) assert.ok(b.lower[i]! < b.central[i]! && b.central[i]! < b.upper[i]!);
  const b25 = gm2Band("vector", [1], "2025");
  assert.equal(b25.lower[0], null, "Delta a_mu - 2 sigma < 0 in 2025: the band reaches g = 0");
  assert.throws(() => gm2Band("vector", [1], "1999"), /unknown \(g-2\) input year/);
});
