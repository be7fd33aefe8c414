/**
 * Track-parameter resolutions of the fast simulation (all Gaussian, added in quadrature).
 *
 * - transverse momentum: sigma(pT)/pT = a pT (+) b, a from the curvature measurement, b from
 *   multiple scattering (Belle II: a = 0.1%/GeV, b = 0.3%; four-muon paper, physics.md 7.2);
 * - polar angle and azimuth: sigma = c (+) s / p;
 * - impact parameters: sigma(d0) = c (+) s / (p beta sin^{3/2} theta),
 *   sigma(z0) = c (+) s / (p beta sin^{5/2} theta) (the usual multiple-scattering scaling, PDG
 *   review "Passage of particles through matter", eq. 34.16, projected on the two planes).
 */
import type { CompiledCard } from "./card.ts";

type Tracking = CompiledCard["tracking"];

/** Relative transverse-momentum resolution sigma(pT)/pT at pT [GeV]. */
export function ptRelativeSigma(t: Tracking, pt: number): number {
  const a = t.ptResSlope * pt;
  return Math.sqrt(a * a + t.ptResConst * t.ptResConst);
}

/** Angular resolution [rad] at momentum p [GeV]. */
export function angularSigma(t: Tracking, p: number): number {
  const s = t.angResSlope / p;
  return Math.sqrt(t.angResConst * t.angResConst + s * s);
}

/** d0 resolution [cm] at momentum p [GeV], velocity beta and sin(theta) of the polar angle. */
export function d0Sigma(t: Tracking, p: number, beta: number, sinTheta: number): number {
  const sn = sinTheta;
  const s = t.d0Slope / (p * beta * sn * Math.sqrt(sn));
  return Math.sqrt(t.d0Const * t.d0Const + s * s);
}

/** z0 resolution [cm] at momentum p [GeV], velocity beta and sin(theta) of the polar angle. */
export function z0Sigma(t: Tracking, p: number, beta: number, sinTheta: number): number {
  const sn = sinTheta;
  const s = t.z0Slope / (p * beta * sn * sn * Math.sqrt(sn));
  return Math.sqrt(t.z0Const * t.z0Const + s * s);
}
