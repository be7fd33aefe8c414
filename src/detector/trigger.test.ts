import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { deg } from "../core/units.ts";
import {
  RecoEventsBuilder,
  TRG_BHABHA,
  TRG_ECL_ENERGY,
  TRG_SINGLE_MUON,
  TRG_THREE_TRACK,
  TRG_TWO_TRACK,
} from "../physics/recoEvents.ts";
import { belle2DefaultCard } from "./belle2DefaultCard.ts";
import { compileCard, type DetectorCard } from "./card.ts";
import { triggerBits } from "./trigger.ts";

/** Default trigger card with every plateau efficiency set to 1 (deterministic lines). */
function card(edit?: (c: DetectorCard) => void) {
  const c = belle2DefaultCard();
  c.trigger.twoTrack.efficiency = 1;
  c.trigger.threeTrack.efficiency = 1;
  c.trigger.eclEnergy.efficiency = 1;
  edit?.(c);
  return compileCard(c).trigger;
}

/** A card with one two-track setting: azimuthal opening above `deg` degrees. */
function single(deltaPhiMin: number) {
  return card((c) => {
    delete c.trigger.twoTrack.periods;
    c.trigger.twoTrack.deltaPhiMin = deltaPhiMin;
  });
}

interface T {
  p: number;
  theta: number; // deg
  phi: number; // deg
  ecl?: number; // GeV
  klm?: boolean;
}

/** Trigger bits of one hand-built event. */
function bits(tracks: T[], photons: { e: number; theta: number }[] = [], trg = card()): number {
  const b = new RecoEventsBuilder(1, tracks.length, photons.length);
  const klm = new Uint8Array(16);
  tracks.forEach((t, i) => {
    const th = deg(t.theta);
    const ph = deg(t.phi);
    b.track(
      1,
      t.p * Math.sin(th) * Math.cos(ph),
      t.p * Math.sin(th) * Math.sin(ph),
      t.p * Math.cos(th),
      0,
      0,
      1,
      0,
      t.ecl ?? 0.2,
      i,
    );
    klm[i] = t.klm ? 1 : 0;
  });
  for (const g of photons) b.photon(g.e, deg(g.theta), 0, -1);
  return triggerBits(b.view, 0, tracks.length, 0, photons.length, klm, trg, stream(1, 0));
}

test("two-track line, 2019 setting: a pair in 37-120 deg with delta phi > 90 deg fires, 89 deg or 36 deg does not", () => {
  const y2019 = single(90);
  assert.equal(
    bits(
      [
        { p: 2, theta: 60, phi: 0 },
        { p: 2, theta: 100, phi: 91 },
      ],
      [],
      y2019,
    ) & TRG_TWO_TRACK,
    TRG_TWO_TRACK,
  );
  assert.equal(
    bits(
      [
        { p: 2, theta: 60, phi: 0 },
        { p: 2, theta: 100, phi: 89 },
      ],
      [],
      y2019,
    ) & TRG_TWO_TRACK,
    0,
  );
  assert.equal(
    bits(
      [
        { p: 2, theta: 36, phi: 0 },
        { p: 2, theta: 100, phi: 180 },
      ],
      [],
      y2019,
    ) & TRG_TWO_TRACK,
    0,
  );
  assert.equal(
    bits(
      [
        { p: 2, theta: 60, phi: 0 },
        { p: 2, theta: 121, phi: 180 },
      ],
      [],
      y2019,
    ) & TRG_TWO_TRACK,
    0,
  );
  // across the +-180 deg wrap: phi 170 and -170 are 20 deg apart
  assert.equal(
    bits(
      [
        { p: 2, theta: 60, phi: 170 },
        { p: 2, theta: 80, phi: -170 },
      ],
      [],
      y2019,
    ) & TRG_TWO_TRACK,
    0,
  );
  // the 2020 setting (30 deg) accepts a 40 deg opening
  const y2020 = single(30);
  assert.equal(
    bits(
      [
        { p: 2, theta: 60, phi: 0 },
        { p: 2, theta: 80, phi: 40 },
      ],
      [],
      y2020,
    ) & TRG_TWO_TRACK,
    TRG_TWO_TRACK,
  );
  // a single track never fires
  assert.equal(bits([{ p: 2, theta: 60, phi: 0 }], [], y2019) & TRG_TWO_TRACK, 0);
});

test("Bhabha veto: two clusters of 5 GeV set the bhabha bit and suppress the two-track line", () => {
  const ee: T[] = [
    { p: 5, theta: 60, phi: 0, ecl: 5 },
    { p: 5, theta: 110, phi: 180, ecl: 5 },
  ];
  const b = bits(ee);
  assert.equal(b & TRG_BHABHA, TRG_BHABHA);
  assert.equal(b & TRG_TWO_TRACK, 0);
  // muons (minimum-ionising deposits) are not vetoed
  const mm = bits(ee.map((t) => ({ ...t, ecl: 0.2 })));
  assert.equal(mm & TRG_BHABHA, 0);
  assert.equal(mm & TRG_TWO_TRACK, TRG_TWO_TRACK);
  // with the veto disabled the pair fires
  const off = card((c) => {
    c.trigger.bhabhaVeto.enabled = false;
  });
  assert.equal(bits(ee, [], off) & (TRG_TWO_TRACK | TRG_BHABHA), TRG_TWO_TRACK);
});

