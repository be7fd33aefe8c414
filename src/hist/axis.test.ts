import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { axisFromJSON, regularAxis, variableAxis } from "./axis.ts";
import { rebinAxis, rebinAxisTo } from "./rebinAxis.ts";

/** The largest double below x (x > 0 finite or x <= 0 finite, not 0). */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const bits = b.getBigUint64(0);
  b.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return b.getFloat64(0);
}

test("regular axis by hand: 4 bins on [0, 2) have edges 0, 0.5, 1, 1.5, 2 and left-closed bins", () => {
  const a = regularAxis(4, 0, 2, "x [GeV]");
  assert.deepEqual(Array.from(a.edges), [0, 0.5, 1, 1.5, 2]);
  assert.deepEqual(Array.from(a.centers()), [0.25, 0.75, 1.25, 1.75]);
  assert.deepEqual(Array.from(a.widths()), [0.5, 0.5, 0.5, 0.5]);
  assert.equal(a.index(0), 0);
  assert.equal(a.index(0.5), 1);
  assert.equal(a.index(1.999), 3);
  assert.equal(a.index(2), 4); // the upper edge goes to overflow
  assert.equal(a.index(1e300), 4);
  assert.equal(a.index(-1e-300), -1);
  assert.equal(a.index(Number.NEGATIVE_INFINITY), -1);
  assert.equal(a.index(Number.NaN), 4); // NaN is counted in overflow
  assert.equal(a.lowEdge(-1), Number.NEGATIVE_INFINITY);
  assert.equal(a.highEdge(4), Number.POSITIVE_INFINITY);
  assert.equal(a.label, "x [GeV]");
});

test("regular axes: every stored edge e_i maps to bin i and the double just below it to bin i-1", () => {
  // axes whose edges are not exact binary fractions, where a bare floor((x-lo) n/(hi-lo)) misfiles
  for (const [n, lo, hi] of [
    [10, 0, 1],
    [7, -0.3, 1.1],
    [582, -0.5, 81],
    [3, 0.1, 0.4],
    [1000, -Math.PI, Math.PI],
  ] as const) {
    const a = regularAxis(n, lo, hi);
    for (let i = 0; i < n; i++) {
      const e = a.edges[i]!;
      assert.equal(a.index(e), i, `axis (${n}, ${lo}, ${hi}) edge ${i} = ${e}`);
      assert.equal(a.index(nextDown(e)), i - 1, `just below edge ${i}`);
    }
    assert.equal(a.index(hi), n);
    assert.equal(a.index(nextDown(hi)), n - 1);
  }
});

test("variable axis: exact edges are left-closed, the upper edge goes to overflow", () => {
  const a = variableAxis([0, 1, 2.5, 10]);
  assert.equal(a.kind, "variable");
  assert.equal(a.nBins, 3);
  assert.deepEqual([a.index(0), a.index(1), a.index(2.5), a.index(10)], [0, 1, 2, 3]);
  assert.deepEqual([a.index(nextDown(1)), a.index(nextDown(2.5)), a.index(nextDown(10))], [0, 1, 2]);
  assert.deepEqual([a.index(-0.1), a.index(11), a.index(Number.NaN)], [-1, 3, 3]);
  assert.deepEqual(Array.from(a.widths()), [1, 1.5, 7.5]);
  assert.deepEqual(Array.from(a.centers()), [0.5, 1.75, 6.25]);
});

test("variable axis lookup agrees with a linear scan on random edges and values (seed 3)", () => {
  const rng = stream(3, 0);
  const edges = [0];
  for (let i = 0; i < 57; i++) edges.push(edges[edges.length - 1]! + 0.01 + rng.uniform());
  const a = variableAxis(edges);
  const scan = (x: number) => {
    if (!(x >= edges[0]!)) return x < edges[0]! ? -1 : 57;
    for (let i = 0; i < 57; i++) if (x < edges[i + 1]!) return i;
    return 57;
  };
  for (const e of edges) assert.equal(a.index(e), scan(e));
  for (let k = 0; k < 5000; k++) {
    const x = -1 + (edges[57]! + 2) * rng.uniform();
    assert.equal(a.index(x), scan(x));
  }
});

test("variable-axis lookup is exact on extreme edges: tiny and huge bins, log spacing, adjacent doubles", () => {
  const rng = stream(3, 1);
  const axes = [
    [0, 1e-12, 2e-12, 1e-6, 0.5, 0.5000000000000001, 1000],
    Array.from({ length: 201 }, (_, i) => 1e-3 * 10 ** (i / 40)),
    [-5, -4.999999999999999, 3, 3.0000000000000004, 3.000000000000001, 7],
  ];
  for (const edges of axes) {
    const a = variableAxis(edges);
    const n = edges.length - 1;
    const scan = (x: number) => {
      if (!(x >= edges[0]!)) return x < edges[0]! ? -1 : n;
      for (let i = 0; i < n; i++) if (x < edges[i + 1]!) return i;
      return n;
    };
    edges.forEach((e, i) => {
      assert.equal(a.index(e), i, `edge ${i} = ${e}`);
      assert.equal(a.index(nextDown(e)), i - 1, `below edge ${i}`);
    });
    const lo = edges[0]!;
    const span = edges[n]! - lo;
    for (let k = 0; k < 20000; k++) {
      // uniform over the axis and log-uniform near its lower end
      const x = k % 2 ? lo + span * rng.uniform() : lo + span * 10 ** (-15 * rng.uniform());
      assert.equal(a.index(x), scan(x), `x = ${x}`);
    }
  }
});

