/**
 * A generic "lines vs x" plot: several named curves, optional horizontal and vertical reference
 * lines, linear or log axes. The building block of the significance and ROC plots and of quick
 * diagnostics (efficiency vs mass, resolution vs mass, ...).
 */
import { dataRange, type FrameOptions, framePlot, type LegendEntry, paddedRange } from "./plotFrame.ts";
import { hruleLayer, type LineStyle, lineLayer, vruleLayer, xyRows } from "./plotLayers.ts";
import type { VlSpec } from "./render.ts";

/** One curve: name (legend; "" for none), points in drawing order, style. */
export interface LineSeries {
  /** Legend label ("" leaves it out of the legend). */
  name: string;
  /** x values, in drawing order. */
  x: ArrayLike<number>;
  /** y values; non-finite points (and non-positive ones on a log axis) are skipped. */
  y: ArrayLike<number>;
  /** Line style (default: colours of {@link LINE_COLORS} in order, width 2). */
  style?: LineStyle;
}

/** Options of {@link linesPlot} beyond {@link FrameOptions}. */
export interface LinesOptions extends FrameOptions {
  /** Horizontal reference lines (thin, dotted grey by default). */
  hlines?: readonly number[];
  /** Vertical reference lines. */
  vlines?: readonly number[];
  /** Style of the reference lines. */
  refStyle?: LineStyle;
}

/** Default line colours: black, then the Okabe-Ito palette. */
export const LINE_COLORS = ["#000000", "#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7"] as const;

/**
 * Vega-lite spec of curves vs x.
 *
 * @example linesPlot([{ name: "efficiency", x: mass, y: eff }], { xTitle: "M_Z' [GeV]", yTitle: "Signal efficiency" })
 */
export function linesPlot(series: readonly LineSeries[], opts: LinesOptions): VlSpec {
  const logX = opts.logX ?? false;
  const logY = opts.logY ?? false;
  const xDomain = dataRange(
    series.map((s) => s.x),
    logX,
    logX ? [0.1, 10] : [0, 1],
  );
  const yDomain = paddedRange(
    dataRange([...series.map((s) => s.y), opts.hlines ?? []], logY, logY ? [0.1, 10] : [0, 1]),
    logY,
    0.3,
  );
  const ref = opts.refStyle ?? { color: "#777777", width: 1, dash: [3, 3] };
  const layers: VlSpec[] = [];
  if (opts.hlines?.length) layers.push(hruleLayer(opts.hlines, ref));
  if (opts.vlines?.length) layers.push(vruleLayer(opts.vlines, ref));
  const legend: LegendEntry[] = [];
  series.forEach((s, k) => {
    const style = s.style ?? { color: LINE_COLORS[k % LINE_COLORS.length]!, width: 2 };
    layers.push(lineLayer(xyRows(s.x, s.y, logY, logX), style));
    if (s.name)
      legend.push(
        style.dash
          ? { label: s.name, kind: "line", color: style.color, dash: style.dash }
          : { label: s.name, kind: "line", color: style.color },
      );
  });
  return framePlot(layers, legend, { ...opts, logX, logY }, xDomain, yDomain);
}
