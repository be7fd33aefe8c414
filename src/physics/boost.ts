/**
 * Pure Lorentz boosts by a velocity vector beta = (bx, by, bz), |beta| < 1 (c = 1).
 *
 * Convention (active boost, as ROOT's TLorentzVector::Boost): boosting a particle at rest,
 * (0, 0, 0, m), by beta gives (gamma m beta, gamma m). To go to the rest frame of a system with
 * four-momentum P, boost by -P/E (see {@link boostToRestFrame}); lab -> c.m. is a boost by
 * -P_init/E_init.
 *
 * Formula (Jackson, Classical Electrodynamics, 3rd ed., eq. 11.19), with gamma = 1/sqrt(1-b^2):
 *   E' = gamma (E + beta.p),   p' = p + [ (gamma-1)/b^2 (beta.p) + gamma E ] beta.
 * (gamma-1)/b^2 is evaluated as gamma^2/(gamma+1), which is the same number without the 0/0 at
 * beta -> 0 and without cancellation for small beta.
 *
 * Every kernel reads a row's four components into locals before writing, so outputs may alias
 * the inputs (in-place boosts).
 */
import { assertRows } from "./fourVector.ts";

function checkBeta(b2: number, where: string): void {
  // !(b2 < 1) also rejects NaN
  if (!(b2 < 1)) throw new RangeError(`${where}: |beta| = ${Math.sqrt(b2)} must be < 1`);
}

/**
 * Boost one four-vector by beta and write (px', py', pz', e') to out[offset .. offset+3].
 *
 * @param px,py,pz,e four-momentum [GeV]
 * @param bx,by,bz velocity of the boost (c = 1), |beta| < 1, else RangeError
 * @param out array receiving px', py', pz', e' (in that order) [GeV]
 * @param offset first index written in `out` (default 0)
 * @example
 * const out = new Float64Array(4);
 * boost(0, 0, 0, M_MU, 0, 0, 0.6, out); // out = [0, 0, 0.75 M_MU, 1.25 M_MU]
 */
export function boost(
  px: number,
  py: number,
  pz: number,
  e: number,
  bx: number,
  by: number,
  bz: number,
  out: Float64Array | number[],
  offset = 0,
): void {
  const b2 = bx * bx + by * by + bz * bz;
  checkBeta(b2, "boost");
  const gamma = 1 / Math.sqrt(1 - b2);
  const g2 = (gamma * gamma) / (gamma + 1);
  const bp = bx * px + by * py + bz * pz;
  const f = g2 * bp + gamma * e;
  out[offset] = px + f * bx;
  out[offset + 1] = py + f * by;
  out[offset + 2] = pz + f * bz;
  out[offset + 3] = gamma * (e + bp);
}

/**
 * Boost a four-vector into the rest frame of a system with four-momentum (Px, Py, Pz, E), i.e.
 * by beta = -P/E. The system itself becomes (0, 0, 0, M). Needs a time-like system (|P| < E).
 *
 * @example
 * boostToRestFrame(px, py, pz, e, Px, Py, Pz, E, out); // helicity frames, pair rest frames
 */
export function boostToRestFrame(
  px: number,
  py: number,
  pz: number,
  e: number,
  Px: number,
  Py: number,
  Pz: number,
  E: number,
  out: Float64Array | number[],
  offset = 0,
): void {
  boost(px, py, pz, e, -Px / E, -Py / E, -Pz / E, out, offset);
}

/**
 * Boost every row of four-vector columns by the same beta. Outputs default to the inputs
 * (in-place). Processes `px.length` rows.
 *
 * @param px,py,pz,e input columns [GeV]
 * @param bx,by,bz boost velocity, |beta| < 1 (checked once; RangeError otherwise)
 * @param outPx,outPy,outPz,outE output columns (default: the inputs, i.e. in place)
 * @example
 * // lab -> c.m. for one particle column, out of place
 * boostColumns(mu.px, mu.py, mu.pz, mu.e, -bx, -by, -bz, cm.px, cm.py, cm.pz, cm.e);
 */
export function boostColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  bx: number,
  by: number,
  bz: number,
  outPx: Float64Array = px,
  outPy: Float64Array = py,
  outPz: Float64Array = pz,
  outE: Float64Array = e,
): void {
  const n = px.length;
  assertRows(n, "boostColumns", py, pz, e, outPx, outPy, outPz, outE);
  const b2 = bx * bx + by * by + bz * bz;
  checkBeta(b2, "boostColumns");
  boostRows(px, py, pz, e, 0, n, bx, by, bz, outPx, outPy, outPz, outE);
}

/**
 * Boost rows [i0, i1) of four-vector columns by the same beta, in place: the kernel of
 * {@link boostColumns} on a range, for per-event scratch buffers (no views, no allocation).
 * The caller guarantees |beta| < 1; beta = 0 leaves the rows unchanged.
 *
 * @example boostRowRange(ev.px, ev.py, ev.pz, ev.e, first, end, bx, by, bz)
 */
export function boostRowRange(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i0: number,
  i1: number,
  bx: number,
  by: number,
  bz: number,
): void {
  if (bx === 0 && by === 0 && bz === 0) return;
  boostRows(px, py, pz, e, i0, i1, bx, by, bz, px, py, pz, e);
}

/** Active boost (Jackson eq. 11.19) of rows [i0, i1), |beta| < 1 unchecked. */
function boostRows(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i0: number,
  i1: number,
  bx: number,
  by: number,
  bz: number,
  outPx: Float64Array,
  outPy: Float64Array,
  outPz: Float64Array,
  outE: Float64Array,
): void {
  const gamma = 1 / Math.sqrt(1 - (bx * bx + by * by + bz * bz));
  const g2 = (gamma * gamma) / (gamma + 1);
  for (let i = i0; i < i1; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    const t = e[i]!;
    const bp = bx * x + by * y + bz * z;
    const f = g2 * bp + gamma * t;
    outPx[i] = x + f * bx;
    outPy[i] = y + f * by;
    outPz[i] = z + f * bz;
    outE[i] = gamma * (t + bp);
  }
}

/**
 * Boost row i of four-vector columns by its own beta (bx[i], by[i], bz[i]), e.g. into the rest
 * frame of a per-event dimuon system (beta = -P/E per row). Outputs default to the inputs.
 * A row with |beta| >= 1 throws a RangeError naming the row.
 */
export function boostColumnsPerRow(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  bz: Float64Array,
  outPx: Float64Array = px,
  outPy: Float64Array = py,
  outPz: Float64Array = pz,
  outE: Float64Array = e,
): void {
  const n = px.length;
  assertRows(n, "boostColumnsPerRow", py, pz, e, bx, by, bz, outPx, outPy, outPz, outE);
  for (let i = 0; i < n; i++) {
    const ux = bx[i]!;
    const uy = by[i]!;
    const uz = bz[i]!;
    const b2 = ux * ux + uy * uy + uz * uz;
    if (!(b2 < 1)) checkBeta(b2, `boostColumnsPerRow: row ${i}`);
    const gamma = 1 / Math.sqrt(1 - b2);
    const g2 = (gamma * gamma) / (gamma + 1);
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    const t = e[i]!;
    const bp = ux * x + uy * y + uz * z;
    const f = g2 * bp + gamma * t;
    outPx[i] = x + f * ux;
    outPy[i] = y + f * uy;
    outPz[i] = z + f * uz;
    outE[i] = gamma * (t + bp);
  }
}
