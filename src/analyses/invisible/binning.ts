/**
 * Binning of the analysis-A fit (spec invisible-zprime.md "Fit"):
 *
 * - M2_recoil bins one resolution wide over the fit range [-0.5, 81] GeV^2 (the range of the
 *   paper's systematic-uncertainty table): each bin's width w solves w = sigma(lower edge + w/2),
 *   i.e. equals the resolution at its own centre;
 * - mass hypotheses one resolution apart in M2 from 0.01 to 8.5 GeV (the paper's 582): M2_{i+1}
 *   = M2_i + sigma(midpoint); 8.5 GeV itself is appended when the last step stops more than
 *   half a resolution short of it; a step longer than {@link MAX_MASS_STEP} = 202 MeV in M is
 *   then split into equal parts (the paper: "steps of 3 to 202 MeV"; its first step, 0.010 ->
 *   0.212 GeV, is 202 MeV; one resolution in M2 from 0.01 GeV is ~0.4 GeV, too coarse to follow
 *   the coupling limits and the dimuon threshold at 0.211 GeV of the vanilla model);
 * - a search window of 20 M2 bins per hypothesis, centred: its middle edge is the bin edge
 *   nearest to M^2 (shifted inwards at the ends of the range);
 * - theta_recoil (c.m.) bins that follow the mu mu (gamma) background: 5 bins at low M2 down to
 *   1 bin at high M2. Region boundaries (GeV^2) and why:
 *     [-inf, 4): 5 bins  single-photon mu mu gamma region; the recoil is confined to the ECL
 *                        barrel (cut 5) and the escaping photon sits at the barrel edges and the
 *                        89-91 deg gap, so theta separates it from the signal best here;
 *     [4, 16):  4 bins,  [16, 36): 3 bins,  [36, 56): 2 bins   the two mu mu gamma gamma bands
 *                        in the theta-M2 plane between 1 and 50 GeV^2 (the reason the 2D fit is
 *                        ~2x more sensitive) move together and get wider apart in M2, so fewer
 *                        bins keep the per-bin background populated;
 *     [56, inf): 1 bin   e e mu mu dominates, flat in theta; 56 GeV^2 is where the paper
 *                        switches its background-shape control sample from mu mu gamma to e mu.
 *   A window uses the theta bins of the region of its hypothesis M^2 (so every window is a
 *   rectangular 20 x n_theta grid). The inner theta edges should come from the selected mu mu
 *   (gamma) sample ({@link thetaBinningFromSample}: quantiles per region, half equal-population,
 *   half equal-width);
 *   {@link DEFAULT_THETA_BINNING} has fixed edges for when no sample is at hand.
 */
import { ConfigError } from "../../core/errors.ts";
import { deg } from "../../core/units.ts";
import type { ResolutionFunction } from "./resolution.ts";

/** Default M2_recoil fit range [GeV^2]. */
export const M2_RANGE: readonly [number, number] = [-0.5, 81];
/** Default mass range of the hypotheses [GeV]. */
export const MASS_RANGE: readonly [number, number] = [0.01, 8.5];
/** Bins per search window. */
export const WINDOW_BINS = 20;
/** Largest step between mass hypotheses [GeV] (the paper's 202 MeV, module comment). */
export const MAX_MASS_STEP = 0.202;
/**
 * Revision of the hypothesis grid ({@link massHypotheses}): keys the templates stage of `mumux run`,
 * so that a changed grid does not reuse the templates, workspaces and fits of an older one.
 */
export const MASS_GRID = "2: one resolution in M2, steps over 202 MeV in M split";

/** Width w with w = sigma(e + w/2) (fixed point; sigma varies slowly, 4 iterations suffice). */
function widthFrom(res: ResolutionFunction, e: number, factor: number): number {
  let w = factor * res.sigma(e);
  for (let k = 0; k < 4; k++) w = factor * res.sigma(e + 0.5 * w);
  if (!(w > 0) || !Number.isFinite(w)) throw new ConfigError(`resolution at M2 = ${e} is ${w}`, "resolution");
  return w;
}

/**
 * M2_recoil bin edges, each bin one resolution wide (times `factor`); the last bin is stretched
 * to `hi` when the remainder is under half a width, else closed at `hi`.
 *
 * @example const edges = m2BinEdges(res); // Float64Array, edges[0] = -0.5, last = 81
 */
export function m2BinEdges(
  res: ResolutionFunction,
  lo = M2_RANGE[0],
  hi = M2_RANGE[1],
  factor = 1,
): Float64Array {
  if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi))
    throw new ConfigError(`need finite lo < hi, got ${lo}, ${hi}`, "binning.m2Range");
  if (!(factor > 0)) throw new ConfigError(`factor must be > 0, got ${factor}`, "binning.factor");
  const edges = [lo];
  let e = lo;
  for (;;) {
    const w = widthFrom(res, e, factor);
    if (e + w >= hi) {
      if (hi - e < 0.5 * w && edges.length > 1) edges[edges.length - 1] = hi;
      else edges.push(hi);
      break;
    }
    e += w;
    edges.push(e);
    if (edges.length > 1e6) throw new ConfigError("more than 1e6 bins: resolution too small", "binning");
  }
  return Float64Array.from(edges);
}

