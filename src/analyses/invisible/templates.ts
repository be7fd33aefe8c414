/**
 * Fit templates of analysis A: 2D histograms of M2_recoil x theta_recoil(c.m.) per search
 * window (spec invisible-zprime.md "Fit"), for backgrounds and pseudo-data from selected events,
 * and for the signal at ANY mass hypothesis by interpolation between simulated masses.
 *
 * Selected events are first packed into {@link SelectedEvents}: compact columns sorted by M2,
 * so each window reads only its own M2 range (two binary searches) instead of every event.
 *
 * Signal interpolation (a per-event version of horizontal template morphing, Read, NIM A 425
 * (1999) 357): for a hypothesis M between simulated masses M_a < M < M_b, every selected event of
 * the neighbour s in {a, b} is moved to
 *     m2' = M^2 + shift(M^2) + (m2 - M_s^2 - shift(M_s^2)) * sigma(M^2) / sigma(M_s^2)
 * (its distance from the peak rescaled by the resolution ratio; theta is kept), and the two
 * shifted samples are mixed with weights 1 - t and t, t = (M^2 - M_a^2)/(M_b^2 - M_a^2). The
 * template is normalised to the expected yield L * sigma * eps(M) with eps interpolated linearly
 * in M^2 between the simulated efficiencies (nearly flat in the paper). Outside the simulated
 * range the nearest mass is shifted alone.
 */
import { ConfigError } from "../../core/errors.ts";
import { normalCdf } from "../../core/special.ts";
import { variableAxis } from "../../hist/axis.ts";
import { Hist1D } from "../../hist/hist1D.ts";
import { Hist2D } from "../../hist/hist2D.ts";
import type { Window } from "./binning.ts";
import type { ResolutionFunction } from "./resolution.ts";
import type { InvisibleVariables } from "./variables.ts";

/** Selected events of one sample, sorted by M2_recoil. */
export interface SelectedEvents {
  /** M2_recoil [GeV^2], increasing. */
  m2: Float64Array;
  /** theta_recoil in the c.m. [rad]. */
  thetaCm: Float64Array;
  /** Weights (event weight x sample scale, e.g. L_target / L_MC). */
  weight: Float64Array;
  /**
   * Optional per-event Gaussian kernel widths in M2 [GeV^2] (adaptiveKernel.ts): when present,
   * {@link fillTemplate} and {@link fillTemplate1D} spread every event along M2 by its kernel
   * instead of filling one bin (background templates from few MC events).
   */
  kernel?: Float64Array;
}

/**
 * Pack the events with mask[i] set into {@link SelectedEvents}.
 *
 * @param scale multiplies every weight (e.g. L_data / L_MC for a background sample)
 * @param weights per-event weights (default: the variables' weights)
 * @example const bkg = selectedEvents(v, result.mask, 79.7 / lumiMc);
 */
export function selectedEvents(
  v: InvisibleVariables,
  mask: ArrayLike<number>,
  scale = 1,
  weights: ArrayLike<number> = v.weight,
): SelectedEvents {
  const idx: number[] = [];
  for (let i = 0; i < v.nEvents; i++) if (mask[i] && Number.isFinite(v.m2Recoil[i]!)) idx.push(i);
  idx.sort((a, b) => v.m2Recoil[a]! - v.m2Recoil[b]! || a - b);
  const n = idx.length;
  const out: SelectedEvents = {
    m2: new Float64Array(n),
    thetaCm: new Float64Array(n),
    weight: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    out.m2[k] = v.m2Recoil[i]!;
    out.thetaCm[k] = v.thetaRecoilCm[i]!;
    out.weight[k] = scale * weights[i]!;
  }
  return out;
}

/**
 * The smallest positive event weight of a sample (NaN if none): the weight of one MC event, for
 * the workspace's empty-bin floor (workspace.ts), since smoothed templates' sumw2/sumw is not it.
 */
export function mcEventWeight(ev: SelectedEvents): number {
  let m = Number.POSITIVE_INFINITY;
  for (let k = 0; k < ev.weight.length; k++) if (ev.weight[k]! > 0 && ev.weight[k]! < m) m = ev.weight[k]!;
  return Number.isFinite(m) ? m : Number.NaN;
}

/** Axes of one window's template: the window's M2 bins and the theta (c.m.) bins. */
export interface WindowAxes {
  window: Window;
  /** M2 bin edges of the window [GeV^2] (end - first + 1 values). */
  m2Edges: Float64Array;
  /** theta (c.m.) edges [rad]. */
  thetaEdges: Float64Array;
}

