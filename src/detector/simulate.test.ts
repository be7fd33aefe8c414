import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { deg, M_MU, M_PI } from "../core/units.ts";
import { type TruthEvents, TruthEventsBuilder } from "../physics/truthEvents.ts";
import { BARREL_GAP_HALF_DEG, belle2DefaultCard } from "./belle2DefaultCard.ts";
import { compileCard, type DetectorCard, parseCard, tableValue } from "./card.ts";
import { simulate } from "./simulate.ts";
import { ptRelativeSigma } from "./trackResolution.ts";

/** Default card with the random losses switched off, for geometric tests. */
function idealCard(): DetectorCard {
  const c = belle2DefaultCard();
  c.tracking.efficiency = 1;
  c.ecl.beamBackground.meanPhotons = 0;
  return c;
}

/** One particle per event at the given (p, theta) and a random phi. */
function singles(
  pdg: number,
  mass: number,
  ps: ArrayLike<number>,
  thetas: ArrayLike<number>,
  seed: number,
): TruthEvents {
  const rng = stream(seed, 99);
  const n = ps.length;
  const b = new TruthEventsBuilder(n, 1);
  for (let i = 0; i < n; i++) {
    const p = ps[i]!;
    const th = thetas[i]!;
    const ph = Math.PI * (2 * rng.uniform() - 1);
    b.particle(
      pdg,
      1,
      -1,
      p * Math.sin(th) * Math.cos(ph),
      p * Math.sin(th) * Math.sin(ph),
      p * Math.cos(th),
      Math.hypot(p, mass),
    );
    b.endEvent(1);
  }
  return b.build();
}

test("pT pulls have unit width within 2% in each polar-angle bin (resolution 0.1% pT (+) 0.3%)", () => {
  const card = compileCard(idealCard());
  const bins = [
    [17, 37],
    [37, 60],
    [60, 90],
    [90, 120],
    [120, 150],
  ];
  const n = 40000; // per bin: the width's statistical error is 1/sqrt(2n) = 0.35%
  for (const [lo, hi] of bins) {
    const rng = stream(5, lo!);
    const ps = new Float64Array(n);
    const th = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ps[i] = 0.3 + 5 * rng.uniform();
      th[i] = deg(lo! + 0.01 + (hi! - lo! - 0.02) * rng.uniform());
    }
    const truth = singles(13, M_MU, ps, th, lo!);
    const reco = simulate(truth, card, 11, lo!);
    assert.equal(reco.charge.length, n, "every muon in acceptance is tracked");
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const ptT = ps[i]! * Math.sin(th[i]!);
      const ptR = Math.hypot(reco.px[i]!, reco.py[i]!);
      const pull = (ptR - ptT) / (ptT * ptRelativeSigma(card.tracking, ptT));
      s += pull;
      s2 += pull * pull;
    }
    const mean = s / n;
    const width = Math.sqrt(s2 / n - mean * mean);
    assert.ok(Math.abs(width - 1) < 0.02, `theta ${lo}-${hi}: pull width ${width}`);
    assert.ok(Math.abs(mean) < 0.03, `theta ${lo}-${hi}: pull mean ${mean}`);
  }
});

test("tracking acceptance edges are exact: 17 and 150 deg (1e-9 rad either side)", () => {
  const card = compileCard(idealCard());
  const eps = 1e-9;
  const th = [deg(17) + eps, deg(17) - eps, deg(150) - eps, deg(150) + eps];
  const truth = singles(13, M_MU, [2, 2, 2, 2], th, 1);
  const reco = simulate(truth, card, 1, 0);
  const tracked = [0, 1, 2, 3].map((i) => reco.trackOffsets[i + 1]! - reco.trackOffsets[i]!);
  assert.deepEqual(tracked, [1, 0, 1, 0]);
});

