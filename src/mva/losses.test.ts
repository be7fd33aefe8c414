import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { balanceClassWeights } from "./balanceClassWeights.ts";
import { Mlp } from "./mlp.ts";
import { punziLoss } from "./punziLoss.ts";
import type { PunziProblem } from "./punziProblem.ts";
import { punziFom, punziSensitivity, punziSensitivityGradient } from "./punziSensitivity.ts";
import { weightedBce } from "./weightedBce.ts";
import { membershipFromLists, signalWindowMembership, windowMembership } from "./windowMembership.ts";

const A = 3;
const B = 1.28155;

test("weighted BCE = sum w BCE / sum w (hand: p = (0.8, 0.3), y = (1, 0), w = (2, 1))", () => {
  const L = weightedBce([0.8, 0.3], [1, 0], [2, 1], 2);
  const hand = (2 * -Math.log(0.8) + 1 * -Math.log(1 - 0.3)) / 3;
  assert.ok(Math.abs(L - hand) < 1e-15);
  // saturated outputs stay finite (ln clamped at -100), as PyTorch's BCELoss
  assert.equal(weightedBce([0], [1], [1], 1), 100);
});

test("weighted BCE gradient in p equals central finite differences (rel. 1e-7)", () => {
  const p = [0.2, 0.55, 0.9, 0.31];
  const y = [1, 0, 1, 0];
  const w = [0.5, 2, 1, 3];
  const g = new Float64Array(4);
  weightedBce(p, y, w, 4, g);
  const h = 1e-7;
  for (let j = 0; j < 4; j++) {
    const up = [...p];
    const dn = [...p];
    up[j]! += h;
    dn[j]! -= h;
    const fd = (weightedBce(up, y, w, 4) - weightedBce(dn, y, w, 4)) / (2 * h);
    assert.ok(Math.abs(fd - g[j]!) < 1e-7 * Math.max(1, Math.abs(fd)), `event ${j}: ${fd} vs ${g[j]}`);
  }
});

test("class balancing scales signal weights to the background sum (hand: [1,0,0],[1,2,2] -> [4,2,2])", () => {
  assert.deepEqual(Array.from(balanceClassWeights([1, 0, 0], [1, 2, 2])), [4, 2, 2]);
  assert.deepEqual(Array.from(balanceClassWeights([1, 1], [1, 2])), [1, 2]); // no background: unchanged
});

test("Punzi sensitivity reproduces hand arithmetic (arXiv:physics/0308063 eq. 7 form of physics.md 6.1)", () => {
  // eps = 0.1, B = 4, L = 1: a^2/8 = 1.125; 9 b^2/13 = 9 * 1.6423704025 / 13 = 1.1370256632;
  // a sqrt(B) = 6; (b/2) sqrt(b^2 + 4 a sqrt B + 4 B) = 0.640775 * sqrt(41.6423704025) = 4.1349787;
  // sum = 12.3970044 -> / 0.1 = 123.970044 (python3 float arithmetic: 123.97004400790381)
  assert.ok(Math.abs(punziSensitivity(0.1, 4) - 123.97004400790381) < 1e-10);
  // with luminosity: eps = 0.05, B = 100, L = 50 fb^-1 -> 18.758800322829167 fb (python3)
  assert.ok(Math.abs(punziSensitivity(0.05, 100, { lumi: 50 }) - 18.758800322829167) < 1e-12);
  // B = 0: (1.125 + 1.1370256632 + 0.5 * b^2 = 0.82118520125) / 0.2 = 15.416054322596153
  assert.ok(Math.abs(punziSensitivity(0.2, 0) - 15.416054322596153) < 1e-12);
  // eps = 0 is floored at 1e-6, as the Punzi-net code
  assert.ok(Math.abs(punziSensitivity(0, 0) - (15.416054322596153 * 0.2) / 1e-6) < 1e-3);
  // simple FOM eps / (a/2 + sqrt B) = 0.5 / (1.5 + 2)
  assert.equal(punziFom(0.5, 4), 0.5 / 3.5);
  assert.equal(punziFom(0.5, 4, 5), 0.5 / 4.5);
});

