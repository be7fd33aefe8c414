/**
 * Double-sided Crystal Ball: Gaussian core with power-law tails on both sides, normalised on a
 * window. Formulas: physics.md section 6.5 (after Oreglia, SLAC-R-236 (1980), appendix D, and the
 * double-sided form used in ATLAS/CMS, e.g. CMS-PAS-HIG-13-001), written in a form that neither
 * overflows for large n nor cancels near the junctions:
 *
 *   t = (x - mu)/sigma,  core exp(-t^2/2) for -aL < t < aR,
 *   low tail  A_L (B_L - t)^-nL = exp(-aL^2/2) r^nL,  r = 1/(1 - aL (aL + t)/nL)   (t <= -aL)
 *   high tail A_R (B_R + t)^-nR = exp(-aR^2/2) r^nR,  r = 1/(1 - aR (aR - t)/nR)   (t >= aR)
 *
 * (A = (n/a)^n e^{-a^2/2}, B = n/a - a.) Value and first derivative are continuous at both
 * junctions by construction. The window integral uses the tail antiderivative
 * exp(-a^2/2)(n/a)(r^(n-1) - 1)/(n - 1), which is finite for any n > 0 on a finite window
 * (n = 1 is the log limit), so n <= 1 is allowed when the window is finite.
 * An infinite alpha switches that tail off (plain Gaussian side): {@link crystalBallPdf} uses this.
 */
import type { Stream } from "../../core/random.ts";
import { gaussIntegral } from "./gaussIntegral.ts";
import { checkParam, checkWindow, type Pdf, sampleByInversion } from "./pdf.ts";

/** expm1(k L)/k with its k -> 0 limit L. */
function qpow(k: number, logr: number): number {
  return Math.abs(k) < 1e-12 ? logr : Math.expm1(k * logr) / k;
}

/** Shape parameters of a double-sided Crystal Ball. Alphas in units of sigma, > 0 (Infinity: no tail). */
export interface DcbParams {
  mu: number;
  sigma: number;
  alphaL: number;
  nL: number;
  alphaR: number;
  nR: number;
}

/** Unnormalised double-sided Crystal Ball shape at t = (x - mu)/sigma (1 at t = 0). Exported for tests. */
export function dcbShape(t: number, aL: number, nL: number, aR: number, nR: number): number {
  if (t <= -aL) {
    const r = 1 / (1 - (aL * (aL + t)) / nL);
    return Math.exp(-0.5 * aL * aL) * r ** nL;
  }
  if (t >= aR) {
    const r = 1 / (1 - (aR * (aR - t)) / nR);
    return Math.exp(-0.5 * aR * aR) * r ** nR;
  }
  return Math.exp(-0.5 * t * t);
}

/**
 * Antiderivative G(t) of {@link dcbShape}, G(-aL) = 0 (G(-inf) = 0 without a low tail). With a low
 * tail G(-inf) is finite only for nL > 1, which a finite window never needs.
 */
function dcbPrimitive(t: number, aL: number, nL: number, aR: number, nR: number): number {
  if (t <= -aL) {
    const r = 1 / (1 - (aL * (aL + t)) / nL);
    return Math.exp(-0.5 * aL * aL) * (nL / aL) * qpow(nL - 1, Math.log(r));
  }
  const lowCore = Number.isFinite(aL) ? -aL : Number.NEGATIVE_INFINITY;
  if (t < aR) return gaussIntegral(lowCore, t);
  const r = 1 / (1 - (aR * (aR - t)) / nR);
  return gaussIntegral(lowCore, aR) - Math.exp(-0.5 * aR * aR) * (nR / aR) * qpow(nR - 1, Math.log(r));
}

/**
 * Double-sided Crystal Ball on [lo, hi].
 *
 * @param lo window lower edge
 * @param hi window upper edge
 * @param p mu and sigma in observable units (sigma > 0); alphaL, alphaR > 0 in units of sigma
 *   (Infinity = no tail on that side); nL, nR > 0 (tail power)
 * @example doubleCrystalBallPdf(4.9, 5.1, { mu: 5, sigma: 0.004, alphaL: 1.2, nL: 3, alphaR: 1.6, nR: 6 })
 */
export function doubleCrystalBallPdf(lo: number, hi: number, p: DcbParams): Pdf {
  const { mu, sigma, alphaL: aL, nL, alphaR: aR, nR } = p;
  checkWindow(lo, hi, "double Crystal Ball");
  checkParam(mu, "mu", "double Crystal Ball");
  checkParam(sigma, "sigma", "double Crystal Ball", true);
  for (const [v, nm] of [
    [aL, "alphaL"],
    [aR, "alphaR"],
  ] as const)
    if (!(v > 0))
      throw new RangeError(`double Crystal Ball: ${nm} = ${v} must be > 0 (Infinity for no tail)`);
  if (Number.isFinite(aL)) checkParam(nL, "nL", "double Crystal Ball", true);
  if (Number.isFinite(aR)) checkParam(nR, "nR", "double Crystal Ball", true);
  const invS = 1 / sigma;
  const ta = (lo - mu) * invS;
  const tb = (hi - mu) * invS;
  const ga = dcbPrimitive(ta, aL, nL, aR, nR);
  const z = sigma * (dcbPrimitive(tb, aL, nL, aR, nR) - ga);
  if (!(z > 0) || !Number.isFinite(z))
    throw new RangeError(`double Crystal Ball: bad normalisation ${z} on [${lo}, ${hi}]`);
  const inv = 1 / z;
  const eL = Math.exp(-0.5 * aL * aL);
  const eR = Math.exp(-0.5 * aR * aR);
  const pdf: Pdf = {
    name: Number.isFinite(aL) && Number.isFinite(aR) ? "dcb" : "cb",
    lo,
    hi,
    density(x) {
      if (x < lo || x > hi) return 0;
      return inv * dcbShape((x - mu) * invS, aL, nL, aR, nR);
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        const t = (x - mu) * invS;
        let v: number;
        if (t <= -aL) v = eL * (1 - (aL * (aL + t)) / nL) ** -nL;
        else if (t >= aR) v = eR * (1 - (aR * (aR - t)) / nR) ** -nR;
        else v = Math.exp(-0.5 * t * t);
        out[i] = x < lo || x > hi ? 0 : inv * v;
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return Math.min(1, Math.max(0, sigma * (dcbPrimitive((x - mu) * invS, aL, nL, aR, nR) - ga) * inv));
    },
    sample(rng: Stream, out) {
      return sampleByInversion(pdf, rng, out);
    },
  };
  return pdf;
}
