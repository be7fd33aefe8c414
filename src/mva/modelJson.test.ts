import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { Mlp } from "./mlp.ts";
import { loadModel, modelFromJson, modelToJson, saveModel } from "./modelJson.ts";
import { type MvaModel, predictModel } from "./mvaModel.ts";
import { fitNormalisation } from "./normalisation.ts";

const dir = mkdtempSync(join(tmpdir(), "mumux-mva-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function model(dtype: "float32" | "float64"): { m: MvaModel; x: Float64Array; n: number } {
  const n = 300;
  const x = stream(2, 0).fillNormal(new Float64Array(n * 4));
  for (let k = 0; k < x.length; k++) x[k] = x[k]! * (1 + (k % 4)) + (k % 4); // unequal means and widths
  const mlp = new Mlp([4, 8, 4, 1], ["tanh", "relu", "sigmoid"], dtype).initKaiming(stream(1, 0));
  return {
    m: { mlp, normalisation: fitNormalisation(x, n, 4), metadata: { features: ["a", "b", "c", "d"] } },
    x,
    n,
  };
}

test("save -> load reproduces the outputs bit for bit (float32 and float64) and keeps metadata", () => {
  for (const dtype of ["float32", "float64"] as const) {
    const { m, x, n } = model(dtype);
    const path = join(dir, `m-${dtype}.json`);
    saveModel(m, path);
    const back = loadModel(path);
    assert.equal(back.mlp.dtype, dtype);
    assert.deepEqual(back.mlp.sizes, [4, 8, 4, 1]);
    assert.deepEqual(back.metadata, { features: ["a", "b", "c", "d"] });
    const a = predictModel(m, x, n, new Float64Array(n));
    const b = predictModel(back, x, n, new Float64Array(n));
    assert.deepEqual(b, a);
    assert.deepEqual(back.mlp.params, m.mlp.params);
  }
});

test("corrupted or wrong model files throw InputError naming the file and the key", () => {
  const { m } = model("float32");
  const good = modelToJson(m);
  const path = join(dir, "good.json");
  saveModel(m, path);
  const text = readFileSync(path, "utf8");
  // truncated file: not JSON
  const trunc = join(dir, "trunc.json");
  writeFileSync(trunc, text.slice(0, text.length / 2));
  assert.throws(
    () => loadModel(trunc),
    (e: unknown) => e instanceof InputError && e.message.includes(trunc),
  );
  // missing file
  assert.throws(() => loadModel(join(dir, "none.json")), InputError);
  const bad = (mutate: (d: Record<string, unknown>) => void, key: RegExp) => {
    const d = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    mutate(d);
    assert.throws(
      () => modelFromJson(d, "net.json"),
      (e: unknown) => e instanceof InputError && e.file === "net.json" && key.test(e.location ?? ""),
    );
  };
  bad((d) => (d.format = "onnx"), /^\/format$/);
  bad((d) => (d.version = 2), /^\/version$/);
  bad((d) => ((d.activations as string[])[1] = "gelu"), /^\/activations\/1$/);
  bad((d) => (d.layers as { weights: number[] }[])[0]!.weights.pop(), /^\/layers\/0\/weights$/);
  bad((d) => ((d.layers as { biases: unknown[] }[])[2]!.biases[0] = "x"), /^\/layers\/2\/biases\/0$/);
  bad((d) => ((d.normalisation as { std: number[] }).std[3] = 0), /^\/normalisation\/std\/3$/);
  bad((d) => delete d.normalisation, /^\/normalisation$/);
  bad((d) => (d.sizes = [4]), /^\/sizes$/);
});

test("saving a diverged (non-finite) network is refused instead of writing nulls", () => {
  const { m } = model("float32");
  m.mlp.params[3] = Number.NaN;
  assert.throws(() => modelToJson(m), /layers\[0\]\.weights\[3\]/);
});