test("ECL acceptance edges are exact and a photon inside a gap is never reconstructed", () => {
  const H = BARREL_GAP_HALF_DEG;
  const card = compileCard(idealCard());
  const eps = 1e-9;
  // inside gaps: 31.4-32.2, 128.7-130.7, 90 +- H deg (the 1.5 mm barrel gap; edges included), outside 12.4-155.1
  const rng = stream(3, 0);
  const inside: number[] = [];
  for (let i = 0; i < 30000; i++) {
    const g = i % 5;
    const u = rng.uniform();
    if (g === 0) inside.push(deg(31.4 + 0.8 * u));
    else if (g === 1) inside.push(deg(128.7 + 2 * u));
    else if (g === 2) inside.push(deg(90 - H + 2 * H * u));
    else if (g === 3) inside.push(deg(12.4 * u) - eps);
    else inside.push(deg(155.1 + 24.9 * u) + eps);
  }
  // the edges of each gap, 1e-9 rad inside it
  inside.push(
    deg(31.4) + eps,
    deg(32.2) - eps,
    deg(90 - H) + eps,
    deg(90 + H) - eps,
    deg(128.7) + eps,
    deg(130.7) - eps,
  );
  const es = inside.map(() => 0.2 + 4 * rng.uniform());
  const gapReco = simulate(singles(22, 0, es, inside, 2), card, 5, 0);
  assert.equal(gapReco.photonE.length, 0, "no photon reconstructed in gaps or outside the ECL");
  // just inside the region edges every photon above threshold is found
  const edges = [12.4, 31.4, 32.2, 90 - H - 0.001, 90 + H + 0.001, 128.7, 130.7, 155.1].map((d, i) =>
    i % 2 === 0 ? deg(d) + eps : deg(d) - eps,
  );
  const edgeReco = simulate(
    singles(
      22,
      0,
      edges.map(() => 2),
      edges,
      3,
    ),
    card,
    5,
    1,
  );
  assert.equal(edgeReco.photonE.length, edges.length);
});

// "within 0.5%": within 0.5 percentage points, and also within 4 binomial standard deviations
test("muon-ID efficiency and pion fake rate reproduce the card within 0.5% (and 4 sigma) on 1M particles", () => {
  const c = idealCard();
  const card = compileCard(c);
  const n = 500_000;
  // barrel, 1.0-1.5 GeV bin (card: 97% muon efficiency) and 0.7-1.0 GeV pions (card: 8% fake)
  const cases = [
    { pdg: -13, mass: M_MU, pLo: 1.0, pHi: 1.5, tbl: card.pid.muMu },
    { pdg: 211, mass: M_PI, pLo: 0.7, pHi: 1.0, tbl: card.pid.muPi },
  ];
  for (const [ci, cs] of cases.entries()) {
    const rng = stream(8, ci);
    const ps = new Float64Array(n);
    const th = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ps[i] = cs.pLo + (cs.pHi - cs.pLo) * rng.uniform();
      th[i] = deg(50 + 70 * rng.uniform());
    }
    const reco = simulate(singles(cs.pdg, cs.mass, ps, th, 20 + ci), card, 9, ci);
    assert.equal(reco.charge.length, n);
    let pass = 0;
    for (let i = 0; i < n; i++) if (reco.muonLR[i]! > 0.5) pass++;
    const expected = tableValue(cs.tbl, deg(80), 0.5 * (cs.pLo + cs.pHi));
    const measured = pass / n;
    const sigma = Math.sqrt((expected * (1 - expected)) / n);
    assert.ok(
      Math.abs(measured - expected) < Math.min(0.005, 4 * sigma),
      `pdg ${cs.pdg}: measured ${measured}, card ${expected} +- ${sigma}`,
    );
    // the charge follows the PDG sign convention: mu+ (-13) and pi+ (211) are positive
    assert.equal(reco.charge[0], 1);
  }
});

test("the same seed and chunk index give identical output; another chunk index differs", () => {
  const card = compileCard(belle2DefaultCard());
  const rng = stream(1, 1);
  const ps = Array.from({ length: 2000 }, () => 0.5 + 3 * rng.uniform());
  const th = ps.map(() => deg(20 + 120 * rng.uniform()));
  const truth = singles(13, M_MU, ps, th, 4);
  const a = simulate(truth, card, 42, 3);
  const b = simulate(truth, belle2DefaultCard(), 42, 3); // uncompiled card: same numbers
  assert.deepEqual(a, b);
  const c = simulate(truth, card, 42, 4);
  assert.notDeepEqual(a.px, c.px);
});

test("invisible particles leave nothing; an electron outside the CDC leaves a neutral cluster", () => {
  const card = compileCard(idealCard());
  const b = new TruthEventsBuilder(2, 2);
  b.particle(12, 1, -1, 1, 0, 1, Math.SQRT2); // neutrino
  b.particle(9900023, 1, -1, 0, 1, 1, 2); // Z' (invisible)
  b.endEvent(1);
  // electron at 14 deg: inside the forward ECL (12.4-31.4) but outside the CDC (17-150)
  const th = deg(14);
  b.particle(11, 1, -1, 3 * Math.sin(th), 0, 3 * Math.cos(th), 3);
  b.endEvent(2);
  const reco = simulate(b.build(), card, 1, 0);
  assert.deepEqual([...reco.trackOffsets], [0, 0, 0]);
  assert.deepEqual([...reco.photonOffsets], [0, 0, 1]);
  assert.ok(Math.abs(reco.photonE[0]! - 3 * 0.97) < 0.5, `cluster energy ${reco.photonE[0]}`);
  assert.deepEqual([...reco.weight], [1, 2]);
});

