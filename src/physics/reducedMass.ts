/**
 * Reduced mass of a same-flavour pair, M_R = sqrt(M^2 - 4 m^2) [GeV] (four-muon search,
 * arXiv:2403.02841; BaBar's m_R, PRD 94 (2016) 011102). It starts at 0 at the 2m threshold, where
 * the resolution in M_R is nearly constant, which is why the bump hunt scans in M_R.
 * Below threshold (M^2 < 4 m^2, possible after smearing) it returns -sqrt(4 m^2 - M^2), keeping
 * the sign like {@link invariantMass}.
 */
import { M_MU } from "../core/units.ts";

/**
 * M_R [GeV] from the pair mass squared.
 *
 * @param m2 pair invariant mass squared [GeV^2]
 * @param m daughter mass [GeV], default the muon mass
 * @example reducedMass(4 * M_MU ** 2 + 1) // 1
 */
export function reducedMass(m2: number, m = M_MU): number {
  const r = m2 - 4 * m * m;
  return r >= 0 ? Math.sqrt(r) : -Math.sqrt(-r);
}

/** Per-row {@link reducedMass} of M^2 columns into `out` (may alias `m2`); returns `out`. */
export function reducedMassColumns(m2: Float64Array, out: Float64Array, m = M_MU): Float64Array {
  if (m2.length < out.length) throw new RangeError("reducedMassColumns: m2 shorter than out");
  const fm2 = 4 * m * m;
  for (let i = 0; i < out.length; i++) {
    const r = m2[i]! - fm2;
    out[i] = r >= 0 ? Math.sqrt(r) : -Math.sqrt(-r);
  }
  return out;
}

/** Pair mass [GeV] from the reduced mass: M = sqrt(M_R^2 + 4 m^2) (inverse of {@link reducedMass} for M_R >= 0). */
export function massFromReducedMass(mR: number, m = M_MU): number {
  return Math.sqrt(mR * mR + 4 * m * m);
}