test("three-track line: three tracks in 37-120 deg above 0.2 GeV pT fire, two do not", () => {
  const three: T[] = [
    { p: 1, theta: 50, phi: 0 },
    { p: 1, theta: 70, phi: 120 },
    { p: 1, theta: 110, phi: -120 },
  ];
  assert.equal(bits(three) & TRG_THREE_TRACK, TRG_THREE_TRACK);
  assert.equal(bits(three.slice(0, 2)) & TRG_THREE_TRACK, 0);
  assert.equal(bits([...three.slice(0, 2), { p: 1, theta: 125, phi: 0 }]) & TRG_THREE_TRACK, 0);
  // pT = 0.15 GeV is below the threshold
  assert.equal(bits([...three.slice(0, 2), { p: 0.15, theta: 90, phi: 0 }]) & TRG_THREE_TRACK, 0);
});

test("single-muon line: a KLM-matched track in 51-117 deg with pT > 0.6 GeV fires", () => {
  assert.equal(bits([{ p: 2, theta: 80, phi: 0, klm: true }]) & TRG_SINGLE_MUON, TRG_SINGLE_MUON);
  assert.equal(bits([{ p: 2, theta: 80, phi: 0, klm: false }]) & TRG_SINGLE_MUON, 0);
  assert.equal(bits([{ p: 2, theta: 50, phi: 0, klm: true }]) & TRG_SINGLE_MUON, 0);
  assert.equal(bits([{ p: 0.5, theta: 80, phi: 0, klm: true }]) & TRG_SINGLE_MUON, 0);
});

test("ECL energy line: 1 GeV in 22-128 deg fires; the same energy at 130 deg does not", () => {
  assert.equal(bits([], [{ e: 1.2, theta: 60 }]) & TRG_ECL_ENERGY, TRG_ECL_ENERGY);
  assert.equal(
    bits(
      [],
      [
        { e: 0.6, theta: 60 },
        { e: 0.6, theta: 100 },
      ],
    ) & TRG_ECL_ENERGY,
    TRG_ECL_ENERGY,
  );
  assert.equal(bits([], [{ e: 1.2, theta: 130 }]) & TRG_ECL_ENERGY, 0);
  assert.equal(bits([], [{ e: 0.9, theta: 60 }]) & TRG_ECL_ENERGY, 0);
  // track deposits count as clusters
  assert.equal(bits([{ p: 3, theta: 60, phi: 0, ecl: 1.5 }]) & TRG_ECL_ENERGY, TRG_ECL_ENERGY);
});

test("a plateau efficiency of 0.9 fires the two-track line in 90% of identical events (+-1%)", () => {
  const trg = card((c) => {
    c.trigger.twoTrack.efficiency = 0.9;
  });
  const b = new RecoEventsBuilder(1, 2, 0);
  for (const [th, ph] of [
    [60, 0],
    [100, 180],
  ]) {
    b.track(
      1,
      Math.sin(deg(th!)) * Math.cos(deg(ph!)),
      Math.sin(deg(th!)) * Math.sin(deg(ph!)),
      Math.cos(deg(th!)),
      0,
      0,
      1,
      0,
      0.2,
      0,
    );
  }
  const rng = stream(3, 0);
  const klm = new Uint8Array(2);
  let n = 0;
  const N = 20000; // binomial sigma 0.2%
  for (let i = 0; i < N; i++) if (triggerBits(b.view, 0, 2, 0, 0, klm, trg, rng) & TRG_TWO_TRACK) n++;
  assert.ok(Math.abs(n / N - 0.9) < 0.01, `fraction ${n / N}`);
});

test("two-track line over the 2019 + 2020 periods: a 60 deg opening fires in 71.0 / 79.7 of identical events (+-1%), 100 deg always, 20 deg never", () => {
  const trg = card(); // the built-in card: 2019 (> 90 deg, 8.7 fb^-1) and 2020 (> 30 deg, 71.0 fb^-1)
  const rng = stream(5, 0);
  const klm = new Uint8Array(2);
  const fraction = (dphi: number, n: number) => {
    const b = new RecoEventsBuilder(1, 2, 0);
    for (const [th, ph] of [
      [60, 0],
      [100, dphi],
    ])
      b.track(
        1,
        Math.sin(deg(th!)) * Math.cos(deg(ph!)),
        Math.sin(deg(th!)) * Math.sin(deg(ph!)),
        Math.cos(deg(th!)),
        0,
        0,
        1,
        0,
        0.2,
        0,
      );
    let k = 0;
    for (let i = 0; i < n; i++) if (triggerBits(b.view, 0, 2, 0, 0, klm, trg, rng) & TRG_TWO_TRACK) k++;
    return k / n;
  };
  const N = 20000; // binomial sigma of the share 0.22%
  assert.ok(Math.abs(fraction(60, N) - 71.0 / 79.7) < 0.01, `60 deg: ${fraction(60, N)}`);
  assert.equal(fraction(100, 1000), 1);
  assert.equal(fraction(20, 1000), 0);
});
