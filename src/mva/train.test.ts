import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { cutSensitivity } from "./cutSensitivity.ts";
import { predictModel } from "./mvaModel.ts";
import { punziLoss } from "./punziLoss.ts";
import { PUNZI_NET_BCE, PUNZI_NET_NETWORK, PUNZI_NET_PUNZI } from "./punziNetPreset.ts";
import type { PunziProblem } from "./punziProblem.ts";
import { auc, roc } from "./roc.ts";
import { type TrainingData, train } from "./train.ts";
import { signalWindowMembership, windowMembership } from "./windowMembership.ts";

/**
 * A 2D toy that no linear cut separates: signal a Gaussian blob at the origin (width 0.7),
 * background a ring of radius 2.5 (radial width 0.4). The classes barely overlap (Bayes AUC ~ 1),
 * but a linear discriminant has AUC ~ 0.5, so the hidden layer must do the work.
 */
function gaussians(seed: number, n: number): TrainingData {
  const r = stream(seed, 0);
  const x = new Float32Array(2 * n);
  const labels = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const s = j % 2;
    labels[j] = s;
    let u: number;
    let v: number;
    if (s) {
      u = r.gauss(0, 0.7);
      v = r.gauss(0, 0.7);
    } else {
      const rad = r.gauss(2.5, 0.4);
      const phi = 2 * Math.PI * r.uniform();
      u = rad * Math.cos(phi);
      v = rad * Math.sin(phi);
    }
    // raw features deliberately off-scale (an offset, a factor 100) to exercise the normalisation
    x[2 * j] = 5 + u;
    x[2 * j + 1] = 100 * v;
  }
  return { x, nFeatures: 2, labels };
}

const bceQuick = {
  epochs: 15,
  batchSize: 128,
  optimizer: { kind: "sgd", lr: 0.5 },
  plateau: { factor: 0.5, patience: 5 },
} as const;

test("BCE training on a separable but not linearly separable 2D toy (blob inside a ring, seeded) reaches AUC > 0.95 on an independent sample", (t) => {
  const { model, history } = train(gaussians(1, 2000), {
    seed: 7,
    network: { hidden: [8] },
    bce: bceQuick,
  });
  assert.equal(history.length, 15);
  assert.ok(history[14]!.loss < history[0]!.loss, "the loss decreases");
  const test2 = gaussians(2, 4000);
  const o = predictModel(model, test2.x, 4000, new Float64Array(4000));
  const a = auc(roc(o, test2.labels));
  assert.ok(a > 0.95, `AUC ${a}`);
  // control: without a hidden layer (logistic regression) the same training cannot separate them
  const lin = train(gaussians(1, 2000), { seed: 7, network: { hidden: [] }, bce: bceQuick }).model;
  const aLin = auc(roc(predictModel(lin, test2.x, 4000, new Float64Array(4000)), test2.labels));
  assert.ok(aLin < 0.7, `linear AUC ${aLin}`);
  t.diagnostic(`AUC ${a.toFixed(4)} (linear control ${aLin.toFixed(3)})`);
});

