import assert from "node:assert/strict";
import { test } from "node:test";
import { Stream, stream } from "./random.ts";
import { chi2Sf, normalCdf, poissonCdf, poissonPmf } from "./special.ts";

const M64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M64;

/** Straightforward xoroshiro128+ (a = 24, b = 16, c = 37; Blackman & Vigna 2018) on BigInt. */
function refNext(s: [bigint, bigint]): bigint {
  const s0 = s[0];
  let s1 = s[1];
  const result = (s0 + s1) & M64;
  s1 ^= s0;
  s[0] = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M64);
  s[1] = rotl(s1, 37n);
  return result;
}

function toBig(st: readonly number[]): [bigint, bigint] {
  return [(BigInt(st[0]!) << 32n) | BigInt(st[1]!), (BigInt(st[2]!) << 32n) | BigInt(st[3]!)];
}

/** One step of the generator as a linear map on the 128-bit vector v = s0 | s1 << 64 over GF(2). */
function stepVec(v: bigint): bigint {
  const s: [bigint, bigint] = [v & M64, v >> 64n];
  refNext(s);
  return s[0] | (s[1] << 64n);
}

/** Apply the GF(2) matrix given by its 128 columns to v. */
function applyCols(cols: readonly bigint[], v: bigint): bigint {
  let r = 0n;
  for (let j = 0; j < 128; j++) if ((v >> BigInt(j)) & 1n) r ^= cols[j]!;
  return r;
}

/** Columns of T^(2^e): the transition matrix squared e times (independent of the jump polynomial). */
function transitionPower(e: number): bigint[] {
  let cols: bigint[] = [];
  for (let j = 0; j < 128; j++) cols.push(stepVec(1n << BigInt(j)));
  for (let i = 0; i < e; i++) cols = cols.map((c) => applyCols(cols, c));
  return cols;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

test("xoroshiro128+ step matches a BigInt reference implementation over 1000 outputs (uint32 and 53-bit doubles)", () => {
  const a = stream(12345, 6);
  const b = stream(12345, 6);
  const ref = toBig(a.getState());
  for (let i = 0; i < 1000; i++) {
    const r = refNext(ref);
    assert.equal(a.uint32(), Number(r >> 32n), `output ${i}, high word`);
    assert.equal(b.uniform(), Number(r >> 11n) / 2 ** 53, `output ${i}, double`);
  }
  // and the state itself evolved identically
  assert.deepEqual(toBig(a.getState()), ref);
});

test("jump() advances by exactly 2^64 steps: equals T^(2^64) from 64 squarings of the GF(2) transition matrix", () => {
  const s = stream(99, 3);
  const v = toBig(s.getState());
  const expected = applyCols(transitionPower(64), v[0] | (v[1] << 64n));
  s.jump();
  const got = toBig(s.getState());
  assert.equal(got[0] | (got[1] << 64n), expected);
});

test("longJump() advances by exactly 2^96 steps (GF(2) matrix power check)", () => {
  const s = stream(7, 0);
  const v = toBig(s.getState());
  const expected = applyCols(transitionPower(96), v[0] | (v[1] << 64n));
  s.longJump();
  const got = toBig(s.getState());
  assert.equal(got[0] | (got[1] << 64n), expected);
});

test("substreams are reproducible: the same (seed, index) gives the same sequence, different ones differ", () => {
  const a = stream(2024, 17);
  const b = stream(2024, 17);
  for (let i = 0; i < 100; i++) assert.equal(a.uniform(), b.uniform());
  assert.notEqual(stream(2024, 17).uniform(), stream(2024, 18).uniform());
  assert.notEqual(stream(2024, 17).uniform(), stream(2025, 17).uniform());
  assert.equal(stream(5n, 0).uniform(), stream(5, 0).uniform());
  // save / restore
  const c = stream(1, 1);
  c.uniform();
  const st = c.getState();
  const x = [c.uniform(), c.uniform()];
  c.setState(st);
  assert.deepEqual([c.uniform(), c.uniform()], x);
  // split is deterministic and does not advance the parent
  const p = stream(3, 0);
  const before = p.getState();
  const k1 = p.split(4).uniform();
  assert.deepEqual(p.getState(), before);
  assert.equal(p.split(4).uniform(), k1);
  assert.notEqual(p.split(5).uniform(), k1);
});

test("stream() rejects negative, fractional and unsafe seeds and indices with a RangeError", () => {
  assert.throws(() => stream(-1, 0), RangeError);
  assert.throws(() => stream(1.5, 0), RangeError);
  assert.throws(() => stream(1, 2 ** 60), RangeError);
  assert.throws(() => new Stream([0, 0, 0, 0]).int(0), RangeError);
});

test("different substreams are uncorrelated: |r| < 4.5/sqrt(n) for 1e5 pairs (two streams, and first draws of 1e5 consecutive indices)", () => {
  const n = 100000;
  const lim = 4.5 / Math.sqrt(n);
  const a = stream(42, 0);
  const b = stream(42, 1);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = a.uniform();
    y[i] = b.uniform();
  }
  const r1 = pearson(x, y);
  assert.ok(Math.abs(r1) < lim, `streams 0 and 1: r = ${r1}`);
  // neighbouring indices: the seeding hash must decorrelate index i from i + 1
  for (let i = 0; i < n; i++) x[i] = stream(42, i).uniform();
  for (let i = 0; i < n - 1; i++) y[i] = x[i + 1]!;
  y[n - 1] = stream(42, n).uniform();
  const r2 = pearson(x, y);
  assert.ok(Math.abs(r2) < lim, `first draws of index i and i + 1: r = ${r2}`);
  // lag-1 autocorrelation within one stream
  const c = stream(42, 2);
  for (let i = 0; i < n; i++) x[i] = c.uniform();
  const r3 = pearson(x.subarray(0, n - 1), x.subarray(1));
  assert.ok(Math.abs(r3) < lim, `lag 1: r = ${r3}`);
});

