/**
 * Four-muon channels: the split between double photon conversion and annihilation quoted in
 * four-muon.md (annihilation 20% of the rate below M(mu mu) = 1 GeV, 10% above; M = mass of the
 * lighter virtual photon), and the annihilation rate of physics.md 8.1 (51 fb, 43 fb below 1 GeV).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { EventScratch } from "./eventScratch.ts";
import { FOUR_MUON_CHANNEL, FourMuonSampler } from "./mumumumu.ts";
import { defaultFrame } from "./process.ts";

test("4 mu: annihilation is 20 +- 2% below M(mu mu) = 1 GeV and 10 +- 2% above (four-muon.md), 51 +- 3 fb in total (physics.md 8.1)", () => {
  const smp = new FourMuonSampler(defaultFrame());
  const rng = stream(31, 0);
  const ev = new EventScratch();
  const sum = [
    [0, 0],
    [0, 0],
  ];
  const N = 400_000;
  for (let i = 0; i < N; i++) {
    ev.reset();
    const r = smp.trial(rng, ev);
    const conv = smp.lastChannel === FOUR_MUON_CHANNEL.conversion;
    const m = conv ? Math.min(smp.lastMasses[0]!, smp.lastMasses[1]!) : smp.lastMasses[0]!;
    sum[smp.lastChannel]![m < 1 ? 0 : 1]! += r;
  }
  const below = sum[1]![0]! / (sum[0]![0]! + sum[1]![0]!);
  const above = sum[1]![1]! / (sum[0]![1]! + sum[1]![1]!);
  assert.ok(Math.abs(below - 0.2) < 0.02, `annihilation fraction below 1 GeV: ${below}`);
  assert.ok(Math.abs(above - 0.1) < 0.02, `annihilation fraction above 1 GeV: ${above}`);
  const ann = ((sum[1]![0]! + sum[1]![1]!) * smp.sigmaEnvelopeFb) / N;
  assert.ok(Math.abs(ann - 51) < 3, `annihilation sigma ${ann} fb`);
});

test("4 mu events carry two mu+ and two mu- with total charge zero", () => {
  const smp = new FourMuonSampler(defaultFrame());
  const rng = stream(32, 0);
  const ev = new EventScratch();
  let n = 0;
  while (n < 200) {
    ev.reset();
    if (!(smp.trial(rng, ev) > 0)) continue;
    n++;
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < ev.n; i++) {
      if (ev.status[i] !== 1) continue;
      if (ev.pdg[i] === 13) minus++;
      if (ev.pdg[i] === -13) plus++;
    }
    assert.equal(plus, 2);
    assert.equal(minus, 2);
  }
});
