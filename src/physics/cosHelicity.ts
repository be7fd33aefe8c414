/**
 * Helicity angle variable of the four-muon search (arXiv:2403.02841, MLP input |cos phi_hel|):
 * the angle between the mu- of a candidate pair, seen in the pair rest frame, and the direction
 * of the c.m. frame as seen from that rest frame, which is -P_pair. This is minus the textbook
 * helicity cosine (daughter w.r.t. +P_pair); the analysis uses the absolute value, for which the
 * two agree. Inputs are c.m.-frame four-momenta.
 *
 * Computed in place from the boost formula (see boost.ts) without allocation. A pair at rest
 * (|P| = 0) defines no direction: returns 0. Needs a time-like pair (|P| < E).
 */
import { assertRows } from "./fourVector.ts";

/**
 * cos of the angle between the daughter in the pair rest frame and -P_pair.
 *
 * @param Px,Py,Pz,E pair four-momentum in the c.m. frame [GeV]
 * @param px,py,pz,e daughter (the mu-) four-momentum in the c.m. frame [GeV]
 * @returns cos phi_hel in [-1, 1]
 */
export function cosHelicity(
  Px: number,
  Py: number,
  Pz: number,
  E: number,
  px: number,
  py: number,
  pz: number,
  e: number,
): number {
  const P2 = Px * Px + Py * Py + Pz * Pz;
  if (!(P2 > 0)) return 0;
  // boost by beta = -P/E into the pair rest frame
  const bx = -Px / E;
  const by = -Py / E;
  const bz = -Pz / E;
  const b2 = P2 / (E * E);
  const gamma = 1 / Math.sqrt(1 - b2);
  const g2 = (gamma * gamma) / (gamma + 1);
  const bp = bx * px + by * py + bz * pz;
  const f = g2 * bp + gamma * e;
  const qx = px + f * bx;
  const qy = py + f * by;
  const qz = pz + f * bz;
  const q = Math.sqrt(qx * qx + qy * qy + qz * qz);
  if (!(q > 0)) return 0;
  return -(qx * Px + qy * Py + qz * Pz) / (q * Math.sqrt(P2));
}

/**
 * Per-row {@link cosHelicity} for pair columns P and daughter columns d into `out`; returns `out`.
 */
export function cosHelicityColumns(
  Px: Float64Array,
  Py: Float64Array,
  Pz: Float64Array,
  E: Float64Array,
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "cosHelicityColumns", Px, Py, Pz, E, px, py, pz, e);
  for (let i = 0; i < n; i++)
    out[i] = cosHelicity(Px[i]!, Py[i]!, Pz[i]!, E[i]!, px[i]!, py[i]!, pz[i]!, e[i]!);
  return out;
}
