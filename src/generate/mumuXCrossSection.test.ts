import assert from "node:assert/strict";
import { test } from "node:test";
import { readReferenceCsv } from "../physics/models/referenceCsv.testHelper.ts";
import { bornCrossSection, isrCrossSection } from "./mumuXCrossSection.ts";

const rows = readReferenceCsv("xsec_mumuX_10p58.csv");

test("Born sigma(e+e- -> mu mu Z') reproduces every row of xsec_mumuX_10p58.csv (5 MeV - 10.3 GeV) within 0.5% (we get < 1e-4)", () => {
  assert.ok(rows.length >= 49);
  for (const r of rows) {
    const M = Number(r.M_GeV);
    const ours = bornCrossSection("vector", 10.58, M);
    const ref = Number(r.sigma_vector_born_fb);
    assert.ok(Math.abs(ours.sigma / ref - 1) < 1e-4, `M=${M}: ${ours.sigma} vs ${ref}`);
    assert.ok(ours.error / ours.sigma < 1e-3);
  }
});

test("ISR cross sections (ISR_all and sqrt(s') > 10 GeV columns) within 0.5% on a subset of xsec_mumuX_10p58.csv (full table: 8e-4, see report)", () => {
  for (const M of ["0.005", "0.1", "0.212", "1.0", "3.0", "6.0", "9.0"]) {
    const r = rows.find((x) => x.M_GeV === M)!;
    const all = isrCrossSection("vector", 10.58, Number(M), { isrPanels: 4, panels: 8 });
    const cut = isrCrossSection("vector", 10.58, Number(M), { sqrtsMin: 10, isrPanels: 4, panels: 8 });
    assert.ok(
      Math.abs(all.sigma / Number(r.sigma_vector_ISR_all_fb) - 1) < 5e-3,
      `M=${M} ISR_all ${all.sigma}`,
    );
    assert.ok(
      Math.abs(cut.sigma / Number(r.sigma_vector_ISR_sqrts_gt_10_fb) - 1) < 5e-3,
      `M=${M} ISR>10 ${cut.sigma}`,
    );
  }
});

test("vector Born sigma at other sqrt(s') equals xsec_born_mumuX_grid.csv within 1e-3 (subset of the grid)", () => {
  const grid = readReferenceCsv("xsec_born_mumuX_grid.csv");
  let n = 0;
  for (const r of grid) {
    if (
      !["2.0", "5.0", "9.0", "10.7"].includes(r.sqrt_s_GeV!) ||
      !["0.005", "0.212", "1.0", "1.75"].includes(r.M_GeV!)
    )
      continue;
    const rs = Number(r.sqrt_s_GeV);
    const ours = bornCrossSection("vector", rs, Number(r.M_GeV), { panels: 8 });
    assert.ok(Math.abs(ours.sigma / Number(r.sigma_vector_fb) - 1) < 1e-3, `sqrt s=${rs} M=${r.M_GeV}`);
    n++;
  }
  assert.ok(n >= 12);
});

test("scalar sigma: several times below the vector one (physics.md 2.2), ratio falling with M (p-wave vs s-wave), muon-mass effect < 4% at 2 GeV", () => {
  let last = Number.POSITIVE_INFINITY;
  for (const M of [0.3, 1, 3, 5]) {
    const v = bornCrossSection("vector", 10.58, M, { panels: 8 }).sigma;
    const s = bornCrossSection("scalar", 10.58, M, { panels: 8 }).sigma;
    assert.ok(v / s > 2 && v / s < 15 && v / s < last, `M=${M}: ratio ${v / s}`);
    last = v / s;
  }
  // physics.md 4.1: for M >~ 0.3 GeV the muon mass changes the scalar sigma by < 4%
  const full = bornCrossSection("scalar", 10.58, 2, { panels: 8 }).sigma;
  const massless = bornCrossSection("scalar", 10.58, 2, { panels: 8, muonMass: 1e-6 }).sigma;
  assert.ok(Math.abs(full / massless - 1) < 0.04);
});

test("bad masses are rejected: M <= 0 and M >= sqrt(s) - 2 m_mu throw RangeError", () => {
  assert.throws(() => bornCrossSection("vector", 10.58, 0), RangeError);
  assert.throws(() => bornCrossSection("vector", 10.58, 10.4), RangeError);
  assert.throws(() => isrCrossSection("scalar", 10.58, -1), RangeError);
});
