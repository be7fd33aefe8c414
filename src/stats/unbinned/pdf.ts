/**
 * The unbinned probability density interface shared by every pdf in this folder.
 *
 * A `Pdf` is an immutable density with fixed parameters, normalised to 1 on its window [lo, hi]
 * (units of the observable, usually GeV). Fitting a shape parameter means building a new `Pdf`
 * per likelihood evaluation (cheap: normalisation constants are computed once in the factory),
 * never per event. Hot loops go through `evaluate`, which fills a typed array.
 *
 * @example
 * const g = gaussianPdf(0, 10, 5, 1);
 * g.density(5); // 0.3989... / (Phi(5) - Phi(-5))
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";

export interface Pdf {
  /** Short name for reports, e.g. "gauss", "dcb", "bernstein2". */
  readonly name: string;
  /** Lower window edge (observable units). */
  readonly lo: number;
  /** Upper window edge (observable units). */
  readonly hi: number;
  /** Normalised density at x (0 outside the window). Units: 1 / observable unit. */
  density(x: number): number;
  /** out[i] = density(xs[i]); returns out. No allocation. */
  evaluate(xs: Float64Array, out: Float64Array): Float64Array;
  /** Cumulative probability from lo to x (0 below lo, 1 above hi). */
  cdf(x: number): number;
  /** Fill `out` with independent draws (for toys); returns out. */
  sample(rng: Stream, out: Float64Array): Float64Array;
}

/** Throw a ConfigError unless lo < hi are finite. */
export function checkWindow(lo: number, hi: number, what: string): void {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi))
    throw new ConfigError(`${what}: window [${lo}, ${hi}] must be finite with lo < hi`);
}

/** Throw a ConfigError unless `v` is finite (and positive when asked). */
export function checkParam(v: number, name: string, what: string, positive = false): void {
  if (!Number.isFinite(v) || (positive && !(v > 0)))
    throw new ConfigError(
      `${what}: parameter ${name} = ${v} must be ${positive ? "positive and " : ""}finite`,
    );
}

/** Default vectorised evaluation in terms of `density` (pdfs override it where a loop is faster). */
export function evaluateByDensity(pdf: Pdf, xs: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < xs.length; i++) out[i] = pdf.density(xs[i]!);
  return out;
}

/**
 * Draw by inverting the cdf: safeguarded Newton (the density is the derivative) inside a shrinking
 * bisection bracket, so it always converges even where the density vanishes. Tolerance 1e-13 of
 * the window width. Used for shapes without a cheap direct sampler (Crystal Balls, polynomials
 * with negative coefficients).
 */
export function sampleByInversion(pdf: Pdf, rng: Stream, out: Float64Array): Float64Array {
  const a = pdf.lo;
  const b = pdf.hi;
  const tol = 1e-13 * (b - a);
  for (let i = 0; i < out.length; i++) {
    const u = rng.uniform();
    let lo = a;
    let hi = b;
    let x = a + u * (b - a);
    for (let it = 0; it < 200; it++) {
      const f = pdf.cdf(x) - u;
      if (f > 0) hi = x;
      else lo = x;
      const d = pdf.density(x);
      let xn = d > 0 ? x - f / d : Number.NaN;
      if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
      if (Math.abs(xn - x) < tol || hi - lo < tol) {
        x = xn;
        break;
      }
      x = xn;
    }
    out[i] = x;
  }
  return out;
}
