/**
 * Initial-state radiation in the leading-log Kuraev-Fadin structure-function approach
 * (E.A. Kuraev, V.S. Fadin, Sov. J. Nucl. Phys. 41 (1985) 466; the form of physics.md 8.2 item 1):
 *
 *   W(s, x) = beta x^(beta-1) (1 + 3 beta / 4) - beta (1 - x / 2),
 *   beta = (2 alpha / pi) (ln(s / m_e^2) - 1)   (0.0877 at 10.58 GeV),
 *
 * x = fraction of the beam energy radiated, s' = s (1 - x). General: any process generated at s'
 * can use it (the background generators do).
 *
 * Sampling uses t = x^beta: since beta x^(beta-1) dx = dt, W dx = w(t) dt with the smooth
 * w(t) = (1 + 3 beta/4) - (1 - x/2) x / t, positive on [0, 1].
 *
 * The photon: energy x sqrt(s)/2 in the c.m. frame, polar angle from the lowest-order
 * bremsstrahlung peak dN/dcos(theta) ∝ 1/(1 - beta_e^2 cos^2 theta) (physics.md 8.2), which puts
 * most photons within m_e/E of a beam but keeps the realistic large-angle tail that matters for a
 * photon veto. Azimuth uniform.
 */

import type { Stream } from "../core/random.ts";
import { ALPHA_EM, M_E } from "../core/units.ts";

/**
 * The ISR exponent beta = (2 alpha / pi)(ln(s / m_e^2) - 1).
 *
 * @param s c.m. energy squared [GeV^2]
 */
export function isrBeta(s: number): number {
  return ((2 * ALPHA_EM) / Math.PI) * (Math.log(s / (M_E * M_E)) - 1);
}

/** The structure function W(s, x) of the file comment (per unit x), for 0 < x < 1. */
export function isrStructureFunction(x: number, beta: number): number {
  return beta * x ** (beta - 1) * (1 + 0.75 * beta) - beta * (1 - 0.5 * x);
}

/** W dx / dt at t = x^beta (smooth, bounded by 1 + 3 beta / 4). */
export function isrDensityInT(t: number, beta: number): number {
  if (t <= 0) return 1 + 0.75 * beta;
  const x = t ** (1 / beta);
  return 1 + 0.75 * beta - ((1 - 0.5 * x) * x) / t;
}

/**
 * Sample x in (0, xMax) from W(s, x) (exactly, by accept-reject in t against the constant bound
 * 1 + 3 beta/4; efficiency > 85 %). Returns x.
 *
 * @param beta {@link isrBeta}(s)
 * @param xMax largest radiated fraction allowed (e.g. 1 - s'_min / s)
 * @param rng random stream
 */
export function sampleIsrFraction(beta: number, xMax: number, rng: Stream): number {
  const tMax = xMax ** beta;
  const bound = 1 + 0.75 * beta;
  for (;;) {
    const t = tMax * rng.uniform();
    if (rng.uniform() * bound <= isrDensityInT(t, beta)) return t > 0 ? t ** (1 / beta) : 0;
  }
}

/**
 * Integral of W from 0 to xMax: the probability to radiate at most xMax (the normalisation of a
 * cut ISR spectrum). Closed form: xMax^beta (1 + 3 beta / 4) - beta (xMax - xMax^2 / 4).
 */
export function isrIntegral(beta: number, xMax: number): number {
  return xMax ** beta * (1 + 0.75 * beta) - beta * (xMax - 0.25 * xMax * xMax);
}

/**
 * Sample the ISR photon direction cosine in the c.m. frame (relative to the e- beam, +z) from
 * 1/(1 - beta_e^2 cos^2), beta_e = sqrt(1 - 4 m_e^2 / s). Inverse CDF: with
 * g = atanh(beta_e c) uniform in [-G, G], G = atanh(beta_e), c = tanh(g) / beta_e.
 *
 * @param s c.m. energy squared [GeV^2]
 */
export function sampleIsrCosTheta(s: number, rng: Stream): number {
  const oneMinusB2 = (4 * M_E * M_E) / s;
  const be = Math.sqrt(1 - oneMinusB2);
  // atanh(be) = 0.5 ln((1+be)^2 / (1-be^2)): exact near be -> 1
  const G = 0.5 * Math.log(((1 + be) * (1 + be)) / oneMinusB2);
  const g = G * (2 * rng.uniform() - 1);
  const c = Math.tanh(g) / be;
  return Math.min(1, Math.max(-1, c));
}
