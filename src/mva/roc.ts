/**
 * Weighted ROC curve and its area. Events are sorted by decreasing score; events with equal
 * scores enter together (one ROC point per distinct score), so ties give the diagonal segment
 * rather than an order-dependent staircase.
 *   tpr(t) = sum_{sig, s > t} w / sum_sig w,   fpr(t) = sum_{bkg, s > t} w / sum_bkg w.
 * AUC by the trapezoidal rule over these points (equals the weighted Mann-Whitney probability
 * P(s_sig > s_bkg) + P(tie)/2).
 */

/** ROC points, from (0, 0) at the highest threshold to (1, 1). */
export interface Roc {
  /** Threshold of each point: events with score >= threshold are selected (first point: +inf). */
  threshold: Float64Array;
  /** Signal efficiency (true-positive rate). */
  tpr: Float64Array;
  /** Background efficiency (false-positive rate). */
  fpr: Float64Array;
}

/**
 * ROC curve of `scores` for `labels` (1 signal, 0 background) with optional per-event weights.
 * Returns NaN rates if a class has zero total weight.
 * @example roc([0.9, 0.1], [1, 0]).tpr // [0, 1, 1]
 */
export function roc(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): Roc {
  const n = scores.length;
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = j;
  idx.sort((a, b) => scores[b]! - scores[a]!);
  let ts = 0;
  let tb = 0;
  for (let j = 0; j < n; j++) {
    const w = weights ? weights[j]! : 1;
    if (labels[j]! > 0.5) ts += w;
    else tb += w;
  }
  const th: number[] = [Number.POSITIVE_INFINITY];
  const tp: number[] = [0];
  const fp: number[] = [0];
  let s = 0;
  let b = 0;
  let k = 0;
  while (k < n) {
    const t = scores[idx[k]!]!;
    while (k < n && scores[idx[k]!]! === t) {
      const j = idx[k]!;
      const w = weights ? weights[j]! : 1;
      if (labels[j]! > 0.5) s += w;
      else b += w;
      k++;
    }
    th.push(t);
    tp.push(s / ts);
    fp.push(b / tb);
  }
  return { threshold: Float64Array.from(th), tpr: Float64Array.from(tp), fpr: Float64Array.from(fp) };
}

/** Area under a ROC curve (trapezoidal in fpr). @example auc(roc([0.9, 0.1], [1, 0])) // 1 */
export function auc(r: Roc): number {
  let a = 0;
  for (let k = 1; k < r.fpr.length; k++) a += (r.fpr[k]! - r.fpr[k - 1]!) * (r.tpr[k]! + r.tpr[k - 1]!) * 0.5;
  return a;
}