/** Axes of `window` cut from the full M2 edges, with the given theta edges. */
export function windowAxes(
  m2Edges: ArrayLike<number>,
  window: Window,
  thetaEdges: ArrayLike<number>,
): WindowAxes {
  if (window.first < 0 || window.end > m2Edges.length - 1 || window.end <= window.first)
    throw new ConfigError(
      `window [${window.first}, ${window.end}) outside ${m2Edges.length - 1} bins`,
      "window",
    );
  return {
    window,
    m2Edges: Float64Array.from(
      { length: window.end - window.first + 1 },
      (_, k) => m2Edges[window.first + k]!,
    ),
    thetaEdges: Float64Array.from(thetaEdges),
  };
}

/** First index k with a[k] >= x (a increasing). */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** An empty 2D template on the window axes (x = M2, y = theta c.m.). */
export function emptyTemplate(axes: WindowAxes): Hist2D {
  return new Hist2D(
    variableAxis(axes.m2Edges, "M2_recoil [GeV^2]"),
    variableAxis(axes.thetaEdges, "theta_recoil (c.m.) [rad]"),
  );
}

/**
 * Fill the 2D template of a background (or of pseudo-data) in one window. Only events inside
 * the window's M2 range are read. Weights carry over (sums of weights and of squares).
 *
 * @example const h = fillTemplate(bkg, axes); h.values() // x-major [ix * nTheta + iy]
 */
export function fillTemplate(ev: SelectedEvents, axes: WindowAxes): Hist2D {
  if (ev.kernel) {
    const kernel = ev.kernel;
    return fillSmoothed(ev, axes, (k) => kernel[k]!, maxOf(kernel));
  }
  const h = emptyTemplate(axes);
  const lo = axes.m2Edges[0]!;
  const hi = axes.m2Edges[axes.m2Edges.length - 1]!;
  const a = lowerBound(ev.m2, lo);
  const b = lowerBound(ev.m2, hi);
  for (let k = a; k < b; k++) h.fill(ev.m2[k]!, ev.thetaCm[k]!, ev.weight[k]!);
  return h;
}

/**
 * Like {@link fillTemplate}, but every event is spread along M2 by a Gaussian kernel of width
 * `width(m2)` [GeV^2] (its weight split over the M2 bins by normal-CDF differences; theta is
 * not smeared). For background samples with few MC events per bin (large weights L_data/L_MC),
 * where unsmoothed templates are mostly empty bins and a few spikes. Keep the kernel narrower
 * than the signal resolution (e.g. 0.5 sigma(M2)), or real background structure of resolution
 * width starts to look like signal. Events up to 8 kernel widths outside the window contribute
 * (the Gaussian beyond 8 widths, 6e-16, is dropped).
 * sumw2 receives (w f)^2 per bin: the variance of the kernel estimate, whose value in a bin is
 * a sum of independent Poisson MC events each entering with weight w f (Silverman 1986, sec.
 * 3.3). A bin fed by n events then has the relative MC error ~1/sqrt(n) of the n events within a
 * kernel width, which is what the kernel buys (adaptiveKernel.ts: ~K events behind every bin).
 * The error of a histogram bin as narrow as the bin, w^2 f (an event as the fraction f of one MC
 * event), was the default before: with weights ~1 it gave relative errors of 100-300% in most
 * bins, Gaussian constraints too loose to hold any bin, and fits that put all background under
 * the data events (bkg_norm at its bound of 10, most per-bin gammas at 0) and expected limits
 * from that Asimov set two to three times too strong (compare toy-based CLs, toyUpperLimit.ts).
 * Bin-to-bin correlations of the kernel are ignored. The event weight is no longer sumw2/sumw:
 * pass {@link mcEventWeight} to the workspace for its empty-bin floor.
 *
 * @example fillTemplateSmoothed(bkg, axes, (m2) => 0.5 * res.sigma(m2))
 */
