/**
 * Background-only pseudo-data for look-elsewhere toy scans. The template is the background the
 * scan itself fits: at every mass hypothesis the background-only fit of its window gives the
 * background intensity at the window centre, a local polynomial smoother with bandwidth = the fit
 * window, so statistical fluctuations of the data on the scale of the signal width are not copied
 * into the toys (a histogram of the data would copy them, and the toys would then contain bumps).
 * The template is piecewise linear through these values (histogramPdf "linear" over bins centred on
 * the hypotheses), extended to the outer window edges with the first and last fits. Each toy has
 * Poisson(N) events, N the observed count over the scanned range, and is sorted.
 */
import type { Stream } from "../../core/random.ts";
import { bernsteinBasis } from "../unbinned/bernsteinPdf.ts";
import { histogramPdf } from "../unbinned/histogramPdf.ts";
import type { Pdf } from "../unbinned/pdf.ts";
import type { BumpHuntConfig } from "./bumpHuntConfig.ts";
import { fitWindow, lowerBound, windowModel } from "./fitMassPoint.ts";
import type { MassGrid } from "./massGrid.ts";

/** The smooth background template and the expected count over [grid.lo[0], grid.hi[last]]. */
export function backgroundToyModel(
  events: Float64Array,
  grid: MassGrid,
  cfg: BumpHuntConfig,
): { pdf: Pdf; count: number } {
  const P = grid.mass.length;
  const lo = grid.lo[0]!;
  const hi = grid.hi[P - 1]!;
  // Intensity (events/GeV) of the background-only fit at each hypothesis; NaN where it failed.
  const dens = new Float64Array(P).fill(Number.NaN);
  const basis = new Float64Array(cfg.poly + 1);
  const intensityAt = (k: number, x: number, b: Float64Array): number => {
    bernsteinBasis(cfg.poly, grid.lo[k]!, grid.hi[k]!, x, basis);
    let d = 0;
    for (let j = 0; j <= cfg.poly; j++) d += b[j + 1]! * basis[j]!;
    return d;
  };
  let firstEdge = Number.NaN;
  let lastEdge = Number.NaN;
  for (let k = 0; k < P; k++) {
    const i0 = lowerBound(events, grid.lo[k]!);
    const i1 = lowerBound(events, grid.hi[k]!);
    const n = i1 - i0;
    if (n === 0) {
      dens[k] = 0;
      continue;
    }
    const m = windowModel(grid, k, cfg);
    const F = new Float64Array(m.K * n);
    m.fill(events.subarray(i0, i1), F);
    const { b } = fitWindow(F, n, m.K);
    if (!b.converged) continue;
    dens[k] = Math.max(0, intensityAt(k, grid.mass[k]!, b.yields));
    if (k === 0) firstEdge = Math.max(0, intensityAt(k, lo, b.yields));
    if (k === P - 1) lastEdge = Math.max(0, intensityAt(k, hi, b.yields));
  }
  // Fill failed points from neighbours (linear in index), so one bad fit leaves no hole.
  let prev = -1;
  for (let k = 0; k <= P; k++) {
    if (k < P && Number.isNaN(dens[k]!)) continue;
    if (k - prev > 1) {
      const a = prev >= 0 ? dens[prev]! : k < P ? dens[k]! : 0;
      const c = k < P ? dens[k]! : a;
      for (let j = prev + 1; j < k; j++) dens[j] = a + ((c - a) * (j - prev)) / (k - prev);
    }
    prev = k;
  }
  if (Number.isNaN(firstEdge)) firstEdge = dens[0]!;
  if (Number.isNaN(lastEdge)) lastEdge = dens[P - 1]!;
  // Bins centred on lo, the hypotheses and hi; contents = intensity x width, so the "linear"
  // histogram pdf interpolates the intensities between these nodes.
  const nodes = [lo, ...grid.mass, hi];
  const values = [firstEdge, ...dens, lastEdge];
  const edges: number[] = [lo];
  for (let j = 0; j + 1 < nodes.length; j++) edges.push(0.5 * (nodes[j]! + nodes[j + 1]!));
  edges.push(hi);
  const contents: number[] = [];
  for (let j = 0; j < nodes.length; j++) contents.push(values[j]! * (edges[j + 1]! - edges[j]!));
  // Drop zero-width bins (a node on an edge) which histogramPdf rejects.
  const e2: number[] = [edges[0]!];
  const c2: number[] = [];
  for (let j = 0; j < contents.length; j++) {
    if (edges[j + 1]! > e2[e2.length - 1]!) {
      e2.push(edges[j + 1]!);
      c2.push(contents[j]!);
    }
  }
  const count = lowerBound(events, hi) - lowerBound(events, lo);
  return { pdf: histogramPdf(e2, c2, "linear"), count };
}

/** One sorted background-only toy data set. */
export function drawBackgroundToy(model: { pdf: Pdf; count: number }, rng: Stream): Float64Array {
  const n = rng.poisson(model.count);
  return model.pdf.sample(rng, new Float64Array(n)).sort();
}
