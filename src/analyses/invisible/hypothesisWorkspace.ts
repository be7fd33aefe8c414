/**
 * The workspace of one mass hypothesis from the analysis inputs: window, axes, templates and
 * pyhf workspace in one call, so a scan is a loop over {@link massHypotheses} (narrow) or the
 * same loop with {@link wideWidthHypothesisWorkspace} (Gamma = 0.1 M benchmark).
 */
import type { Workspace } from "../../stats/workspace/types.ts";
import { searchWindow, type ThetaBinning, thetaEdgesAt } from "./binning.ts";
import {
  fillTemplate,
  fillTemplate1D,
  fillTemplateSmoothed,
  mcEventWeight,
  type SelectedEvents,
  type SignalModel,
  signalTemplate,
  type WindowAxes,
  windowAxes,
} from "./templates.ts";
import { type WideWidthOptions, wideWidthSignalTemplate, wideWidthWindow } from "./wideWidth.ts";
import { type InvisibleSystematics, windowWorkspace } from "./workspace.ts";

/** Everything a scan needs, fixed for all hypotheses. */
export interface ScanInputs {
  /** Full M2_recoil bin edges [GeV^2] (m2BinEdges). */
  m2Edges: Float64Array;
  /** theta (c.m.) binning by M2 region (thetaBinningFromSample or DEFAULT_THETA_BINNING). */
  theta: ThetaBinning;
  /** Signal simulation with the resolution model (signalModel). */
  signal: SignalModel;
  /** Selected background events per sample, weights scaled to `lumi` (selectedEvents). */
  backgrounds: readonly { name: string; events: SelectedEvents }[];
  /** Selected (pseudo-)data events, unit weights. */
  data: SelectedEvents;
  /** Data luminosity [fb^-1]. */
  lumi: number;
  /** Optional M2 kernel width [GeV^2] for the background templates (fillTemplateSmoothed). */
  smoothing?: (m2: number) => number;
  /** Systematics (default: the paper's). */
  systematics?: InvisibleSystematics;
  /** Per-bin nuisance layout (default "combined"). */
  perBin?: "combined" | "separate";
}

function backgroundHists(inp: ScanInputs, axes: WindowAxes) {
  return inp.backgrounds.map((b) => ({
    name: b.name,
    hist: inp.smoothing ? fillTemplateSmoothed(b.events, axes, inp.smoothing) : fillTemplate(b.events, axes),
    weight: mcEventWeight(b.events),
  }));
}

/**
 * The 2D (M2 x theta c.m.) workspace of hypothesis `mass` [GeV] in its 20-bin window.
 *
 * @example for (const m of massHypotheses(res)) fitWindow(hypothesisWorkspace(inputs, m));
 */
export function hypothesisWorkspace(inp: ScanInputs, mass: number): Workspace {
  const m2 = mass * mass;
  const axes = windowAxes(inp.m2Edges, searchWindow(inp.m2Edges, m2), thetaEdgesAt(inp.theta, m2));
  return windowWorkspace({
    mass,
    signal: signalTemplate(inp.signal, mass, axes, inp.lumi),
    backgrounds: backgroundHists(inp, axes),
    data: fillTemplate(inp.data, axes),
    ...(inp.systematics ? { systematics: inp.systematics } : {}),
    ...(inp.perBin ? { perBin: inp.perBin } : {}),
  });
}

/**
 * The 1D (M2 only) workspace of the wide-width benchmark for hypothesis `mass` [GeV]: a
 * Breit-Wigner (x) Gaussian signal in the wider window of wideWidth.ts.
 */
export function wideWidthHypothesisWorkspace(
  inp: ScanInputs,
  mass: number,
  opts: WideWidthOptions = {},
): Workspace {
  const w = wideWidthWindow(inp.m2Edges, mass, inp.signal.resolution, opts);
  const axes = windowAxes(inp.m2Edges, w, [0, Math.PI]);
  // one theta bin over [0, pi]: the 2D fillers give the theta-integrated templates
  const bkgs = backgroundHists(inp, axes).map((b) => ({ ...b, hist: b.hist.projectX() }));
  return windowWorkspace({
    mass,
    signal: wideWidthSignalTemplate(inp.signal, mass, axes, inp.lumi, opts),
    backgrounds: bkgs,
    data: fillTemplate1D(inp.data, axes),
    ...(inp.systematics ? { systematics: inp.systematics } : {}),
    ...(inp.perBin ? { perBin: inp.perBin } : {}),
  });
}
