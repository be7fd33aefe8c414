import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, InputError, isUsageError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { regularAxis, variableAxis } from "./axis.ts";
import { Hist1D } from "./hist1D.ts";

// Hand-counted example on 4 bins of [0, 2): values and weights
const XS = [-1, 0, 0.49, 0.5, 1.2, 1.99, 2, 5, Number.NaN];
const WS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
// underflow: -1 (w 1); bin 0: 0, 0.49 (2 + 3); bin 1: 0.5 (4); bin 2: 1.2 (5); bin 3: 1.99 (6);
// overflow: 2 (upper edge), 5, NaN (7 + 8 + 9)
const SUMW = [1, 5, 4, 5, 6, 24];
const SUMW2 = [1, 4 + 9, 16, 25, 36, 49 + 64 + 81];

test("weighted fills against hand counts, flow bins included (fill and fillArrays agree)", () => {
  const a = new Hist1D(regularAxis(4, 0, 2));
  for (let i = 0; i < XS.length; i++) a.fill(XS[i]!, WS[i]);
  const b = new Hist1D(regularAxis(4, 0, 2));
  b.fillArrays(Float64Array.from(XS), Float64Array.from(WS));
  for (const h of [a, b]) {
    assert.deepEqual(Array.from(h.values({ flow: true })), SUMW);
    assert.deepEqual(Array.from(h.variances({ flow: true })), SUMW2);
    assert.deepEqual(Array.from(h.values()), [5, 4, 5, 6]);
    assert.deepEqual(Array.from(h.variances()), [13, 16, 25, 36]);
    assert.equal(h.value(-1), 1);
    assert.equal(h.value(4), 24);
    assert.equal(h.variance(0), 13);
    assert.deepEqual(Array.from(h.errors()), [Math.sqrt(13), 4, 5, 6]);
  }
});

test("unweighted fills count entries: sumw = sumw2 = counts", () => {
  const h = new Hist1D(regularAxis(4, 0, 2));
  h.fillArrays(XS);
  assert.deepEqual(Array.from(h.values({ flow: true })), [1, 2, 1, 1, 1, 3]);
  assert.deepEqual(Array.from(h.variances({ flow: true })), [1, 2, 1, 1, 1, 3]);
  h.fill(0.7);
  assert.equal(h.value(1), 2);
});

test("integrals: in range 20, with flow 45, bins [1, 2] 9, range [0.5, 1.5) 9, range [0.5, 1.6) 15", () => {
  const h = new Hist1D(regularAxis(4, 0, 2));
  h.fillArrays(XS, WS);
  assert.equal(h.integral(), 20);
  assert.equal(h.integral({ flow: true }), 45);
  assert.equal(h.integral({ bins: [1, 2] }), 9);
  assert.equal(h.integral({ bins: [-1, 0] }), 6);
  assert.equal(h.integral({ range: [0.5, 1.5] }), 9);
  assert.equal(h.integral({ range: [0.5, 1.6] }), 15);
  assert.equal(h.integralVariance({ bins: [1, 2] }), 41);
  assert.equal(h.integral({ bins: [3, 2] }), 0);
});

test("variable edges: a fill exactly on each edge lands in the bin to its right; the last edge overflows", () => {
  const h = new Hist1D(variableAxis([0, 1, 2.5, 10]));
  h.fillArrays([0, 1, 2.5, 10], [1, 10, 100, 1000]);
  assert.deepEqual(Array.from(h.values({ flow: true })), [0, 1, 10, 100, 1000]);
  assert.deepEqual(Array.from(h.centers()), [0.5, 1.75, 6.25]);
  assert.deepEqual(Array.from(h.widths()), [1, 1.5, 7.5]);
  assert.deepEqual(Array.from(h.edges()), [0, 1, 2.5, 10]);
});

/** 20000 weighted fills from a seeded stream over a little more than the axis range. */
function randomHist(h: Hist1D, seed: number): Hist1D {
  const rng = stream(seed, 0);
  for (let i = 0; i < 20000; i++) h.fill(-1 + 12 * rng.uniform(), 0.5 + rng.uniform());
  return h;
}

test("rebin(5) conserves sums of weights and squared weights bin by bin and in total (to 1e-12 relative)", () => {
  const h = randomHist(new Hist1D(regularAxis(100, 0, 10)), 1);
  const r = h.rebin(5);
  assert.equal(r.nBins, 20);
  assert.equal(r.axis.kind, "regular");
  for (let k = 0; k < 20; k++) {
    let s = 0;
    let s2 = 0;
    for (let i = 5 * k; i < 5 * k + 5; i++) {
      s += h.value(i);
      s2 += h.variance(i);
    }
    assert.ok(Math.abs(r.value(k) - s) <= 1e-12 * s);
    assert.ok(Math.abs(r.variance(k) - s2) <= 1e-12 * s2);
  }
  assert.equal(r.value(-1), h.value(-1));
  assert.equal(r.value(20), h.value(100));
  const tot = h.integral({ flow: true });
  assert.ok(Math.abs(r.integral({ flow: true }) - tot) <= 1e-12 * tot);
  assert.throws(() => h.rebin(7), ConfigError);
});