test("binRange gives the inclusive bins covering [lo, hi), flow bins when beyond the axis", () => {
  const a = regularAxis(10, 0, 10);
  assert.deepEqual(a.binRange(2, 5), [2, 4]);
  assert.deepEqual(a.binRange(2, 5.5), [2, 5]);
  assert.deepEqual(a.binRange(-1, 10), [-1, 9]);
  assert.deepEqual(a.binRange(0, 11), [0, 10]);
  assert.deepEqual(a.binRange(3, 3), [3, 2]); // empty
});

test("bad binnings throw ConfigError", () => {
  assert.throws(() => regularAxis(0, 0, 1), ConfigError);
  assert.throws(() => regularAxis(2.5, 0, 1), ConfigError);
  assert.throws(() => regularAxis(10, 1, 1), ConfigError);
  assert.throws(() => regularAxis(10, 0, Number.POSITIVE_INFINITY), ConfigError);
  assert.throws(() => regularAxis(10, Number.NaN, 1), ConfigError);
  assert.throws(() => regularAxis(10, -1e308, 1e308), ConfigError);
  assert.throws(() => variableAxis([1]), ConfigError);
  assert.throws(() => variableAxis([0, 1, 1, 2]), /increase strictly/);
  assert.throws(() => variableAxis([0, Number.NaN]), ConfigError);
});

test("axis JSON round trip is exact; malformed axis JSON gives InputError with a location", () => {
  for (const a of [
    regularAxis(7, -0.3, 1.1, "M [GeV]"),
    variableAxis([0.1, 0.30000000000000004, 2 / 3, 9]),
  ]) {
    const b = axisFromJSON(JSON.parse(JSON.stringify(a)));
    assert.equal(b.kind, a.kind);
    assert.equal(b.label, a.label);
    assert.deepEqual(b.edges, a.edges);
  }
  const bad: Array<[unknown, RegExp]> = [
    [null, /axis must be an object/],
    [{ kind: "log", n: 3 }, /\/axis\/kind/],
    [{ kind: "regular", n: 0, lo: 0, hi: 1 }, /\/axis\/n/],
    [{ kind: "regular", n: 3, lo: "0", hi: 1 }, /\/axis\/lo/],
    [{ kind: "regular", n: 3, lo: 2, hi: 1 }, /lo < hi/],
    [{ kind: "variable", edges: [0, 2, 1] }, /increase strictly/],
    [{ kind: "variable", edges: [0, null] }, /\/axis\/edges\/1/],
    [{ kind: "variable", edges: [0, 1], label: 3 }, /\/axis\/label/],
  ];
  for (const [obj, re] of bad)
    assert.throws(
      () => axisFromJSON(obj, "h.json"),
      (e: unknown) => e instanceof InputError && re.test(e.message) && /h\.json/.test(e.message),
    );
});

test("rebinAxis merges groups of bins; rebinAxisTo keeps a subset of edges and maps the rest to flow", () => {
  const a = regularAxis(10, 0, 10);
  const r = rebinAxis(a, 5);
  assert.equal(r.axis.kind, "regular");
  assert.deepEqual(Array.from(r.axis.edges), [0, 5, 10]);
  assert.deepEqual(Array.from(r.map), [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3]);
  assert.throws(() => rebinAxis(a, 3), ConfigError);
  assert.throws(() => rebinAxis(a, 0), ConfigError);
  const t = rebinAxisTo(a, [2, 3, 7]);
  assert.deepEqual(Array.from(t.axis.edges), [2, 3, 7]);
  // old slots: under, bins 0..9, over -> new: under, under, under, 1, 2, 2, 2, 2, over, over, over, over
  assert.deepEqual(Array.from(t.map), [0, 0, 0, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  // an edge within 1e-9 bin widths of an old edge is accepted and replaced by the old edge exactly
  const u = rebinAxisTo(regularAxis(10, 0, 1), [0, 0.1 + 0.2, 1]);
  assert.equal(u.axis.edges[1], regularAxis(10, 0, 1).edges[3]);
  assert.throws(() => rebinAxisTo(a, [0, 2.5, 10]), /not an edge/);
  assert.throws(() => rebinAxisTo(a, [0, 5, 5, 10]), /increase strictly/);
  assert.throws(() => rebinAxisTo(a, [5]), ConfigError);
});
