import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { beamFrame, belle2Beams } from "../../physics/beams.ts";
import { RecoEventsBuilder, TRG_BHABHA, TRG_TWO_TRACK } from "../../physics/recoEvents.ts";
import {
  applySelection,
  type Cut,
  cutFlowTable,
  formatCutFlow,
  punziCut,
  selectionCuts,
  selectionSteps,
} from "./selection.ts";
import { syntheticVariables } from "./syntheticVariables.ts";
import { computeVariables } from "./variables.ts";

const rad = (d: number) => (d * Math.PI) / 180;
const cuts = selectionCuts();
const eps = 1e-9;

/** Which events pass one cut (by name) of the signal-region list. */
function passes(name: string, events: Parameters<typeof syntheticVariables>[1], n: number): boolean[] {
  const v = syntheticVariables(n, events);
  const cut = selectionSteps(cuts).find((c) => c.name === name) as Cut;
  cut.check?.(v);
  return Array.from({ length: n }, (_, i) => cut.test(v, i));
}

test("the seven cut-based steps come in the paper's order", () => {
  assert.deepEqual(
    selectionSteps(cuts).map((c) => c.name),
    ["trigger", "ipTracks", "twoMuons", "openingAngle", "recoilTheta", "photonVeto", "recoilPt"],
  );
  assert.deepEqual(selectionSteps(cuts, "mumugamma").map((c) => c.name)[5], "hardPhotonNearRecoil");
});

test("step 1: the two-track trigger bit is required; the Bhabha bit alone does not pass", () => {
  const t = [TRG_TWO_TRACK, 0, TRG_BHABHA, TRG_TWO_TRACK | TRG_BHABHA];
  assert.deepEqual(
    passes("trigger", (i) => ({ trigger: t[i]! }), 4),
    [true, false, false, true],
  );
});

test("steps 2-3: at least two IP tracks, then exactly two, opposite charge, muonLR > 0.5, pT > 0.4 GeV", () => {
  assert.deepEqual(
    passes("ipTracks", (i) => ({ nGoodTracks: [1, 2, 3][i]! }), 3),
    [false, true, true],
  );
  const ev = [
    {},
    { nGoodTracks: 3 },
    { oppositeCharge: 0 },
    { muonLR1: 0.5 }, // strict: exactly 0.5 fails
    { muonLR2: 0.5 + 1e-6 },
    { ptMin: 0.4 },
    { ptMin: 0.4 + eps },
  ];
  assert.deepEqual(
    passes("twoMuons", (i) => ev[i]!, ev.length),
    [true, false, false, false, true, false, true],
  );
});

test("step 4: c.m. opening angle just below 179 deg passes, just above fails", () => {
  const a = [rad(179) - eps, rad(179) + eps, Math.PI, Number.NaN];
  assert.deepEqual(
    passes("openingAngle", (i) => ({ openingAngleCm: a[i]! }), 4),
    [true, false, false, false],
  );
});

test("step 5: below 4 GeV^2 the recoil must be in the 34-123 deg barrel outside 89-91 deg; above, only < 123 deg", () => {
  const ev = [
    { m2Recoil: 3.9, thetaRecoil: rad(34) + eps },
    { m2Recoil: 3.9, thetaRecoil: rad(34) - eps },
    { m2Recoil: 3.9, thetaRecoil: rad(90) },
    { m2Recoil: 3.9, thetaRecoil: rad(89) - eps },
    { m2Recoil: 3.9, thetaRecoil: rad(91) + eps },
    { m2Recoil: 3.9, thetaRecoil: rad(123) + eps },
    { m2Recoil: 4, thetaRecoil: rad(20) },
    { m2Recoil: 4, thetaRecoil: rad(90) },
    { m2Recoil: 40, thetaRecoil: rad(123) - eps },
    { m2Recoil: 40, thetaRecoil: rad(123) + eps },
    { m2Recoil: -0.3, thetaRecoil: rad(60) },
  ];
  assert.deepEqual(
    passes("recoilTheta", (i) => ev[i]!, ev.length),
    [true, false, false, true, true, false, true, true, true, false, true],
  );
});

test("step 6: photon energy sum < 0.5 GeV and no photon within 15 deg of the recoil", () => {
  const ev = [
    { photonESum: 0.49 },
    { photonESum: 0.5 },
    { photonMinAngle: rad(15) + eps },
    { photonMinAngle: rad(15) - eps },
    { photonESum: 0.2, photonMinAngle: rad(60) },
  ];
  assert.deepEqual(
    passes("photonVeto", (i) => ev[i]!, ev.length),
    [true, false, true, false, true],
  );
});

test("step 7: c.m. recoil pT > 0.5 GeV; step 8: Punzi-net output > 0.5", () => {
  assert.deepEqual(
    passes("recoilPt", (i) => ({ ptRecoilCm: [0.5, 0.5 + eps][i]! }), 2),
    [false, true],
  );
  const v = syntheticVariables(3);
  const c = punziCut([0.5, 0.51, -1]);
  assert.deepEqual(
    [0, 1, 2].map((i) => c.test(v, i)),
    [false, true, false],
  );
});

