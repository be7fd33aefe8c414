import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../core/random.ts";
import { fastNormal } from "./fastNormal.ts";

test("Ziggurat normals: mean 0, variance 1, kurtosis 3 and tail fractions match N(0,1) (1M draws, 5 sigma)", () => {
  const rng = stream(12345, 0);
  const n = 1_000_000;
  let s1 = 0;
  let s2 = 0;
  let s4 = 0;
  let beyond2 = 0;
  let beyond35 = 0;
  for (let i = 0; i < n; i++) {
    const x = fastNormal(rng);
    s1 += x;
    s2 += x * x;
    s4 += x * x * x * x;
    if (Math.abs(x) > 2) beyond2++;
    if (Math.abs(x) > 3.5) beyond35++; // tail beyond the Ziggurat base R = 3.44
  }
  const mean = s1 / n;
  const v = s2 / n;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(v - 1) < 5 * Math.sqrt(2 / n), `variance ${v}`);
  assert.ok(Math.abs(s4 / n - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${s4 / n}`);
  // P(|x| > 2) = 0.0455003, P(|x| > 3.5) = 4.6525e-4 (erfc(2/sqrt 2), erfc(3.5/sqrt 2))
  const p2 = 0.0455003;
  const p35 = 4.6525e-4;
  assert.ok(Math.abs(beyond2 / n - p2) < 5 * Math.sqrt((p2 * (1 - p2)) / n), `P(|x|>2) ${beyond2 / n}`);
  assert.ok(Math.abs(beyond35 / n - p35) < 5 * Math.sqrt(p35 / n), `P(|x|>3.5) ${beyond35 / n}`);
});