/**
 * Mass hypotheses [GeV], one resolution apart in M2 (times `factor`), from mMin to mMax (both
 * included), with every step longer than `maxStep` in M split into equal parts (module comment).
 *
 * @example massHypotheses(res).length // the number of scan points (582 in the paper)
 */
export function massHypotheses(
  res: ResolutionFunction,
  mMin = MASS_RANGE[0],
  mMax = MASS_RANGE[1],
  factor = 1,
  maxStep = MAX_MASS_STEP,
): Float64Array {
  if (!(mMin > 0 && mMin < mMax) || !Number.isFinite(mMax))
    throw new ConfigError(`need 0 < mMin < mMax, got ${mMin}, ${mMax}`, "binning.massRange");
  if (!(maxStep > 0)) throw new ConfigError(`maxStep must be > 0, got ${maxStep}`, "binning.maxStep");
  const grid = [mMin];
  let m2 = mMin * mMin;
  const end = mMax * mMax;
  for (;;) {
    const w = widthFrom(res, m2, factor);
    if (m2 + w > end) {
      if (end - m2 > 0.5 * w) grid.push(mMax);
      break;
    }
    m2 += w;
    grid.push(Math.sqrt(m2));
  }
  const out = [grid[0]!];
  for (let i = 1; i < grid.length; i++) {
    const a = grid[i - 1]!;
    const b = grid[i]!;
    const parts = Math.ceil((b - a) / maxStep - 1e-12);
    for (let k = 1; k < parts; k++) out.push(a + ((b - a) * k) / parts);
    out.push(b);
  }
  return Float64Array.from(out);
}

/** Bins [first, end) of the M2 axis that make up a window. */
export interface Window {
  /** First bin of the window (index into the full M2 binning). */
  first: number;
  /** One past the last bin. */
  end: number;
  /** The hypothesis M^2 it is centred on [GeV^2]. */
  m2: number;
}

/** Index of the edge nearest to x (edges increasing). */
function nearestEdge(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (edges[m]! <= x) lo = m;
    else hi = m;
  }
  return x - edges[lo]! <= edges[hi]! - x ? lo : hi;
}

/**
 * The `nBins`-bin window centred on M^2 = m2 (the middle edge is the edge nearest to m2; shifted
 * to stay inside the binning at its ends). Throws ConfigError if the binning has fewer bins.
 *
 * @example const w = searchWindow(edges, 2.352 ** 2); w.end - w.first // 20
 */
export function searchWindow(edges: ArrayLike<number>, m2: number, nBins = WINDOW_BINS): Window {
  const total = edges.length - 1;
  if (!Number.isInteger(nBins) || nBins < 1)
    throw new ConfigError(`nBins must be >= 1, got ${nBins}`, "binning.window");
  if (total < nBins)
    throw new ConfigError(`binning has ${total} bins, a window needs ${nBins}`, "binning.window");
  const j = nearestEdge(edges, m2);
  let first = j - Math.floor(nBins / 2);
  first = Math.max(0, Math.min(first, total - nBins));
  return { first, end: first + nBins, m2 };
}

/**
 * A wide window (Gamma = 0.1 M benchmark): the bins covering [m2 - halfWidth, m2 + halfWidth],
 * at least `minBins`, clipped to the binning.
 */
export function wideSearchWindow(
  edges: ArrayLike<number>,
  m2: number,
  halfWidth: number,
  minBins = WINDOW_BINS,
): Window {
  if (!(halfWidth > 0)) throw new ConfigError(`halfWidth must be > 0, got ${halfWidth}`, "binning.window");
  const total = edges.length - 1;
  let first = Math.max(0, nearestEdge(edges, m2 - halfWidth));
  let end = Math.min(total, nearestEdge(edges, m2 + halfWidth));
  if (end - first < minBins) {
    const w = searchWindow(edges, m2, Math.min(minBins, total));
    first = Math.min(first, w.first);
    end = Math.max(end, w.end);
  }
  return { first, end, m2 };
}

/** theta_recoil (c.m.) binning by M2 region. */
export interface ThetaBinning {
  /** Regions by increasing upper M2 bound [GeV^2]; the last must be +Infinity. Edges in radians, 0 .. pi. */
  regions: readonly { m2Max: number; edges: Float64Array }[];
}

/** Upper M2 bounds [GeV^2] and bin counts of the theta regions (module comment). */
export const THETA_REGIONS: readonly { m2Max: number; nBins: number }[] = [
  { m2Max: 4, nBins: 5 },
  { m2Max: 16, nBins: 4 },
  { m2Max: 36, nBins: 3 },
  { m2Max: 56, nBins: 2 },
  { m2Max: Number.POSITIVE_INFINITY, nBins: 1 },
];

/**
 * Fixed theta (c.m.) edges in degrees per region, used when no mu mu (gamma) sample is given:
 * the inner edges split the c.m. image of the lab acceptance (about 40-131 deg for the barrel
 * window, 0-131 deg above 4 GeV^2) into roughly equal parts.
 */
