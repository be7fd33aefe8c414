/**
 * staterror constraint widths (pyhf `modifiers/staterror`, statistics.md 1.2): one gamma per bin
 * shared by every sample carrying the modifier, Gaussian-constrained around 1 with relative
 * width sigma_b = sqrt(sum_s delta_sb^2) / sum_s nu0_sb (sums over the carrying samples).
 * Zero width (no uncertainty, or no nominal yield) fixes the gamma at 1; pyhf then sets sigma = 1
 * so that the (constant) constraint term stays finite.
 */

/**
 * @param nomsall per bin: sum of the nominal yields of the samples carrying the modifier
 * @param uncertainties per carrying sample: absolute uncertainty per bin (0 where it does not apply)
 */
export function staterrorSigmas(
  nomsall: ArrayLike<number>,
  uncertainties: readonly ArrayLike<number>[],
): { sigmas: number[]; fixed: boolean[] } {
  const sigmas: number[] = [];
  const fixed: boolean[] = [];
  for (let b = 0; b < nomsall.length; b++) {
    const tot = nomsall[b]!;
    let rel2 = 0;
    if (tot > 0) for (const u of uncertainties) rel2 += (u[b]! / tot) ** 2;
    const sig = Math.sqrt(rel2);
    fixed.push(sig === 0);
    sigmas.push(sig === 0 ? 1 : sig);
  }
  return { sigmas, fixed };
}