test("cut flow: each event stops at its first failed step; raw and weighted counts match a hand count and never rise", () => {
  // event k fails step k (k = 1..7) or passes everything (k = 0, 8); weights 1..9
  const fail: Record<number, object> = {
    1: { trigger: 0 },
    2: { nGoodTracks: 1 },
    3: { muonLR1: 0.1 },
    4: { openingAngleCm: Math.PI },
    5: { thetaRecoil: rad(130) },
    6: { photonESum: 2, ptRecoilCm: 0.1 }, // fails 6 first, 7 never reached
    7: { ptRecoilCm: 0.2 },
  };
  const v = syntheticVariables(9, (i) => ({ weight: i + 1, ...(fail[i] ?? {}) }));
  const r = applySelection(v, selectionSteps(cuts));
  assert.deepEqual(r.raw, [9, 8, 7, 6, 5, 4, 3, 2]);
  // weights of the events surviving after step k: all but those failing steps 1..k
  const w = [45, 45 - 2, 45 - 2 - 3, 45 - 2 - 3 - 4, 45 - 14, 45 - 20, 45 - 27, 45 - 35];
  assert.deepEqual(r.weighted, w);
  assert.deepEqual(Array.from(r.mask), [1, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(r.passed), [7, 0, 1, 2, 3, 4, 5, 6, 7]);
  for (let k = 1; k < r.raw.length; k++)
    assert.ok(r.raw[k]! <= r.raw[k - 1]! && r.weighted[k]! <= r.weighted[k - 1]!);
  // with step 8 appended
  const r8 = applySelection(v, [...selectionSteps(cuts), punziCut([0.9, 0, 0, 0, 0, 0, 0, 0, 0.1])]);
  assert.deepEqual(r8.raw.slice(-2), [2, 1]);
  const table = cutFlowTable([
    { name: "a", result: r },
    { name: "b", result: applySelection(v, selectionSteps(cuts), new Float64Array(9).fill(2)) },
  ]);
  assert.equal(table.steps[0], "all");
  assert.deepEqual(table.samples[1]!.weighted, [18, 16, 14, 12, 10, 8, 6, 4]);
  assert.match(formatCutFlow(table), /recoilPt\s+10\.00\s+4\.000/);
  assert.throws(
    () =>
      cutFlowTable([
        { name: "a", result: r },
        { name: "c", result: r8 },
      ]),
    ConfigError,
  );
});

test("control samples: e mu and e e need electron ID on one or both tracks, mu mu gamma a hard photon near the recoil", () => {
  const ev = [
    {}, // mu mu, no photon
    { muonLR1: 0.1, electronLR1: 0.9 }, // e mu
    { muonLR1: 0.1, electronLR1: 0.9, muonLR2: 0.1, electronLR2: 0.9 }, // e e
    { photonESum: 1.5, photonMinAngle: rad(5), hardPhotonMinAngle: rad(5) }, // mu mu gamma
    { muonLR1: 0.9, electronLR1: 0.9 }, // muon-ID'd track counts as muon, not electron
  ];
  const v = syntheticVariables(ev.length, (i) => ev[i]!);
  const mask = (region: "signal" | "emu" | "ee" | "mumugamma") =>
    Array.from(applySelection(v, selectionSteps(cuts, region)).mask);
  assert.deepEqual(mask("signal"), [1, 0, 0, 0, 1]);
  assert.deepEqual(mask("emu"), [0, 1, 0, 0, 0]);
  assert.deepEqual(mask("ee"), [0, 0, 1, 0, 0]);
  assert.deepEqual(mask("mumugamma"), [0, 0, 0, 1, 0]);
});

test("config: degrees in, radians inside; unknown keys, bad values and IP-cut mismatches are ConfigErrors", () => {
  const c = selectionCuts({ photonConeDeg: 20, barrelThetaDeg: [30, 125] });
  assert.ok(Math.abs(c.photonCone - rad(20)) < 1e-15);
  assert.ok(Math.abs(c.barrelTheta[1] - rad(125)) < 1e-15);
  assert.throws(() => selectionCuts({ foo: 1 } as never), ConfigError);
  assert.throws(() => selectionCuts({ trackPtMin: -1 }), ConfigError);
  assert.throws(() => selectionCuts({ gapThetaDeg: [91, 89] }), ConfigError);
  assert.throws(() => selectionCuts({ punziCut: Number.NaN }), ConfigError);
  const empty = new RecoEventsBuilder(1);
  empty.endEvent(1, 0);
  const v = computeVariables(empty.build(), beamFrame(belle2Beams()), { d0Max: 0.3 });
  assert.throws(() => applySelection(v, selectionSteps(cuts)), /computed with \|d0\| < 0.3/);
});
