/**
 * Rebinning of an axis, as a new axis plus a map from old bins to new bins. Histograms apply the
 * map to their storage, so 1D and 2D rebinning share one definition and conserve every sum
 * (contents and squared weights, flow bins included) by construction.
 *
 * Two ways: merge groups of `g` adjacent bins, or go to new edges that are a subset of the old
 * ones. In the second case the new range may be narrower: old bins below the first new edge join
 * the underflow bin and old bins above the last new edge join the overflow bin.
 */

import { ConfigError } from "../core/errors.ts";
import { type Axis, regularAxis, variableAxis } from "./axis.ts";

/** Result of a rebinning: the new axis and, per old storage slot, the new storage slot. */
export interface AxisRebin {
  /** The coarser axis. */
  readonly axis: Axis;
  /**
   * map[j] = new storage slot of old storage slot j, where slot = bin + 1 (slot 0 underflow,
   * slot n+1 overflow); length = old nBins + 2.
   */
  readonly map: Int32Array;
}

/**
 * Merge groups of `group` adjacent bins. `group` must divide the number of bins (ConfigError
 * otherwise). A regular axis stays regular; flow bins map to flow bins.
 *
 * @example rebinAxis(regularAxis(10, 0, 1), 5).axis.nBins // 2
 */
export function rebinAxis(axis: Axis, group: number): AxisRebin {
  const n = axis.nBins;
  if (!Number.isSafeInteger(group) || group < 1 || n % group !== 0)
    throw new ConfigError(
      `rebin: the group size must be a positive integer dividing ${n} bins, got ${group}`,
    );
  const m = n / group;
  const newEdges = new Float64Array(m + 1);
  for (let i = 0; i <= m; i++) newEdges[i] = axis.edges[i * group]!;
  const newAxis =
    axis.kind === "regular"
      ? regularAxis(m, axis.lo, axis.hi, axis.label)
      : variableAxis(newEdges, axis.label);
  const map = new Int32Array(n + 2);
  map[0] = 0;
  for (let i = 0; i < n; i++) map[i + 1] = Math.floor(i / group) + 1;
  map[n + 1] = m + 1;
  return { axis: newAxis, map };
}

/**
 * Rebin to new edges, each of which must coincide with an old edge (to 1e-9 of the smallest
 * adjacent old bin width; the old edge value is kept exactly). Old bins outside the new range go
 * to the flow bins. The result is a variable axis. ConfigError for edges that are not old edges,
 * not increasing, or fewer than 2.
 *
 * @example rebinAxisTo(regularAxis(10, 0, 10), [0, 2, 5, 10]).axis.edges // [0, 2, 5, 10]
 */
export function rebinAxisTo(axis: Axis, edges: ArrayLike<number>): AxisRebin {
  const old = axis.edges;
  const n = axis.nBins;
  if (edges.length < 2) throw new ConfigError(`rebin: need at least 2 new edges, got ${edges.length}`);
  // positions of the new edges among the old ones
  const pos = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    const x = edges[k]!;
    let j = axis.index(x);
    if (j < 0) j = 0;
    if (j > n) j = n;
    // the nearest old edge is old[j] or old[j + 1]
    let best = j;
    if (j + 1 <= n && Math.abs(old[j + 1]! - x) < Math.abs(old[j]! - x)) best = j + 1;
    const wl = best > 0 ? old[best]! - old[best - 1]! : Number.POSITIVE_INFINITY;
    const wr = best < n ? old[best + 1]! - old[best]! : Number.POSITIVE_INFINITY;
    const tol = 1e-9 * Math.min(wl, wr);
    if (!(Math.abs(old[best]! - x) <= tol))
      throw new ConfigError(`rebin: new edge ${x} is not an edge of the old axis`);
    if (k > 0 && !(best > pos[k - 1]!))
      throw new ConfigError(`rebin: new edges must increase strictly (edge ${k} = ${x})`);
    pos[k] = best;
  }
  const m = edges.length - 1;
  const newEdges = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) newEdges[k] = old[pos[k]!]!;
  const map = new Int32Array(n + 2);
  map[0] = 0;
  map[n + 1] = m + 1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    // old bin i is [old[i], old[i+1]); new bin k is [old[pos[k]], old[pos[k+1]])
    if (i < pos[0]!) map[i + 1] = 0;
    else if (i >= pos[m]!) map[i + 1] = m + 1;
    else {
      while (i >= pos[k + 1]!) k++;
      map[i + 1] = k + 1;
    }
  }
  return { axis: variableAxis(newEdges, axis.label), map };
}