test("Punzi sensitivity derivatives equal central finite differences (rel. 1e-7)", () => {
  const d = new Float64Array(2);
  for (const [e, b] of [
    [0.1, 4],
    [0.03, 0.2],
    [0.5, 900],
  ] as const) {
    punziSensitivityGradient(e, b, d, { lumi: 3 });
    const h = 1e-6;
    const fe =
      (punziSensitivity(e * (1 + h), b, { lumi: 3 }) - punziSensitivity(e * (1 - h), b, { lumi: 3 })) /
      (2 * e * h);
    const fb =
      (punziSensitivity(e, b * (1 + h), { lumi: 3 }) - punziSensitivity(e, b * (1 - h), { lumi: 3 })) /
      (2 * b * h);
    assert.ok(Math.abs(fe / d[0]! - 1) < 1e-7, `dS/deps ${fe} vs ${d[0]}`);
    assert.ok(Math.abs(fb / d[1]! - 1) < 1e-7, `dS/dB ${fb} vs ${d[1]}`);
  }
});

test("window membership: open windows, overlaps, and signal only in its own hypothesis's window", () => {
  const m2 = [0.5, 1.0, 1.5, 2.5, 1.2, 0.9];
  const low = [0, 1.1];
  const high = [1.6, 3];
  const bkg = windowMembership(m2, low, high, [1, 1, 1, 1, 0, 0]);
  // window 0: 0.5, 1.0, 1.5 (events 0, 1, 2); window 1: 1.5, 2.5 (events 2, 3); 1.1 < 1.2 excluded by mask
  assert.deepEqual(Array.from(bkg.rowPtr), [0, 3, 5]);
  assert.deepEqual(Array.from(bkg.events), [0, 1, 2, 2, 3]);
  // signal: event 4 generated for window 1 (1.2 in (1.1, 3)), event 5 for window 1 (0.9 outside)
  const sig = signalWindowMembership(m2, low, high, [-1, -1, -1, -1, 1, 1]);
  assert.deepEqual(Array.from(sig.rowPtr), [0, 0, 1]);
  assert.deepEqual(Array.from(sig.events), [4]);
  // boundaries are open: a value equal to a bound is outside
  assert.equal(windowMembership([1.6], low, high).rowPtr[1], 0);
});

/** Two windows over 6 events: signal 0,1 in window 0, signal 2 in window 1; bkg 3,4,5 (event 4 in both). */
function smallProblem(): PunziProblem {
  return {
    signal: membershipFromLists([[0, 1], [2]], 6),
    background: membershipFromLists(
      [
        [3, 4],
        [4, 5],
      ],
      6,
    ),
    weights: [1, 1, 1, 2, 0.5, 3],
    nGen: [10, 4],
    fTrig: 0.9,
    lumi: 2,
  };
}

test("Punzi loss = mean of sensitivities from soft yields (hand-computed eps_i, B_i)", () => {
  const o = [0.8, 0.6, 0.5, 0.3, 0.2, 0.1];
  const p = smallProblem();
  const detail = { eps: new Float64Array(2), bkg: new Float64Array(2), sensitivity: new Float64Array(2) };
  const L = punziLoss(o, p, undefined, detail);
  // eps_0 = 0.9 (0.8 + 0.6) / 10 = 0.126; B_0 = 0.9 (2*0.3 + 0.5*0.2) = 0.63
  // eps_1 = 0.9 * 0.5 / 4 = 0.1125;       B_1 = 0.9 (0.5*0.2 + 3*0.1) = 0.36
  assert.ok(Math.abs(detail.eps[0]! - 0.126) < 1e-15);
  assert.ok(Math.abs(detail.bkg[0]! - 0.63) < 1e-15);
  assert.ok(Math.abs(detail.eps[1]! - 0.1125) < 1e-15);
  assert.ok(Math.abs(detail.bkg[1]! - 0.36) < 1e-15);
  const s = (e: number, b: number) =>
    (A ** 2 / 8 +
      (9 * B ** 2) / 13 +
      A * Math.sqrt(b) +
      (B / 2) * Math.sqrt(B ** 2 + 4 * A * Math.sqrt(b) + 4 * b)) /
    (e * 2);
  assert.ok(Math.abs(L - (s(0.126, 0.63) + s(0.1125, 0.36)) / 2) < 1e-12);
});

