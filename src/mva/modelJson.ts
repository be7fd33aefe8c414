/**
 * JSON form of an {@link MvaModel}: architecture, weights as number arrays, input
 * normalisation and metadata. Numbers are written with JS's shortest round-trip representation,
 * so save -> load reproduces float32 and float64 parameters bit for bit.
 *
 * Layout (version 1):
 *   { "format": "mumux-mlp", "version": 1, "sizes": [4, 8, 4, 1],
 *     "activations": ["tanh", "tanh", "sigmoid"], "dtype": "float32",
 *     "layers": [{ "weights": [...row-major out x in...], "biases": [...] }, ...],
 *     "normalisation": { "mean": [...], "std": [...] }, "metadata": { ... } }
 */
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../core/errors.ts";
import { ACTIVATIONS, type Activation } from "./activation.ts";
import { type Dtype, Mlp } from "./mlp.ts";
import type { MvaModel } from "./mvaModel.ts";

/** Value of the "format" key. */
export const MODEL_FORMAT = "mumux-mlp";
/** Current layout version. */
export const MODEL_VERSION = 1;

/** The JSON document of a saved model. */
export interface MvaModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  sizes: number[];
  activations: Activation[];
  dtype: Dtype;
  layers: { weights: number[]; biases: number[] }[];
  normalisation: { mean: number[]; std: number[] };
  metadata: Record<string, unknown>;
}

/** Plain JSON object of `model`; throws RangeError if a parameter is not finite (a diverged fit). */
export function modelToJson(model: MvaModel): MvaModelJson {
  const { mlp } = model;
  const finite = (a: ArrayLike<number>, what: string): number[] => {
    const out = Array.from(a);
    const bad = out.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`cannot save model: ${what}[${bad}] = ${out[bad]}`);
    return out;
  };
  const layers = [];
  for (let l = 0; l < mlp.nLayers; l++)
    layers.push({
      weights: finite(mlp.weights(l), `layers[${l}].weights`),
      biases: finite(mlp.biases(l), `layers[${l}].biases`),
    });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    sizes: [...mlp.sizes],
    activations: [...mlp.activations],
    dtype: mlp.dtype,
    layers,
    normalisation: {
      mean: finite(model.normalisation.mean, "normalisation.mean"),
      std: finite(model.normalisation.std, "normalisation.std"),
    },
    metadata: model.metadata,
  };
}

/**
 * Rebuild a model from parsed JSON, validating every key; throws InputError naming `file` and
 * the JSON path of the first problem (e.g. "/layers/1/weights").
 */
export function modelFromJson(doc: unknown, file?: string): MvaModel {
  const fail = (msg: string, at: string): never => {
    throw new InputError(msg, file, at);
  };
  const obj = (v: unknown, at: string): Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail("expected an object", at);
  const nums = (v: unknown, at: string, len: number): number[] => {
    if (!Array.isArray(v)) return fail("expected an array of numbers", at);
    if (v.length !== len) return fail(`expected ${len} numbers, got ${v.length}`, at);
    v.forEach((x, i) => {
      if (typeof x !== "number" || !Number.isFinite(x))
        fail(`expected a finite number, got ${JSON.stringify(x)}`, `${at}/${i}`);
    });
    return v as number[];
  };
  const d = obj(doc, "/");
  if (d.format !== MODEL_FORMAT)
    fail(`not a ${MODEL_FORMAT} model (format = ${JSON.stringify(d.format)})`, "/format");
  if (d.version !== MODEL_VERSION)
    fail(`unsupported version ${JSON.stringify(d.version)} (expected ${MODEL_VERSION})`, "/version");
  const sizes = d.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2)
    return fail("expected an array of at least two layer sizes", "/sizes");
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || (s as number) < 1)
      fail(`expected a positive integer, got ${JSON.stringify(s)}`, `/sizes/${i}`);
  });
  const nl = sizes.length - 1;
  const acts = d.activations;
  if (!Array.isArray(acts) || acts.length !== nl) return fail(`expected ${nl} activations`, "/activations");
  acts.forEach((a, i) => {
    if (!ACTIVATIONS.includes(a as Activation))
      fail(`unknown activation ${JSON.stringify(a)} (use ${ACTIVATIONS.join(", ")})`, `/activations/${i}`);
  });
  const dtype = d.dtype;
  if (dtype !== "float32" && dtype !== "float64")
    return fail(`dtype must be "float32" or "float64"`, "/dtype");
  const layers = d.layers;
  if (!Array.isArray(layers) || layers.length !== nl) return fail(`expected ${nl} layers`, "/layers");
  const mlp = new Mlp(sizes as number[], acts as Activation[], dtype);
  layers.forEach((lv, l) => {
    const lo = obj(lv, `/layers/${l}`);
    mlp
      .weights(l)
      .set(nums(lo.weights, `/layers/${l}/weights`, (sizes[l] as number) * (sizes[l + 1] as number)));
    mlp.biases(l).set(nums(lo.biases, `/layers/${l}/biases`, sizes[l + 1] as number));
  });
  const nIn = sizes[0] as number;
  const norm = obj(d.normalisation, "/normalisation");
  const mean = Float64Array.from(nums(norm.mean, "/normalisation/mean", nIn));
  const std = Float64Array.from(nums(norm.std, "/normalisation/std", nIn));
  std.forEach((s, i) => {
    if (!(s > 0)) fail(`standard deviation must be > 0, got ${s}`, `/normalisation/std/${i}`);
  });
  const metadata = d.metadata === undefined ? {} : obj(d.metadata, "/metadata");
  return { mlp, normalisation: { mean, std }, metadata };
}

/** Write `model` to `path` as one line of JSON (throws RangeError for non-finite parameters). */
export function saveModel(model: MvaModel, path: string): void {
  writeFileSync(path, `${JSON.stringify(modelToJson(model))}\n`);
}

/** Read and validate a model file; InputError (with the file and key) for unreadable or bad files. */
export function loadModel(path: string): MvaModel {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read model file (${(e as Error).message})`, path);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, path);
  }
  return modelFromJson(doc, path);
}
