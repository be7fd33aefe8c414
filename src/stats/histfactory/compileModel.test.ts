import assert from "node:assert/strict";
import { test } from "node:test";
import { pyhfCases, readJson } from "../testdata/pyhfCases.ts";
import { compileModel } from "./compileModel.ts";

function relClose(a: number, b: number, rtol: number, what: string): void {
  const d = Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
  assert.ok(d <= rtol || Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b} (rel ${d})`);
}

// Reference: validation/pyhf/expected_results.json (pyhf b3dc4bb2, numpy backend); pure model
// evaluation, tolerance 1e-10 relative (brief) on logpdf and expected data.
for (const c of pyhfCases()) {
  test(`model of ${c.group}/${c.name} reproduces pyhf's layout, logpdf and expected data to 1e-10`, () => {
    const m = compileModel(c.ws, { modifierSettings: c.settings });
    const r = c.numbers;
    assert.deepEqual(m.parOrder, r.par_order);
    assert.deepEqual(m.parNames, r.par_names);
    assert.equal(m.poiIndex, r.poi_index);
    assert.deepEqual(m.channels, r.channels);
    assert.deepEqual(m.samples, r.samples);
    assert.deepEqual([...m.init], r.suggested_init);
    assert.deepEqual(
      [...m.lower].map((l, i) => [l, m.upper[i]]),
      r.suggested_bounds,
    );
    assert.deepEqual([...m.fixed].map(Boolean), r.suggested_fixed);
    assert.deepEqual([...m.auxdata], r.auxdata);
    const data = m.data();
    assert.deepEqual([...data], r.data);
    relClose(m.logpdf(m.init, data), r.logpdf_at_init, 1e-10, "logpdf at init");
    relClose(m.logpdf(r.perturbed_pars, data), r.logpdf_at_perturbed, 1e-10, "logpdf perturbed");
    const e0 = m.expectedData(m.init);
    for (const [i, v] of r.expected_data_at_init.entries())
      relClose(e0[i]!, v, 1e-10, `expected[${i}] at init`);
    const e1 = m.expectedData(r.perturbed_pars);
    for (const [i, v] of r.expected_data_at_perturbed.entries())
      relClose(e1[i]!, v, 1e-10, `expected[${i}] perturbed`);
  });
}

test("interpolation codes reproduce pyhf's 1-bin yield table (expected_results.json interpolation_codes) to 1e-12", () => {
  // biome-ignore lint/suspicious/noExplicitAny: reference JSON
  const t = readJson<any>("expected_results.json").interpolation_codes;
  const spec = t.spec;
  const ws = {
    ...spec,
    observations: [{ name: "c", data: [150] }],
    measurements: [{ name: "m", config: { poi: "alpha_n", parameters: [] } }],
    version: "1.0.0",
  };
  for (const [code, key, other] of [
    ["code1", "normsys", "code0"],
    ["code4", "normsys", "code0"],
    ["code0", "histosys", "code1"],
    ["code2", "histosys", "code1"],
    ["code4p", "histosys", "code1"],
  ] as const) {
    const settings =
      key === "normsys"
        ? { normsys: { interpcode: code as "code1" }, histosys: { interpcode: other as "code0" } }
        : { normsys: { interpcode: other as "code1" }, histosys: { interpcode: code as "code0" } };
    const m = compileModel(ws, { modifierSettings: settings });
    const ia = m.parNames.indexOf(key === "normsys" ? "alpha_n" : "alpha_h");
    const otherNom = key === "normsys" ? 50 : 100;
    for (const [i, al] of (t.alphas as number[]).entries()) {
      const p = new Float64Array(m.init);
      p[ia] = al;
      const nu = m.expectedMain(p)[0]! - otherNom;
      relClose(nu, t[key][code][i], 1e-12, `${key} ${code} alpha=${al}`);
    }
  }
});
