import assert from "node:assert/strict";
import { test } from "node:test";
import { compileModel } from "../histfactory/compileModel.ts";
import { pyhfCases } from "../testdata/pyhfCases.ts";
import { Hypotester } from "./hypotester.ts";
import { ModelFitter } from "./modelFitter.ts";
import { toyHypotest } from "./toyCalculator.ts";
import { toyHypotestParallel } from "./toyHypotestParallel.ts";

function setup(name: string) {
  const c = pyhfCases().find((x) => x.name === name)!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  return { m, f: new ModelFitter(m) };
}

test("toy CLs+b, CLb and CLs agree with the asymptotic ones within 4 sigma of toy statistics (2bin_2channel, ~100 events/bin, 1500 toys)", () => {
  const { m, f } = setup("2bin_2channel (code1/code0)");
  const a = new Hypotester(f, m.data(), "qtilde").test(1);
  const t = toyHypotest(f, m.data(), 1, { testStat: "qtilde", ntoys: 1500, seed: 20260101 });
  assert.equal(t.failedToys, 0);
  const N = 1500;
  const sig = (p: number) => Math.sqrt(Math.max(p * (1 - p), 1 / N) / N);
  assert.ok(Math.abs(t.clsbObs - a.clsbObs) < 4 * sig(a.clsbObs), `CLs+b ${t.clsbObs} vs ${a.clsbObs}`);
  assert.ok(Math.abs(t.clbObs - a.clbObs) < 4 * sig(a.clbObs), `CLb ${t.clbObs} vs ${a.clbObs}`);
  // CLs = CLs+b / CLb: propagate both binomial errors
  const sCls = a.clsObs * Math.hypot(sig(a.clsbObs) / a.clsbObs, sig(a.clbObs) / a.clbObs);
  assert.ok(Math.abs(t.clsObs - a.clsObs) < 4 * sCls, `CLs ${t.clsObs} vs ${a.clsObs}`);
  // the median expected CLs: asymptotic 0.0234; toys within a loose 50% (percentile of a ratio)
  assert.ok(Math.abs(t.clsExp[2]! - a.clsExp[2]!) < 0.5 * a.clsExp[2]!, `${t.clsExp[2]} vs ${a.clsExp[2]}`);
});

test("toy p0 of 1bin_shapesys_q0 is consistent with ROOT/pyhf's toy result 0.004 (2000 toys, seed 0 in numpy) within 3 sigma", () => {
  // expected_results.json root_validated.1bin_shapesys_q0_toys.reference.obs = 0.004 (2000 toys)
  const { m, f } = setup("1bin_shapesys_q0 (code1/code0)");
  const t = toyHypotest(f, m.data(), 0, { testStat: "q0", ntoys: 2000, seed: 5 });
  const s = Math.sqrt((0.004 * 0.996) / 2000) * Math.SQRT2; // two independent toy sets
  assert.ok(Math.abs(t.clsObs - 0.004) < 3 * s, `${t.clsObs}`);
});

test("toys are reproducible: same seed same result, different seed different toys", () => {
  const { m, f } = setup("uncorrelated_background_2bin");
  const a = toyHypotest(f, m.data(), 1, { ntoys: 60, seed: 3 });
  const b = toyHypotest(f, m.data(), 1, { ntoys: 60, seed: 3 });
  const c = toyHypotest(f, m.data(), 1, { ntoys: 60, seed: 4 });
  assert.deepEqual([...a.sbStats], [...b.sbStats]);
  assert.equal(a.clsObs, b.clsObs);
  assert.notDeepEqual([...a.sbStats], [...c.sbStats]);
});

test("toys on 2 worker threads give exactly the in-thread result (same seed)", async () => {
  const { m, f } = setup("uncorrelated_background_2bin");
  const a = toyHypotest(f, m.data(), 1, { ntoys: 150, seed: 9 });
  const b = await toyHypotestParallel(f, m.data(), 1, { ntoys: 150, seed: 9, workers: 2, chunk: 40 });
  assert.deepEqual([...b.sbStats], [...a.sbStats]);
  assert.deepEqual([...b.bStats], [...a.bStats]);
  assert.equal(b.clsObs, a.clsObs);
  assert.deepEqual(b.clsExp, a.clsExp);
});
