/**
 * Invariant mass of one or several particles: M^2 = (sum E)^2 - |sum p|^2 [GeV^2].
 *
 * Sign convention (as ROOT's TLorentzVector::M): M^2 keeps its sign, so a slightly space-like sum
 * from resolution effects (M^2 < 0) is visible to the caller; {@link invariantMass} returns
 * -sqrt(-M^2) in that case rather than NaN, so histograms and cuts see a number.
 */
import { assertRows, type FourVectorColumns } from "./fourVector.ts";

/**
 * Squared invariant mass of one four-vector [GeV^2]; may be negative (space-like), never clamped.
 *
 * @example invariantMass2(0, 0, 3, 5) // 16
 */
export function invariantMass2(px: number, py: number, pz: number, e: number): number {
  return e * e - (px * px + py * py + pz * pz);
}

/**
 * Invariant mass [GeV] with the sign of M^2: sqrt(M^2) if M^2 >= 0, else -sqrt(-M^2).
 *
 * @example invariantMass(0, 0, 3, 5) // 4
 */
export function invariantMass(px: number, py: number, pz: number, e: number): number {
  const m2 = e * e - (px * px + py * py + pz * pz);
  return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
}

/**
 * Squared invariant mass of the sum of two four-vectors [GeV^2] (signed).
 *
 * @example pairMass2(0, 0, 1, 1, 0, 0, -1, 1) // 4: two massless back-to-back 1 GeV particles
 */
export function pairMass2(
  px1: number,
  py1: number,
  pz1: number,
  e1: number,
  px2: number,
  py2: number,
  pz2: number,
  e2: number,
): number {
  const px = px1 + px2;
  const py = py1 + py2;
  const pz = pz1 + pz2;
  const e = e1 + e2;
  return e * e - (px * px + py * py + pz * pz);
}

/**
 * Per-row squared invariant mass of the sum of 1..n particles given as columns [GeV^2] (signed).
 * Row i of `out` is M^2(sum_k parts[k][i]). Two parts take a specialised loop (the common
 * dimuon case); no allocation either way. `out` may alias one of the input columns.
 *
 * @param parts one {@link FourVectorColumns} per particle, each with at least `out.length` rows
 * @param out receives M^2, length = number of rows processed
 * @returns `out`
 * @example
 * const m2 = invariantMass2Columns([muPlus, muMinus], new Float64Array(n));
 */
export function invariantMass2Columns(parts: readonly FourVectorColumns[], out: Float64Array): Float64Array {
  const n = out.length;
  if (parts.length === 0) throw new RangeError("invariantMass2Columns: need at least one particle");
  for (const p of parts) assertRows(n, "invariantMass2Columns", p.px, p.py, p.pz, p.e);
  if (parts.length === 2) {
    const a = parts[0]!;
    const b = parts[1]!;
    const ax = a.px;
    const ay = a.py;
    const az = a.pz;
    const ae = a.e;
    const bx = b.px;
    const by = b.py;
    const bz = b.pz;
    const be = b.e;
    for (let i = 0; i < n; i++) {
      const x = ax[i]! + bx[i]!;
      const y = ay[i]! + by[i]!;
      const z = az[i]! + bz[i]!;
      const e = ae[i]! + be[i]!;
      out[i] = e * e - (x * x + y * y + z * z);
    }
    return out;
  }
  const k = parts.length;
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    let z = 0;
    let e = 0;
    for (let j = 0; j < k; j++) {
      const p = parts[j]!;
      x += p.px[i]!;
      y += p.py[i]!;
      z += p.pz[i]!;
      e += p.e[i]!;
    }
    out[i] = e * e - (x * x + y * y + z * z);
  }
  return out;
}

/**
 * Per-row invariant mass of the sum of 1..n particles [GeV], signed as {@link invariantMass}.
 *
 * @returns `out`
 * @example const m = invariantMassColumns([muPlus, muMinus], new Float64Array(n));
 */
export function invariantMassColumns(parts: readonly FourVectorColumns[], out: Float64Array): Float64Array {
  invariantMass2Columns(parts, out);
  for (let i = 0; i < out.length; i++) {
    const m2 = out[i]!;
    out[i] = m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
  }
  return out;
}