test("the same seed gives identical weights; another seed gives different ones", () => {
  const d = gaussians(3, 600);
  const opts = { network: { hidden: [6, 3] }, bce: { ...bceQuick, epochs: 3 } };
  const a = train(d, { seed: 5, ...opts }).model.mlp.params;
  const b = train(d, { seed: 5, ...opts }).model.mlp.params;
  const c = train(d, { seed: 6, ...opts }).model.mlp.params;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

/**
 * Several "mass windows": signal of hypothesis i at m ~ N(c_i, 0.25) with c = 1, 3, 5, 7, 9,
 * background flat in m with weight 1 below m = 5 and 0.01 above (so the best selection is tight
 * at low m and loose at high m). Features: a discriminant x0, a weak one x1, and m / 10.
 */
function massToy(seed: number): TrainingData & { punzi: PunziProblem } {
  const centres = [1, 3, 5, 7, 9];
  const nSig = 400;
  const nBkg = 6000;
  const n = centres.length * nSig + nBkg;
  const x = new Float32Array(3 * n);
  const m = new Float64Array(n);
  const labels = new Float64Array(n);
  const w = new Float64Array(n);
  const gen = new Int32Array(n).fill(-1);
  const r = stream(seed, 0);
  let j = 0;
  centres.forEach((c, i) => {
    for (let k = 0; k < nSig; k++, j++) {
      m[j] = r.gauss(c, 0.25);
      x.set([r.gauss(1.5, 1), r.gauss(0.5, 1), m[j]! / 10], 3 * j);
      labels[j] = 1;
      w[j] = 1;
      gen[j] = i;
    }
  });
  for (let k = 0; k < nBkg; k++, j++) {
    m[j] = 10 * r.uniform();
    x.set([r.gauss(0, 1), r.gauss(0, 1), m[j]! / 10], 3 * j);
    w[j] = m[j]! < 5 ? 1 : 0.01;
  }
  const low = centres.map((c) => c - 0.6);
  const high = centres.map((c) => c + 0.6);
  const punzi: PunziProblem = {
    signal: signalWindowMembership(m, low, high, gen),
    background: windowMembership(
      m,
      low,
      high,
      labels.map((l) => 1 - l),
    ),
    weights: w,
    nGen: centres.map(() => nSig),
    fTrig: 0.9,
    lumi: 1,
  };
  return { x, nFeatures: 3, labels, weights: w, punzi };
}

test("Punzi-loss fine-tuning lowers the mean sensitivity relative to BCE only (5 mass windows, independent sample)", (t) => {
  const d = massToy(1);
  const v = massToy(2);
  const pre = train(d, {
    seed: 3,
    network: { hidden: [8, 4] },
    bce: {
      epochs: 30,
      batchSize: 256,
      optimizer: { kind: "sgd", lr: 1 },
      plateau: { factor: 0.5, patience: 10 },
    },
  });
  const reports: number[] = [];
  const fine = train(d, {
    seed: 3,
    initial: pre.model,
    punzi: { epochs: 150, optimizer: { kind: "sgd", lr: 0.05 }, plateau: { factor: 0.5, patience: 20 } },
    validation: v,
    onEpoch: (r) => reports.push(r.epoch),
  });
  assert.equal(reports.length, 150, "one progress report per epoch");
  assert.ok(fine.history.every((h) => h.phase === "punzi" && h.valLoss !== undefined));
  const nv = v.labels.length;
  const oPre = predictModel(pre.model, v.x, nv, new Float64Array(nv));
  const oFine = predictModel(fine.model, v.x, nv, new Float64Array(nv));
  const softPre = punziLoss(oPre, v.punzi);
  const softFine = punziLoss(oFine, v.punzi);
  assert.ok(softFine < 0.85 * softPre, `soft mean sensitivity ${softPre} -> ${softFine}`);
  // the paper's final selection, output > 0.5
  const mean = (a: Float64Array) => a.reduce((s, q) => s + q, 0) / a.length;
  const cutPre = mean(cutSensitivity(oPre, v.punzi, 0.5).sensitivity);
  const cutFine = mean(cutSensitivity(oFine, v.punzi, 0.5).sensitivity);
  assert.ok(cutFine < cutPre, `hard-cut (o > 0.5) mean sensitivity ${cutPre} -> ${cutFine}`);
  t.diagnostic(
    `soft mean sensitivity ${softPre.toFixed(2)} -> ${softFine.toFixed(2)}; o > 0.5: ${cutPre.toFixed(2)} -> ${cutFine.toFixed(2)}`,
  );
});

test("early stopping on the validation loss stops before the last epoch and keeps the best weights", () => {
  const d = gaussians(4, 400);
  const v = gaussians(5, 400);
  const res = train(d, {
    seed: 1,
    network: { hidden: [4] },
    // a learning rate far too large makes the validation loss wander: patience 2 must trigger
    bce: { epochs: 200, batchSize: 50, optimizer: { kind: "sgd", lr: 20 }, earlyStop: { patience: 2 } },
    validation: v,
  });
  assert.ok(res.stoppedAt.bce !== undefined && res.stoppedAt.bce < 200, `stopped at ${res.stoppedAt.bce}`);
  const best = Math.min(...res.history.map((h) => h.valLoss!));
  const o = predictModel(res.model, v.x, 400, new Float64Array(400));
  // recompute the validation BCE of the returned model: it is the best epoch's
  const w = new Float64Array(400).fill(1);
  let l = 0;
  for (let j = 0; j < 400; j++) l -= w[j]! * (v.labels[j]! ? Math.log(o[j]!) : Math.log(1 - o[j]!));
  assert.ok(Math.abs(l / 400 - best) < 1e-5, `${l / 400} vs best ${best}`);
});

test("bad training options and inputs throw ConfigError / InputError", () => {
  const d = gaussians(6, 10);
  assert.throws(
    () => train(d, { seed: 1, network: { hidden: [2] }, bce: { ...bceQuick, batchSize: 0 } }),
    ConfigError,
  );
  assert.throws(() => train(d, { seed: -1, network: { hidden: [2] } }), ConfigError);
  assert.throws(() => train(d, { seed: 1 }), /network/);
  assert.throws(
    () =>
      train(d, {
        seed: 1,
        network: { hidden: [2] },
        punzi: { epochs: 1, optimizer: { kind: "sgd", lr: 1 } },
      }),
    /punzi/,
  );
  const bad = { ...d, x: d.x.slice() };
  bad.x[3] = Number.NaN;
  assert.throws(() => train(bad, { seed: 1, network: { hidden: [2] } }), InputError);
});

test("the Punzi-net preset (arXiv:2110.00810 settings) runs both phases with its learning rates", () => {
  const d = massToy(8);
  const res = train(d, {
    seed: 2,
    network: PUNZI_NET_NETWORK,
    bce: { ...PUNZI_NET_BCE, epochs: 2 },
    punzi: { ...PUNZI_NET_PUNZI, epochs: 2 },
  });
  assert.deepEqual(res.model.mlp.sizes, [3, 8, 4, 1]);
  assert.deepEqual(
    res.history.map((h) => [h.phase, h.lr]),
    [
      ["bce", 1],
      ["bce", 1],
      ["punzi", 0.05],
      ["punzi", 0.05],
    ],
  );
  assert.ok(res.history.every((h) => Number.isFinite(h.loss)));
});

test("keepBestHardCut keeps the epoch with the lowest hard-cut (o > 0.5) Punzi loss on the training events", () => {
  const d = massToy(1);
  const pre = train(d, {
    seed: 3,
    network: { hidden: [8, 4] },
    bce: { epochs: 10, batchSize: 256, optimizer: { kind: "sgd", lr: 1 } },
  });
  const n = d.labels.length;
  const hardLoss = (m: typeof pre.model) => {
    const o = predictModel(m, d.x, n, new Float64Array(n));
    return punziLoss(
      o.map((q) => (q > 0.5 ? 1 : 0)),
      d.punzi,
    );
  };
  const punzi = { epochs: 60, optimizer: { kind: "adam" as const, lr: 0.01 } };
  // reference: the hard-cut loss of every epoch's parameters, from training 0..60 epochs
  const perEpoch = [hardLoss(pre.model)];
  for (let e = 1; e <= 60; e += 1) {
    if (e % 6 !== 0) continue;
    perEpoch.push(hardLoss(train(d, { seed: 3, initial: pre.model, punzi: { ...punzi, epochs: e } }).model));
  }
  const kept = train(d, { seed: 3, initial: pre.model, punzi: { ...punzi, keepBestHardCut: 0.5 } });
  assert.ok(kept.bestHardCut, "the kept epoch is reported");
  // the kept model reproduces its reported loss and is at least as good as every sampled epoch
  assert.ok(Math.abs(hardLoss(kept.model) - kept.bestHardCut.loss) <= 1e-9 * kept.bestHardCut.loss);
  for (const l of perEpoch)
    assert.ok(kept.bestHardCut.loss <= l * (1 + 1e-12), `${kept.bestHardCut.loss} > ${l}`);
  assert.ok(kept.bestHardCut.epoch >= 0 && kept.bestHardCut.epoch <= 60);
});
