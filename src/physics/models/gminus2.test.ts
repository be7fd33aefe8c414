import assert from "node:assert/strict";
import { test } from "node:test";
import { M_MU } from "../../core/units.ts";
import { deltaAmuPerCouplingSq, favouredCouplings, GM2_INPUTS } from "./gminus2.ts";
import { readReferenceCsv, tableTolerance } from "./referenceCsv.testHelper.ts";

/** m_mu used for the table (its header). */
const REF_M_MU = 0.1056584;

/**
 * The table's masses below 0.2 GeV are a log grid 0.001 * 200^(k/40) printed to 3 significant
 * digits; the couplings were computed at the unrounded mass, so recover it (and check that it
 * prints as the table does). From 0.2 GeV on the grid is exact (0.05 GeV steps).
 */
function exactMass(text: string): number {
  const m = Number(text);
  if (m >= 0.2) return m;
  const k = Math.round((40 * Math.log(m / 0.001)) / Math.log(200));
  const exact = 0.001 * 200 ** (k / 40);
  assert.ok(Math.abs(exact - m) <= 0.5e-5 * 1.001, `grid mass ${exact} does not print as ${text}`);
  return exact;
}

test("favoured couplings equal gminus2_favoured_couplings.csv at every mass, both kinds, 2021 and 2023 (1e-6 rel or printed precision)", () => {
  const rows = readReferenceCsv("gminus2_favoured_couplings.csv");
  assert.ok(rows.length > 200);
  const cols: Array<["vector" | "scalar", string, number]> = [];
  for (const kind of ["vector", "scalar"] as const)
    for (const [tag, idx] of [
      ["BNL+FNAL2021_vs_WP2020", 0],
      ["BNL+FNAL2023_vs_WP2020", 1],
    ] as const)
      cols.push([kind, `${kind}_${tag}`, idx]);
  for (const r of rows) {
    const M = exactMass(r.M_GeV!);
    for (const [kind, prefix, idx] of cols) {
      const g = favouredCouplings(kind, M, undefined, REF_M_MU)[idx]!;
      const cases: Array<[number | null, string]> = [
        [g.central, r[`${prefix}_central`]!],
        [g.minus2sigma, r[`${prefix}_minus2sigma`]!],
        [g.plus2sigma, r[`${prefix}_plus2sigma`]!],
      ];
      for (const [ours, ref] of cases) {
        assert.ok(ours !== null);
        // The table's vector row at 5.45 GeV is off by 5e-6 relative (a quadrature glitch of the
        // reference script): mpmath (30 digits, breakpoints at 1 - 10^-k) gives g'(2021 central)
        // = 0.0282162190753045 and we give 0.0282162190752760; the table prints 2.82164e-02.
        const rel = kind === "vector" && M === 5.45 ? 1e-5 : 1e-6;
        assert.ok(
          Math.abs(ours - Number(ref)) <= tableTolerance(ref, rel),
          `${prefix} M=${M}: ${ours} vs ${ref}`,
        );
      }
    }
  }
});

test("vector g' at 5.45 GeV (2021 central) equals an independent mpmath quadrature to 1e-10", () => {
  // python3 -c "import mpmath as mp; mp.mp.dps=30; m=mp.mpf('0.1056584'); M=mp.mpf('5.45');
  //   I=mp.quad(lambda x: 2*m**2*x**2*(1-x)/(x**2*m**2+(1-x)*M**2),[0,.5,.9,.99,.999,.9999,.99999,1])
  //   /(8*mp.pi**2); print(mp.sqrt(mp.mpf('251e-11')/I))"
  const g = favouredCouplings("vector", 5.45, undefined, REF_M_MU)[0]!.central!;
  assert.ok(Math.abs(g / 0.02821621907530452 - 1) < 1e-10);
});

test("Delta a_mu limits (physics.md 3.1): vector g^2/(8 pi^2) and scalar 3 g^2/(16 pi^2) for M << m_mu; heavy limits to 0.1%", () => {
  assert.ok(Math.abs(deltaAmuPerCouplingSq("vector", 1e-6) / (1 / (8 * Math.PI ** 2)) - 1) < 1e-3);
  assert.ok(Math.abs(deltaAmuPerCouplingSq("scalar", 1e-6) / (3 / (16 * Math.PI ** 2)) - 1) < 1e-3);
  const M = 100;
  const r = (M_MU * M_MU) / (M * M);
  assert.ok(Math.abs(deltaAmuPerCouplingSq("vector", M) / (r / (12 * Math.PI ** 2)) - 1) < 1e-3);
  const heavyS = (r / (8 * Math.PI ** 2)) * (Math.log(1 / r) - 7 / 6);
  assert.ok(Math.abs(deltaAmuPerCouplingSq("scalar", M) / heavyS - 1) < 1e-3);
});

test("2025 input (38 +- 63 e-11): the -2 sigma end is negative, so no lower coupling (null)", () => {
  assert.equal(GM2_INPUTS[2]!.year, "2025");
  const g = favouredCouplings("vector", 1)[2]!;
  assert.equal(g.minus2sigma, null);
  assert.ok(g.central !== null && g.plus2sigma !== null && g.plus2sigma > g.central);
});
