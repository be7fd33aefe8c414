import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import {
  applyPunziNet,
  predictTrainingSet,
  punziTrainingSet,
  punziWindowSummary,
  trainPunziNet,
} from "./punziNet.ts";
import { tabulatedResolution } from "./resolution.ts";
import { syntheticVariables } from "./syntheticVariables.ts";

const res = tabulatedResolution([0, 80], [0.2, 0.2]); // windows |M2 - M^2| < 0.4

/** Signal at mass M: M2 near M^2, small ptThrust; background: flat M2, large ptThrust. */
function samples(seed: number) {
  const r = stream(seed, 0);
  const sig = (M: number) =>
    syntheticVariables(300, () => ({
      m2Recoil: r.gauss(M * M, 0.2),
      ptThrust: r.gauss(0.3, 0.1),
      ptHiLo: r.gauss(1, 0.3),
      ptRecoilCm: r.gauss(1.5, 0.3),
    }));
  const bkg = syntheticVariables(3000, (i) => ({
    m2Recoil: 10 * r.uniform(),
    ptThrust: r.gauss(1.0, 0.3),
    ptHiLo: r.gauss(1, 0.3),
    ptRecoilCm: r.gauss(1.2, 0.3),
    weight: i % 2 ? 1 : 2,
  }));
  return { s1: sig(1), s2: sig(2), bkg };
}

function trainingSet(seed = 1, background: "window" | "tiles" = "window") {
  const { s1, s2, bkg } = samples(seed);
  const mask1 = new Uint8Array(300).fill(1);
  mask1[0] = 0; // one signal event fails the cuts
  return punziTrainingSet({
    signals: [
      { mass: 2, nGen: 1000, vars: s2, mask: new Uint8Array(300).fill(1) },
      { mass: 1, nGen: 600, vars: s1, mask: mask1 },
    ],
    backgrounds: [{ name: "mumu", vars: bkg, mask: new Uint8Array(3000).fill(1), scale: 0.5 }],
    resolution: res,
    lumi: 79.7,
    background,
  });
}

test("training set: signal by mass then background, windows M^2 +- 2 sigma, weights L_target/L_MC x event weight", () => {
  const set = trainingSet();
  assert.equal(set.data.labels.length, 299 + 300 + 3000);
  assert.deepEqual(Array.from(set.masses), [1, 2]);
  assert.deepEqual(Array.from(set.low), [1 - 0.4, 4 - 0.4]);
  assert.deepEqual(set.sampleNames, ["signal_M1", "signal_M2", "mumu"]);
  const p = set.data.punzi!;
  assert.deepEqual(Array.from(p.nGen), [600, 1000]);
  assert.equal(p.fTrig, 0.9);
  // signal of mass 1 counts only in window 0, and only inside it
  const inWin0 = [];
  for (let j = 0; j < 299; j++) if (set.m2[j]! > 0.6 && set.m2[j]! < 1.4) inWin0.push(j);
  assert.deepEqual(Array.from(p.signal.events.subarray(p.signal.rowPtr[0], p.signal.rowPtr[1])), inWin0);
  // background events in window 1 are those with 3.6 < M2 < 4.4
  let nb = 0;
  for (let j = 599; j < set.m2.length; j++) if (set.m2[j]! > 3.6 && set.m2[j]! < 4.4) nb++;
  assert.equal(p.background.rowPtr[2]! - p.background.rowPtr[1]!, nb);
  // background weight: event weight (1 or 2) x 0.5; signal BCE weight 1/N_gen
  assert.equal(p.weights[599], 1);
  assert.equal(p.weights[600], 0.5);
  assert.equal(set.data.weights![0], 1 / 600);
  assert.throws(
    () =>
      punziTrainingSet({
        signals: [],
        backgrounds: [],
        resolution: res,
        lumi: 1,
      }),
    ConfigError,
  );
});

test("tiled background (default): every background event counts once, in its nearest mass's tile, weight x window/tile width", () => {
  const set = trainingSet(1, "tiles");
  const w = trainingSet(1, "window");
  const p = set.data.punzi!;
  // masses 1 and 2 GeV: M2 = 1 and 4, windows +-0.4; tiles [-0.5, 2.5) and [2.5, 81)
  let n0 = 0;
  let n1 = 0;
  for (let j = 599; j < set.m2.length; j++) {
    const x = set.m2[j]!;
    if (x >= -0.5 && x < 2.5) {
      n0++;
      assert.ok(Math.abs(p.weights[j]! - (w.data.punzi!.weights[j]! * 0.8) / 3) < 1e-15);
    } else if (x >= 2.5 && x < 81) {
      n1++;
      assert.ok(Math.abs(p.weights[j]! - (w.data.punzi!.weights[j]! * 0.8) / 78.5) < 1e-15);
    }
  }
  assert.equal(p.background.rowPtr[1]! - p.background.rowPtr[0]!, n0);
  assert.equal(p.background.rowPtr[2]! - p.background.rowPtr[1]!, n1);
  // the signal windows are unchanged
  assert.deepEqual(Array.from(p.signal.events), Array.from(w.data.punzi!.signal.events));
});

test("Punzi-net training is reproducible by seed and the Punzi loss improves on the untrained cut-free sensitivity", () => {
  const set = trainingSet();
  const opts = {
    seed: 7,
    bce: { epochs: 20, batchSize: 256, optimizer: { kind: "sgd" as const, lr: 0.5 } },
    punzi: { epochs: 30, optimizer: { kind: "sgd" as const, lr: 0.05 } },
  };
  const a = trainPunziNet(set, opts);
  const b = trainPunziNet(set, opts);
  assert.deepEqual(Array.from(a.model.mlp.params), Array.from(b.model.mlp.params));
  assert.deepEqual(a.model.metadata.features, ["ptThrustCm", "ptHiLoCm", "pLongHiLoCm", "ptDimuonCm"]);
  assert.equal(a.model.mlp.sizes.join("-"), "4-8-4-1");
  const out = predictTrainingSet(a.model, set);
  const cut = punziWindowSummary(set, out, 0.5);
  const none = punziWindowSummary(set, new Float32Array(out.length).fill(1), 0.5);
  // the network separates on ptThrust: the mean sensitivity after the cut is better than without it
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  assert.ok(
    mean(cut.sensitivity) < mean(none.sensitivity),
    `${mean(cut.sensitivity)} vs ${mean(none.sensitivity)}`,
  );
  assert.ok(cut.eps[0]! > 0.2 && cut.bkg[0]! < none.bkg[0]!);
});

test("applyPunziNet gives one output per event and -1 for events without candidates", () => {
  const set = trainingSet(2);
  const { model } = trainPunziNet(set, {
    seed: 3,
    bce: { epochs: 2, batchSize: 512, optimizer: { kind: "sgd", lr: 0.5 } },
    punzi: { epochs: 0, optimizer: { kind: "sgd", lr: 0.05 } },
  });
  const v = syntheticVariables(3, (i) => (i === 1 ? { ptThrust: Number.NaN } : { ptThrust: 0.2 * i }));
  const o = applyPunziNet(model, v);
  assert.equal(o.length, 3);
  assert.equal(o[1], -1);
  assert.ok(o[0]! > 0 && o[0]! < 1 && o[2]! > 0 && o[2]! < 1);
});
