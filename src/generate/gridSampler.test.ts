import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { buildGridSampler, proposeGridPoint } from "./gridSampler.ts";

test("grid accept-reject samples f(u) = exp(-3 u0)(1 + u1^2) on [0,1]^2: integral within 4 sigma_MC, histogram chi2 p > 0.01 (300k proposals)", () => {
  const f = (u: Float64Array): number => Math.exp(-3 * u[0]!) * (1 + u[1]! * u[1]!);
  const exact = ((1 - Math.exp(-3)) / 3) * (4 / 3);
  const g = buildGridSampler(f, [16, 8]);
  assert.ok(g.majorantIntegral > exact && g.majorantIntegral < 1.5 * exact);
  const rng = stream(5, 0);
  const u = new Float64Array(2);
  const nb = 10;
  const hist = new Float64Array(nb * nb);
  let acc = 0;
  let sumR = 0;
  let sumR2 = 0;
  const N = 300000;
  for (let i = 0; i < N; i++) {
    const mx = proposeGridPoint(g, rng, u);
    const r = f(u) / mx;
    assert.ok(r <= 1);
    sumR += r;
    sumR2 += r * r;
    if (rng.uniform() < r) {
      acc++;
      hist[Math.floor(u[0]! * nb) * nb + Math.floor(u[1]! * nb)]!++;
    }
  }
  const mean = sumR / N;
  const est = g.majorantIntegral * mean;
  const err = (g.majorantIntegral * Math.sqrt(sumR2 / N - mean * mean)) / Math.sqrt(N);
  assert.ok(Math.abs(est - exact) < 4 * err, `integral ${est} +- ${err} vs ${exact}`);
  // chi2 against exact bin integrals
  let chi2 = 0;
  for (let i = 0; i < nb; i++)
    for (let j = 0; j < nb; j++) {
      const a0 = i / nb;
      const a1 = (i + 1) / nb;
      const b0 = j / nb;
      const b1 = (j + 1) / nb;
      const p = (((Math.exp(-3 * a0) - Math.exp(-3 * a1)) / 3) * (b1 - b0 + (b1 ** 3 - b0 ** 3) / 3)) / exact;
      const e = p * acc;
      chi2 += (hist[i * nb + j]! - e) ** 2 / e;
    }
  // 99 degrees of freedom: p > 0.01 <=> chi2 < 134.6 (python3: scipy.stats.chi2.ppf(0.99, 99))
  assert.ok(chi2 < 134.6, `chi2 ${chi2}`);
});

test("the alias table reproduces the cell masses (1-D, 4 cells, 400k picks within 5 sigma)", () => {
  const g = buildGridSampler((u) => 1 + 3 * Math.floor(u[0]! * 4), [4], { probes: 1, safety: 1 });
  // probes at cell corners: the right corner of cell k is in cell k+1's range: max = 1 + 3 (k+1) capped at 10
  const rng = stream(6, 0);
  const u = new Float64Array(1);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 400000; i++) {
    proposeGridPoint(g, rng, u);
    counts[Math.floor(u[0]! * 4)]!++;
  }
  const total = g.cellMax.reduce((a, b) => a + b, 0);
  for (let k = 0; k < 4; k++) {
    const p = g.cellMax[k]! / total;
    assert.ok(Math.abs(counts[k]! / 400000 - p) < 5 * Math.sqrt((p * (1 - p)) / 400000), `cell ${k}`);
  }
});
