/**
 * Stacked background histograms with pseudo-data points and an optional signal outline: the
 * standard "M²_recoil spectrum" plot. Stacking is done here (vega-lite stacks wrongly on log axes),
 * bottom sample first; data points carry Garwood 68.27% Poisson intervals (exact for small counts,
 * zero counts get the upper bar only) and a horizontal bar of the bin width.
 */
import { poissonInterval } from "../core/special.ts";
import type { Hist1D } from "../hist/hist1D.ts";
import { dataRange, type FrameOptions, framePlot, type LegendEntry, paddedRange } from "./plotFrame.ts";
import { lineLayer, stepRows, stepRunsLayer } from "./plotLayers.ts";
import type { VlSpec } from "./render.ts";

/** One stacked background component. */
export interface StackSample {
  /** Legend label, e.g. "μμ(γ)", "ττ", "eeμμ". */
  name: string;
  /** Expected yields per bin (sums of weights); all samples must share the binning. */
  hist: Hist1D;
  /** Fill colour (default from {@link SAMPLE_COLORS} in order). */
  color?: string;
}

/** Inputs of {@link stackedHistogramPlot}. */
export interface StackedHistogramData {
  /** Background samples, drawn bottom to top in this order (put the largest last on a log plot). */
  samples: readonly StackSample[];
  /** Observed or pseudo-data counts (same binning), drawn as points with Poisson error bars. */
  data?: { name?: string; hist: Hist1D };
  /** Signal drawn as an outline on its own (not stacked), e.g. "Z' (M = 2 GeV), σ = 10 fb". */
  signal?: { name: string; hist: Hist1D; color?: string };
}

/** On a log axis with data, the lower end is this fraction of the smallest positive data value. */
const DATA_FLOOR_FRACTION = 0.1;

/** Colour-blind-friendly fills (Okabe-Ito order, lightened blue first) for stacked samples. */
export const SAMPLE_COLORS = [
  "#56B4E9",
  "#E69F00",
  "#009E73",
  "#F0E442",
  "#CC79A7",
  "#0072B2",
  "#D55E00",
  "#999999",
] as const;

/**
 * Vega-lite spec of the stacked histogram. Options as in {@link FrameOptions}; `logY` default false.
 * The log floor (where zero bins are clamped) is half the smallest positive stacked or data value,
 * but with data not below a twentieth of the smallest data count (0.05 for event counts). The signal
 * outline is drawn only in the runs of bins above the floor.
 *
 * @example
 * stackedHistogramPlot({ samples: [{ name: "ττ", hist: tt }, { name: "μμ(γ)", hist: mm }], data: { hist: pseudo } },
 *   { xTitle: "M²_recoil [GeV²]", yTitle: "Events / bin", logY: true, label: { luminosityFb: 79.7 } })
 */
