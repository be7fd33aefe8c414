/**
 * Magnitude of the three-momentum, |p| = sqrt(px^2 + py^2 + pz^2) [GeV].
 */
import { assertRows } from "./fourVector.ts";

/** |p| [GeV]. @example momentum(2, 3, 6) // 7 */
export function momentum(px: number, py: number, pz: number): number {
  return Math.sqrt(px * px + py * py + pz * pz);
}

/** Per-row |p| [GeV] of three-vector columns into `out` (length = rows); returns `out`. */
export function momentumColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "momentumColumns", px, py, pz);
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    out[i] = Math.sqrt(x * x + y * y + z * z);
  }
  return out;
}
