/**
 * shapesys constraint (pyhf `modifiers/shapesys`, statistics.md 1.2): one gamma per bin with a
 * Poisson constraint Pois(a_b | gamma_b tau_b), tau_b = (nu0_b / delta_b)^2 (the Barlow-Beeston
 * "effective number of MC events"). Bins with nu0_b <= 0 or delta_b <= 0 carry no information:
 * their gamma is fixed at 1 and tau_b = 1 (pyhf keeps their constant constraint term).
 */

/** tau per bin and the fixed flags, from the nominal yields and absolute uncertainties. */
export function shapesysConstraint(
  nominal: readonly number[],
  uncertainty: readonly number[],
): { tau: number[]; fixed: boolean[] } {
  const tau: number[] = [];
  const fixed: boolean[] = [];
  for (let b = 0; b < nominal.length; b++) {
    const v = nominal[b]!;
    const d = uncertainty[b]!;
    const valid = v > 0 && d > 0;
    tau.push(valid ? (v * v) / (d * d) : 1);
    fixed.push(!valid);
  }
  return { tau, fixed };
}
