/**
 * Upper limits vs mass with the "Brazil band": expected median (dashed), ±1σ (green) and ±2σ
 * (yellow) bands of the expected limit under the background-only hypothesis, observed limit as a
 * solid line; log y by default (limits on σ × B span decades across the mass range).
 */
import { dataRange, type FrameOptions, framePlot, type LegendEntry, paddedRange } from "./plotFrame.ts";
import { bandLayer, lineLayer, xyRows } from "./plotLayers.ts";
import type { VlSpec } from "./render.ts";

/** Limits per mass point; every array has the length of `mass` (NaN = no result, skipped). */
export interface LimitBands {
  /** Mass hypotheses in GeV, increasing. */
  mass: ArrayLike<number>;
  /** Observed limits (omit for an expected-only plot). */
  observed?: ArrayLike<number>;
  /** Expected limit quantiles at -2σ, -1σ, median, +1σ, +2σ of the background-only distribution. */
  expectedMinus2: ArrayLike<number>;
  expectedMinus1: ArrayLike<number>;
  expectedMedian: ArrayLike<number>;
  expectedPlus1: ArrayLike<number>;
  expectedPlus2: ArrayLike<number>;
}

/** Conventional band colours (the green and yellow of LHC/Belle II limit plots). */
export const BAND_COLORS = { sigma1: "#00C000", sigma2: "#FFDD00" } as const;

/** Options of {@link brazilBandPlot}: frame options plus the confidence level for the legend. */
export interface BrazilBandOptions extends FrameOptions {
  /** Confidence level in percent for the legend text (default 90). */
  clPercent?: number;
}

/**
 * Vega-lite spec of the Brazil-band limit plot (logY default true).
 *
 * @example brazilBandPlot(limits, { xTitle: "M_Z' [GeV]", yTitle: "σ(e⁺e⁻ → μ⁺μ⁻Z') × B(Z' → inv.) [fb]" })
 */
export function brazilBandPlot(b: LimitBands, opts: BrazilBandOptions): VlSpec {
  const n = b.mass.length;
  for (const [k, a] of Object.entries(b))
    if (a && (a as ArrayLike<number>).length !== n)
      throw new RangeError(
        `brazilBandPlot: ${k} has ${(a as ArrayLike<number>).length} values, mass has ${n}`,
      );
  const logY = opts.logY ?? true;
  const logX = opts.logX ?? false;
  const all = [b.expectedMinus2, b.expectedPlus2, ...(b.observed ? [b.observed] : [])];
  const yDomain = paddedRange(dataRange(all, logY, logY ? [0.1, 10] : [0, 1]), logY, 0.35);
  const xDomain = dataRange([b.mass], logX, [0, 1]);
  const floor = logY ? (opts.yDomain?.[0] ?? yDomain[0]) : Number.NEGATIVE_INFINITY;
  const cl = opts.clPercent ?? 90;
  const layers: VlSpec[] = [
    bandLayer(b.mass, b.expectedMinus2, b.expectedPlus2, BAND_COLORS.sigma2, 1, floor, logX),
    bandLayer(b.mass, b.expectedMinus1, b.expectedPlus1, BAND_COLORS.sigma1, 1, floor, logX),
    lineLayer(xyRows(b.mass, b.expectedMedian, logY, logX), { color: "black", width: 1.5, dash: [6, 4] }),
  ];
  const legend: LegendEntry[] = [];
  if (b.observed) {
    layers.push(lineLayer(xyRows(b.mass, b.observed, logY, logX), { color: "black", width: 1.5 }));
    legend.push({ label: `Observed ${cl}% CL upper limit`, kind: "line", color: "black" });
  }
  legend.push(
    { label: "Expected (median)", kind: "line", color: "black", dash: [6, 4] },
    { label: "Expected ± 1σ", kind: "fill", color: BAND_COLORS.sigma1 },
    { label: "Expected ± 2σ", kind: "fill", color: BAND_COLORS.sigma2 },
  );
  return framePlot(layers, legend, { ...opts, logY, logX }, xDomain, yDomain);
}
