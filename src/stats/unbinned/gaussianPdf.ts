/**
 * Gaussian N(mu, sigma) truncated to and normalised on [lo, hi].
 */
import type { Stream } from "../../core/random.ts";
import { normalCdf, normalQuantile } from "../../core/special.ts";
import { gaussIntegral } from "./gaussIntegral.ts";
import { checkParam, checkWindow, type Pdf } from "./pdf.ts";

/**
 * Gaussian density exp(-(x-mu)^2/(2 sigma^2)) / Z on [lo, hi], Z = sigma ∫ exp(-t^2/2) dt over the
 * window in t = (x - mu)/sigma.
 *
 * @param lo window lower edge
 * @param hi window upper edge
 * @param mu mean (observable units)
 * @param sigma width > 0 (observable units)
 * @example gaussianPdf(0, 10, 5, 0.5).density(5)
 */
export function gaussianPdf(lo: number, hi: number, mu: number, sigma: number): Pdf {
  checkWindow(lo, hi, "gaussian");
  checkParam(mu, "mu", "gaussian");
  checkParam(sigma, "sigma", "gaussian", true);
  const ta = (lo - mu) / sigma;
  const tb = (hi - mu) / sigma;
  const z = sigma * gaussIntegral(ta, tb);
  if (!(z > 0))
    throw new RangeError(`gaussian: window [${lo}, ${hi}] has no probability for mu=${mu}, sigma=${sigma}`);
  const inv = 1 / z;
  const invS = 1 / sigma;
  // For sampling by inversion of the truncated normal: cdf bounds in the unit interval.
  const pa = normalCdf(ta);
  const pb = normalCdf(tb);
  const pdf: Pdf = {
    name: "gauss",
    lo,
    hi,
    density(x) {
      if (x < lo || x > hi) return 0;
      const t = (x - mu) * invS;
      return inv * Math.exp(-0.5 * t * t);
    },
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        const t = (x - mu) * invS;
        out[i] = x < lo || x > hi ? 0 : inv * Math.exp(-0.5 * t * t);
      }
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return sigma * gaussIntegral(ta, (x - mu) * invS) * inv;
    },
    sample(rng: Stream, out) {
      // Rejection when the window holds most of the mass, inversion otherwise (tails).
      const acc = pb - pa;
      for (let i = 0; i < out.length; i++) {
        let x: number;
        if (acc > 0.3) {
          do x = mu + sigma * rng.normal();
          while (x < lo || x > hi);
        } else {
          x = mu + sigma * normalQuantile(pa + rng.uniformOpen() * acc);
          if (!(x >= lo && x <= hi)) x = Math.min(hi, Math.max(lo, x));
        }
        out[i] = x;
      }
      return out;
    },
  };
  return pdf;
}
