/**
 * Test helper: pyhf's numbers recomputed with a tight optimizer tolerance
 * (make_pyhf_tight.py in this folder; pyhf b3dc4bb2, numpy backend, scipy 1.10.1 SLSQP with
 * tolerance=1e-14). The stored expected_results.json numbers carry pyhf's default SLSQP
 * stopping error (ftol ~1e-6 on twice_nll, finite-difference gradients), which moves CLs by
 * 1e-5..6e-4 relative; these are converged to ~1e-7 and are the ones compared at 1e-5.
 */
import { readFileSync } from "node:fs";

/** One CLs result: observed and the 5 expected in pyhf's order. */
export interface TightCls {
  obs: number;
  exp: number[];
}

/** Results per case name (the names of pyhfCases()). */
export interface TightCase {
  qtilde: TightCls;
  q: TightCls;
  q0: TightCls;
  mle_twice_nll: number;
  "qtilde_level0.05"?: TightCls;
  "qtilde_level0.1"?: TightCls;
}

/** All tight results (small models and the published ATLAS likelihoods). */
export function pyhfTight(): Record<string, TightCase> {
  const out: Record<string, TightCase> = {};
  for (const f of ["pyhfTight.small.json", "pyhfTight.published.json"]) {
    try {
      Object.assign(out, JSON.parse(readFileSync(new URL(f, import.meta.url), "utf8")).results);
    } catch {
      // a missing file only skips its cases (the published set takes ~15 min to regenerate)
    }
  }
  return out;
}
