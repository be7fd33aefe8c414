/**
 * src/mva throughput: inference rate of the Punzi-net shape (4-8-4-1, tanh) and of the
 * four-muon 16-input shape (16-64-64-1, relu), and the time of one training epoch on 100k events
 * (BCE mini-batches of 4096, SGD; Punzi loss full batch over 44 overlapping windows).
 */
import { stream } from "../src/core/random.ts";
import { Mlp } from "../src/mva/mlp.ts";
import type { PunziProblem } from "../src/mva/punziProblem.ts";
import { train } from "../src/mva/train.ts";
import { signalWindowMembership, windowMembership } from "../src/mva/windowMembership.ts";
import { type BenchResult, measure } from "./harness.ts";

function features(n: number, nf: number, seed: number): Float32Array {
  return Float32Array.from(stream(seed, 0).fillNormal(new Float64Array(n * nf)));
}

/** 100k events: 30% signal spread over 44 hypotheses, windows of +-0.15 in a flat observable. */
function sample(n: number, nf: number) {
  const r = stream(5, 0);
  const x = features(n, nf, 6);
  const labels = new Float64Array(n);
  const m = new Float64Array(n);
  const gen = new Int32Array(n).fill(-1);
  const nW = 44;
  for (let j = 0; j < n; j++) {
    const sig = r.uniform() < 0.3;
    labels[j] = sig ? 1 : 0;
    if (sig) {
      const i = r.int(nW);
      gen[j] = i;
      m[j] = r.gauss(0.1 + 0.2 * i, 0.05);
      x[j * nf]! += 1;
    } else m[j] = 9 * r.uniform();
  }
  const low = Array.from({ length: nW }, (_, i) => 0.1 + 0.2 * i - 0.15);
  const high = Array.from({ length: nW }, (_, i) => 0.1 + 0.2 * i + 0.15);
  const punzi: PunziProblem = {
    signal: signalWindowMembership(m, low, high, gen),
    background: windowMembership(
      m,
      low,
      high,
      labels.map((l) => 1 - l),
    ),
    weights: new Float64Array(n).fill(0.1),
    nGen: new Float64Array(nW).fill(n / 150),
    lumi: 50,
  };
  return { x, nFeatures: nf, labels, punzi };
}

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const [sizes, acts, n] of [
    [[4, 8, 4, 1], ["tanh", "tanh", "sigmoid"], 1_000_000],
    [[16, 64, 64, 1], ["relu", "relu", "sigmoid"], 200_000],
  ] as const) {
    const net = new Mlp(sizes, acts).initKaiming(stream(1, 0));
    const x = features(n, sizes[0], 2);
    const y = new Float32Array(n);
    out.push(
      await measure(`inference ${sizes.join("-")} (float32)`, "Mevt/s", () => net.predict(x, n, y), {
        runs: 5,
        toValue: (ms) => n / ms / 1e3,
        note: `${n} events`,
      }),
    );
  }
  const n = 100_000;
  for (const [hidden, act] of [
    [[8, 4], "tanh"],
    [[64, 64], "relu"],
  ] as const) {
    const d = sample(n, hidden.length === 2 && hidden[0] === 8 ? 4 : 16);
    const arch = `${d.nFeatures}-${hidden.join("-")}-1`;
    out.push(
      await measure(
        `BCE epoch ${arch}, 100k events`,
        "ms",
        () =>
          train(d, {
            seed: 1,
            network: { hidden, activation: act },
            bce: { epochs: 1, batchSize: 4096, optimizer: { kind: "sgd", lr: 1 } },
          }),
        { runs: 3, note: "batch 4096, SGD, incl. setup" },
      ),
    );
    out.push(
      await measure(
        `Punzi epoch ${arch}, 100k events`,
        "ms",
        () =>
          train(d, {
            seed: 1,
            network: { hidden, activation: act },
            punzi: { epochs: 1, optimizer: { kind: "sgd", lr: 0.05 } },
          }),
        { runs: 3, note: "full batch, 44 windows, incl. setup" },
      ),
    );
  }
  return out;
}
