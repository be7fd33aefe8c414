/**
 * Coupling limits vs mass on log-log axes (g' vs M_Z'): the (g-2)_μ ±2σ band (the region where
 * the new boson would explain the anomaly), exclusion curves of this analysis (observed solid,
 * expected dashed) with the excluded region above the observed curve lightly shaded, and optional
 * comparison curves from other experiments (NA64-e, BaBar, Belle, CMS, ...).
 */
import { dataRange, type FrameOptions, framePlot, type LegendEntry, paddedRange } from "./plotFrame.ts";
import { bandLayer, type LineStyle, lineLayer, xyRows } from "./plotLayers.ts";
import type { VlSpec } from "./render.ts";

/** One curve of coupling limits. */
export interface CouplingCurve {
  /** Legend label, e.g. "Observed 90% CL", "BaBar (2016)". */
  name: string;
  /** Masses in GeV. */
  x: ArrayLike<number>;
  /** Coupling upper limits (dimensionless); non-positive and NaN points are skipped. */
  y: ArrayLike<number>;
  /** Line style; default black solid width 2. */
  style?: LineStyle;
  /** Shade the region above this curve (to the top of the frame) as excluded (default false). */
  shadeAbove?: boolean;
}

/** Inputs of {@link couplingLimitPlot}. */
export interface CouplingLimitData {
  /** This analysis' curves, drawn on top, e.g. observed and expected. */
  curves: readonly CouplingCurve[];
  /** Comparison curves from other experiments, drawn thinner underneath. */
  comparisons?: readonly CouplingCurve[];
  /** The (g-2)_μ band: for each mass, the coupling range explaining Δa_μ within ±2σ. */
  gm2Band?: { x: ArrayLike<number>; lo: ArrayLike<number>; hi: ArrayLike<number>; label?: string };
}

/** Colours for comparison curves (distinct from the black/red of this analysis). */
const COMPARISON_COLORS = ["#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#999999"] as const;

/**
 * Vega-lite spec of the coupling-limit plot; logX and logY default true.
 *
 * @example couplingLimitPlot({ curves: [{ name: "Observed", x: m, y: gObs, shadeAbove: true }], gm2Band },
 *   { xTitle: "M_Z' [GeV]", yTitle: "g'" })
 */
export function couplingLimitPlot(d: CouplingLimitData, opts: FrameOptions): VlSpec {
  const logX = opts.logX ?? true;
  const logY = opts.logY ?? true;
  const comps = d.comparisons ?? [];
  const all = [...d.curves, ...comps];
  const yArrays: ArrayLike<number>[] = all.map((c) => c.y);
  const xArrays: ArrayLike<number>[] = all.map((c) => c.x);
  if (d.gm2Band) {
    yArrays.push(d.gm2Band.lo, d.gm2Band.hi);
    xArrays.push(d.gm2Band.x);
  }
  const xDomain = dataRange(xArrays, logX, logX ? [0.01, 10] : [0, 10]);
  const yDomain = paddedRange(dataRange(yArrays, logY, logY ? [1e-4, 1] : [0, 1]), logY, 0.3);
  const yd = opts.yDomain ?? yDomain;
  const floor = logY ? yd[0] : Number.NEGATIVE_INFINITY;
  const layers: VlSpec[] = [];
  const legend: LegendEntry[] = [];
  // Shaded exclusions first, so every line stays visible on top of them.
  for (const c of d.curves)
    if (c.shadeAbove) {
      const top = Array.from(c.x, () => yd[1]);
      layers.push(bandLayer(c.x, c.y, top, c.style?.color ?? "black", 0.12, floor, logX));
    }
  if (d.gm2Band) {
    const color = "#E8A0A0";
    layers.push(bandLayer(d.gm2Band.x, d.gm2Band.lo, d.gm2Band.hi, color, 0.8, floor, logX));
    legend.push({ label: d.gm2Band.label ?? "(g-2)_μ ± 2σ", kind: "fill", color, opacity: 0.8 });
  }
  comps.forEach((c, k) => {
    const style = c.style ?? { color: COMPARISON_COLORS[k % COMPARISON_COLORS.length]!, width: 1.5 };
    layers.push(lineLayer(xyRows(c.x, c.y, logY, logX), style));
    legend.push(lineEntry(c.name, style));
  });
  for (const c of d.curves) {
    const style = c.style ?? { color: "black", width: 2 };
    layers.push(lineLayer(xyRows(c.x, c.y, logY, logX), style));
    legend.push(lineEntry(c.name, style));
  }
  // This analysis first in the legend.
  const own = legend.splice(legend.length - d.curves.length);
  return framePlot(layers, [...own, ...legend], { ...opts, logX, logY }, xDomain, yDomain);
}

function lineEntry(label: string, s: LineStyle): LegendEntry {
  return s.dash
    ? { label, kind: "line", color: s.color, dash: s.dash }
    : { label, kind: "line", color: s.color };
}
