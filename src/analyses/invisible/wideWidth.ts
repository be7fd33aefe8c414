/**
 * Wide-width benchmark of analysis A (Gamma_Z' = 0.1 M_Z', i.e. alpha_D = 2.9 in the fully
 * invisible model; spec invisible-zprime.md "Fit", physics.md 1.4): 1D M2_recoil templates with a
 * Breit-Wigner signal convolved with the Gaussian resolution, in wider windows.
 *
 * Signal shape: the true recoil mass squared t follows the relativistic Breit-Wigner with
 * constant width, BW(t) = 1 / ((t - M^2)^2 + M^2 Gamma^2), truncated to the physical range
 * 0 <= t <= (sqrt s - 2 m_mu)^2 and normalised there; each t is smeared by a Gaussian of width
 * sigma(t) centred at t + peakShift(t) (the measured resolution model). The fraction in bin
 * [a, b) is
 *   f = (1/N) int BW(t) [Phi((b - t - d(t))/sigma(t)) - Phi((a - t - d(t))/sigma(t))] dt,
 * computed in u = atan((t - M^2)/(M Gamma)), where BW dt = du / (M Gamma) is flat: the sharp
 * part (a step at each bin edge) exactly, the Gaussian rounding of each edge as an adaptive
 * Gauss-Kronrod correction over +-10 resolutions around it (core/quadrature). Simplifications (documented
 * rather than hidden): the efficiency is the narrow-width efficiency at M (the paper finds it
 * nearly flat in M2), and the t-dependence of the production cross section across the line
 * shape is neglected.
 *
 * Window: the bins covering M^2 +- (nSigma sigma(M^2) + nGamma M Gamma) (defaults 10 and 2: the
 * narrow window's +-10 bins plus two half-widths of the Breit-Wigner), at least 20 bins.
 */
import { ConfigError } from "../../core/errors.ts";
import { integrate } from "../../core/quadrature.ts";
import { normalCdf } from "../../core/special.ts";
import { M_MU } from "../../core/units.ts";
import { variableAxis } from "../../hist/axis.ts";
import { Hist1D } from "../../hist/hist1D.ts";
import { type Window, wideSearchWindow } from "./binning.ts";
import type { ResolutionFunction } from "./resolution.ts";
import { expectedSignalYield, type SignalModel, type WindowAxes } from "./templates.ts";

/** Settings of the benchmark. */
export interface WideWidthOptions {
  /** Gamma / M (default 0.1). */
  gammaOverM?: number;
  /** Window half-width in resolutions (default 10). */
  nSigma?: number;
  /** Extra window half-width in units of M Gamma (default 2). */
  nGamma?: number;
  /** c.m. energy [GeV] for the physical upper end of t (default 10.58). */
  sqrtS?: number;
}

/** The wide window of hypothesis `mass` on the full M2 edges. */
export function wideWidthWindow(
  m2Edges: ArrayLike<number>,
  mass: number,
  res: ResolutionFunction,
  opts: WideWidthOptions = {},
): Window {
  const g = opts.gammaOverM ?? 0.1;
  if (!(g > 0)) throw new ConfigError(`gammaOverM must be > 0, got ${g}`, "wideWidth.gammaOverM");
  const M2 = mass * mass;
  const half = (opts.nSigma ?? 10) * res.sigma(M2) + (opts.nGamma ?? 2) * g * M2;
  return wideSearchWindow(m2Edges, M2, half);
}

/**
 * Fractions of the smeared, truncated Breit-Wigner in each bin of `edges` (M2 [GeV^2]); they sum
 * to the share of the line shape inside [edges[0], edges[n]).
 *
 * @example breitWignerGaussFractions([-10, 0, 10], 1, 0.1, res) // ~[0, 1]
 */
export function breitWignerGaussFractions(
  edges: ArrayLike<number>,
  mass: number,
  gammaOverM: number,
  res: ResolutionFunction,
  sqrtS = 10.58,
): Float64Array {
  if (!(mass > 0) || !(gammaOverM > 0)) throw new ConfigError("mass and gammaOverM must be > 0", "wideWidth");
  const M2 = mass * mass;
  const mg = gammaOverM * M2; // M Gamma [GeV^2]
  const tMax = (sqrtS - 2 * M_MU) ** 2;
  const u0 = Math.atan((0 - M2) / mg);
  const u1 = Math.atan((tMax - M2) / mg);
  const U = (t: number) => Math.min(Math.max(Math.atan((t - M2) / mg), u0), u1);
  // Smeared mass of edge e as a step in u: the (shifted) true value te with te + d(te) = e,
  // solved by two fixed-point steps (the peak shift varies slowly).
  const edgeU = (e: number) => {
    let te = e - res.peakShift(e);
    te = e - res.peakShift(te);
    return te;
  };
  // Correction of the step 1[t < te] to the Gaussian edge Phi((e - t - d(t))/sigma(t)), in u.
  // The integrand is smooth on each side of ue and vanishes beyond +-10 resolutions.
  const correction = (e: number) => {
    const te = edgeU(e);
    const ue = U(te);
    const s = 1.5 * res.sigma(te);
    const lo = U(te - 10 * s);
    const hi = U(te + 10 * s);
    const g = (u: number, below: number) => {
      const t = M2 + mg * Math.tan(u);
      return normalCdf((e - t - res.peakShift(t)) / res.sigma(t)) - below;
    };
    const opts = { epsabs: 1e-14, epsrel: 1e-10 };
    let c = 0;
    if (ue > lo) c += integrate((u) => g(u, 1), lo, ue, opts).value;
    if (hi > ue) c += integrate((u) => g(u, 0), ue, hi, opts).value;
    return c;
  };
  const out = new Float64Array(edges.length - 1);
  // f_k = [U(t_b) - U(t_a) + C(b) - C(a)] / (u1 - u0): the step part exactly (the Breit-Wigner
  // is flat in u), the Gaussian edges as localised corrections. This stays accurate whether the
  // resolution is much narrower or much wider than M Gamma, where a single adaptive integral over
  // u misses narrow features.
  const cAt = Array.from(edges, (e) => correction(e));
  const uAt = Array.from(edges, (e) => U(edgeU(e)));
  for (let k = 0; k < out.length; k++)
    out[k] = Math.max(0, (uAt[k + 1]! - uAt[k]! + cAt[k + 1]! - cAt[k]!) / (u1 - u0));
  return out;
}

/**
 * 1D signal template of the wide-width benchmark on a window's M2 axis, for sigma = `sigmaFb`
 * (default 1 fb): L sigma eps(M) times the bin fractions. No MC statistics (analytic shape).
 */
export function wideWidthSignalTemplate(
  model: SignalModel,
  mass: number,
  axes: WindowAxes,
  lumi: number,
  opts: WideWidthOptions = {},
  sigmaFb = 1,
): Hist1D {
  const y = expectedSignalYield(model, mass, lumi, sigmaFb);
  const f = breitWignerGaussFractions(
    axes.m2Edges,
    mass,
    opts.gammaOverM ?? 0.1,
    model.resolution,
    opts.sqrtS,
  );
  const h = new Hist1D(variableAxis(axes.m2Edges, "M2_recoil [GeV^2]"));
  for (let k = 0; k < f.length; k++) h.sumw[k + 1] = y * f[k]!;
  return h;
}
