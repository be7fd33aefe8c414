/**
 * Extended sum of pdfs: expected yields nu_k with shapes f_k, the model of an extended likelihood
 * (Barlow, NIM A297 (1990) 496): the event count is Poisson(sum nu_k) and each event is drawn from
 * sum nu_k f_k / sum nu_k.
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import type { Pdf } from "./pdf.ts";
import { sumPdf } from "./sumPdf.ts";

export interface ExtendedSum {
  /** Components. */
  readonly pdfs: readonly Pdf[];
  /** Expected yields (events). */
  readonly yields: Float64Array;
  /** Total expected events. */
  readonly total: number;
  /** The normalised shape sum nu_k f_k / total. */
  readonly shape: Pdf;
  /** Intensity sum nu_k f_k(x) (events per observable unit). */
  intensity(x: number): number;
  /** One toy data set: Poisson(total) events (new array). */
  sampleToy(rng: Stream): Float64Array;
}

/**
 * @param pdfs components on one window
 * @param yields expected events per component, >= 0 for sampling
 * @example extendedSum([gaussianPdf(0, 10, 5, 0.2), bernsteinPdf(0, 10, [1, 1])], [50, 1000]).sampleToy(stream(1, 0))
 */
export function extendedSum(pdfs: readonly Pdf[], yields: ArrayLike<number>): ExtendedSum {
  if (pdfs.length !== yields.length) throw new ConfigError("extendedSum: one yield per pdf");
  const y = Float64Array.from(yields as ArrayLike<number>);
  let total = 0;
  for (const v of y) {
    if (!Number.isFinite(v)) throw new ConfigError(`extendedSum: yield ${v} is not finite`);
    total += v;
  }
  if (!(total > 0)) throw new ConfigError("extendedSum: total yield must be positive");
  const fr = Array.from(y.subarray(0, y.length - 1), (v) => v / total);
  const shape = sumPdf(pdfs, fr);
  return {
    pdfs,
    yields: y,
    total,
    shape,
    intensity: (x) => total * shape.density(x),
    sampleToy(rng) {
      const n = rng.poisson(total);
      return shape.sample(rng, new Float64Array(n));
    },
  };
}