test("1e6 uniform doubles pass a chi2 uniformity test in 100 bins (p > 1e-3) and lie in [0, 1)", () => {
  const s = stream(8, 0);
  const counts = new Float64Array(100);
  const buf = new Float64Array(100000);
  let min = 1;
  let max = 0;
  for (let chunk = 0; chunk < 10; chunk++) {
    s.fillUniform(buf);
    for (let i = 0; i < buf.length; i++) {
      const u = buf[i]!;
      if (u < min) min = u;
      if (u > max) max = u;
      counts[Math.floor(u * 100)]!++;
    }
  }
  const e = 1e4;
  let chi2 = 0;
  for (const c of counts) chi2 += ((c - e) * (c - e)) / e;
  const p = chi2Sf(chi2, 99);
  assert.ok(p > 1e-3, `chi2 = ${chi2}, p = ${p}`);
  assert.ok(min >= 0 && max < 1, "min >= 0 && max < 1");
});

test("normal() deviates follow N(0, 1): KS distance of 2e5 draws < 1.63/sqrt(n) (p = 0.01)", () => {
  const n = 200000;
  const z = stream(11, 0).fillNormal(new Float64Array(n)).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const c = normalCdf(z[i]!);
    d = Math.max(d, Math.abs(c - i / n), Math.abs((i + 1) / n - c));
  }
  assert.ok(d < 1.63 / Math.sqrt(n), `KS D = ${d}`);
  const g = stream(11, 1);
  assert.equal(g.gauss(3, 0), 3);
});

test("poisson() matches the Poisson pmf by a chi2 test for lambda = 0.7, 12 (inversion) and 45, 1e4 (PTRS)", () => {
  for (const [idx, lambda] of [0.7, 12, 45, 1e4].entries()) {
    const s = stream(31, idx);
    const n = 100000;
    // bins: k in [lo, hi] with expected >= 20 each, tails merged
    const lo = Math.max(0, Math.floor(lambda - 5 * Math.sqrt(lambda)));
    const hi = Math.ceil(lambda + 5 * Math.sqrt(lambda)) + 3;
    const counts = new Float64Array(hi - lo + 1);
    for (let i = 0; i < n; i++) {
      const k = s.poisson(lambda);
      assert.ok(Number.isInteger(k) && k >= 0, "Number.isInteger(k) && k >= 0");
      counts[Math.min(hi, Math.max(lo, k)) - lo]!++;
    }
    let chi2 = 0;
    let dof = -1;
    let accO = 0;
    let accE = 0;
    for (let k = lo; k <= hi; k++) {
      let e: number;
      if (k === lo) e = n * poissonCdf(lo, lambda);
      else if (k === hi) e = n * (1 - poissonCdf(hi - 1, lambda));
      else e = n * poissonPmf(k, lambda);
      accO += counts[k - lo]!;
      accE += e;
      if (accE >= 20 || k === hi) {
        chi2 += ((accO - accE) * (accO - accE)) / accE;
        dof++;
        accO = 0;
        accE = 0;
      }
    }
    const p = chi2Sf(chi2, dof);
    assert.ok(p > 1e-3, `lambda = ${lambda}: chi2 = ${chi2} / ${dof}, p = ${p}`);
  }
  assert.equal(stream(1, 0).poisson(0), 0);
  assert.throws(() => stream(1, 0).poisson(-1), RangeError);
});

test("int(n) is uniform on [0, n) (chi2, n = 7 and n = 3e9 in 10 bins) and exponential() has mean 1 (5 sigma)", () => {
  const s = stream(77, 0);
  const c7 = new Float64Array(7);
  for (let i = 0; i < 70000; i++) c7[s.int(7)]!++;
  let chi2 = 0;
  for (const c of c7) chi2 += ((c - 1e4) * (c - 1e4)) / 1e4;
  assert.ok(chi2Sf(chi2, 6) > 1e-3, `n = 7: chi2 = ${chi2}`);
  const big = 3e9;
  const c10 = new Float64Array(10);
  for (let i = 0; i < 100000; i++) c10[Math.floor((s.int(big) / big) * 10)]!++;
  chi2 = 0;
  for (const c of c10) chi2 += ((c - 1e4) * (c - 1e4)) / 1e4;
  assert.ok(chi2Sf(chi2, 9) > 1e-3, `n = 3e9: chi2 = ${chi2}`);
  let sum = 0;
  for (let i = 0; i < 100000; i++) sum += s.exponential();
  assert.ok(Math.abs(sum / 1e5 - 1) < 5 / Math.sqrt(1e5), `mean ${sum / 1e5}`);
  assert.ok(s.uniformOpen() > 0, "s.uniformOpen() > 0");
});
