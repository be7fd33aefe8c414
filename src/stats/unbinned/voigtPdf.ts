/**
 * Voigt profile: non-relativistic Breit-Wigner (FWHM gamma) convolved with a Gaussian (sigma),
 * V(x) = Re w(z) / (sigma sqrt(2 pi)), z = (x - m + i gamma/2)/(sigma sqrt 2) (Olivero & Longbothum,
 * JQSRT 17 (1977) 233; w is the Faddeeva function), normalised on a window. The window integral
 * has no elementary closed form, so it is computed once per parameter set by adaptive
 * Gauss-Kronrod to 1e-13 relative (split at the peak).
 */
import type { Stream } from "../../core/random.ts";
import { faddeevaRe } from "./faddeeva.ts";
import { checkParam, checkWindow, type Pdf, sampleByInversion } from "./pdf.ts";
import { windowIntegral } from "./windowIntegral.ts";

/**
 * @param mass peak position (observable units)
 * @param gamma Breit-Wigner full width at half maximum >= 0
 * @param sigma Gaussian resolution > 0
 * @example voigtPdf(2.9, 3.3, 3.097, 9.3e-5, 0.01)
 */
export function voigtPdf(lo: number, hi: number, mass: number, gamma: number, sigma: number): Pdf {
  checkWindow(lo, hi, "voigt");
  checkParam(mass, "mass", "voigt");
  checkParam(sigma, "sigma", "voigt", true);
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new RangeError(`voigt: gamma = ${gamma} must be >= 0`);
  const s2 = sigma * Math.SQRT2;
  const y = gamma / 2 / s2;
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
  const raw = (x: number): number => c * faddeevaRe((x - mass) / s2, y);
  const width = sigma + gamma;
  const breaks = [mass - 5 * width, mass, mass + 5 * width];
  const z = windowIntegral(raw, lo, hi, breaks, 1e-14);
  if (!(z > 0)) throw new RangeError(`voigt: no probability in [${lo}, ${hi}]`);
  const inv = 1 / z;
  const pdf: Pdf = {
    name: "voigt",
    lo,
    hi,
    density(x) {
      return x < lo || x > hi ? 0 : inv * raw(x);
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        out[i] = x < lo || x > hi ? 0 : inv * raw(x);
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return Math.min(1, inv * windowIntegral(raw, lo, x, breaks, 1e-13));
    },
    sample(rng: Stream, out) {
      // Exact: Cauchy(mass, gamma/2) + N(0, sigma), rejected outside the window; when the window
      // holds little of the line shape, invert the cdf instead.
      if (z < 0.2) return sampleByInversion(pdf, rng, out);
      for (let i = 0; i < out.length; i++) {
        let x: number;
        do x = mass + (gamma / 2) * Math.tan(Math.PI * (rng.uniform() - 0.5)) + sigma * rng.normal();
        while (!(x >= lo && x <= hi));
        out[i] = x;
      }
      return out;
    },
  };
  return pdf;
}
