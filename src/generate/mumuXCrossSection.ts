/**
 * sigma(e+e- -> gamma* -> mu+ mu- X) for coupling g = 1 (sigma scales as g^2), X = Z' or S,
 * by deterministic quadrature (physics.md 4.1-4.2):
 *
 *   sigma_Born(s) = int ds1 ds2 sum|M|^2 / (1024 pi^3 s^2),   sum|M|^2 = (4 pi alpha)^2 <T> / s^2
 *
 * in the log variables of mumuXPhaseSpace.ts (composite Gauss-Legendre in ln(s_i - m^2), as the
 * reference tables were made), and with initial-state radiation in the leading-log Kuraev-Fadin
 * structure-function approach (isr.ts):
 *
 *   sigma_ISR(s) = int_0^xmax dx W(s, x) sigma_Born(s (1 - x)),  sqrt(s (1 - xmax)) = sqrt_s_min
 *
 * integrated in t = x^beta, where W dx is smooth. The error is estimated from the difference to
 * a rule with half as many panels.
 */

import { gaussLegendreRule } from "../core/quadrature.ts";
import { ALPHA_EM, GEV2_TO_FB, M_MU } from "../core/units.ts";
import { isrBeta, isrDensityInT } from "./isr.ts";
import {
  type BosonSpin,
  beamAveragedT,
  scalarCoefficients,
  vectorCoefficients,
} from "./mumuXMatrixElement.ts";
import { type DalitzPoint, dalitzPoint, mapDalitz } from "./mumuXPhaseSpace.ts";

/** A cross section and its estimated numerical (or Monte Carlo) uncertainty [fb]. */
export interface CrossSection {
  readonly sigma: number;
  readonly error: number;
}

/** Options of the cross-section functions. */
export interface CrossSectionOptions {
  /** alpha of the s-channel photon (default alpha(0) = 1/137.036, as the reference tables). */
  readonly alpha?: number;
  /** Muon mass [GeV] (default PDG). */
  readonly muonMass?: number;
  /** Panels per dimension of the composite 8-point rule (default 12). */
  readonly panels?: number;
}

/**
 * d sigma / dv1 dv2 [fb] at a point (v1, v2) of the unit square (mumuXPhaseSpace.ts map) for
 * coupling 1 at c.m. energy squared s [GeV^2], muon mass m and boson mass M [GeV]; 0 outside phase
 * space. Fills `pt` (invariants) and `coef` (6 matrix-element coefficients) for the caller.
 */
export function bornDensity(
  spin: BosonSpin,
  s: number,
  m: number,
  M: number,
  v1: number,
  v2: number,
  alpha: number,
  pt: DalitzPoint,
  coef: Float64Array,
): number {
  if (!mapDalitz(s, m, M, v1, v2, pt)) return 0;
  const m2 = m * m;
  const M2 = M * M;
  if (spin === "vector") vectorCoefficients(s, pt.D1, pt.D2, m2, M2, coef);
  else scalarCoefficients(s, pt.D1, pt.D2, m2, M2, coef);
  const T = beamAveragedT(coef, s, pt.s1, pt.s2, m2, M2);
  const e4 = 16 * Math.PI * Math.PI * alpha * alpha;
  return ((e4 * T) / (s * s) / (1024 * Math.PI ** 3 * s * s)) * pt.jacobian * GEV2_TO_FB;
}

function bornWithPanels(
  spin: BosonSpin,
  s: number,
  M: number,
  m: number,
  alpha: number,
  panels: number,
): number {
  if (!(Math.sqrt(s) > 2 * m + M)) return 0;
  const { nodes: x, weights: w } = gaussLegendreRule(8);
  const pt = dalitzPoint();
  const coef = new Float64Array(6);
  const h = 1 / panels;
  let sum = 0;
  for (let i = 0; i < panels; i++) {
    for (let a = 0; a < 8; a++) {
      const v1 = h * (i + 0.5 + 0.5 * x[a]!);
      let inner = 0;
      for (let j = 0; j < panels; j++) {
        for (let b = 0; b < 8; b++) {
          const v2 = h * (j + 0.5 + 0.5 * x[b]!);
          inner += w[b]! * bornDensity(spin, s, m, M, v1, v2, alpha, pt, coef);
        }
      }
      sum += w[a]! * inner;
    }
  }
  return sum * (0.5 * h) * (0.5 * h);
}

