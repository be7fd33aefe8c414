/**
 * Classifier output distributions: signal and background histograms of the network output, each
 * normalised to unit area (shape comparison), signal as a filled outline and background as a line,
 * log y by default (the interesting region is the tail), with the working-point cut marked.
 */
import type { Hist1D } from "../hist/hist1D.ts";
import { dataRange, type FrameOptions, framePlot, type LegendEntry, paddedRange } from "./plotFrame.ts";
import { lineLayer, stepRows, vruleLayer } from "./plotLayers.ts";
import type { VlSpec } from "./render.ts";

/** One class of the classifier output. */
export interface ClassifierSample {
  /** Legend label, e.g. "Signal (all masses)", "Background". */
  name: string;
  /** Output histogram (weighted); normalised here to unit area (zero total: drawn as zeros). */
  hist: Hist1D;
  /** Colour (default blue for the first, red for the second, ...). */
  color?: string;
  /** Fill under the outline with 25% opacity (default: true for the first sample). */
  fill?: boolean;
}

/** Options: frame options (yTitle defaults to "Normalised entries") plus the cut to mark. */
export interface ClassifierOutputOptions extends Omit<FrameOptions, "yTitle"> {
  /** y title (default "Fraction of events / bin"). */
  yTitle?: string;
  /** Working-point cut on the output, drawn as a dashed vertical line (e.g. 0.5). */
  cut?: number;
}

const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"] as const;

/**
 * Vega-lite spec of normalised classifier-output distributions.
 *
 * @example classifierOutputPlot([{ name: "Signal", hist: s }, { name: "Background", hist: b }], { xTitle: "Punzi-net output", cut: 0.5 })
 */
export function classifierOutputPlot(
  samples: readonly ClassifierSample[],
  opts: ClassifierOutputOptions,
): VlSpec {
  const logY = opts.logY ?? true;
  const first = samples[0];
  if (!first) throw new RangeError("classifierOutputPlot: no samples");
  const edges = first.hist.edges();
  const norm = samples.map((s) => {
    if (!s.hist.axis.sameBinning(first.hist.axis))
      throw new RangeError(`classifierOutputPlot: "${s.name}" has a different binning`);
    const v = s.hist.values();
    const tot = s.hist.integral();
    if (tot > 0) for (let i = 0; i < v.length; i++) v[i]! /= tot;
    return v;
  });
  const yDomain = paddedRange(dataRange(norm, logY, logY ? [1e-3, 1] : [0, 1]), logY, 0.4);
  const floor = logY ? (opts.yDomain?.[0] ?? yDomain[0]) : 0;
  const layers: VlSpec[] = [];
  const legend: LegendEntry[] = [];
  samples.forEach((s, k) => {
    const color = s.color ?? COLORS[k % COLORS.length]!;
    const rows = stepRows(edges, norm[k]!, floor);
    if (s.fill ?? k === 0)
      layers.push({
        data: { values: rows.map((r) => ({ ...r, y2: floor })) },
        mark: { type: "area", interpolate: "step-after", fill: color, fillOpacity: 0.25, stroke: null },
        encoding: { y2: { field: "y2" } },
      });
    layers.push(lineLayer(rows, { color, width: 2 }, "step-after"));
    legend.push(
      (s.fill ?? k === 0)
        ? { label: s.name, kind: "fill", color, opacity: 0.4 }
        : { label: s.name, kind: "line", color },
    );
  });
  if (opts.cut !== undefined) {
    layers.push(vruleLayer([opts.cut], { color: "#444444", width: 1.5, dash: [6, 4] }));
    legend.push({ label: `cut at ${opts.cut}`, kind: "line", color: "#444444", dash: [6, 4] });
  }
  return framePlot(
    layers,
    legend,
    { ...opts, yTitle: opts.yTitle ?? "Fraction of events / bin", logY },
    [edges[0]!, edges[edges.length - 1]!],
    yDomain,
  );
}