export function stackedHistogramPlot(input: StackedHistogramData, opts: FrameOptions): VlSpec {
  const logY = opts.logY ?? false;
  const first = input.samples[0]?.hist ?? input.data?.hist ?? input.signal?.hist;
  if (!first) throw new RangeError("stackedHistogramPlot: nothing to draw");
  const edges = first.edges();
  const n = edges.length - 1;
  const check = (h: Hist1D, what: string) => {
    if (!h.axis.sameBinning(first.axis))
      throw new RangeError(`stackedHistogramPlot: ${what} has a different binning`);
  };
  // Cumulative stack, sample by sample.
  const tops: Float64Array[] = [];
  const cum = new Float64Array(n);
  for (const s of input.samples) {
    check(s.hist, `sample "${s.name}"`);
    const v = s.hist.values();
    for (let i = 0; i < n; i++) cum[i]! += v[i]!;
    tops.push(cum.slice());
  }
  const dataVals = input.data ? input.data.hist.values() : undefined;
  if (input.data) check(input.data.hist, "data");
  const intervals = dataVals ? Array.from(dataVals, (k) => poissonInterval(Math.max(0, Math.round(k)))) : [];
  const sigVals = input.signal ? input.signal.hist.values() : undefined;
  if (input.signal) check(input.signal.hist, `signal "${input.signal.name}"`);

  // The lower end follows the stack and data only: a signal's far tails would stretch a log axis.
  // With data on a log axis it follows the data alone, down to a tenth of the smallest count: the
  // stack's own far tails (a smoothed template at 1e-5 events per bin) say nothing a reader needs.
  const base = dataRange([cum, ...(dataVals ? [dataVals] : [])], logY, logY ? [0.1, 10] : [0, 1]);
  if (logY && dataVals) {
    const d = dataRange([dataVals], true, [Number.NaN, Number.NaN]);
    if (Number.isFinite(d[0])) base[0] = Math.max(base[0], DATA_FLOOR_FRACTION * d[0]);
  }
  const top = dataRange(
    [cum, ...(dataVals ? [intervals.map((iv) => iv[1])] : []), ...(sigVals ? [sigVals] : [])],
    logY,
    base,
  );
  const yDomain = paddedRange([base[0], Math.max(base[1], top[1])], logY);
  const floor = logY ? (opts.yDomain?.[0] ?? yDomain[0]) : Number.NEGATIVE_INFINITY;

  const layers: VlSpec[] = [];
  const legend: LegendEntry[] = [];
  input.samples.forEach((s, k) => {
    const color = s.color ?? SAMPLE_COLORS[k % SAMPLE_COLORS.length]!;
    const top = tops[k]!;
    const bottom = k > 0 ? tops[k - 1]! : new Float64Array(n);
    const rows: { x: number; x2: number; y: number; y2: number }[] = [];
    for (let i = 0; i < n; i++) {
      const lo = Math.max(bottom[i]!, floor);
      const hi = Math.max(top[i]!, floor);
      if (hi > lo) rows.push({ x: edges[i]!, x2: edges[i + 1]!, y: lo, y2: hi });
    }
    layers.push({
      data: { values: rows },
      mark: { type: "rect", fill: color, stroke: null },
      encoding: { x2: { field: "x2" }, y2: { field: "y2" } },
    });
    legend.push({ label: s.name, kind: "fill", color });
  });
  // Stack outline, so adjacent bins of one colour still read as a histogram.
  if (input.samples.length > 0)
    layers.push(lineLayer(stepRows(edges, cum, floor), { color: "#333333", width: 0.8 }, "step-after"));
  legend.reverse(); // top of the stack first, as it appears in the plot

  if (input.signal && sigVals) {
    const color = input.signal.color ?? "#D00000";
    // only where it is above the axis floor: sparse signal MC in a far tail would otherwise draw a
    // comb of spikes down to the floor
    layers.push(stepRunsLayer(edges, sigVals, floor, { color, width: 2, dash: [6, 3] }));
    legend.push({ label: input.signal.name, kind: "line", color, dash: [6, 3] });
  }
  if (input.data && dataVals) {
    const bars: { x: number; y: number; y2: number }[] = [];
    const widths: { x: number; x2: number; y: number }[] = [];
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i < n; i++) {
      const [lo, hi] = intervals[i]!;
      const k = dataVals[i]!;
      const xc = 0.5 * (edges[i]! + edges[i + 1]!);
      // Empty bins: no point; on linear y the upper bar still says "0 observed, up to 1.84".
      if (k > 0) {
        points.push({ x: xc, y: k });
        widths.push({ x: edges[i]!, x2: edges[i + 1]!, y: k });
      }
      if (!logY || k > 0) bars.push({ x: xc, y: Math.max(lo, floor), y2: hi });
    }
    const rule = { type: "rule", stroke: "black", strokeWidth: 1 };
    layers.push({ data: { values: bars }, mark: rule, encoding: { y2: { field: "y2" } } });
    layers.push({ data: { values: widths }, mark: rule, encoding: { x2: { field: "x2" } } });
    layers.push({
      data: { values: points },
      mark: { type: "point", shape: "circle", filled: true, size: 22, color: "black", opacity: 1 },
      encoding: {},
    });
    legend.unshift({ label: input.data.name ?? "Data", kind: "marker", color: "black" });
  }
  return framePlot(layers, legend, { ...opts, logY }, [edges[0]!, edges[n]!], yDomain);
}
