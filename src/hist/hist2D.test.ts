import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { regularAxis, variableAxis } from "./axis.ts";
import { Hist2D } from "./hist2D.ts";

// Hand-counted example: x in 2 bins of [0, 2), y edges [0, 1, 3]
const PTS: Array<[number, number, number]> = [
  [0.5, 0.5, 1], // (0, 0)
  [1.5, 2, 2], // (1, 1)
  [1, 1, 3], // (1, 1): both on inner edges, left-closed
  [-1, 0.5, 4], // (under, 0)
  [0.5, 3, 5], // (0, over): y = 3 is the upper edge
  [5, 5, 6], // (over, over)
];

function handHist(): Hist2D {
  const h = new Hist2D(regularAxis(2, 0, 2, "x"), variableAxis([0, 1, 3], "y"));
  for (const [x, y, w] of PTS) h.fill(x, y, w);
  return h;
}

test("2D weighted fills against hand counts, including flow bins; fillArrays agrees with fill", () => {
  const h = handHist();
  assert.deepEqual(Array.from(h.values()), [1, 0, 0, 5]); // [ix*ny + iy]
  assert.deepEqual(Array.from(h.variances()), [1, 0, 0, 4 + 9]);
  assert.equal(h.value(-1, 0), 4);
  assert.equal(h.value(0, 2), 5);
  assert.equal(h.value(2, 2), 6);
  assert.equal(h.variance(2, 2), 36);
  assert.equal(h.integral(), 6);
  assert.equal(h.integral({ x: { flow: true }, y: { flow: true } }), 21);
  assert.equal(h.integral({ y: { bins: [1, 1] } }), 5);
  const g = new Hist2D(h.xAxis, h.yAxis);
  g.fillArrays(
    PTS.map((p) => p[0]),
    PTS.map((p) => p[1]),
    PTS.map((p) => p[2]),
  );
  assert.deepEqual(g.sumw, h.sumw);
  assert.deepEqual(g.sumw2, h.sumw2);
  assert.equal(h.values({ flow: true }).length, 4 * 4);
});

test("projections by hand: X over all y = [4 | 6, 5 | 6], Y over all x = [0 | 5, 5 | 11], and with ranges", () => {
  const h = handHist();
  assert.deepEqual(Array.from(h.projectX().values({ flow: true })), [4, 6, 5, 6]);
  assert.deepEqual(Array.from(h.projectY().values({ flow: true })), [0, 5, 5, 11]);
  // y bins 0..1 only (no y flow): the (0, over) and (over, over) entries drop out
  assert.deepEqual(Array.from(h.projectX({ bins: [0, 1] }).values({ flow: true })), [4, 1, 5, 0]);
  // y in [0, 1): y bin 0
  assert.deepEqual(Array.from(h.projectX({ range: [0, 1] }).values({ flow: true })), [4, 1, 0, 0]);
  // x in-range bins only
  const py = h.projectY({ flow: false });
  assert.deepEqual(Array.from(py.values({ flow: true })), [0, 1, 5, 5]);
  assert.deepEqual(Array.from(py.variances({ flow: true })), [0, 1, 13, 25]);
  assert.equal(h.projectX().axis, h.xAxis);
});

test("projection sums equal the 2D sums on random fills (to 1e-12 relative), per bin and in total", () => {
  const h = new Hist2D(regularAxis(30, 0, 9), variableAxis([0, 0.5, 1.2, 2, 3.1]));
  const rng = stream(8, 0);
  for (let i = 0; i < 20000; i++)
    h.fill(-1 + 11 * rng.uniform(), -0.2 + 3.5 * rng.uniform(), rng.exponential());
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
  const all = h.integral({ x: { flow: true }, y: { flow: true } });
  assert.ok(rel(h.projectX().integral({ flow: true }), all));
  assert.ok(rel(h.projectY().integral({ flow: true }), all));
  const v = h.values();
  const px = h.projectX({ flow: false });
  for (let ix = 0; ix < 30; ix++) {
    let s = 0;
    for (let iy = 0; iy < 4; iy++) s += v[ix * 4 + iy]!;
    assert.ok(rel(px.value(ix), s));
  }
  assert.ok(rel(px.integral(), h.integral()));
});

test("rebin conserves sums: rebin(3, 2) and rebinTo({ x }) keep every total (to 1e-12 relative)", () => {
  const h = new Hist2D(regularAxis(30, 0, 9), regularAxis(4, 0, 2));
  const rng = stream(8, 1);
  for (let i = 0; i < 20000; i++) h.fill(-1 + 11 * rng.uniform(), -0.2 + 2.5 * rng.uniform(), rng.uniform());
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
  const all = { x: { flow: true }, y: { flow: true } };
  const r = h.rebin(3, 2);
  assert.equal(r.xAxis.nBins, 10);
  assert.equal(r.yAxis.nBins, 2);
  assert.ok(rel(r.integral(all), h.integral(all)));
  assert.ok(rel(r.integral(), h.integral()));
  assert.ok(rel(r.value(0, 0), h.integral({ x: { bins: [0, 2] }, y: { bins: [0, 1] } })));
  const t = h.rebinTo({ x: [0.9, 3, 6] });
  assert.ok(rel(t.integral(all), h.integral(all)));
  assert.ok(rel(t.value(1, 3), h.integral({ x: { range: [3, 6] }, y: { bins: [3, 3] } })));
  assert.ok(rel(t.projectY().integral({ flow: true }), h.projectY().integral({ flow: true })));
  assert.throws(() => h.rebin(7), ConfigError);
});

test("add, scale and clone act on contents and squared weights", () => {
  const h = handHist();
  const s = h.clone().add(h, -1);
  assert.ok(s.values({ flow: true }).every((x) => x === 0));
  assert.deepEqual(
    Array.from(s.variances({ flow: true })),
    Array.from(h.variances({ flow: true }), (x) => 2 * x),
  );
  assert.equal(h.clone().scale(3).integral(), 18);
  assert.throws(() => h.add(new Hist2D(h.yAxis, h.xAxis)), RangeError);
});

test("2D JSON round trip is exact; bad JSON gives InputError with a location", () => {
  const h = new Hist2D(regularAxis(7, -0.3, 1.1, "M [GeV]"), variableAxis([0, 0.1, 1 / 3], "theta [rad]"));
  const rng = stream(8, 2);
  for (let i = 0; i < 300; i++)
    h.fill(-0.5 + 2 * rng.uniform(), -0.1 + 0.5 * rng.uniform(), 0.1 * rng.uniform());
  const text = JSON.stringify(h);
  const back = Hist2D.fromJSON(JSON.parse(text));
  assert.deepEqual(back.sumw, h.sumw);
  assert.deepEqual(back.sumw2, h.sumw2);
  assert.equal(JSON.stringify(back), text);
  const good = h.toJSON();
  const cases: Array<[unknown, RegExp]> = [
    [{ ...good, type: "Hist1D" }, /\/type/],
    [{ ...good, yAxis: { kind: "variable", edges: [1] } }, /\/yAxis/],
    [{ ...good, sumw: good.sumw.slice(1) }, /\/sumw: must have 36 entries/],
    [{ ...good, sumw2: [...good.sumw2.slice(1), Number.NaN] }, /\/sumw2\/35/],
  ];
  for (const [obj, re] of cases)
    assert.throws(
      () => Hist2D.fromJSON(obj, "t.json"),
      (e: unknown) => e instanceof InputError && re.test(e.message),
    );
});
