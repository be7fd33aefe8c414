/**
 * Cross-section limits -> coupling limits.
 *
 * The signal cross section of e+e- -> mu+ mu- X scales as g^2 for a narrow X (physics.md 4.2:
 * the tables are for g = 1), so a limit sigma_UL on sigma x B(X -> final state) translates into
 *
 *     g_UL(M) = sqrt( sigma_UL(M) / (sigma_1(M) * B(M)) ),
 *
 * with sigma_1 the cross section at g = 1 (with the same ISR treatment as the efficiency) and B the
 * branching fraction into the searched final state: B(Z' -> nu nubar) for the vanilla L_mu - L_tau
 * model, 1 for the fully invisible model (Z' -> chi chibar dominates when alpha_D >> g'^2).
 */
import { zprimeBranchingFractions } from "../physics/models/zprimeWidths.ts";

/** Which interpretation of an invisible-Z' cross-section limit. */
export type InvisibleModel = "vanilla" | "fully-invisible";

/**
 * Coupling upper limit from a cross-section upper limit.
 *
 * @param sigmaUl upper limit on sigma x B [fb] (>= 0)
 * @param sigmaAtUnitCoupling sigma(e+e- -> mu mu X) at g = 1 [fb] (> 0)
 * @param branchingFraction B(X -> searched final state) in (0, 1]
 * @returns g_UL; Infinity when B = 0 or sigma_1 = 0 (no sensitivity), NaN for a NaN input
 * @example
 * couplingLimit(0.2, 1.0e6, 1); // 4.47e-4
 */
export function couplingLimit(sigmaUl: number, sigmaAtUnitCoupling: number, branchingFraction = 1): number {
  if (Number.isNaN(sigmaUl) || Number.isNaN(sigmaAtUnitCoupling) || Number.isNaN(branchingFraction))
    return Number.NaN;
  const denom = sigmaAtUnitCoupling * branchingFraction;
  if (!(denom > 0)) return Number.POSITIVE_INFINITY;
  return Math.sqrt(Math.max(0, sigmaUl) / denom);
}

/** B(Z' -> invisible) for the chosen interpretation at mass M [GeV]. */
export function invisibleBranchingFraction(model: InvisibleModel, mass: number): number {
  return model === "fully-invisible" ? 1 : zprimeBranchingFractions(mass).invisible;
}

/**
 * Coupling limits for a whole scan.
 *
 * @param masses M [GeV], one per hypothesis
 * @param sigmaUl limits on sigma x B(invisible) [fb], same length
 * @param sigmaAtUnitCoupling sigma at g' = 1 [fb], same length
 * @param model "vanilla" (B = B(nu nubar) of the L_mu - L_tau Z') or "fully-invisible" (B = 1)
 */
export function invisibleCouplingLimits(
  masses: ArrayLike<number>,
  sigmaUl: ArrayLike<number>,
  sigmaAtUnitCoupling: ArrayLike<number>,
  model: InvisibleModel,
): Float64Array {
  const n = masses.length;
  if (sigmaUl.length !== n || sigmaAtUnitCoupling.length !== n)
    throw new RangeError(
      `invisibleCouplingLimits: ${n} masses but ${sigmaUl.length} limits and ${sigmaAtUnitCoupling.length} cross sections`,
    );
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = masses[i]!;
    out[i] = couplingLimit(sigmaUl[i]!, sigmaAtUnitCoupling[i]!, invisibleBranchingFraction(model, m));
  }
  return out;
}
