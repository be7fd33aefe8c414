/**
 * Chebyshev polynomial density on [lo, hi] (RooChebychev convention): f(x) ∝ 1 + sum_{k>=1} c_k T_k(t),
 * t = 2 (x - lo)/(hi - lo) - 1. Analytic normalisation from ∫_{-1}^{1} T_k = 2/(1 - k^2) for even k,
 * 0 for odd k; the cdf from ∫ T_k = T_{k+1}/(2(k+1)) - T_{k-1}/(2(k-1)) (k >= 2).
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import { checkWindow, type Pdf, sampleByInversion } from "./pdf.ts";

/** T_0..T_m at t into out (recurrence T_{k+1} = 2t T_k - T_{k-1}). */
function chebT(t: number, m: number, out: Float64Array): void {
  out[0] = 1;
  if (m >= 1) out[1] = t;
  for (let k = 2; k <= m; k++) out[k] = 2 * t * out[k - 1]! - out[k - 2]!;
}

/** Antiderivative of T_k with value 0 at t = -1. */
function chebIntegral(k: number, T: Float64Array, Tm1: Float64Array): number {
  const prim = (tt: Float64Array): number => {
    if (k === 0) return tt[1]!;
    if (k === 1) return 0.5 * tt[1]! * tt[1]!;
    return tt[k + 1]! / (2 * (k + 1)) - tt[k - 1]! / (2 * (k - 1));
  };
  return prim(T) - prim(Tm1);
}

/**
 * @param coeffs c_1..c_d (the constant term is fixed to 1); d <= 3 is typical
 * @example chebyshevPdf(0, 1, [0.2, -0.1]) // slight slope and curvature
 */
export function chebyshevPdf(lo: number, hi: number, coeffs: ArrayLike<number>): Pdf {
  checkWindow(lo, hi, "chebyshev");
  const d = coeffs.length;
  const c = new Float64Array(d + 1);
  c[0] = 1;
  for (let k = 1; k <= d; k++) {
    const v = coeffs[k - 1]!;
    if (!Number.isFinite(v)) throw new ConfigError(`chebyshev: coefficient ${v} is not finite`);
    c[k] = v;
  }
  let integ = 0; // over t in [-1, 1]
  for (let k = 0; k <= d; k++) if (k % 2 === 0) integ += (c[k]! * 2) / (1 - k * k);
  const z = (integ * (hi - lo)) / 2;
  if (!(z > 0))
    throw new RangeError(`chebyshev: coefficients ${Array.from(coeffs)} have non-positive integral`);
  const inv = 1 / z;
  const T = new Float64Array(d + 2);
  const Tm1 = new Float64Array(d + 2);
  chebT(-1, d + 1, Tm1);
  const toT = 2 / (hi - lo);
  const value = (x: number): number => {
    const t = (x - lo) * toT - 1;
    // Clenshaw would also do; for d <= 3 the recurrence is as fast and as stable on [-1, 1].
    let s = 1;
    let tkm1 = 1;
    let tk = t;
    for (let k = 1; k <= d; k++) {
      s += c[k]! * tk;
      const nx = 2 * t * tk - tkm1;
      tkm1 = tk;
      tk = nx;
    }
    return s;
  };
  const pdf: Pdf = {
    name: `chebyshev${d}`,
    lo,
    hi,
    density(x) {
      return x < lo || x > hi ? 0 : inv * value(x);
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        out[i] = x < lo || x > hi ? 0 : inv * value(x);
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      const t = (x - lo) * toT - 1;
      chebT(t, d + 1, T);
      let s = 0;
      for (let k = 0; k <= d; k++) s += c[k]! * chebIntegral(k, T, Tm1);
      return (s * inv) / toT;
    },
    sample(rng: Stream, out) {
      return sampleByInversion(pdf, rng, out);
    },
  };
  return pdf;
}