export function fillTemplateSmoothed(
  ev: SelectedEvents,
  axes: WindowAxes,
  width: (m2: number) => number,
): Hist2D {
  const e = axes.m2Edges;
  const hLo = width(e[0]!);
  const hHi = width(e[e.length - 1]!);
  if (!(hLo > 0) || !(hHi > 0)) throw new ConfigError("kernel width must be > 0", "template.kernel");
  // candidates: events within 8 kernel widths (generously: 9/8 x the larger end width) of the window
  return fillSmoothed(ev, axes, (k) => width(ev.m2[k]!), (9 / 8) * Math.max(hLo, hHi));
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** Spread events along M2 by Gaussians of width widthOf(k) <= maxWidth (fillTemplateSmoothed doc). */
function fillSmoothed(
  ev: SelectedEvents,
  axes: WindowAxes,
  widthOf: (k: number) => number,
  maxWidth: number,
): Hist2D {
  const h = emptyTemplate(axes);
  const ny = axes.thetaEdges.length - 1;
  const yAxis = h.yAxis;
  // the theta bin once per event, not per M2 bin it spreads into
  let last = -1;
  let iy = -1;
  forEachSpread(ev, axes.m2Edges, widthOf, maxWidth, (k, j, f) => {
    if (k !== last) {
      last = k;
      iy = yAxis.index(ev.thetaCm[k]!);
    }
    if (iy < 0 || iy >= ny) return; // theta outside [0, pi]: cannot happen for real angles
    const w = ev.weight[k]!;
    const slot = h.slot(j, iy);
    h.sumw[slot]! += w * f;
    h.sumw2[slot]! += w * f * (w * f);
  });
  return h;
}

/**
 * For every event k within 8 maxWidth of the edges e, call add(k, j, f) with the fraction f > 0
 * of its Gaussian (mean m2[k], width widthOf(k) <= maxWidth) in each bin j.
 */
function forEachSpread(
  ev: SelectedEvents,
  e: Float64Array,
  widthOf: (k: number) => number,
  maxWidth: number,
  add: (k: number, j: number, f: number) => void,
): void {
  const nx = e.length - 1;
  const a = lowerBound(ev.m2, e[0]! - 8 * maxWidth);
  const b = lowerBound(ev.m2, e[nx]! + 8 * maxWidth);
  for (let k = a; k < b; k++) {
    const x = ev.m2[k]!;
    const s = widthOf(k);
    if (!(s > 0)) throw new ConfigError(`kernel width at M2 = ${x} is ${s}`, "template.kernel");
    let j = Math.max(0, lowerBound(e, x - 8 * s) - 1);
    let cPrev = normalCdf((e[j]! - x) / s);
    for (; j < nx && e[j]! < x + 8 * s; j++) {
      const c = normalCdf((e[j + 1]! - x) / s);
      const f = c - cPrev;
      cPrev = c;
      if (f > 0) add(k, j, f);
    }
  }
}

/**
 * 1D M2 template of the window (theta integrated), for the wide-width benchmark.
 */
export function fillTemplate1D(ev: SelectedEvents, axes: WindowAxes): Hist1D {
  const h = new Hist1D(variableAxis(axes.m2Edges, "M2_recoil [GeV^2]"));
  if (ev.kernel) {
    const kernel = ev.kernel;
    forEachSpread(
      ev,
      axes.m2Edges,
      (k) => kernel[k]!,
      maxOf(kernel),
      (k, j, f) => {
        const w = ev.weight[k]!;
        h.sumw[j + 1]! += w * f;
        h.sumw2[j + 1]! += w * f * (w * f);
      },
    );
    return h;
  }
  const a = lowerBound(ev.m2, axes.m2Edges[0]!);
  const b = lowerBound(ev.m2, axes.m2Edges[axes.m2Edges.length - 1]!);
  for (let k = a; k < b; k++) h.fill(ev.m2[k]!, ev.weight[k]!);
  return h;
}

/** A selected signal sample at one simulated mass. */
export interface SignalSample {
  /** Z' mass [GeV]. */
  mass: number;
  /** Generated events (sum of generated weights) of this sample. */
  nGen: number;
  /** Selected events (weights = generator weights; normalisation is done here). */
  events: SelectedEvents;
}

/** Signal simulation at several masses with the resolution model; build with {@link signalModel}. */
export interface SignalModel {
  /** Samples by increasing mass. */
  samples: readonly SignalSample[];
  resolution: ResolutionFunction;
  /** Selection efficiency of each sample (sum of selected weights / nGen), same order. */
  efficiency: Float64Array;
}

/** Sort and check the samples, compute their efficiencies. */
export function signalModel(samples: readonly SignalSample[], resolution: ResolutionFunction): SignalModel {
  if (samples.length === 0) throw new ConfigError("need at least one signal sample", "signal");
  const s = [...samples].sort((a, b) => a.mass - b.mass);
  s.forEach((x, k) => {
    if (!(x.nGen > 0)) throw new ConfigError(`nGen must be > 0, got ${x.nGen}`, `signal[${k}].nGen`);
    if (k > 0 && x.mass === s[k - 1]!.mass)
      throw new ConfigError(`mass ${x.mass} GeV appears twice`, "signal");
  });
  const efficiency = Float64Array.from(s, (x) => {
    let w = 0;
    for (let k = 0; k < x.events.weight.length; k++) w += x.events.weight[k]!;
    return w / x.nGen;
  });
  return { samples: s, resolution, efficiency };
}

/** Neighbours of mass M and the mixing fraction t of the upper one (t = 0 at or outside the range). */
function neighbours(model: SignalModel, mass: number): { a: number; b: number; t: number } {
  const s = model.samples;
  const m2 = mass * mass;
  if (mass <= s[0]!.mass) return { a: 0, b: 0, t: 0 };
  if (mass >= s[s.length - 1]!.mass) return { a: s.length - 1, b: s.length - 1, t: 0 };
  let b = 1;
  while (s[b]!.mass < mass) b++;
  const a = b - 1;
  const ma2 = s[a]!.mass ** 2;
  return { a, b, t: (m2 - ma2) / (s[b]!.mass ** 2 - ma2) };
}

/** Selection efficiency at any mass: linear in M^2 between simulated masses, flat outside. */
export function signalEfficiency(model: SignalModel, mass: number): number {
  const { a, b, t } = neighbours(model, mass);
  return (1 - t) * model.efficiency[a]! + t * model.efficiency[b]!;
}

/**
 * Expected signal yield [events] for cross section `sigmaFb` [fb] (default 1 fb) and luminosity
 * `lumi` [fb^-1]: L sigma eps(M).
 */
export function expectedSignalYield(model: SignalModel, mass: number, lumi: number, sigmaFb = 1): number {
  if (!(lumi > 0)) throw new ConfigError(`luminosity must be > 0, got ${lumi}`, "lumi");
  return lumi * sigmaFb * signalEfficiency(model, mass);
}

/**
 * Signal template of hypothesis `mass` in one window, normalised so the FULL distribution
 * (inside and outside the window) holds {@link expectedSignalYield} events; the window keeps its
 * share. Module comment for the interpolation.
 *
 * @example const s = signalTemplate(model, 2.352, axes, 79.7); s.integral() // events for 1 fb in the window
 */
export function signalTemplate(
  model: SignalModel,
  mass: number,
  axes: WindowAxes,
  lumi: number,
  sigmaFb = 1,
): Hist2D {
  const h = emptyTemplate(axes);
  fillSignal(model, mass, lumi, sigmaFb, (m2, th, w) => h.fill(m2, th, w));
  return h;
}

/** 1D (theta-integrated) signal template for the wide-width benchmark and plots. */
export function signalTemplate1D(
  model: SignalModel,
  mass: number,
  axes: WindowAxes,
  lumi: number,
  sigmaFb = 1,
): Hist1D {
  const h = new Hist1D(variableAxis(axes.m2Edges, "M2_recoil [GeV^2]"));
  fillSignal(model, mass, lumi, sigmaFb, (m2, _th, w) => h.fill(m2, w));
  return h;
}

function fillSignal(
  model: SignalModel,
  mass: number,
  lumi: number,
  sigmaFb: number,
  fill: (m2: number, theta: number, w: number) => void,
): void {
  if (!(mass > 0) || !Number.isFinite(mass)) throw new ConfigError(`mass must be > 0, got ${mass}`, "mass");
  const yieldTotal = expectedSignalYield(model, mass, lumi, sigmaFb);
  const { a, b, t } = neighbours(model, mass);
  const res = model.resolution;
  const M2 = mass * mass;
  const sig = res.sigma(M2);
  const centre = M2 + res.peakShift(M2);
  const sumOf = (k: number) => {
    let w = 0;
    const ws = model.samples[k]!.events.weight;
    for (let j = 0; j < ws.length; j++) w += ws[j]!;
    return w;
  };
  // a neighbour without selected events hands its share to the other one
  let parts = (
    a === b
      ? [[a, 1]]
      : [
          [a, 1 - t],
          [b, t],
        ]
  ).filter(([k, c]) => c! > 0 && sumOf(k!) > 0);
  const cTot = parts.reduce((x, p) => x + p[1]!, 0);
  parts = parts.map(([k, c]) => [k!, c! / cTot]);
  for (const [k, c] of parts) {
    const s = model.samples[k!]!;
    const ev = s.events;
    const ms2 = s.mass * s.mass;
    const from = ms2 + res.peakShift(ms2);
    const ratio = sig / res.sigma(ms2);
    const norm = (c! * yieldTotal) / sumOf(k!);
    for (let j = 0; j < ev.m2.length; j++)
      fill(centre + (ev.m2[j]! - from) * ratio, ev.thetaCm[j]!, ev.weight[j]! * norm);
  }
}
