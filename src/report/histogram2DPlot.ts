/**
 * A 2D histogram as a heat map (e.g. the θ_recoil vs M²_recoil plane of μμ(γ) events): one
 * rectangle per non-empty bin, colour = sum of weights (viridis, linear or log), with a colour bar.
 * Empty bins stay white, as in ROOT's COLZ, so the populated region is visible at a glance.
 */
import type { Hist2D } from "../hist/hist2D.ts";
import { dataRange, type FrameOptions, framePlot, logTicks } from "./plotFrame.ts";
import type { VlSpec } from "./render.ts";

/** Options of {@link histogram2DPlot} in addition to {@link FrameOptions}. */
export interface Histogram2DOptions extends FrameOptions {
  /** Colour-bar title with units, e.g. "Events / bin". */
  zTitle: string;
  /** Log colour scale (default true: background planes span decades). Non-positive bins are left empty. */
  logZ?: boolean;
  /** On a log colour scale, decades shown below the maximum (default 5; lower bins get the lowest colour). */
  zDecades?: number;
  /** Colour scheme name from vega (default "viridis"). */
  scheme?: string;
}

/**
 * Vega-lite spec of the heat map of `hist` (x = first axis, y = second axis). The experiment label
 * goes above the frame: a heat map has no empty corner.
 *
 * @example histogram2DPlot(h, { xTitle: "M²_recoil [GeV²]", yTitle: "θ_recoil (c.m.) [rad]", zTitle: "Events / bin" })
 */
export function histogram2DPlot(hist: Hist2D, opts: Histogram2DOptions): VlSpec {
  const logZ = opts.logZ ?? true;
  const xe = hist.xAxis.edges;
  const ye = hist.yAxis.edges;
  const nx = hist.xAxis.nBins;
  const ny = hist.yAxis.nBins;
  const v = hist.values();
  const rows: { x: number; x2: number; y: number; y2: number; z: number }[] = [];
  for (let ix = 0; ix < nx; ix++)
    for (let iy = 0; iy < ny; iy++) {
      const z = v[ix * ny + iy]!;
      if (!Number.isFinite(z) || (logZ ? !(z > 0) : z === 0)) continue;
      rows.push({ x: xe[ix]!, x2: xe[ix + 1]!, y: ye[iy]!, y2: ye[iy + 1]!, z });
    }
  const [zmin, zmax] = dataRange([rows.map((r) => r.z)], logZ, [0.1, 1]);
  const zLo = logZ ? Math.max(zmin, zmax * 10 ** -(opts.zDecades ?? 5)) : Math.min(0, zmin);
  const zHi = zmax > zLo ? zmax : zLo * 10;
  const legend: VlSpec = {
    title: opts.zTitle,
    orient: "right",
    gradientLength: (opts.height ?? 420) - 40,
    titleFontSize: 12,
    labelFontSize: 11,
    titleFontWeight: "normal",
  };
  if (logZ) {
    const t = logTicks(zLo, zHi);
    // Only the labelled ticks: a colour bar has no minor ticks.
    legend.values = t.values.filter((v) => t.labelExpr.includes(`=== ${v} ?`));
    legend.labelExpr = t.labelExpr;
  }
  const layer: VlSpec = {
    data: { values: rows },
    mark: { type: "rect", stroke: null },
    encoding: {
      x2: { field: "x2" },
      y2: { field: "y2" },
      color: {
        field: "z",
        type: "quantitative",
        scale: {
          type: logZ ? "log" : "linear",
          scheme: opts.scheme ?? "viridis",
          domain: [zLo, zHi],
          clamp: true,
        },
        legend,
      },
    },
  };
  return framePlot(
    [layer],
    [],
    { ...opts, logY: opts.logY ?? false, labelAbove: true, rightMargin: opts.rightMargin ?? 110 },
    [xe[0]!, xe[nx]!],
    [ye[0]!, ye[ny]!],
  );
}