export const DEFAULT_THETA_EDGES_DEG: readonly (readonly number[])[] = [
  [0, 60, 80, 100, 115, 180],
  [0, 55, 80, 105, 180],
  [0, 65, 100, 180],
  [0, 85, 180],
  [0, 180],
];

/** {@link DEFAULT_THETA_EDGES_DEG} on {@link THETA_REGIONS}. */
export const DEFAULT_THETA_BINNING: ThetaBinning = {
  regions: THETA_REGIONS.map((r, k) => ({
    m2Max: r.m2Max,
    edges: Float64Array.from(DEFAULT_THETA_EDGES_DEG[k]!, deg),
  })),
};

/** The theta edges [rad] for a window centred at M^2 = m2. */
export function thetaEdgesAt(b: ThetaBinning, m2: number): Float64Array {
  for (const r of b.regions) if (m2 < r.m2Max) return r.edges;
  return b.regions[b.regions.length - 1]!.edges;
}

/**
 * Theta (c.m.) binning following a selected mu mu (gamma) sample. In each region of
 * {@link THETA_REGIONS} (or `regions`), the inner edges are the k/n quantiles of an even mixture
 * of the background's theta distribution (events in that M2 range, weighted) and a uniform
 * distribution over the range the events populate; outer edges are 0 and pi. Pure
 * equal-population edges would spend most bins on a narrow spike (after the cuts the low-M2
 * mu mu gamma background sits in a band a few degrees wide next to the 89-91 deg ECL gap) and
 * leave the rest of theta, where the signal is, in one or two wide bins; the mixture isolates
 * such a band with its own narrow bin(s) and still covers the rest evenly. For a uniform
 * background both agree. A region with fewer than 10 n events keeps the default edges of the
 * same bin count (quantiles of a handful of events are noise).
 *
 * @param thetaCm, m2, weights selected background events (c.m. recoil theta [rad], M2 [GeV^2])
 */
export function thetaBinningFromSample(
  thetaCm: ArrayLike<number>,
  m2: ArrayLike<number>,
  weights?: ArrayLike<number>,
  regions: readonly { m2Max: number; nBins: number }[] = THETA_REGIONS,
): ThetaBinning {
  let lo = Number.NEGATIVE_INFINITY;
  const out: { m2Max: number; edges: Float64Array }[] = [];
  regions.forEach((r, k) => {
    if (!Number.isInteger(r.nBins) || r.nBins < 1)
      throw new ConfigError(`nBins must be a positive integer`, `binning.theta[${k}].nBins`);
    const idx: number[] = [];
    for (let i = 0; i < m2.length; i++) {
      const x = m2[i]!;
      if (x >= lo && x < r.m2Max && Number.isFinite(thetaCm[i]!) && (!weights || weights[i]! > 0))
        idx.push(i);
    }
    lo = r.m2Max;
    const fallback = () => {
      const d = DEFAULT_THETA_EDGES_DEG.find((e) => e.length === r.nBins + 1);
      if (d) return Float64Array.from(d, deg);
      return Float64Array.from({ length: r.nBins + 1 }, (_, j) => (Math.PI * j) / r.nBins);
    };
    if (idx.length < 10 * r.nBins || r.nBins === 1) {
      out.push({ m2Max: r.m2Max, edges: fallback() });
      return;
    }
    idx.sort((a, b) => thetaCm[a]! - thetaCm[b]!);
    const th = Float64Array.from(idx, (i) => thetaCm[i]!);
    const cw = new Float64Array(idx.length + 1);
    idx.forEach((i, j) => {
      cw[j + 1] = cw[j]! + (weights ? weights[i]! : 1);
    });
    const tot = cw[idx.length]!;
    const t0 = th[0]!;
    const t1 = th[th.length - 1]!;
    if (!(t1 > t0)) {
      out.push({ m2Max: r.m2Max, edges: fallback() });
      return;
    }
    // mixture CDF: 0.5 F_bkg(t) + 0.5 (t - t0)/(t1 - t0), strictly increasing on [t0, t1]
    const fMix = (t: number) => {
      let a = 0;
      let b = th.length;
      while (a < b) {
        const m = (a + b) >> 1;
        if (th[m]! <= t) a = m + 1;
        else b = m;
      }
      return (0.5 * cw[a]!) / tot + (0.5 * (t - t0)) / (t1 - t0);
    };
    const edges = [0];
    for (let q = 1; q < r.nBins; q++) {
      let a = t0;
      let b = t1;
      for (let it = 0; it < 60; it++) {
        const m = 0.5 * (a + b);
        if (fMix(m) < q / r.nBins) a = m;
        else b = m;
      }
      edges.push(0.5 * (a + b));
    }
    edges.push(Math.PI);
    let ok = true;
    for (let j = 1; j < edges.length; j++) if (!(edges[j]! > edges[j - 1]!)) ok = false;
    out.push({ m2Max: r.m2Max, edges: ok ? Float64Array.from(edges) : fallback() });
  });
  if (out[out.length - 1]!.m2Max !== Number.POSITIVE_INFINITY)
    throw new ConfigError("the last theta region must extend to +Infinity", "binning.theta");
  return { regions: out };
}
