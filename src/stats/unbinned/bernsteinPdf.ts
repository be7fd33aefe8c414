/**
 * Bernstein polynomial density on [lo, hi]: f(x) ∝ sum_j c_j b_{j,d}(u), u = (x - lo)/(hi - lo),
 * b_{j,d}(u) = C(d, j) u^j (1 - u)^(d - j). Each basis function integrates to (hi - lo)/(d + 1),
 * so the normalisation is analytic; non-negative coefficients guarantee a non-negative density
 * (the reason RooBernstein/zfit prefer this basis for backgrounds).
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import { checkWindow, type Pdf, sampleByInversion } from "./pdf.ts";

/**
 * Value of sum_j c_j b_{j,d}(u) by de Casteljau (stable for u in [0, 1]); `work` holds >= d+1 slots.
 */
export function bernsteinSum(c: ArrayLike<number>, u: number, work: Float64Array): number {
  const d = c.length - 1;
  for (let j = 0; j <= d; j++) work[j] = c[j]!;
  const v = 1 - u;
  for (let r = 1; r <= d; r++) for (let j = 0; j <= d - r; j++) work[j] = v * work[j]! + u * work[j + 1]!;
  return work[0]!;
}

/**
 * Normalised Bernstein basis on [lo, hi]: out[j] = b_{j,d}(u) (d + 1)/(hi - lo), each a unit-area
 * density (a Beta(j+1, d-j+1) in u). Used by the linear-yield fits, where background coefficients
 * are yields.
 */
export function bernsteinBasis(d: number, lo: number, hi: number, x: number, out: Float64Array): void {
  const u = (x - lo) / (hi - lo);
  const v = 1 - u;
  const scale = (d + 1) / (hi - lo);
  // b_{j,d} = C(d,j) u^j v^(d-j); small d (<= 3 in practice): direct products.
  let c = 1;
  for (let j = 0; j <= d; j++) {
    if (j > 0) c = (c * (d - j + 1)) / j;
    out[j] = scale * c * u ** j * v ** (d - j);
  }
}

/**
 * @param coeffs c_0..c_d (d = degree, any d >= 0; degree <= 3 is what the analyses use); the
 *   overall scale is irrelevant, the sum must be positive
 * @example bernsteinPdf(0.2, 0.8, [1, 2]) // rising line
 */
export function bernsteinPdf(lo: number, hi: number, coeffs: ArrayLike<number>): Pdf {
  checkWindow(lo, hi, "bernstein");
  const d = coeffs.length - 1;
  if (d < 0) throw new ConfigError("bernstein: no coefficients");
  const c = Float64Array.from(coeffs as ArrayLike<number>);
  let sum = 0;
  for (const v of c) {
    if (!Number.isFinite(v)) throw new ConfigError(`bernstein: coefficient ${v} is not finite`);
    sum += v;
  }
  const z = ((hi - lo) * sum) / (d + 1);
  if (!(z > 0)) throw new RangeError(`bernstein: coefficients ${[...c]} have non-positive integral`);
  const inv = 1 / z;
  const w = 1 / (hi - lo);
  const work = new Float64Array(d + 2);
  // Integral coefficients: ∫_0^u b_{j,d} = (1/(d+1)) sum_{k=j+1}^{d+1} b_{k,d+1}(u), so the cdf is a
  // degree d+1 Bernstein sum with coefficients e_k = sum_{j<k} c_j / (d+1).
  const e = new Float64Array(d + 2);
  for (let k = 1; k <= d + 1; k++) e[k] = e[k - 1]! + c[k - 1]! / (d + 1);
  const nonNeg = c.every((v) => v >= 0);
  const pdf: Pdf = {
    name: `bernstein${d}`,
    lo,
    hi,
    density(x) {
      if (x < lo || x > hi) return 0;
      return inv * bernsteinSum(c, (x - lo) * w, work);
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        out[i] = x < lo || x > hi ? 0 : inv * bernsteinSum(c, (x - lo) * w, work);
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return (hi - lo) * inv * bernsteinSum(e, (x - lo) * w, work);
    },
    sample(rng: Stream, out) {
      if (!nonNeg) return sampleByInversion(pdf, rng, out);
      // Mixture of Beta(j+1, d-j+1) in u, each the (j+1)-th order statistic of d+1 uniforms:
      // exact and cheap for the small degrees used here.
      const u = new Float64Array(d + 1);
      for (let i = 0; i < out.length; i++) {
        let r = rng.uniform() * sum;
        let j = 0;
        while (j < d && r >= c[j]!) r -= c[j++]!;
        rng.fillUniform(u);
        u.sort();
        out[i] = lo + (hi - lo) * u[j]!;
      }
      return out;
    },
  };
  return pdf;
}
