/**
 * The observations of one search window summed from the shared pseudo-data grid (templatesStage:
 * ALL M2 bins x the union of every region's theta edges, row-major `ix * nU + u`). A grid cell
 * belongs to the window's theta bin that contains its centre; since the union holds every
 * region's edges, each cell lies inside exactly one theta bin of any region, so the sum is exact
 * and overlapping windows see the same events, as they would with real data.
 */
import type { Window } from "../../analyses/invisible/binning.ts";

/**
 * Window observations from grid counts.
 *
 * @param counts grid counts (or expectations), length nM * nU, index `ix * nU + u`
 * @param union theta union edges [rad], length nU + 1 (the grid's theta axis)
 * @param w the window's M2 bins [w.first, w.end) of the grid's M2 axis
 * @param th the window's theta edges [rad] (a subset of `union`), nT = th.length - 1 bins
 * @param out optional output, length (w.end - w.first) * nT (filled with the sums)
 * @returns counts per window bin, x-major: `(ix - w.first) * nT + j` (the workspace's bin order)
 * @example const data = windowData(templates.pseudoData.counts, union, searchWindow(edges, m2), th);
 */
export function windowData(
  counts: ArrayLike<number>,
  union: ArrayLike<number>,
  w: Pick<Window, "first" | "end">,
  th: ArrayLike<number>,
): number[];
export function windowData<T extends number[] | Float64Array>(
  counts: ArrayLike<number>,
  union: ArrayLike<number>,
  w: Pick<Window, "first" | "end">,
  th: ArrayLike<number>,
  out: T,
): T;
export function windowData(
  counts: ArrayLike<number>,
  union: ArrayLike<number>,
  w: Pick<Window, "first" | "end">,
  th: ArrayLike<number>,
  out?: number[] | Float64Array,
): number[] | Float64Array {
  const nU = union.length - 1;
  const nT = th.length - 1;
  const data = out ?? new Array<number>((w.end - w.first) * nT);
  data.fill(0);
  for (let ix = w.first; ix < w.end; ix++)
    for (let u = 0; u < nU; u++) {
      const c = 0.5 * (union[u]! + union[u + 1]!);
      let j = 0;
      while (j < nT - 1 && c >= th[j + 1]!) j++;
      data[(ix - w.first) * nT + j]! += counts[ix * nU + u]!;
    }
  return data;
}
