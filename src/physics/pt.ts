/**
 * Transverse momentum w.r.t. the z axis, pT = sqrt(px^2 + py^2) [GeV]. For the transverse
 * momentum w.r.t. an arbitrary axis see {@link ptRel}.
 */
import { assertRows } from "./fourVector.ts";

/** pT w.r.t. +z [GeV]. @example pt(3, 4) // 5 */
export function pt(px: number, py: number): number {
  return Math.sqrt(px * px + py * py);
}

/** Per-row pT [GeV] into `out` (length = rows); returns `out`. */
export function ptColumns(px: Float64Array, py: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  assertRows(n, "ptColumns", px, py);
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    out[i] = Math.sqrt(x * x + y * y);
  }
  return out;
}