test("Punzi loss gradient w.r.t. each output equals central finite differences (rel. 1e-7, event in two windows)", () => {
  const o = [0.8, 0.6, 0.5, 0.3, 0.2, 0.1];
  const p = smallProblem();
  const g = new Float64Array(6);
  punziLoss(o, p, g);
  const h = 1e-7;
  for (let j = 0; j < 6; j++) {
    const up = [...o];
    const dn = [...o];
    up[j]! += h;
    dn[j]! -= h;
    const fd = (punziLoss(up, p) - punziLoss(dn, p)) / (2 * h);
    assert.ok(Math.abs(fd - g[j]!) < 1e-7 * Math.max(1, Math.abs(fd)), `event ${j}: ${fd} vs ${g[j]}`);
  }
  assert.ok(g[0]! < 0 && g[3]! > 0, "more signal output lowers the loss, more background raises it");
});

test("both losses composed with the network: backward gradient equals finite differences in the weights (float64, rel. 1e-5)", () => {
  const n = 12;
  const net = new Mlp([3, 5, 1], ["tanh", "sigmoid"], "float64").initKaiming(stream(21, 0));
  const x = stream(22, 0).fillNormal(new Float64Array(n * 3));
  const y = Float64Array.from({ length: n }, (_, j) => (j < 5 ? 1 : 0));
  const w = Float64Array.from({ length: n }, (_, j) => 0.5 + (j % 3));
  const problem: PunziProblem = {
    signal: membershipFromLists(
      [
        [0, 1, 2],
        [2, 3, 4],
      ],
      n,
    ),
    background: membershipFromLists(
      [
        [5, 6, 7, 8],
        [8, 9, 10, 11],
      ],
      n,
    ),
    weights: w,
    nGen: [20, 30],
    lumi: 1,
  };
  const losses: Array<[string, (o: Float64Array, g?: Float64Array) => number]> = [
    ["bce", (o, g) => weightedBce(o, y, w, n, g)],
    ["punzi", (o, g) => punziLoss(o, problem, g)],
  ];
  for (const [name, loss] of losses) {
    const lossAt = () => loss(Float64Array.from(net.forward(x, n)));
    const o = Float64Array.from(net.forward(x, n));
    const dO = new Float64Array(n);
    loss(o, dO);
    net.zeroGrad();
    net.forward(x, n);
    net.backward(dO);
    const g = net.grads.slice();
    const h = 1e-6;
    for (let k = 0; k < net.nParams; k++) {
      const p0 = net.params[k]!;
      net.params[k] = p0 + h;
      const up = lossAt();
      net.params[k] = p0 - h;
      const dn = lossAt();
      net.params[k] = p0;
      const fd = (up - dn) / (2 * h);
      assert.ok(
        Math.abs(fd - g[k]!) < 1e-5 * Math.max(1, Math.abs(fd)),
        `${name} param ${k}: ${fd} vs ${g[k]}`,
      );
    }
  }
});

test("window membership: the sorted-window fast path gives the same rows as the general scan", () => {
  const r = stream(31, 0);
  const n = 3000;
  const v = Float64Array.from({ length: n }, () => 10 * r.uniform());
  const inc = Uint8Array.from({ length: n }, () => (r.uniform() < 0.7 ? 1 : 0));
  // 40 overlapping windows with growing width, sorted in both bounds
  const c = Array.from({ length: 40 }, (_, i) => 0.2 + 0.25 * i);
  const lo = c.map((x, i) => x - 0.2 - 0.005 * i);
  const hi = c.map((x, i) => x + 0.2 + 0.005 * i);
  const fast = windowMembership(v, lo, hi, inc);
  // reversed order defeats the sortedness test -> general O(N W) scan; rows must match reversed
  const slow = windowMembership(v, [...lo].reverse(), [...hi].reverse(), inc);
  const row = (m: typeof fast, i: number) => Array.from(m.events.subarray(m.rowPtr[i]!, m.rowPtr[i + 1]!));
  let total = 0;
  for (let i = 0; i < 40; i++) {
    assert.deepEqual(row(fast, i), row(slow, 39 - i), `window ${i}`);
    total += row(fast, i).length;
  }
  assert.ok(total > 40 * 0.4 * 0.7 * 300 * 0.9, `overlapping windows are populated (${total})`);
});