function checkMass(sqrtS: number, M: number, m: number): void {
  if (!(M > 0) || !Number.isFinite(M)) throw new RangeError(`boson mass must be > 0, got ${M}`);
  if (!(sqrtS > 2 * m + M))
    throw new RangeError(`boson mass ${M} GeV is above sqrt(s) - 2 m_mu = ${sqrtS - 2 * m}`);
}

/**
 * Born sigma(e+e- -> mu+ mu- X) [fb] for coupling 1 at centre-of-mass energy sqrtS.
 *
 * @param spin "vector" (L_mu - L_tau Z') or "scalar" (S)
 * @param sqrtS sqrt(s) [GeV]
 * @param M boson mass [GeV], 0 < M < sqrtS - 2 m_mu (RangeError otherwise)
 * @example
 * bornCrossSection("vector", 10.58, 1).sigma; // 9.956e4 fb (xsec_mumuX_10p58.csv)
 */
export function bornCrossSection(
  spin: BosonSpin,
  sqrtS: number,
  M: number,
  opts: CrossSectionOptions = {},
): CrossSection {
  const m = opts.muonMass ?? M_MU;
  checkMass(sqrtS, M, m);
  const alpha = opts.alpha ?? ALPHA_EM;
  const panels = opts.panels ?? 12;
  const s = sqrtS * sqrtS;
  const fine = bornWithPanels(spin, s, M, m, alpha, panels);
  const coarse = bornWithPanels(spin, s, M, m, alpha, Math.max(1, panels >> 1));
  return { sigma: fine, error: Math.abs(fine - coarse) };
}

/** Options for {@link isrCrossSection}. */
export interface IsrCrossSectionOptions extends CrossSectionOptions {
  /**
   * Lowest sqrt(s') kept [GeV] (default 2 GeV, the reference table's convention: the radiative
   * return below 2 GeV is not included). The threshold M + 2 m_mu always applies.
   */
  readonly sqrtsMin?: number;
  /** Gauss-Legendre panels (8 points each) in t = x^beta (default 8). */
  readonly isrPanels?: number;
}

/**
 * sigma with ISR (leading-log Kuraev-Fadin, physics.md 8.2 item 1) [fb], coupling 1.
 *
 * @example
 * isrCrossSection("vector", 10.58, 1).sigma;                  // 1.016e5 fb (ISR_all column)
 * isrCrossSection("vector", 10.58, 1, { sqrtsMin: 10 }).sigma; // 8.657e4 fb
 */
export function isrCrossSection(
  spin: BosonSpin,
  sqrtS: number,
  M: number,
  opts: IsrCrossSectionOptions = {},
): CrossSection {
  const m = opts.muonMass ?? M_MU;
  checkMass(sqrtS, M, m);
  const alpha = opts.alpha ?? ALPHA_EM;
  const s = sqrtS * sqrtS;
  const beta = isrBeta(s);
  const sMin = Math.max(opts.sqrtsMin ?? 2, M + 2 * m) ** 2;
  if (!(sMin < s)) return { sigma: 0, error: 0 };
  const xMax = 1 - sMin / s;
  const tMax = xMax ** beta;
  const panels = opts.isrPanels ?? 8;
  const inner = opts.panels ?? 10;
  const { nodes: x, weights: w } = gaussLegendreRule(8);
  const run = (np: number, bornPanels: number): number => {
    const h = tMax / np;
    let sum = 0;
    for (let i = 0; i < np; i++) {
      for (let a = 0; a < 8; a++) {
        const t = h * (i + 0.5 + 0.5 * x[a]!);
        const xx = t ** (1 / beta);
        const sp = s * (1 - xx);
        sum += w[a]! * isrDensityInT(t, beta) * bornWithPanels(spin, sp, M, m, alpha, bornPanels);
      }
    }
    return sum * 0.5 * h;
  };
  const fine = run(panels, inner);
  const coarse = run(Math.max(1, panels >> 1), Math.max(1, inner >> 1));
  return { sigma: fine, error: Math.abs(fine - coarse) };
}
