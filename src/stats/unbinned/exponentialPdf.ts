/**
 * Exponential density exp(lambda x) normalised on [lo, hi]; lambda = 0 is the flat limit.
 * Written relative to lo (exp(lambda (x - lo))) with expm1 so that large |lambda (hi - lo)| and
 * lambda -> 0 are both exact.
 */
import type { Stream } from "../../core/random.ts";
import { checkParam, checkWindow, type Pdf } from "./pdf.ts";

/**
 * @param lambda slope in 1/(observable unit); negative for a falling spectrum
 * @example exponentialPdf(0, 5, -1.2).density(1)
 */
export function exponentialPdf(lo: number, hi: number, lambda: number): Pdf {
  checkWindow(lo, hi, "exponential");
  checkParam(lambda, "lambda", "exponential");
  const L = hi - lo;
  // Work relative to the end where the density is largest so nothing overflows.
  const ref = lambda >= 0 ? hi : lo;
  // z = ∫ exp(lambda (x - ref)) dx over the window
  const z =
    lambda === 0 ? L : lambda > 0 ? -Math.expm1(-lambda * L) / lambda : Math.expm1(lambda * L) / lambda;
  const inv = 1 / z;
  const pdf: Pdf = {
    name: "exp",
    lo,
    hi,
    density(x) {
      return x < lo || x > hi ? 0 : inv * Math.exp(lambda * (x - ref));
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        out[i] = x < lo || x > hi ? 0 : inv * Math.exp(lambda * (x - ref));
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      if (lambda === 0) return (x - lo) / L;
      // ∫_lo^x exp(lambda (y - ref)) dy = exp(lambda (lo - ref)) expm1(lambda (x - lo)) / lambda
      return (inv * Math.exp(lambda * (lo - ref)) * Math.expm1(lambda * (x - lo))) / lambda;
    },
    sample(rng: Stream, out) {
      for (let i = 0; i < out.length; i++) {
        const u = rng.uniform();
        if (lambda === 0) out[i] = lo + u * L;
        else if (lambda < 0) out[i] = lo + Math.log1p(u * Math.expm1(lambda * L)) / lambda;
        else out[i] = hi + Math.log1p(u * Math.expm1(-lambda * L)) / lambda; // mirrored for lambda > 0
      }
      return out;
    },
  };
  return pdf;
}
