import assert from "node:assert/strict";
import { test } from "node:test";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { withCertainMuonId } from "../../detector/card.ts";
import { runSampleChunk } from "./sampleChunk.ts";

// tau tau: its selected pairs mix true muons (ID 93-99%) with pions (fake rate 3-20%), so drawing
// the muon ID and weighting by it differ a lot per event; the generated weights are all 1
const BASE = { process: "tautau", nEvents: 20_000, chunk: 0, genSeed: 11, simSeed: 12, selection: {} };

test("muon ID by weight: same signal-region and control-region yields as the random draw (within its binomial error), same steps before the muon ID", () => {
  const direct = runSampleChunk(BASE);
  const weighted = runSampleChunk({ ...BASE, muonIdWeighted: true });
  assert.deepEqual(weighted.steps, direct.steps);
  assert.equal(weighted.sumWeightsGenerated, direct.sumWeightsGenerated);
  const mu = direct.steps.indexOf("twoMuons") + 1;
  assert.ok(mu >= 1);
  // everything before the muon ID is simulated with the same random numbers: identical counts
  assert.deepEqual(weighted.raw.slice(0, mu), direct.raw.slice(0, mu));
  assert.deepEqual(weighted.weighted.slice(0, mu), direct.weighted.slice(0, mu));
  // with certain muon ID many more MC events survive (the pion pairs), so the test has teeth
  const last = direct.raw.length - 1;
  assert.ok(weighted.raw[last]! > 3 * direct.raw[last]!, `${weighted.raw[last]} vs ${direct.raw[last]}`);
  // reference: the random draw is a sum of Bernoulli(P_i) over the same events, P_i = product of
  // the two candidates' probabilities (the weight column, generated weights being 1); its
  // variance is sum P_i (1 - P_i). Tolerance 4 standard deviations.
  const P = weighted.columns.weight;
  let sum = 0;
  let variance = 0;
  for (const p of P) {
    assert.ok(p >= 0 && p <= 1);
    sum += p;
    variance += p * (1 - p);
  }
  assert.ok(Math.abs(sum - weighted.weighted[last]!) < 1e-6 * sum);
  const z = (direct.weighted[last]! - sum) / Math.sqrt(variance);
  assert.ok(Math.abs(z) < 4, `direct ${direct.weighted[last]}, weighted ${sum}, z = ${z}`);
  // every step after the muon ID: the weighted yield is below the certain-ID count
  for (let j = mu; j <= last; j++) assert.ok(weighted.weighted[j]! < weighted.raw[j]!);
  // control regions (one or both candidates electrons, not muons): the drawn count is again a
  // sum of Bernoulli variables, variance <= its mean; tolerance 4 standard deviations
  for (const r of ["emu", "ee"] as const) {
    const d = direct.control[r];
    const w = weighted.control[r];
    assert.ok(d > 500, `${r}: ${d} drawn events`);
    assert.ok(Math.abs(d - w) < 4 * Math.sqrt(d), `${r}: drawn ${d}, by weight ${w}`);
  }
});

test("withCertainMuonId: every muon-ID probability 1, the input card untouched", () => {
  const card = belle2DefaultCard();
  const before = JSON.stringify(card);
  const c = withCertainMuonId(card);
  assert.equal(JSON.stringify(card), before);
  for (const t of [c.pid.muon.muon, c.pid.muon.pion, c.pid.muon.electron])
    for (const row of t.values) for (const x of row) assert.equal(x, 1);
  assert.deepEqual(c.pid.electron, card.pid.electron);
  assert.ok(card.pid.muon.electron.values.flat().every((x) => x < 0.05));
});
