/**
 * Geometric acceptance: which detector part a direction of flight reaches. Intervals are closed
 * ([thetaMin, thetaMax] in rad): a particle exactly on a region edge is inside, a particle exactly
 * on a gap edge is in the gap. Decided on the true polar angle (where the particle hits), never on
 * the smeared one.
 */
import type { Band, CompiledCard } from "./card.ts";

/** True when theta [rad] lies in the closed band. */
export function inBand(b: Band, theta: number): boolean {
  return theta >= b.min && theta <= b.max;
}

/**
 * Index of the ECL region (card order) that a neutral particle at polar angle theta [rad] hits,
 * or -1 outside the calorimeter or inside a gap.
 */
export function eclRegionIndex(ecl: CompiledCard["ecl"], theta: number): number {
  const gaps = ecl.gaps;
  for (let g = 0; g < gaps.length; g++) if (theta >= gaps[g]!.min && theta <= gaps[g]!.max) return -1;
  const regions = ecl.regions;
  for (let r = 0; r < regions.length; r++) if (theta >= regions[r]!.min && theta <= regions[r]!.max) return r;
  return -1;
}

/** Index of the KLM region at polar angle theta [rad], or -1 outside. */
export function klmRegionIndex(klm: CompiledCard["klm"], theta: number): number {
  const regions = klm.regions;
  for (let r = 0; r < regions.length; r++) if (theta >= regions[r]!.min && theta <= regions[r]!.max) return r;
  return -1;
}
