/**
 * Normalised sum of pdfs on a common window: f = sum_k w_k f_k, weights summing to 1.
 * Weights may be negative (interference-like fits) as long as the sum stays a density where used;
 * sampling then needs non-negative weights.
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import type { Pdf } from "./pdf.ts";

/**
 * @param pdfs components, all on the same window
 * @param fractions the first K-1 weights (the last is 1 - their sum), RooAddPdf-style
 * @example sumPdf([cb1, cb2], [0.7]) // 0.7 cb1 + 0.3 cb2
 */
export function sumPdf(pdfs: readonly Pdf[], fractions: ArrayLike<number>): Pdf {
  const k = pdfs.length;
  if (k === 0) throw new ConfigError("sumPdf: no components");
  if (fractions.length !== k - 1)
    throw new ConfigError(`sumPdf: need ${k - 1} fractions, got ${fractions.length}`);
  const lo = pdfs[0]!.lo;
  const hi = pdfs[0]!.hi;
  for (const p of pdfs)
    if (p.lo !== lo || p.hi !== hi) throw new ConfigError("sumPdf: components must share one window");
  const w = new Float64Array(k);
  let rest = 1;
  for (let j = 0; j < k - 1; j++) {
    const f = fractions[j]!;
    if (!Number.isFinite(f)) throw new ConfigError(`sumPdf: fraction ${j} = ${f} is not finite`);
    w[j] = f;
    rest -= f;
  }
  w[k - 1] = rest;
  let scratch = new Float64Array(0);
  const pdf: Pdf = {
    name: `sum(${pdfs.map((p) => p.name).join(",")})`,
    lo,
    hi,
    density(x) {
      let s = 0;
      for (let j = 0; j < k; j++) s += w[j]! * pdfs[j]!.density(x);
      return s;
    },
    evaluate(xs, out) {
      if (scratch.length < xs.length) scratch = new Float64Array(xs.length);
      const tmp = scratch.subarray(0, xs.length);
      out.fill(0, 0, xs.length);
      for (let j = 0; j < k; j++) {
        pdfs[j]!.evaluate(xs, tmp);
        const wj = w[j]!;
        for (let i = 0; i < xs.length; i++) out[i] = out[i]! + wj * tmp[i]!;
      }
      return out;
    },
    cdf(x) {
      let s = 0;
      for (let j = 0; j < k; j++) s += w[j]! * pdfs[j]!.cdf(x);
      return s;
    },
    sample(rng: Stream, out) {
      for (let j = 0; j < k; j++)
        if (w[j]! < 0) throw new RangeError("sumPdf: cannot sample with a negative fraction");
      // Component counts from sequential binomials via one uniform per event, then each component
      // fills its contiguous block; finally a Fisher-Yates shuffle hides the block order.
      const counts = new Int32Array(k);
      for (let i = 0; i < out.length; i++) {
        let u = rng.uniform();
        let j = 0;
        while (j < k - 1 && u >= w[j]!) u -= w[j++]!;
        counts[j]!++;
      }
      let off = 0;
      for (let j = 0; j < k; j++) {
        pdfs[j]!.sample(rng, out.subarray(off, off + counts[j]!));
        off += counts[j]!;
      }
      for (let i = out.length - 1; i > 0; i--) {
        const r = rng.int(i + 1);
        const t = out[i]!;
        out[i] = out[r]!;
        out[r] = t;
      }
      return out;
    },
  };
  return pdf;
}