test("tables give zero outside their range and the open-ended last momentum bin above it", () => {
  const card = compileCard(belle2DefaultCard());
  assert.equal(tableValue(card.pid.muMu, deg(10), 2), 0);
  assert.equal(tableValue(card.pid.muMu, deg(80), 5000), 0.99);
  assert.equal(tableValue(card.pid.muMu, deg(80), 0.8), 0.93);
});

test("beam background: empty events get photons at lambda exp(-E_thr/<E>) x ECL coverage (+-4%)", () => {
  const H = BARREL_GAP_HALF_DEG;
  const card = compileCard(belle2DefaultCard()); // 1 photon/event, <E> = 30 MeV, threshold 100 MeV
  const n = 400_000; // ~13700 photons: 0.85% statistical error
  const b = new TruthEventsBuilder(n, 0);
  for (let i = 0; i < n; i++) b.endEvent(1);
  const reco = simulate(b.build(), card, 2, 0);
  // photons are spread uniformly in cos(theta) over 12.4-155.1 deg; the three gaps take 1.9% of it
  const c = (d: number) => Math.cos(deg(d));
  const coverage =
    1 - (c(31.4) - c(32.2) + (c(128.7) - c(130.7)) + (c(90 - H) - c(90 + H))) / (c(12.4) - c(155.1));
  const expected = Math.exp(-0.1 / 0.03) * coverage; // energy smearing raises it by ~0.4%
  const rate = reco.photonE.length / n;
  assert.ok(Math.abs(rate / expected - 1) < 0.04, `rate ${rate}, expected ${expected}`);
  for (let k = 0; k < reco.photonE.length; k++) {
    assert.equal(reco.photonTruth[k], -1);
    assert.ok(reco.photonE[k]! >= 0.1);
  }
  assert.equal(reco.charge.length, 0);
});

test("photon conversions (when enabled) remove that fraction of photons; electrons have E/p near the card's 0.97", () => {
  const c = idealCard();
  c.ecl.conversions = { enabled: true, probability: 0.25 };
  const n = 40000; // binomial sigma of the kept fraction: 0.22%
  const th = Array.from({ length: n }, (_, i) => deg(40 + (40 * i) / n));
  const reco = simulate(
    singles(
      22,
      0,
      th.map(() => 1),
      th,
      6,
    ),
    compileCard(c),
    3,
    0,
  );
  const kept = reco.photonE.length / n;
  assert.ok(Math.abs(kept - 0.75) < 0.01, `kept ${kept}`);
  // tracked electrons in the barrel: mean E/p = 0.97, width 0.04 (default card)
  const e = simulate(
    singles(
      11,
      0.000511,
      th.map(() => 2),
      th,
      7,
    ),
    compileCard(idealCard()),
    3,
    1,
  );
  let s = 0;
  for (let k = 0; k < e.charge.length; k++) s += e.eclEnergy[k]! / Math.hypot(e.px[k]!, e.py[k]!, e.pz[k]!);
  const mean = s / e.charge.length;
  assert.ok(Math.abs(mean - 0.97) < 0.003, `E/p ${mean}`);
  assert.equal(e.charge[0], -1, "an electron (pdg 11) is negative");
});

