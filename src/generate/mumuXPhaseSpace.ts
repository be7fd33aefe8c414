/**
 * Phase space of a 1 -> 3 decay (here gamma*(sqrt s) -> mu-(k1) mu+(k2) X(q), masses m, m, M) in
 * the Dalitz variables s1 = (k1+q)^2, s2 = (k2+q)^2, mapped from the unit square so that the soft
 * and collinear peaks 1/(s1 - m^2), 1/(s2 - m^2) of emission off either muon become flat:
 *
 *   v1 in [0,1] -> ln D1 uniform, D1 = s1 - m^2 in [M^2 + 2 m M, s - 2 sqrt(s) m]
 *   v2 in [0,1] -> ln D2 uniform, D2 = s2 - m^2 inside the Dalitz limits at that s1
 *
 * Jacobian ds1 ds2 / dv1 dv2 = D1 ln(D1max/D1min) * D2 ln(D2max/D2min). Dalitz limits: PDG
 * "Kinematics" review, eq. 49.23 (E2*, E3* in the (k1 q) rest frame). The lower edge is computed
 * in a cancellation-free form so that M, m << sqrt(s) (5 MeV at 10.58 GeV) stays accurate.
 *
 * Three-body phase space: dPhi3 = ds1 ds2 / (128 pi^3 s) after the orientation integrals
 * (physics.md 4.1). General in the masses: reusable for any "pair + one particle" final state.
 */

/** Scratch/output of {@link mapDalitz}: invariants and Jacobian of one point. */
export interface DalitzPoint {
  /** (k1 + q)^2 [GeV^2]. */
  s1: number;
  /** (k2 + q)^2 [GeV^2]. */
  s2: number;
  /** s1 - m^2 [GeV^2]. */
  D1: number;
  /** s2 - m^2 [GeV^2]. */
  D2: number;
  /** ds1 ds2 / dv1 dv2 [GeV^4]; 0 outside the physical region. */
  jacobian: number;
  /** Scratch: D2 range at this s1 (D2min, D2max) [GeV^2]. */
  readonly range: Float64Array;
}

/** A new zeroed {@link DalitzPoint} (allocate once, reuse). */
export function dalitzPoint(): DalitzPoint {
  return { s1: 0, s2: 0, D1: 0, D2: 0, jacobian: 0, range: new Float64Array(2) };
}

/**
 * Range of D2 = s2 - m2^2 at fixed s1 for masses (m1 = m, m2 = m, m3 = M) — written for the
 * symmetric muon pair, m1 = m2 = m. Returns false outside the physical s1 range.
 *
 * @param s total invariant mass squared [GeV^2]
 * @param s1 (k1 + q)^2 [GeV^2]
 * @param m muon mass [GeV]; @param M boson mass [GeV]
 * @param out out[0] = D2min, out[1] = D2max [GeV^2]
 */
export function dalitzD2Range(s: number, s1: number, m: number, M: number, out: Float64Array): boolean {
  const rs1 = Math.sqrt(s1);
  const E3 = (s1 - m * m + M * M) / (2 * rs1); // X energy in the (k1 q) rest frame
  const E2 = (s - s1 - m * m) / (2 * rs1); // mu+ energy in the same frame
  const p3sq = E3 * E3 - M * M;
  const p2sq = E2 * E2 - m * m;
  if (!(p3sq >= 0 && p2sq >= 0)) return false;
  const p3 = Math.sqrt(p3sq);
  const p2 = Math.sqrt(p2sq);
  const plus = E2 * E3 + p2 * p3;
  // E2 E3 - p2 p3 = (m^2 E3^2 + M^2 E2^2 - m^2 M^2) / (E2 E3 + p2 p3): no cancellation
  const minus = plus > 0 ? (m * m * E3 * E3 + M * M * E2 * E2 - m * m * M * M) / plus : 0;
  out[0] = M * M + 2 * minus;
  out[1] = M * M + 2 * plus;
  return true;
}

/**
 * Map (v1, v2) in the unit square to (s1, s2) and the Jacobian (see file comment) for c.m. energy
 * squared s [GeV^2], muon mass m and boson mass M [GeV]. Writes `out`; returns false (jacobian 0)
 * outside the physical region (only at the edges) or below threshold. Allocates nothing: s and M
 * may change per event (ISR, Breit-Wigner mass).
 *
 * @example
 * const pt = dalitzPoint();
 * mapDalitz(10.58 ** 2, M_MU, 1, 0.3, 0.7, pt); // pt.s1, pt.s2, pt.jacobian
 */
export function mapDalitz(
  s: number,
  m: number,
  M: number,
  v1: number,
  v2: number,
  out: DalitzPoint,
): boolean {
  const D1min = M * M + 2 * m * M;
  const D1max = s - 2 * Math.sqrt(s) * m;
  if (!(D1max > D1min)) {
    out.jacobian = 0;
    return false;
  }
  const lnD1min = Math.log(D1min);
  const lnD1range = Math.log(D1max / D1min);
  return mapDalitzImpl(s, m, M, lnD1min, lnD1range, v1, v2, out);
}

function mapDalitzImpl(
  s: number,
  m: number,
  M: number,
  lnD1min: number,
  lnD1range: number,
  v1: number,
  v2: number,
  out: DalitzPoint,
): boolean {
  const m2 = m * m;
  const range2 = out.range;
  const D1 = Math.exp(lnD1min + v1 * lnD1range);
  const s1 = D1 + m2;
  if (!dalitzD2Range(s, s1, m, M, range2) || !(range2[1]! > range2[0]!) || !(range2[0]! > 0)) {
    out.jacobian = 0;
    return false;
  }
  const lnD2min = Math.log(range2[0]!);
  const lnD2range = Math.log(range2[1]! / range2[0]!);
  const D2 = Math.exp(lnD2min + v2 * lnD2range);
  out.s1 = s1;
  out.s2 = D2 + m2;
  out.D1 = D1;
  out.D2 = D2;
  out.jacobian = D1 * lnD1range * D2 * lnD2range;
  return true;
}
