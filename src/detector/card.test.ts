import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { deg } from "../core/units.ts";
import { belle2DefaultCard } from "./belle2DefaultCard.ts";
import { compileCard, parseCard } from "./card.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary card keys
type Json = Record<string, any>;

function rejects(edit: (c: Json) => void, where: RegExp): void {
  const c = structuredClone(belle2DefaultCard()) as Json;
  edit(c);
  assert.throws(
    () => parseCard(c, "bad.json"),
    (e: unknown) => e instanceof ConfigError && where.test(e.message) && !e.message.includes("\n"),
  );
}

test("the built-in Belle II card validates and compiles to radians", () => {
  const card = parseCard(JSON.parse(JSON.stringify(belle2DefaultCard())));
  const c = compileCard(card);
  assert.equal(c.tracking.thetaMin, deg(17));
  // the 1.5 mm gap at 90 deg seen from the IP at r = 1.25 m: 0.0688 deg wide (hand: 1.5/1250 rad)
  assert.ok(Math.abs(c.ecl.gaps[0]!.max - c.ecl.gaps[0]!.min - 1.5 / 1250) < 1e-9);
  assert.ok(Math.abs((c.ecl.gaps[0]!.max + c.ecl.gaps[0]!.min) / 2 - Math.PI / 2) < 1e-12);
  assert.equal(c.ecl.barrel.min, deg(32.2));
  assert.equal(c.klm.barrel.max, deg(122));
  // two-track line: 2020 (30 deg, 71.0 fb^-1) first, then 2019 (90 deg, 8.7 fb^-1); shares of 79.7
  const periods = c.trigger.twoTrack.periods;
  assert.equal(periods.length, 2);
  assert.ok(Math.abs(periods[0]!.cosDeltaPhiMin - Math.cos(deg(30))) < 1e-15);
  assert.ok(Math.abs(periods[1]!.cosDeltaPhiMin - Math.cos(deg(90))) < 1e-15);
  assert.ok(Math.abs(periods[0]!.fraction - 71.0 / 79.7) < 1e-12);
  assert.ok(Math.abs(periods[1]!.fraction - 8.7 / 79.7) < 1e-12);
  // sigma(pT)/pT = 0.1% pT (+) 0.3% (four-muon paper)
  assert.equal(c.tracking.ptResSlope, 0.001);
  assert.equal(c.tracking.ptResConst, 0.003);
});

test("an unknown key is named in a one-line ConfigError", () => {
  rejects((c) => {
    c.tracking.colour = "blue";
  }, /bad\.json: tracking\.colour: unknown key/);
  rejects((c) => {
    c.extra = 1;
  }, /bad\.json: extra: unknown key/);
});

test("a negative resolution is rejected naming its key", () => {
  rejects((c) => {
    c.tracking.ptResolution.constant = -0.003;
  }, /tracking\.ptResolution\.constant: /);
  rejects((c) => {
    c.ecl.energyResolution.stochastic = -1;
  }, /ecl\.energyResolution\.stochastic: /);
});

test("overlapping regions, inverted bands and unsorted table edges are rejected", () => {
  rejects((c) => {
    c.ecl.regions[1].thetaMin = 30;
  }, /ecl\.regions\.1\.thetaMin: overlaps ecl\.regions\.0/);
  rejects((c) => {
    c.klm.regions[2].thetaMin = 40;
  }, /klm\.regions\.2\.thetaMin: overlaps klm\.regions\.1/);
  rejects((c) => {
    c.tracking.thetaMax = 10;
  }, /tracking\.thetaMax: must exceed thetaMin/);
  rejects((c) => {
    c.pid.muon.pion.momentumEdges[2] = 0.1;
  }, /pid\.muon\.pion\.momentumEdges\.2: momentumEdges must increase/);
  rejects((c) => {
    c.pid.muon.muon.values[0].pop();
  }, /pid\.muon\.muon\.values\.0: needs 5 values/);
  rejects((c) => {
    c.pid.electron.electron.values[0][0] = 1.2;
  }, /pid\.electron\.electron\.values\.0\.0: /);
});

test("the two-track line needs exactly one of deltaPhiMin and periods (one-line ConfigError naming trigger.twoTrack)", () => {
  rejects((c) => {
    c.trigger.twoTrack.deltaPhiMin = 90;
  }, /trigger\.twoTrack.*exactly one of deltaPhiMin/);
  rejects((c) => {
    delete c.trigger.twoTrack.periods;
  }, /trigger\.twoTrack.*exactly one of deltaPhiMin/);
  rejects((c) => {
    c.trigger.twoTrack.periods[0].luminosity = 0;
  }, /trigger\.twoTrack\.periods\.0\.luminosity/);
});
