/**
 * Input standardisation x' = (x - mean) / std per feature, fitted on the training data and
 * stored with the model so inference applies exactly the training transform.
 */

/** Per-feature mean and standard deviation (length = number of features). */
export interface Normalisation {
  /** Mean of each feature (feature units). */
  mean: Float64Array;
  /** Standard deviation of each feature; a constant feature stores 1 (no scaling, no 0/0). */
  std: Float64Array;
}

/**
 * Mean and (population) standard deviation of each of `nFeatures` columns of the row-major
 * matrix `x` (n rows). Two passes (mean, then squared deviations) for numerical stability.
 * @example fitNormalisation(x, n, 4)
 */
export function fitNormalisation(x: ArrayLike<number>, n: number, nFeatures: number): Normalisation {
  const mean = new Float64Array(nFeatures);
  const std = new Float64Array(nFeatures);
  if (n === 0) {
    std.fill(1);
    return { mean, std };
  }
  for (let r = 0; r < n; r++) for (let f = 0; f < nFeatures; f++) mean[f]! += x[r * nFeatures + f]!;
  for (let f = 0; f < nFeatures; f++) mean[f]! /= n;
  for (let r = 0; r < n; r++)
    for (let f = 0; f < nFeatures; f++) {
      const d = x[r * nFeatures + f]! - mean[f]!;
      std[f]! += d * d;
    }
  for (let f = 0; f < nFeatures; f++) {
    const s = Math.sqrt(std[f]! / n);
    // a constant (or non-finite) feature carries no information: leave it unscaled
    std[f] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  return { mean, std };
}

/** The identity transform for `nFeatures` features (mean 0, std 1). */
export function identityNormalisation(nFeatures: number): Normalisation {
  return { mean: new Float64Array(nFeatures), std: new Float64Array(nFeatures).fill(1) };
}

/**
 * Standardise rows [r0, r0 + rows) of `x` into `out` (rows * nFeatures values from index 0).
 * No allocation; `out` may be a reused scratch buffer.
 */
export function normalise(
  x: ArrayLike<number>,
  r0: number,
  rows: number,
  norm: Normalisation,
  out: Float32Array | Float64Array,
): void {
  const nf = norm.mean.length;
  const { mean, std } = norm;
  for (let r = 0; r < rows; r++) {
    const ib = (r0 + r) * nf;
    const ob = r * nf;
    for (let f = 0; f < nf; f++) out[ob + f] = (x[ib + f]! - mean[f]!) / std[f]!;
  }
}
