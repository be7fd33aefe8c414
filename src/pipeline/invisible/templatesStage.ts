/**
 * Stage 5 of analysis A: the signal M2_recoil resolution versus mass (from the selected signal
 * simulation), the M2 binning one resolution wide, the mass hypotheses one resolution apart (every
 * `scan.massStep`-th kept), the theta_recoil (c.m.) binning from the selected mu mu (gamma)
 * sample, the signal model (efficiency and shape interpolated between simulated masses), and the
 * pseudo-data.
 *
 * Pseudo-data ("no real data", spec): counts in a grid made of ALL M2 bins times the union of
 * every region's theta edges; every window sums the cells in its bins, so overlapping windows see
 * the same pseudo-data, as they would see real data. `pseudoData.source`:
 * - "sample": the events of the independent pseudo-data samples (samplesStage.ts) that pass all
 *   cuts, each one count (the rare generator weight w != 1 becomes floor(w) or floor(w) + 1 counts
 *   with mean w, from a seeded stream), plus one Poisson draw per cell of an injected signal;
 * - "templates": one seeded Poisson draw per cell with the mean = the background templates at the
 *   data luminosity (+ the injected signal).
 */

import { adaptiveKernelWidths } from "../../analyses/invisible/adaptiveKernel.ts";
import {
  DEFAULT_THETA_BINNING,
  m2BinEdges,
  massHypotheses,
  type ThetaBinning,
  thetaBinningFromSample,
} from "../../analyses/invisible/binning.ts";
import {
  fitResolution,
  type ResolutionFunction,
  resolutionPoints,
} from "../../analyses/invisible/resolution.ts";
import {
  emptyTemplate,
  fillTemplate,
  type SelectedEvents,
  type SignalModel,
  signalModel,
  signalTemplate,
  type WindowAxes,
  windowAxes,
} from "../../analyses/invisible/templates.ts";
import { ConfigError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import { toDeg } from "../../core/units.ts";
import type { RunConfig } from "../runConfig.ts";
import type { Stage } from "../stage.ts";
import type { SelectedColumns } from "./sampleChunk.ts";
import type { SampleSummary } from "./samplesStage.ts";

/** A sample with its columns (steps 1-7) and Punzi-net outputs. */
export interface AnalysedSample {
  summary: SampleSummary;
  columns: SelectedColumns;
  punzi: Float32Array;
}

/** Result of the templates stage. */
export interface TemplatesResult {
  resolution: { mass: number; m2: number; width: number; widthError: number; peak: number }[];
  resolutionCoefficients: number[];
  /** Hypotheses of the full resolution-spaced grid (the paper: 582). */
  nHypothesesAll: number;
  /** Scanned masses [GeV]. */
  masses: number[];
  m2Edges: number[];
  /** theta (c.m.) binning per M2 region (degrees; last m2Max = null for +Infinity). */
  thetaBinningDeg: { m2Max: number | null; edges: number[] }[];
  /** Union of all theta edges (degrees): the pseudo-data grid's theta axis. */
  thetaUnionDeg: number[];
  /** Signal efficiency after all cuts at each simulated mass. */
  efficiency: { mass: number; efficiency: number }[];
  pseudoData: {
    /** Counts, M2-major: index = iM2 * nTheta + iTheta. */
    counts: number[];
    /** Expected background per cell (same layout). */
    expected: number[];
    total: number;
    source: RunConfig["pseudoData"]["source"];
    /** Counts after all cuts per pseudo-data sample ("sample" source), before any injected signal. */
    perSample: Record<string, number>;
    inject: RunConfig["pseudoData"]["inject"];
  };
}

/** Fit the resolution model to the selected signal samples (steps 1-7); skips samples with < 50 events. */
export function measureResolution(
  signals: readonly { mass: number; columns: SelectedColumns }[],
): ResolutionFunction {
  const pts = resolutionPoints(
    signals
      .filter((s) => s.columns.m2Recoil.length >= 50)
      .map((s) => ({ mass: s.mass, m2Recoil: s.columns.m2Recoil, weights: s.columns.weight })),
  );
  return fitResolution(pts);
}

/** Events of a sample passing the Punzi-net cut, sorted by M2, weights times `scale`. */
export function passingEvents(s: AnalysedSample, cut: number, scale: number): SelectedEvents {
  const c = s.columns;
  const idx: number[] = [];
  for (let i = 0; i < c.m2Recoil.length; i++)
    if (s.punzi[i]! > cut && Number.isFinite(c.m2Recoil[i]!)) idx.push(i);
  idx.sort((a, b) => c.m2Recoil[a]! - c.m2Recoil[b]! || a - b);
  return {
    m2: Float64Array.from(idx, (i) => c.m2Recoil[i]!),
    thetaCm: Float64Array.from(idx, (i) => c.thetaRecoilCm[i]!),
    weight: Float64Array.from(idx, (i) => c.weight[i]! * scale),
  };
}

/** Everything the windows need, rebuilt deterministically from the samples. */
export interface AnalysisInputs {
  resolution: ResolutionFunction;
  signal: SignalModel;
  backgrounds: { name: string; events: SelectedEvents }[];
  m2Edges: Float64Array;
  theta: ThetaBinning;
  allMasses: Float64Array;
  masses: number[];
}

/** The Punzi-net cut of the configuration. */
export function punziCutOf(cfg: RunConfig): number {
  return (cfg.selection.punziCut as number | undefined) ?? 0.5;
}

/** Build the {@link AnalysisInputs} (module doc). */
export function analysisInputs(cfg: RunConfig, samples: readonly AnalysedSample[]): AnalysisInputs {
  const cut = punziCutOf(cfg);
  const sig = samples.filter((s) => s.summary.process === "signal");
  const resolution = measureResolution(sig.map((s) => ({ mass: s.summary.mass!, columns: s.columns })));
  const signal = signalModel(
    sig.map((s) => ({
      mass: s.summary.mass!,
      nGen: s.summary.sumWeightsGenerated,
      events: passingEvents(s, cut, 1),
    })),
    resolution,
  );
  const backgrounds = samples
    .filter((s) => s.summary.process !== "signal")
    .map((s) => ({ name: s.summary.name, events: passingEvents(s, cut, s.summary.scale) }));
  const m2Edges = m2BinEdges(resolution);
  const mumu = backgrounds.find((b) => b.name === "mumu");
  const theta = mumu
    ? thetaBinningFromSample(mumu.events.thetaCm, mumu.events.m2, mumu.events.weight)
    : DEFAULT_THETA_BINNING;
  // smoothed background templates: kernel widths per event, neighbours counted per theta cell
  const k = cfg.scan.backgroundKernel;
  if (k) {
    const union = thetaUnion(theta);
    for (const b of backgrounds)
      b.events.kernel = adaptiveKernelWidths(b.events, union, {
        neighbours: k.neighbours,
        minWidth: (m2) => k.minWidth * resolution.sigma(m2),
        maxWidth: (m2) => k.maxWidth * resolution.sigma(m2),
      });
  }
  const allMasses = massHypotheses(resolution, cfg.scan.massMin, cfg.scan.massMax);
  const masses: number[] = [];
  for (let i = 0; i < allMasses.length; i += cfg.scan.massStep) masses.push(allMasses[i]!);
  return { resolution, signal, backgrounds, m2Edges, theta, allMasses, masses };
}

/** Sorted union of the theta edges of all regions [rad]. */
export function thetaUnion(theta: ThetaBinning): Float64Array {
  const all = theta.regions.flatMap((r) => Array.from(r.edges));
  const u = [...new Set(all.map((x) => Math.round(x * 1e12) / 1e12))].sort((a, b) => a - b);
  return Float64Array.from(u);
}

/** Axes of the pseudo-data grid: all M2 bins x the union of the theta edges. */
export function gridAxes(inputs: Pick<AnalysisInputs, "m2Edges" | "theta">): WindowAxes {
  const nM = inputs.m2Edges.length - 1;
  return windowAxes(inputs.m2Edges, { first: 0, end: nM, m2: 0 }, thetaUnion(inputs.theta));
}

/** Seed id of the pseudo-data stream (see samplesStage.ts seed layout). */
const PSEUDO_DATA_ID = 999;

/**
 * Run (or reuse) the templates stage.
 * @param pseudoData the pseudo-data samples with their Punzi-net outputs (source "sample")
 * @throws ConfigError if the source is "sample" and no pseudo-data sample is given
 */
export function runTemplatesStage(
  cfg: RunConfig,
  stage: Stage<TemplatesResult>,
  inputs: AnalysisInputs,
  pseudoData: readonly AnalysedSample[] = [],
): TemplatesResult {
  if (stage.result) return stage.result;
  if (cfg.pseudoData.source === "sample" && pseudoData.length === 0)
    throw new ConfigError('source "sample" needs at least one background sample', "pseudoData.source");
  const { resolution, signal, backgrounds, m2Edges, theta } = inputs;
  const fullAxes = gridAxes(inputs);
  const union = fullAxes.thetaEdges;
  const expected = new Float64Array((m2Edges.length - 1) * (union.length - 1));
  // the background expectation per cell: the templates themselves (smoothed if configured)
  for (const b of backgrounds) {
    const v = fillTemplate(b.events, fullAxes).values();
    for (let c = 0; c < v.length; c++) expected[c]! += v[c]!;
  }
  const inj = cfg.pseudoData.inject;
  const injected =
    inj && inj.sigma_fb > 0
      ? signalTemplate(signal, inj.mass, fullAxes, cfg.luminosity_fb, inj.sigma_fb).values()
      : undefined;
  const rng = stream(cfg.seed * 2 ** 20 + PSEUDO_DATA_ID, 0);
  const perSample: Record<string, number> = {};
  let counts: number[];
  if (cfg.pseudoData.source === "sample") {
    const grid = emptyTemplate(fullAxes);
    for (const d of pseudoData) {
      // weights x scale: ~1 per event (scale = sigma L / sum of generated weights)
      const e = passingEvents(d, punziCutOf(cfg), d.summary.scale);
      const before = grid.integral();
      for (let k = 0; k < e.m2.length; k++) {
        // events off the grid take no random number (the stream stays that of the grid's events)
        const ix = grid.xAxis.index(e.m2[k]!);
        const iy = grid.yAxis.index(e.thetaCm[k]!);
        if (ix < 0 || ix >= grid.xAxis.nBins || iy < 0 || iy >= grid.yAxis.nBins) continue;
        const w = e.weight[k]!;
        const f = Math.floor(w);
        grid.fill(e.m2[k]!, e.thetaCm[k]!, f + (rng.uniform() < w - f ? 1 : 0));
      }
      perSample[d.summary.name] = grid.integral() - before;
    }
    counts = Array.from(grid.values());
    if (injected) for (let k = 0; k < counts.length; k++) counts[k]! += rng.poisson(injected[k]!);
  } else {
    const mean = Float64Array.from(expected);
    if (injected) for (let k = 0; k < mean.length; k++) mean[k]! += injected[k]!;
    counts = Array.from(mean, (m) => (m > 0 ? rng.poisson(m) : 0));
  }
  return stage.finish({
    resolution: resolution.points.map((p) => ({
      mass: p.mass,
      m2: p.m2,
      width: p.width,
      widthError: p.widthError,
      peak: p.peak,
    })),
    resolutionCoefficients: [...resolution.coefficients],
    nHypothesesAll: inputs.allMasses.length,
    masses: inputs.masses,
    m2Edges: Array.from(m2Edges),
    thetaBinningDeg: theta.regions.map((r) => ({
      m2Max: Number.isFinite(r.m2Max) ? r.m2Max : null,
      edges: Array.from(r.edges, toDeg),
    })),
    thetaUnionDeg: Array.from(union, toDeg),
    efficiency: signal.samples.map((s, k) => ({ mass: s.mass, efficiency: signal.efficiency[k]! })),
    pseudoData: {
      counts,
      expected: Array.from(expected),
      total: counts.reduce((a, b) => a + b, 0),
      source: cfg.pseudoData.source,
      perSample,
      inject: inj,
    },
  });
}
