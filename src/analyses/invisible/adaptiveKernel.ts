/**
 * Adaptive kernel widths for background templates made from few MC events (analysis A).
 *
 * After the Punzi-net the background MC of the default run has weights ~1 (L_MC = L_data) and a
 * few thousand events spread over ~800 M2 bins x up to 5 theta bins: most template bins hold
 * zero or one MC event, although the true background is a smooth function of M2 there. Pseudo-data
 * (or real data) drawn independently of that MC then sit in bins where the template is empty,
 * and the fit reads the MC's own holes as signal (local significances of 5 sigma, chi2 p-values
 * of 1e-8 in a background-only closure test). The cure of a real analysis is more MC; the cure
 * here, within the run budget, is to estimate the background density from the MC with an
 * adaptive Gaussian kernel in M2 (theta is kept binned, since the mu mu (gamma) bands are
 * structures in theta):
 *
 *   h_i = clamp(d_K(i) / 2, hMin(m2_i), hMax(m2_i)),
 *
 * d_K(i) = distance in M2 from event i to its K-th nearest neighbour among the events of the same
 * theta cell (the variable-bandwidth / k-nearest-neighbour kernel estimate: D.O. Loftsgaarden,
 * C.P. Quesenberry, Ann. Math. Stat. 36 (1965) 1049; B.W. Silverman, "Density Estimation for
 * Statistics and Data Analysis" (1986) sec. 5.2; in HEP, K. Cranmer, Comput. Phys. Commun. 136
 * (2001) 198). With about K/(2 d_K) events per unit M2, a Gaussian of sigma = d_K/2 is fed by
 * about sqrt(pi) K / 2 ~ 0.9 K events, so every smoothed bin carries the statistics of ~K MC
 * events instead of ~1. Where the MC is dense the width stops at hMin (of order the signal
 * resolution: the shape of resolution-width background structures such as the single-photon
 * mu mu peak at M2 ~ 0 survives), where it is sparse at hMax (a few resolutions: the smoothing
 * never spans a search window of 20 resolutions).
 */
import { ConfigError } from "../../core/errors.ts";
import { variableAxis } from "../../hist/axis.ts";
import type { SelectedEvents } from "./templates.ts";

/** Options of {@link adaptiveKernelWidths}. */
export interface AdaptiveKernelOptions {
  /** K: the neighbour whose distance sets the width (>= 1). */
  neighbours: number;
  /** Smallest width at M2 [GeV^2] (> 0). */
  minWidth: (m2: number) => number;
  /** Largest width at M2 [GeV^2] (>= minWidth). */
  maxWidth: (m2: number) => number;
}

/**
 * Per-event Gaussian kernel widths in M2 [GeV^2] (module doc), for events sorted by M2. Events
 * outside the theta edges, and cells with at most K events, get the largest width.
 *
 * @param thetaEdges theta (c.m.) cells [rad] within which neighbours are counted
 * @returns widths, same order as `ev`
 * @throws ConfigError for K < 1 or a non-positive / inverted width range
 * @example const h = adaptiveKernelWidths(bkg, union, { neighbours: 10, minWidth: (m2) => res.sigma(m2), maxWidth: (m2) => 4 * res.sigma(m2) });
 */
export function adaptiveKernelWidths(
  ev: SelectedEvents,
  thetaEdges: ArrayLike<number>,
  o: AdaptiveKernelOptions,
): Float64Array {
  const K = o.neighbours;
  if (!(Number.isInteger(K) && K >= 1))
    throw new ConfigError(`must be an integer >= 1, got ${K}`, "kernel.neighbours");
  const n = ev.m2.length;
  const h = new Float64Array(n);
  const axis = variableAxis(thetaEdges);
  const cells: number[][] = Array.from({ length: axis.nBins }, () => []);
  for (let i = 0; i < n; i++) {
    const c = axis.index(ev.thetaCm[i]!);
    if (c >= 0 && c < axis.nBins) cells[c]!.push(i);
    else h[i] = -1; // marked: the largest width
  }
  for (const idx of cells) {
    const m = idx.length;
    for (let p = 0; p < m; p++) {
      let d = Number.POSITIVE_INFINITY;
      if (m > K) {
        // the K nearest of a sorted list lie in [p - K, p + K]: walk outwards K times
        const x = ev.m2[idx[p]!]!;
        let lo = p - 1;
        let hi = p + 1;
        for (let k = 0; k < K; k++) {
          const dl = lo >= 0 ? x - ev.m2[idx[lo]!]! : Number.POSITIVE_INFINITY;
          const dh = hi < m ? ev.m2[idx[hi]!]! - x : Number.POSITIVE_INFINITY;
          if (dl <= dh) {
            d = dl;
            lo--;
          } else {
            d = dh;
            hi++;
          }
        }
      }
      h[idx[p]!] = d / 2;
    }
  }
  for (let i = 0; i < n; i++) {
    const x = ev.m2[i]!;
    const lo = o.minWidth(x);
    const hi = o.maxWidth(x);
    if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi))
      throw new ConfigError(`width range [${lo}, ${hi}] at M2 = ${x}`, "kernel");
    h[i] = h[i]! < 0 ? hi : Math.min(hi, Math.max(lo, h[i]!));
  }
  return h;
}