test("track-cluster matching: a photon at a muon's ECL entry point joins its cluster, one 10 deg away stays a photon", () => {
  const card = compileCard(idealCard());
  // mu- (pdg 13, q = -1) at theta = 80 deg, phi = 0, pT = 2 GeV: enters the barrel (r = 1.25 m)
  // at phi = -q asin(0.29979 * 1.5 * 1.25 / 4) = +0.14095 rad (hand calculation)
  const pt = 2;
  const phiHit = Math.asin((0.29979 * 1.5 * 1.25) / (2 * pt));
  const b = new TruthEventsBuilder(3, 3);
  const th = deg(80); // away from the 90 deg gap
  const pz = pt / Math.tan(th);
  const muon = () => b.particle(13, 1, -1, pt, 0, pz, Math.hypot(pt, pz, M_MU));
  const gamma = (e: number, phi: number) =>
    b.particle(
      22,
      1,
      -1,
      e * Math.sin(th) * Math.cos(phi),
      e * Math.sin(th) * Math.sin(phi),
      e * Math.cos(th),
      e,
    );
  muon();
  gamma(1, phiHit + deg(1)); // 1 deg in phi (0.98 deg in angle) from the entry point: merged (radius 2.5 deg)
  b.endEvent(1);
  muon();
  gamma(1, phiHit + deg(10)); // 9.8 deg away: a photon
  b.endEvent(1);
  muon();
  gamma(1, -phiHit); // on the unbent side, 15.9 deg from the entry point: a photon
  b.endEvent(1);
  const reco = simulate(b.build(), card, 4, 0);
  assert.deepEqual([...reco.trackOffsets], [0, 1, 2, 3]);
  assert.deepEqual([...reco.photonOffsets], [0, 0, 1, 2]);
  // merged energy = MIP (0.2 +- 0.03) + the photon's 1 GeV
  assert.ok(Math.abs(reco.eclEnergy[0]! - 1.2) < 0.15, `merged cluster ${reco.eclEnergy[0]}`);
  assert.ok(reco.eclEnergy[1]! < 0.4, `unmerged track cluster ${reco.eclEnergy[1]}`);
  // without the matching every photon is seen
  const off = idealCard();
  delete off.ecl.trackMatch;
  const none = simulate(b.build(), compileCard(off), 4, 0);
  assert.deepEqual([...none.photonOffsets], [0, 1, 2, 3]);
});

test("photon-loss bands remove that fraction of photons inside them (binomial, 4 sigma) and none outside", () => {
  const c = idealCard();
  c.ecl.photonLoss = [{ name: "backward-barrel", thetaMin: 95, thetaMax: 125, probability: 0.3 }];
  const card = compileCard(c);
  const rng = stream(8, 0);
  const n = 20000;
  const inside = Array.from({ length: n }, () => deg(95 + 30 * rng.uniform()));
  const outside = Array.from({ length: n }, () => deg(40 + 40 * rng.uniform()));
  const es = inside.map(() => 1 + rng.uniform());
  const kept = simulate(singles(22, 0, es, inside, 3), card, 6, 0).photonE.length / n;
  assert.ok(Math.abs(kept - 0.7) < 4 * Math.sqrt((0.7 * 0.3) / n), `kept ${kept}`);
  assert.equal(simulate(singles(22, 0, es, outside, 4), card, 6, 0).photonE.length, n);
  c.ecl.photonLoss = [{ name: "bad", thetaMin: 125, thetaMax: 95, probability: 0.3 }];
  assert.throws(() => parseCard(JSON.parse(JSON.stringify(c)), "card.json"), ConfigError);
});

test("track-cluster matching in the backward endcap: the helix is followed to z = -1.02 m, not to the barrel radius", () => {
  const card = compileCard(idealCard());
  // mu- at theta = 145 deg, pT = 1 GeV: reaches the backward endcap plane at r = 1.02 tan(35 deg)
  // = 0.714 m, turned by asin(0.29979 * 1.5 * 0.714 / 2) = 9.25 deg (hand); at the barrel radius
  // it would be 16.3 deg
  const th = deg(145);
  const pt = 1;
  const pz = pt / Math.tan(th);
  const r = 1.02 * Math.tan(deg(35));
  const phiEndcap = Math.asin((0.29979 * 1.5 * r) / 2);
  const phiBarrel = Math.asin((0.29979 * 1.5 * 1.25) / 2);
  const b = new TruthEventsBuilder(3, 3);
  for (const phi of [phiEndcap + deg(0.5), phiBarrel]) {
    b.particle(13, 1, -1, pt, 0, pz, Math.hypot(pt, pz, M_MU));
    b.particle(22, 1, -1, Math.sin(th) * Math.cos(phi), Math.sin(th) * Math.sin(phi), Math.cos(th), 1);
    b.endEvent(1);
  }
  // and a backward-BARREL track (110 deg) enters at r = 1.25 m: its photon there is merged
  const th2 = deg(110);
  b.particle(13, 1, -1, pt, 0, pt / Math.tan(th2), Math.hypot(pt, pt / Math.tan(th2), M_MU));
  b.particle(
    22,
    1,
    -1,
    Math.sin(th2) * Math.cos(phiBarrel),
    Math.sin(th2) * Math.sin(phiBarrel),
    Math.cos(th2),
    1,
  );
  b.endEvent(1);
  const reco = simulate(b.build(), card, 9, 0);
  // merged at the endcap entry point; the photon where a barrel entry would be (4 deg away) is
  // seen; the backward-barrel track's photon is merged
  assert.deepEqual([...reco.photonOffsets], [0, 0, 1, 1]);
});
