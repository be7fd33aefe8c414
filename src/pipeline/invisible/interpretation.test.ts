import assert from "node:assert/strict";
import { test } from "node:test";
import { zprimeBranchingFractions } from "../../physics/models/zprimeWidths.ts";
import { couplingLimitAt } from "./interpretation.ts";

test("coupling limit between hypotheses: sigma interpolated log-log, B taken at the mass (vanilla = fully invisible below 2 m_mu)", () => {
  // sigma_UL = 4 fb at 0.01 GeV and 1 fb at 0.4 GeV; sigma(g'=1) = 1e6 fb and 4e5 fb
  const masses = [0.01, 0.4];
  const ul = [4, 1];
  const s1 = [1e6, 4e5];
  const m = 0.1;
  const t = Math.log(m / 0.01) / Math.log(0.4 / 0.01);
  const ulAt = 4 * (1 / 4) ** t; // hand: log-log interpolation
  const s1At = 1e6 * 0.4 ** t;
  const gF = couplingLimitAt(masses, ul, s1, m, "fully-invisible");
  const gV = couplingLimitAt(masses, ul, s1, m, "vanilla");
  assert.ok(Math.abs(gF / Math.sqrt(ulAt / s1At) - 1) < 1e-12, `${gF}`);
  // B(Z' -> nu nu) = 1 below the mu mu threshold (reference table lmultau_zprime_branching_fractions.csv)
  assert.equal(zprimeBranchingFractions(m).invisible, 1);
  assert.ok(Math.abs(gV / gF - 1) < 1e-12);
  // above the threshold the vanilla limit is weaker by 1/sqrt(B)
  const m2 = 0.3;
  const b = zprimeBranchingFractions(m2).invisible;
  assert.ok(b < 0.9);
  const ratio =
    couplingLimitAt(masses, ul, s1, m2, "vanilla") / couplingLimitAt(masses, ul, s1, m2, "fully-invisible");
  assert.ok(Math.abs(ratio - 1 / Math.sqrt(b)) < 1e-12);
  assert.ok(Number.isNaN(couplingLimitAt(masses, ul, s1, 1, "vanilla")), "outside the scanned range: NaN");
});
