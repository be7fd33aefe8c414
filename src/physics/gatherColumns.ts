/**
 * Gather rows of jagged particle columns (TruthEvents, RecoEvents tracks) into one four-vector
 * column set with one row per event or candidate: out row i = particle row rows[i]. This is how an
 * analysis turns "the mu+ of event i" (a row index per event) into columns for the Lorentz kernels.
 *
 * Reconstructed tracks carry no energy: give a mass hypothesis and E = sqrt(p^2 + m^2) is computed
 * (e.g. M_MU for muon candidates). Without a mass, `src.e` is copied (truth particles).
 * A row index of -1 (no such particle) writes a zero four-vector.
 */
import type { FourVectorColumns, ThreeVectorColumns } from "./fourVector.ts";

/**
 * Gather `rows` of `src` into `out` (rows = rows.length; out must be at least that long).
 *
 * @param src particle columns; `e` is needed unless `mass` is given
 * @param rows particle row per output row (absolute row numbers, -1 for none)
 * @param out receives px, py, pz [GeV] and E [GeV]
 * @param mass mass hypothesis [GeV] used to compute E from the momentum
 * @returns `out`
 * @example
 * const muPlus = gatherColumns(reco, plusRow, fourVectorColumns(n), M_MU);
 */
export function gatherColumns(
  src: ThreeVectorColumns & { readonly e?: Float64Array },
  rows: Int32Array,
  out: FourVectorColumns,
  mass?: number,
): FourVectorColumns {
  const n = rows.length;
  if (out.px.length < n || out.py.length < n || out.pz.length < n || out.e.length < n)
    throw new RangeError(`gatherColumns: output has fewer than ${n} rows`);
  const e = src.e;
  if (mass === undefined && !e)
    throw new RangeError("gatherColumns: source has no energy column; give a mass");
  const m2 = mass === undefined ? 0 : mass * mass;
  const nSrc = src.px.length;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < 0) {
      out.px[i] = 0;
      out.py[i] = 0;
      out.pz[i] = 0;
      out.e[i] = 0;
      continue;
    }
    if (r >= nSrc)
      throw new RangeError(`gatherColumns: row ${r} (output row ${i}) is beyond ${nSrc} source rows`);
    const x = src.px[r]!;
    const y = src.py[r]!;
    const z = src.pz[r]!;
    out.px[i] = x;
    out.py[i] = y;
    out.pz[i] = z;
    out.e[i] = mass === undefined ? e![r]! : Math.sqrt(x * x + y * y + z * z + m2);
  }
  return out;
}
