/**
 * Accept-reject sampling of a non-negative density f on the unit hypercube [0,1]^d (d = 1..4)
 * with a piecewise-constant majorant on a regular grid of cells: the cell maxima are estimated
 * on a lattice of (probes + 1)^d points per cell (corners included, shared between cells) and
 * multiplied by a safety factor. A cell is chosen with probability ∝ max * volume (Walker-Vose
 * alias table, O(1)), a point uniformly inside it, and accepted with probability f / max.
 *
 * Accepted points follow f exactly where f <= max; points with f > max ("overweights") are
 * counted so the caller can report them (they bias the shape by at most their excess).
 * The integral of f is  I = majorantIntegral * accepted / trials, with the binomial Monte Carlo
 * error majorantIntegral * sqrt(p (1 - p) / trials). Building is deterministic (no random numbers),
 * so every worker that builds the same sampler gets the same majorant. General: any generator
 * with a smooth density in a few unit variables can use it (processes of the background helper).
 *
 * Reference: the alias method, M.D. Vose, IEEE Trans. Softw. Eng. 17 (1991) 972.
 */
import type { Stream } from "../core/random.ts";

/** A built sampler; see {@link buildGridSampler}. */
export interface GridSampler {
  /** Number of dimensions d. */
  readonly dims: number;
  /** Cells per dimension. */
  readonly bins: Int32Array;
  /** Majorant value per cell (row-major, last dimension fastest). */
  readonly cellMax: Float64Array;
  /** Integral of the majorant over the unit cube (= sum of cellMax * cell volume). */
  readonly majorantIntegral: number;
  /** Alias table: probability threshold per cell. */
  readonly aliasProb: Float64Array;
  /** Alias table: alias cell per cell. */
  readonly alias: Int32Array;
}

/** Options of {@link buildGridSampler}. */
export interface GridSamplerOptions {
  /**
   * Lattice intervals per cell used to find the cell maximum: one number for every dimension or
   * one per dimension (default 2).
   */
  readonly probes?: number | readonly number[];
  /** Factor applied to each probed maximum (default 1.3). */
  readonly safety?: number;
}

/**
 * Build the majorant of f on a grid with `bins[k]` cells along dimension k.
 *
 * @param f density on [0,1]^d (>= 0; NaN or negative values are treated as 0). Called with a
 *   reused Float64Array of length d; must not keep it.
 * @param bins cells per dimension (each >= 1)
 * @example
 * const g = buildGridSampler((u) => Math.exp(-u[0]! * 5), [64]);
 */
export function buildGridSampler(
  f: (u: Float64Array) => number,
  bins: readonly number[],
  opts: GridSamplerOptions = {},
): GridSampler {
  const d = bins.length;
  if (d < 1 || d > 4) throw new RangeError(`buildGridSampler: 1 to 4 dimensions, got ${d}`);
  const pr = Int32Array.from(bins, (_, k) => {
    const p = typeof opts.probes === "number" ? opts.probes : (opts.probes?.[k] ?? 2);
    if (!(Number.isInteger(p) && p >= 1)) throw new RangeError(`buildGridSampler: bad probes ${p}`);
    return p;
  });
  const safety = opts.safety ?? 1.3;
  const nb = Int32Array.from(bins);
  const lat = Array.from(nb, (b, k) => b * pr[k]! + 1); // lattice points per dimension
  let nLat = 1;
  for (const l of lat) nLat *= l;
  const vals = new Float64Array(nLat);
  const u = new Float64Array(d);
  const idx = new Int32Array(d);
  for (let i = 0; i < nLat; i++) {
    let r = i;
    for (let k = d - 1; k >= 0; k--) {
      idx[k] = r % lat[k]!;
      r = Math.floor(r / lat[k]!);
      u[k] = idx[k]! / (lat[k]! - 1);
    }
    const v = f(u);
    vals[i] = v > 0 && Number.isFinite(v) ? v : 0;
  }
  let nCells = 1;
  for (const b of nb) nCells *= b;
  const cellMax = new Float64Array(nCells);
  const cidx = new Int32Array(d);
  const off = new Int32Array(d);
  let vol = 1;
  for (const b of nb) vol /= b;
  let total = 0;
  for (let c = 0; c < nCells; c++) {
    let r = c;
    for (let k = d - 1; k >= 0; k--) {
      cidx[k] = r % nb[k]!;
      r = Math.floor(r / nb[k]!);
    }
    // max over the (probes+1)^d lattice points of this cell
    let mx = 0;
    off.fill(0);
    for (;;) {
      let li = 0;
      for (let k = 0; k < d; k++) li = li * lat[k]! + cidx[k]! * pr[k]! + off[k]!;
      const v = vals[li]!;
      if (v > mx) mx = v;
      let k = d - 1;
      while (k >= 0 && off[k] === pr[k]) off[k--] = 0;
      if (k < 0) break;
      off[k]!++;
    }
    cellMax[c] = mx * safety;
    total += cellMax[c]! * vol;
  }
  if (!(total > 0))
    throw new RangeError("buildGridSampler: the density is zero everywhere on the probe lattice");
  // Walker-Vose alias table over cells with probabilities cellMax * vol / total
  const aliasProb = new Float64Array(nCells);
  const alias = new Int32Array(nCells);
  const scaled = new Float64Array(nCells);
  const small: number[] = [];
  const large: number[] = [];
  for (let c = 0; c < nCells; c++) {
    scaled[c] = (cellMax[c]! * vol * nCells) / total;
    (scaled[c]! < 1 ? small : large).push(c);
  }
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    aliasProb[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  for (const c of large) {
    aliasProb[c] = 1;
    alias[c] = c;
  }
  for (const c of small) {
    aliasProb[c] = 1;
    alias[c] = c;
  }
  return { dims: d, bins: nb, cellMax, majorantIntegral: total, aliasProb, alias };
}

/**
 * Propose one point: pick a cell ∝ its majorant mass, fill `u` with a uniform point inside it, and
 * return that cell's majorant value (accept the point with probability f(u) / returned value).
 * Uses d + 2 uniforms.
 */
export function proposeGridPoint(g: GridSampler, rng: Stream, u: Float64Array): number {
  const n = g.cellMax.length;
  let c = Math.floor(rng.uniform() * n);
  if (rng.uniform() >= g.aliasProb[c]!) c = g.alias[c]!;
  const cell = c;
  for (let k = g.dims - 1; k >= 0; k--) {
    const b = g.bins[k]!;
    const ik = c % b;
    c = (c - ik) / b;
    u[k] = (ik + rng.uniform()) / b;
  }
  return g.cellMax[cell]!;
}
