import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { pyhfCases } from "../testdata/pyhfCases.ts";
import { compileModel } from "./compileModel.ts";

// Analytic gradient and exact Hessian of twice_nll against central finite differences
// (step 1e-6 relative): agreement to 1e-5 relative to (1 + |value|) is what FD can resolve.
for (const c of pyhfCases()) {
  test(`gradient and Hessian of ${c.group}/${c.name} match finite differences at pyhf's perturbed point`, () => {
    const m = compileModel(c.ws, { modifierSettings: c.settings });
    const data = m.data();
    const n = m.npars;
    const p = Float64Array.from(c.numbers.perturbed_pars);
    const g = new Float64Array(n);
    const H = new Float64Array(n * n);
    const k = m.twiceNllGradHess(p, data, g, H);
    assert.ok(Math.abs(k - m.twiceNllKernel(p, data)) < 1e-9);
    const g1 = new Float64Array(n);
    const g2 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(p[i]!));
      const q = new Float64Array(p);
      q[i] = p[i]! + h;
      const fp = m.twiceNllKernel(q, data);
      m.twiceNllGradHess(q, data, g1, null);
      q[i] = p[i]! - h;
      const fm = m.twiceNllKernel(q, data);
      m.twiceNllGradHess(q, data, g2, null);
      const fd = (fp - fm) / (2 * h);
      assert.ok(
        Math.abs(fd - g[i]!) <= 1e-5 * (1 + Math.abs(g[i]!)),
        `grad ${m.parNames[i]}: ${g[i]} vs FD ${fd}`,
      );
      for (let j = 0; j < n; j++) {
        const hd = (g1[j]! - g2[j]!) / (2 * h);
        assert.ok(
          Math.abs(hd - H[i * n + j]!) <= 1e-5 * (1 + Math.abs(H[i * n + j]!)),
          `H[${m.parNames[i]}, ${m.parNames[j]}]: ${H[i * n + j]} vs FD ${hd}`,
        );
      }
    }
  });
}

test("sampled toys are reproducible per stream and have the model's mean (1bin_shapesys, 4000 toys, 5 sigma)", () => {
  const c = pyhfCases().find((x) => x.name === "uncorrelated_background_2bin")!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  const a = m.sample(m.init, stream(7, 3));
  const b = m.sample(m.init, stream(7, 3));
  assert.deepEqual([...a], [...b]);
  const mean = new Float64Array(m.nData);
  const N = 4000;
  for (let i = 0; i < N; i++) {
    const t = m.sample(m.init, stream(11, i));
    for (let j = 0; j < m.nData; j++) mean[j]! += t[j]! / N;
  }
  const e = m.expectedData(m.init);
  for (let j = 0; j < m.nData; j++)
    assert.ok(Math.abs(mean[j]! - e[j]!) < 5 * Math.sqrt(e[j]! / N), `${j}: ${mean[j]} vs ${e[j]}`);
});

test("the batched kernel equals point-by-point evaluation (sbottom, 3 points)", () => {
  const c = pyhfCases().find((x) => x.group === "published")!;
  const m = compileModel(c.ws, { modifierSettings: c.settings });
  const d = m.data();
  const pts = new Float64Array(3 * m.npars);
  pts.set(m.init, 0);
  pts.set(c.numbers.perturbed_pars, m.npars);
  pts.set(c.numbers.mle.pars, 2 * m.npars);
  const out = m.twiceNllKernelBatch(pts, 3, d, new Float64Array(3));
  assert.equal(out[0], m.twiceNllKernel(m.init, d));
  assert.equal(out[1], m.twiceNllKernel(c.numbers.perturbed_pars, d));
  assert.equal(out[2], m.twiceNllKernel(c.numbers.mle.pars, d));
});
