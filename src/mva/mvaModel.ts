/**
 * A trained classifier: the network, the input standardisation fitted on its training data, and
 * free-form metadata (feature names, training settings, provenance).
 */
import { ConfigError } from "../core/errors.ts";
import type { Floats, Mlp } from "./mlp.ts";
import { type Normalisation, normalise } from "./normalisation.ts";

/** Network + input transform + metadata. */
export interface MvaModel {
  /** The network; its input size equals the number of features. */
  mlp: Mlp;
  /** Applied to raw features before the network. */
  normalisation: Normalisation;
  /** JSON-serialisable extra information (feature names, seed, training history summary, ...). */
  metadata: Record<string, unknown>;
}

const CHUNK = 1024;

/**
 * Outputs of `model` for `n` events of raw features `x` (row-major n * nIn) into `out`
 * (n * nOut). Standardises chunk by chunk into one scratch buffer: no allocation per event.
 * @example predictModel(model, x, n, new Float32Array(n))
 */
export function predictModel<T extends Floats>(model: MvaModel, x: ArrayLike<number>, n: number, out: T): T {
  const { mlp, normalisation } = model;
  const nIn = mlp.nIn;
  if (normalisation.mean.length !== nIn)
    throw new ConfigError(`normalisation has ${normalisation.mean.length} features, network ${nIn}`, "model");
  if (x.length < n * nIn) throw new RangeError(`predictModel: x has ${x.length} values, need ${n} x ${nIn}`);
  if (out.length < n * mlp.nOut) throw new RangeError(`predictModel: out too short`);
  const scratch = mlp.dtype === "float32" ? new Float32Array(CHUNK * nIn) : new Float64Array(CHUNK * nIn);
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const rows = Math.min(CHUNK, n - r0);
    normalise(x, r0, rows, normalisation, scratch);
    out.set(mlp.forward(scratch, rows), r0 * mlp.nOut);
  }
  return out;
}
