/**
 * ECL cluster resolutions. Energy: sigma_E/E = a/E (+) b/E^{1/4} (+) c (E in GeV), the Belle CsI(Tl)
 * form (physics.md 7.2; numbers recalled, not verified). Angles: sigma = c (+) s/sqrt(E).
 */
import type { CompiledCard } from "./card.ts";

type Ecl = CompiledCard["ecl"];

/** Relative energy resolution sigma_E/E at energy e [GeV] (e > 0). */
export function eclEnergyRelativeSigma(c: Ecl, e: number): number {
  const a = c.noise / e;
  const b = c.stochastic / Math.sqrt(Math.sqrt(e));
  return Math.sqrt(a * a + b * b + c.constant * c.constant);
}

/** Cluster angular resolution [rad] at energy e [GeV] (e > 0). */
export function eclAngularSigma(c: Ecl, e: number): number {
  const s = c.angResSlope / Math.sqrt(e);
  return Math.sqrt(c.angResConst * c.angResConst + s * s);
}
