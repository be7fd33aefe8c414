/**
 * Momentum components relative to an arbitrary axis a (need not be normalised) [GeV]:
 *   pLong = p . a / |a|,   ptRel = |p x a| / |a|.
 *
 * These are the Punzi-net inputs of the invisible Z' search (arXiv:2212.03066, Belle II):
 * p_T of the higher-energy muon w.r.t. the lower-energy muon direction, |p_hi x p^_lo|, and the
 * longitudinal momentum p_hi . p^_lo; and the four-muon MLP variables p_T(p_mumu, p_rec),
 * "signed by the longitudinal projection" (arXiv:2403.02841), see {@link ptRelSigned}.
 * A zero axis has no direction: all three functions return 0 for it.
 */
import { assertRows } from "./fourVector.ts";

/** |p x a| / |a| [GeV], the momentum transverse to axis a (0 if a = 0). @example ptRel(1, 1, 0, 1, 0, 0) // 1 */
export function ptRel(px: number, py: number, pz: number, ax: number, ay: number, az: number): number {
  const a2 = ax * ax + ay * ay + az * az;
  if (!(a2 > 0)) return 0;
  const cx = py * az - pz * ay;
  const cy = pz * ax - px * az;
  const cz = px * ay - py * ax;
  return Math.sqrt((cx * cx + cy * cy + cz * cz) / a2);
}

/** p . a / |a| [GeV], the (signed) momentum along axis a (0 if a = 0). @example pLong(1, 1, 0, 2, 0, 0) // 1 */
export function pLong(px: number, py: number, pz: number, ax: number, ay: number, az: number): number {
  const a2 = ax * ax + ay * ay + az * az;
  if (!(a2 > 0)) return 0;
  return (px * ax + py * ay + pz * az) / Math.sqrt(a2);
}

/**
 * ptRel carrying the sign of pLong [GeV]: +|p x a|/|a| when p points along a (p.a >= 0), minus
 * otherwise. This is how the four-muon search signs p_T(p_mumu, p_rec) (arXiv:2403.02841).
 */
export function ptRelSigned(px: number, py: number, pz: number, ax: number, ay: number, az: number): number {
  const t = ptRel(px, py, pz, ax, ay, az);
  return px * ax + py * ay + pz * az >= 0 ? t : -t;
}

/** Per-row {@link ptRel} of p-columns w.r.t. a-columns into `out`; returns `out`. */
export function ptRelColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  ax: Float64Array,
  ay: Float64Array,
  az: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "ptRelColumns", px, py, pz, ax, ay, az);
  for (let i = 0; i < n; i++) out[i] = ptRel(px[i]!, py[i]!, pz[i]!, ax[i]!, ay[i]!, az[i]!);
  return out;
}

/** Per-row {@link pLong} of p-columns along a-columns into `out`; returns `out`. */
export function pLongColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  ax: Float64Array,
  ay: Float64Array,
  az: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "pLongColumns", px, py, pz, ax, ay, az);
  for (let i = 0; i < n; i++) out[i] = pLong(px[i]!, py[i]!, pz[i]!, ax[i]!, ay[i]!, az[i]!);
  return out;
}
