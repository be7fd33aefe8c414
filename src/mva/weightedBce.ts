/**
 * Weighted binary cross-entropy, normalised by the sum of weights:
 *   L = sum_j w_j BCE(p_j, y_j) / sum_j w_j,   BCE(p, y) = -[y ln p + (1 - y) ln(1 - p)],
 * the pre-training loss of the Punzi-net (arXiv:2110.00810, sec. 3; the signal weights are first
 * rescaled so that sum w_sig = sum w_bkg, see {@link balanceClassWeights}).
 *
 * Edge cases: ln is clamped at -100 (so p = 0 or 1 gives a finite loss, the convention of
 * PyTorch's BCELoss); the derivative dBCE/dp = (p - y) / (p (1 - p)) uses max(p (1 - p), 1e-12)
 * in the denominator so that a saturated sigmoid yields a finite (then zero, after the sigmoid's
 * own derivative) gradient instead of NaN. A zero weight sum returns 0 with a zero gradient.
 */

const LOG_FLOOR = -100;
const PQ_FLOOR = 1e-12;

/**
 * Weighted mean BCE of the first `n` outputs.
 * @param p network outputs in [0, 1]
 * @param labels 1 = signal, 0 = background (values in between are accepted as soft targets)
 * @param weights per-event weights (may be negative; their sum must not vanish)
 * @param n number of events
 * @param grad if given, receives dL/dp_j for j < n (overwritten)
 * @returns the loss (dimensionless)
 * @example weightedBce([0.5], [1], [1], 1) // ln 2
 */
export function weightedBce(
  p: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  n: number,
  grad?: Float64Array,
): number {
  let sw = 0;
  let sl = 0;
  for (let j = 0; j < n; j++) {
    const w = weights[j]!;
    const y = labels[j]!;
    const pj = p[j]!;
    const lp = pj > 0 ? Math.max(Math.log(pj), LOG_FLOOR) : LOG_FLOOR;
    const lq = pj < 1 ? Math.max(Math.log1p(-pj), LOG_FLOOR) : LOG_FLOOR;
    sl -= w * (y * lp + (1 - y) * lq);
    sw += w;
  }
  if (sw === 0) {
    if (grad) grad.fill(0, 0, n);
    return 0;
  }
  if (grad) {
    const inv = 1 / sw;
    for (let j = 0; j < n; j++) {
      const pj = p[j]!;
      grad[j] = (weights[j]! * inv * (pj - labels[j]!)) / Math.max(pj * (1 - pj), PQ_FLOOR);
    }
  }
  return sl / sw;
}
