/**
 * Core numerics throughput: random doubles and normals (src/core/random.ts), Cholesky factor and
 * solve at n = 100 (src/core/linalg.ts), special functions and an adaptive integral. Figures
 * only; nothing asserts speed. Target from issue 2: random doubles >= 50 M/s.
 */
import { cholesky, choleskySolve } from "../src/core/linalg.ts";
import { integrate } from "../src/core/quadrature.ts";
import { stream } from "../src/core/random.ts";
import { toms748 } from "../src/core/roots.ts";
import { chi2Sf, normalQuantile, poissonLogPdf } from "../src/core/special.ts";
import { type BenchResult, measure } from "./harness.ts";

let sink = 0; // consumed results, so that the JIT cannot drop the work

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const N = 10_000_000;
  const rng = stream(1, 0);
  out.push(
    await measure(
      "random doubles (uniform() loop)",
      "M/s",
      () => {
        let s = 0;
        for (let i = 0; i < N; i++) s += rng.uniform();
        sink += s;
      },
      { toValue: (ms) => N / ms / 1e3, note: `${N / 1e6}M per run` },
    ),
  );
  const buf = new Float64Array(1 << 16);
  out.push(
    await measure(
      "random doubles (fillUniform)",
      "M/s",
      () => {
        for (let k = 0; k < N / buf.length; k++) rng.fillUniform(buf);
        sink += buf[0]!;
      },
      { toValue: (ms) => (Math.floor(N / buf.length) * buf.length) / ms / 1e3 },
    ),
  );
  const NN = 2_000_000;
  out.push(
    await measure(
      "normal deviates (polar method)",
      "M/s",
      () => {
        let s = 0;
        for (let i = 0; i < NN; i++) s += rng.normal();
        sink += s;
      },
      { toValue: (ms) => NN / ms / 1e3 },
    ),
  );
  const NP = 1_000_000;
  out.push(
    await measure(
      "poisson deviates, lambda = 5 / 500",
      "M/s",
      () => {
        let s = 0;
        for (let i = 0; i < NP; i++) s += rng.poisson(i & 1 ? 5 : 500);
        sink += s;
      },
      { toValue: (ms) => NP / ms / 1e3 },
    ),
  );

  // Cholesky n = 100 on a seeded SPD matrix
  const n = 100;
  const b = stream(2, 0).fillNormal(new Float64Array(n * n));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let t = i === j ? n : 0;
      for (let k = 0; k < n; k++) t += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = t;
    }
  const l = new Float64Array(n * n);
  const rhs = stream(3, 0).fillNormal(new Float64Array(n));
  const x = new Float64Array(n);
  const REP = 200;
  out.push(
    await measure(
      "cholesky factor n = 100",
      "1/s",
      () => {
        for (let r = 0; r < REP; r++) cholesky(a, n, l);
        sink += l[0]!;
      },
      { toValue: (ms) => (REP / ms) * 1e3 },
    ),
  );
  const REPS = 5000;
  out.push(
    await measure(
      "cholesky solve n = 100 (given the factor)",
      "1/s",
      () => {
        for (let r = 0; r < REPS; r++) choleskySolve(l, n, rhs, x);
        sink += x[0]!;
      },
      { toValue: (ms) => (REPS / ms) * 1e3 },
    ),
  );
  out.push(
    await measure(
      "cholesky factor + solve n = 100",
      "1/s",
      () => {
        for (let r = 0; r < REP; r++) choleskySolve(cholesky(a, n, l), n, rhs, x);
        sink += x[0]!;
      },
      { toValue: (ms) => (REP / ms) * 1e3 },
    ),
  );

  const NS = 1_000_000;
  out.push(
    await measure(
      "poissonLogPdf (Loader)",
      "M/s",
      () => {
        let s = 0;
        for (let i = 0; i < NS; i++) s += poissonLogPdf(i % 300, 17.5 + (i & 7));
        sink += s;
      },
      { toValue: (ms) => NS / ms / 1e3 },
    ),
  );
  const NQ = 200_000;
  out.push(
    await measure(
      "normalQuantile",
      "M/s",
      () => {
        let s = 0;
        for (let i = 1; i <= NQ; i++) s += normalQuantile(i / (NQ + 1));
        sink += s;
      },
      { toValue: (ms) => NQ / ms / 1e3 },
    ),
  );
  out.push(
    await measure(
      "chi2Sf k = 1..10",
      "M/s",
      () => {
        let s = 0;
        for (let i = 0; i < NQ; i++) s += chi2Sf((i % 400) * 0.1, 1 + (i % 10));
        sink += s;
      },
      { toValue: (ms) => NQ / ms / 1e3 },
    ),
  );
  out.push(
    await measure(
      "integrate exp(-x^2) on R (GK21, epsrel 1e-12)",
      "us",
      () => {
        for (let r = 0; r < 100; r++)
          sink += integrate((t) => Math.exp(-t * t), -Infinity, Infinity, { epsabs: 0, epsrel: 1e-12 }).value;
      },
      { toValue: (ms) => (ms / 100) * 1e3 },
    ),
  );
  out.push(
    await measure(
      "toms748 on exp(x) - 2",
      "us",
      () => {
        for (let r = 0; r < 1000; r++) sink += toms748((t) => Math.exp(t) - 2, 0, 1).root;
      },
      { toValue: (ms) => ms },
    ),
  );
  if (sink === 42) console.log("");
  return out;
}
