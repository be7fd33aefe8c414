/**
 * histosys interpolation: the additive shift Delta(alpha) of one bin and its first two
 * derivatives. Formulas: statistics.md 1.3 (pyhf `interpolators/code0|code2|code4p`).
 * code2 follows pyhf main exactly, including its discontinuity beyond |alpha| = 1
 * (scikit-hep/pyhf #2729: the offset I+- - I0 is omitted there).
 */

/** Interpolation code of a histosys modifier. */
export type HistosysCode = 0 | 2 | 5; // 5 = code4p

/**
 * Delta(alpha) for nominal `nom`, up `hi`, down `lo` (absolute yields of one bin); writes
 * Delta, dDelta/dalpha, d2Delta/dalpha2 into out[o..o+2].
 */
export function histosysDelta(
  code: HistosysCode,
  alpha: number,
  nom: number,
  hi: number,
  lo: number,
  out: Float64Array,
  o: number,
): void {
  const dUp = hi - nom;
  const dDn = nom - lo;
  if (code === 0) {
    const s = alpha >= 0 ? dUp : dDn;
    out[o] = alpha * s;
    out[o + 1] = s;
    out[o + 2] = 0;
    return;
  }
  if (code === 2) {
    const a = 0.5 * (hi + lo) - nom;
    const b = 0.5 * (hi - lo);
    if (alpha > 1) {
      out[o] = (b + 2 * a) * (alpha - 1);
      out[o + 1] = b + 2 * a;
      out[o + 2] = 0;
    } else if (alpha < -1) {
      out[o] = (b - 2 * a) * (alpha + 1);
      out[o + 1] = b - 2 * a;
      out[o + 2] = 0;
    } else {
      out[o] = a * alpha * alpha + b * alpha;
      out[o + 1] = 2 * a * alpha + b;
      out[o + 2] = 2 * a;
    }
    return;
  }
  // code4p
  if (alpha > 1) {
    out[o] = alpha * dUp;
    out[o + 1] = dUp;
    out[o + 2] = 0;
  } else if (alpha < -1) {
    out[o] = alpha * dDn;
    out[o + 1] = dDn;
    out[o + 2] = 0;
  } else {
    const S = 0.5 * (dUp + dDn);
    const A = 0.0625 * (dUp - dDn);
    const a2 = alpha * alpha;
    // alpha^2 (15 - 10 alpha^2 + 3 alpha^4) = 15 a^2 - 10 a^4 + 3 a^6
    const p = a2 * (15 - 10 * a2 + 3 * a2 * a2);
    const dp = alpha * (30 - 40 * a2 + 18 * a2 * a2);
    const d2p = 30 - 120 * a2 + 90 * a2 * a2;
    out[o] = alpha * S + p * A;
    out[o + 1] = S + dp * A;
    out[o + 2] = d2p * A;
  }
}
