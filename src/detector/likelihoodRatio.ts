/**
 * Particle-identification output of the fast simulation. The card gives P(LR > 0.5) per true
 * species in bins of (theta, p); we turn one uniform deviate u into a likelihood ratio that passes
 * the 0.5 cut with exactly that probability: u < eff maps to (0.5, 1], u >= eff to [0, 0.5).
 * Only the 0.5 working point is calibrated; the shape above and below it is a uniform placeholder.
 */

/** Smallest float32 above 0.5: a passing ratio must stay > 0.5 after storage as float32. */
const ABOVE_HALF = Math.fround(0.5 + 2 ** -24);

/** Likelihood ratio in [0, 1] from a uniform u in [0, 1) and the pass probability eff. */
export function likelihoodRatio(u: number, eff: number): number {
  if (u < eff) {
    const lr = Math.fround(1 - (0.5 * u) / eff);
    return lr > 0.5 ? lr : ABOVE_HALF;
  }
  return eff >= 1 ? 0 : (0.5 * (u - eff)) / (1 - eff);
}
