/**
 * Class balancing of event weights for the BCE pre-training: signal weights are multiplied by
 * sum(w_bkg) / sum(w_sig) so both classes carry the same total weight (Punzi-net preparation,
 * arXiv:2110.00810; without it a 1:1000 weighted sample trains a constant "background" output).
 */

/**
 * Returns a new Float64Array of weights with signal (label > 0.5) weights rescaled so that
 * sum w_sig = sum w_bkg; background weights unchanged. If either class has zero total weight the
 * weights are returned unscaled (there is nothing to balance against).
 * @param labels 1 = signal, 0 = background
 * @param weights per-event weights (length >= labels.length)
 * @example balanceClassWeights([1, 0, 0], [1, 2, 2]) // [4, 2, 2]
 */
export function balanceClassWeights(labels: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
  const n = labels.length;
  const out = new Float64Array(n);
  let ss = 0;
  let sb = 0;
  for (let j = 0; j < n; j++) {
    const w = weights[j]!;
    out[j] = w;
    if (labels[j]! > 0.5) ss += w;
    else sb += w;
  }
  if (ss === 0 || sb === 0) return out;
  const f = sb / ss;
  for (let j = 0; j < n; j++) if (labels[j]! > 0.5) out[j]! *= f;
  return out;
}
