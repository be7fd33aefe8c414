import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { compileModel } from "../histfactory/compileModel.ts";
import { pyhfCases, readJson } from "../testdata/pyhfCases.ts";
import { pyhfTight } from "../testdata/pyhfTight.ts";
import { applyPatch } from "../workspace/applyPatch.ts";
import type { PatchOp, Workspace } from "../workspace/types.ts";
import { Hypotester } from "./hypotester.ts";
import { ModelFitter } from "./modelFitter.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
function maxRel(obs: number, exp: number[], ref: { obs: number; exp: number[] }): number {
  return Math.max(rel(obs, ref.obs), ...exp.map((v, i) => rel(v, ref.exp[i]!)));
}

const tight = pyhfTight();
const cases = pyhfCases();

for (const c of cases) {
  const t = tight[c.name];
  test(`${c.group}/${c.name}: asymptotic CLs (qtilde, q at mu=1; q0) match converged pyhf to 1e-5 and stored pyhf to 1e-3`, (ctx) => {
    const m = compileModel(c.ws, { modifierSettings: c.settings });
    const f = new ModelFitter(m);
    const data = m.data();
    const results = {
      qtilde: new Hypotester(f, data, "qtilde").test(1),
      q: new Hypotester(f, data, "q").test(1),
      q0: new Hypotester(f, data, "q0").test(0),
    };
    for (const r of Object.values(results)) assert.equal(r.fitFailures, 0);
    // (1) pyhf with tolerance 1e-14 (testdata/make_pyhf_tight.py): 1e-5 relative (measured <= 1e-6)
    if (t) {
      for (const k of ["qtilde", "q", "q0"] as const) {
        const r = results[k];
        // At q = 0 exactly (POI fit at its bound) p = Phi(-sqrt(q)) has infinite slope: pyhf's
        // residual 1e-10 in q moves its observed p by ~1e-5 (seen for RegionA_sbottom_1400 q0,
        // 0.49999 vs our exact 0.5), so there the observed value gets 1e-4 absolute.
        const obsOk = rel(r.clsObs, t[k].obs) < 1e-5 || (r.q === 0 && Math.abs(r.clsObs - t[k].obs) < 1e-4);
        assert.ok(obsOk, `${k} obs: ${r.clsObs} vs converged pyhf ${t[k].obs}`);
        const e = maxRel(t[k].obs, r.clsExp, t[k]);
        assert.ok(e < 1e-5, `${k}: ${e.toExponential(2)} vs converged pyhf`);
      }
    } else ctx.diagnostic("no converged-pyhf numbers for this case (testdata/pyhfTight.*.json)");
    // (2) expected_results.json (pyhf default SLSQP): its own fit error moves CLs by up to
    // 6.4e-4 relative (measured on this set), so 1e-3 here
    const n = c.numbers.hypotest;
    assert.ok(
      maxRel(results.qtilde.clsObs, results.qtilde.clsExp, {
        obs: n.qtilde_mu1.CLs_obs,
        exp: n.qtilde_mu1.CLs_exp,
      }) < 1e-3,
    );
    assert.ok(
      maxRel(results.q.clsObs, results.q.clsExp, { obs: n.q_mu1.CLs_obs, exp: n.q_mu1.CLs_exp }) < 1e-3,
    );
    assert.ok(maxRel(results.q0.clsObs, results.q0.clsExp, { obs: n.q0.p0_obs, exp: n.q0.p0_exp }) < 1e-3);
    // (3) the ROOT / ATLAS reference numbers (same 1e-3: they equal stored pyhf within 2.6e-4)
    if (c.reference) {
      const stat = (c.testStat ?? "qtilde") as "q" | "q0" | "qtilde";
      const r = results[stat === "q0" ? "q0" : stat === "q" ? "q" : "qtilde"];
      assert.ok(
        maxRel(r.clsObs, r.clsExp, c.reference) < 1e-3,
        `vs reference ${maxRel(r.clsObs, r.clsExp, c.reference)}`,
      );
    }
  });
}

test("Asimov data of 1bin_shapesys: aux entry is gamma_hat_hat * tau and main entry the b-only rate (pyhf generate_asimov_data)", () => {
  const c = cases.find((x) => x.name === "1bin_shapesys (code1/code0)")!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  const h = new Hypotester(new ModelFitter(m), m.data(), "qtilde");
  const p = h.asimovPars();
  const a = h.asimovData();
  assert.equal(p[m.poiIndex], 0);
  const tau = m.auxdata[0]!;
  assert.ok(Math.abs(a[1]! - p[1]! * tau) < 1e-12 * tau);
  assert.ok(Math.abs(a[0]! - 50 * p[1]!) < 1e-9);
});

test("hypothesis tests are cached by mu and independent of the order in which mu values are tested", () => {
  const c = cases.find((x) => x.name === "uncorrelated_background_2bin")!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  const f = new ModelFitter(m);
  const h1 = new Hypotester(f, m.data(), "qtilde");
  const a = [0.5, 1, 2].map((mu) => h1.test(mu).clsObs);
  const h2 = new Hypotester(f, m.data(), "qtilde");
  const b = [2, 1, 0.5].map((mu) => h2.test(mu).clsObs).reverse();
  for (const [i, v] of a.entries()) assert.ok(rel(v, b[i]!) < 1e-7, `${v} vs ${b[i]}`);
  assert.equal(h1.test(1), h1.test(1));
});

test("Belle II-like scan: CLs at mu = 1 for the 50 mass patches match converged pyhf to 1e-5 and pyhf's stored scan to its fit error", () => {
  // (a) testdata/pyhfTight.scan.json: pyhf with tolerance 1e-14 on 4 patches (the stored scan's
  //     worst points), 1e-5 relative; (b) scan50_hypotest_pyhf.json (pyhf default SLSQP): its
  //     fit error on this 105-parameter model moves CLs by up to 4.4e-3, and by 14% on
  //     mZp_5p6429 where the converged pyhf agrees with us to 1.4e-8 (a): 49 of 50 within 5e-3.
  const base = readJson<Workspace>("belle2_like/zprime_invisible_staterror.json");
  const patches = readJson<{ patches: { metadata: { name: string }; patch: PatchOp[] }[] }>(
    "belle2_like/zprime_invisible_scan_patches.json",
  ).patches;
  const ref = readJson<{ results: { name: string; CLs_obs: number; CLs_exp: number[] }[] }>(
    "belle2_like/scan50_hypotest_pyhf.json",
  ).results;
  const conv = (
    JSON.parse(readFileSync(new URL("../testdata/pyhfTight.scan.json", import.meta.url), "utf8")) as {
      results: Record<string, { obs: number; exp: number[] }>;
    }
  ).results;
  assert.equal(patches.length, 50);
  let within = 0;
  let checked = 0;
  for (const p of patches) {
    const m = compileModel(applyPatch(base, p.patch));
    const r = new Hypotester(new ModelFitter(m), m.data(), "qtilde").test(1);
    assert.equal(r.fitFailures, 0);
    const want = ref.find((x) => x.name === p.metadata.name)!;
    if (maxRel(r.clsObs, r.clsExp, { obs: want.CLs_obs, exp: want.CLs_exp }) < 5e-3) within++;
    const c = conv[p.metadata.name];
    if (c) {
      checked++;
      const e = maxRel(r.clsObs, r.clsExp, c);
      assert.ok(e < 1e-5, `${p.metadata.name}: ${e} vs converged pyhf`);
    }
  }
  assert.ok(checked >= 3);
  assert.ok(within >= 49, `${within} of 50 within 5e-3`);
});
