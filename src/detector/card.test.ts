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
  assert.equal(c.trigger.twoTrack.deltaPhiMin, deg(90));
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
