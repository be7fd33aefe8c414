import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import {
  DEFAULT_THETA_BINNING,
  m2BinEdges,
  massHypotheses,
  searchWindow,
  THETA_REGIONS,
  thetaBinningFromSample,
  thetaEdgesAt,
  wideSearchWindow,
} from "./binning.ts";
import { tabulatedResolution } from "./resolution.ts";

// a paper-like resolution: 0.2 GeV^2 at 0, 0.23 at 9 (worst), 0.06 at 80 GeV^2 (best)
const res = tabulatedResolution([0, 9, 80], [0.2, 0.23, 0.06]);

test("M2 bins are one resolution wide at their centre (rel. 1e-6) and cover [-0.5, 81] GeV^2", () => {
  const e = m2BinEdges(res);
  assert.equal(e[0], -0.5);
  assert.equal(e[e.length - 1], 81);
  for (let k = 0; k + 2 < e.length; k++) {
    const w = e[k + 1]! - e[k]!;
    const s = res.sigma(0.5 * (e[k]! + e[k + 1]!));
    assert.ok(Math.abs(w - s) < 1e-6 * s, `bin ${k}: width ${w}, sigma ${s}`);
  }
  // the last bin absorbs the remainder: between 0.5 and 1.5 resolutions
  const last = e[e.length - 1]! - e[e.length - 2]!;
  assert.ok(last > 0.5 * 0.06 && last < 1.5 * 0.0601);
  assert.ok(e.length - 1 > 500 && e.length - 1 < 700, `${e.length - 1} bins`);
});

test("mass hypotheses are one resolution apart in M2 and at most 202 MeV apart in M, inside 0.01-8.5 GeV with both ends included", () => {
  const m = massHypotheses(res);
  assert.equal(m[0], 0.01);
  assert.equal(m[m.length - 1], 8.5);
  // one resolution in M2 from 0.01 GeV reaches M = sqrt(1e-4 + ~0.2) ~ 0.45 GeV: that step is split
  // in equal parts of at most 202 MeV (the paper's largest step); every other step is one resolution
  const unsplit = massHypotheses(res, 0.01, 8.5, 1, Number.POSITIVE_INFINITY);
  const first = unsplit[1]!;
  // 0.4377 GeV long here: three parts of 0.146 GeV
  assert.ok(first - 0.01 > 2 * 0.202 && first - 0.01 < 3 * 0.202, `first resolution step ends at ${first}`);
  assert.deepEqual(
    Array.from(m.slice(1, 4)),
    [1, 2, 3].map((k) => 0.01 + ((first - 0.01) * k) / 3),
  );
  assert.equal(m[3], first);
  assert.deepEqual(Array.from(m.slice(3)), Array.from(unsplit.slice(1)));
  for (let k = 1; k < m.length; k++) assert.ok(m[k]! - m[k - 1]! <= 0.202 + 1e-12, `step at ${m[k]}`);
  for (let k = 4; k < m.length - 1; k++) {
    const d = m[k]! ** 2 - m[k - 1]! ** 2;
    const s = res.sigma(0.5 * (m[k]! ** 2 + m[k - 1]! ** 2));
    assert.ok(Math.abs(d - s) < 1e-6 * s);
  }
  for (const x of m) assert.ok(x >= 0.01 && x <= 8.5);
  // this resolution gives 492 + 2 hypotheses (the paper's 582 came from its own, finer resolution)
  assert.equal(unsplit.length, 492);
  assert.equal(m.length, 494);
});

test("every search window has 20 bins, is centred on the hypothesis and stays inside the range", () => {
  const e = m2BinEdges(res);
  const nb = e.length - 1;
  for (const mass of massHypotheses(res)) {
    const w = searchWindow(e, mass * mass);
    assert.equal(w.end - w.first, 20);
    assert.ok(w.first >= 0 && w.end <= nb);
    if (w.first > 0 && w.end < nb) {
      // the middle edge is the edge nearest to M^2: within half a bin
      const mid = e[w.first + 10]!;
      const half = 0.5 * Math.max(e[w.first + 10]! - e[w.first + 9]!, e[w.first + 11]! - e[w.first + 10]!);
      assert.ok(Math.abs(mid - mass * mass) <= half + 1e-12, `M = ${mass}`);
    }
  }
  // at the lower end (M = 0.01) the window is pushed inside
  assert.equal(searchWindow(e, 1e-4).first, 0);
  const wide = wideSearchWindow(e, 25, 3);
  assert.ok(e[wide.first]! <= 22.1 && e[wide.end]! >= 27.9 && wide.end - wide.first > 20);
});

test("theta binning: 5 bins below 4 GeV^2 down to 1 above 56; a uniform sample gets even edges, a spike its own bin", () => {
  assert.deepEqual(
    [0, 5, 20, 40, 70].map((m2) => thetaEdgesAt(DEFAULT_THETA_BINNING, m2).length - 1),
    [5, 4, 3, 2, 1],
  );
  const r = stream(21, 0);
  const n = 40000;
  const th = Float64Array.from({ length: n }, () => 0.5 + 2 * r.uniform());
  const m2 = Float64Array.from({ length: n }, () => -0.5 + 81 * r.uniform());
  const b = thetaBinningFromSample(th, m2);
  assert.equal(b.regions.length, THETA_REGIONS.length);
  const e = thetaEdgesAt(b, 1);
  assert.equal(e.length, 6);
  assert.equal(e[0], 0);
  assert.equal(e[5], Math.PI);
  // uniform on [0.5, 2.5]: quantile k/5 at 0.5 + 0.4 k, +- a few sigma of the quantile (~0.01)
  for (let k = 1; k < 5; k++) assert.ok(Math.abs(e[k]! - (0.5 + 0.4 * k)) < 0.03, `edge ${k}: ${e[k]}`);
  // 60% of the events in a spike at 1.80-1.84 rad, the rest uniform on [0.5, 2.5]: the mixture
  // CDF (half events, half width) puts exactly one edge inside the spike's 2% of the range
  const spike = Float64Array.from({ length: 10000 }, (_, i) =>
    i % 5 < 3 ? 1.8 + 0.04 * r.uniform() : 0.5 + 2 * r.uniform(),
  );
  const s = thetaEdgesAt(thetaBinningFromSample(spike, new Float64Array(10000).fill(2)), 2);
  const inSpike = Array.from(s).filter((x) => x > 1.8 && x < 1.84).length;
  assert.equal(inSpike, 1, `edges ${Array.from(s)}`);
  assert.ok(s[1]! > 0.8 && s[1]! < 1.5 && s[4]! > 1.84 && s[4]! < 2.5, `edges ${Array.from(s)}`);
});