test("rebinTo a subset of edges conserves the total with flow; bins outside the new range go to flow", () => {
  const h = randomHist(new Hist1D(regularAxis(100, 0, 10)), 2);
  const r = h.rebinTo([2, 3, 7.5]);
  assert.deepEqual(Array.from(r.edges()), [2, 3, 7.5]);
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
  assert.ok(rel(r.integral({ flow: true }), h.integral({ flow: true })));
  assert.ok(rel(r.value(-1), h.integral({ range: [Number.NEGATIVE_INFINITY, 2] })));
  assert.ok(rel(r.value(0), h.integral({ range: [2, 3] })));
  assert.ok(rel(r.value(1), h.integral({ range: [3, 7.5] })));
  assert.ok(rel(r.value(2), h.integral({ range: [7.5, Number.POSITIVE_INFINITY] })));
  assert.ok(rel(r.variance(1), h.integralVariance({ range: [3, 7.5] })));
  assert.throws(() => h.rebinTo([0, 0.55, 10]), ConfigError);
});

test("add and scale: h + 2h has 3x the contents and 5x the squared weights; scale(2) gives 2x and 4x", () => {
  const h = new Hist1D(regularAxis(4, 0, 2));
  h.fillArrays(XS, WS);
  const s = h.clone().add(h, 2);
  assert.deepEqual(
    Array.from(s.values({ flow: true })),
    SUMW.map((v) => 3 * v),
  );
  assert.deepEqual(
    Array.from(s.variances({ flow: true })),
    SUMW2.map((v) => 5 * v),
  );
  const t = h.clone().scale(2);
  assert.deepEqual(
    Array.from(t.values({ flow: true })),
    SUMW.map((v) => 2 * v),
  );
  assert.deepEqual(
    Array.from(t.variances({ flow: true })),
    SUMW2.map((v) => 4 * v),
  );
  assert.deepEqual(Array.from(h.values({ flow: true })), SUMW); // clone is deep
  assert.throws(() => h.add(new Hist1D(regularAxis(4, 0, 3))), RangeError);
});

test("JSON round trip is exact for regular and variable axes with non-representable weights", () => {
  for (const axis of [regularAxis(7, -0.3, 1.1, "M [GeV]"), variableAxis([0.1, 0.2, 1 / 3, 2], "x")]) {
    const h = new Hist1D(axis);
    const rng = stream(4, 0);
    for (let i = 0; i < 500; i++) h.fill(-0.5 + 2.5 * rng.uniform(), 0.1 * rng.uniform() + 1e-17);
    const text = JSON.stringify(h);
    const back = Hist1D.fromJSON(JSON.parse(text), "h.json");
    assert.deepEqual(back.sumw, h.sumw);
    assert.deepEqual(back.sumw2, h.sumw2);
    assert.deepEqual(back.axis.edges, h.axis.edges);
    assert.equal(back.axis.label, h.axis.label);
    assert.equal(JSON.stringify(back), text);
    assert.deepEqual(Hist1D.fromJSON(text).sumw, h.sumw); // JSON text is accepted too
  }
});

test("bad JSON gives InputError (a usage error) with the file and a JSON-pointer location", () => {
  const good = new Hist1D(regularAxis(2, 0, 1)).toJSON();
  const cases: Array<[unknown, RegExp]> = [
    [null, /expected a Hist1D/],
    [[], /expected a Hist1D/],
    [{ ...good, type: "Hist2D" }, /\/type/],
    [{ ...good, version: 2 }, /\/version/],
    [{ ...good, axis: undefined }, /\/axis/],
    [{ ...good, axis: { kind: "regular", n: 2, lo: 1, hi: 0 } }, /\/axis/],
    [{ ...good, sumw: [0, 0, 0] }, /\/sumw: must have 4 entries/],
    [{ ...good, sumw: "0,0,0,0" }, /\/sumw: must be an array/],
    [{ ...good, sumw: [0, 0, "1", 0] }, /\/sumw\/2/],
    [{ ...good, sumw2: [0, -1, 0, 0] }, /\/sumw2\/1/],
    [{ ...good, sumw2: [0, null, 0, 0] }, /\/sumw2\/1/],
    ['{"type": "Hist1D", "version": 1, ', /not valid JSON/],
  ];
  for (const [obj, re] of cases) {
    assert.throws(
      () => Hist1D.fromJSON(obj, "bad.json"),
      (e: unknown) =>
        e instanceof InputError && isUsageError(e) && re.test(e.message) && e.message.startsWith("bad.json"),
      `case ${JSON.stringify(obj)}`,
    );
  }
});
