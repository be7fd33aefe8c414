/**
 * Seeded, splittable random streams.
 *
 * Generator: xoroshiro128+ (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47 (2021) 36; parameters a=24, b=16, c=37), implemented on 32-bit halves so that no
 * BigInt or allocation happens per draw. Doubles use the top 53 bits of the 64-bit output (the
 * low bits of xoroshiro128+ are weak and are discarded).
 *
 * Substreams: `stream(seed, index)` seeds an independent generator from a hash of (seed, index)
 * through SplitMix64 (the seeding scheme recommended by the authors; the same idea as numpy's
 * SeedSequence.spawn). Two substreams overlap with probability ~ n^2 L / 2^128 for n streams of
 * length L, i.e. never in practice. A result that draws from `stream(seed, unitIndex)` per unit of
 * work (per event chunk, per toy, per mass point) is therefore identical whatever the number of
 * workers. `jump()` (2^64 steps) is available for strictly non-overlapping sequences.
 * Caveat of the hash: (seed, index) passes through one 64-bit intermediate C(seed) ^ index, so
 * two different seeds s, s' give identical families shifted in index by X = C(s) ^ C(s'), a
 * pseudo-random 64-bit number: for indices below 2^k the chance that two given seeds share a
 * stream is 2^(k-64) (1e-13 for a million indices). Same-seed streams never coincide.
 *
 * @example
 * const rng = stream(42, 0);
 * const u = rng.uniform();      // [0, 1)
 * const z = rng.normal();       // N(0, 1)
 */

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step on a BigInt state (seeding only, never on a hot path). */
function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z = z ^ (z >> 31n);
  return [s, z];
}

function toU64(x: number | bigint, what: string): bigint {
  if (typeof x === "bigint") return x & MASK64;
  if (!Number.isSafeInteger(x) || x < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${x}`);
  return BigInt(x);
}

/** 2^-53: a 53-bit integer times this is a double in [0, 1) on the 2^-53 grid. */
const INV_2_53 = 1 / 9007199254740992;
const TWO_21 = 2097152;

/**
 * One random stream (mutable state, 128 bits). Not thread-safe: give every worker its own
 * substream through {@link stream}.
 */
export class Stream {
  // state s0 = (h0, l0), s1 = (h1, l1), each a uint32 held in a signed int32
  private h0 = 0;
  private l0 = 0;
  private h1 = 0;
  private l1 = 0;
  private spareNormal = Number.NaN;

  /** Build from an explicit 128-bit state; prefer {@link stream}. */
  constructor(state: readonly [number, number, number, number]) {
    this.setState(state);
  }

  /** Current state as four uint32 (h0, l0, h1, l1), for saving and restoring. */
  getState(): [number, number, number, number] {
    return [this.h0 >>> 0, this.l0 >>> 0, this.h1 >>> 0, this.l1 >>> 0];
  }

  /** Restore a state saved by {@link getState}. Also clears the cached second normal deviate. */
  setState(state: readonly [number, number, number, number]): void {
    [this.h0, this.l0, this.h1, this.l1] = state.map((x) => x | 0) as [number, number, number, number];
    if ((this.h0 | this.l0 | this.h1 | this.l1) === 0) this.l0 = 1; // all-zero state is a fixed point
    this.spareNormal = Number.NaN;
  }

  /** Advance once; return the top 32 bits (hi) of the output, leaving the low word in `lastLo`. */
  private step(): number {
    const h0 = this.h0;
    const l0 = this.l0;
    let h1 = this.h1;
    let l1 = this.l1;
    // result = s0 + s1 (64-bit)
    const lo = (l0 >>> 0) + (l1 >>> 0);
    const hi = ((h0 >>> 0) + (h1 >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.lastLo = lo >>> 0;
    // s1 ^= s0
    h1 ^= h0;
    l1 ^= l0;
    // s0 = rotl(s0, 24) ^ s1 ^ (s1 << 16)
    this.h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
    this.l0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
    // s1 = rotl(s1, 37) = rotl(swap(s1), 5)
    this.h1 = (l1 << 5) | (h1 >>> 27);
    this.l1 = (h1 << 5) | (l1 >>> 27);
    return hi;
  }
  private lastLo = 0;

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.step();
    return (hi * TWO_21 + (this.lastLo >>> 11)) * INV_2_53;
  }

  /** Uniform double in (0, 1): never 0, safe under log. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Uniform unsigned 32-bit integer. */
  uint32(): number {
    return this.step();
  }

  /**
   * Uniform integer in [0, n) for integer 1 <= n <= 2^32, without modulo bias: 32-bit draws at or
   * above the largest multiple of n are rejected (at most half of them, for n just above 2^31).
   */
  int(n: number): number {
    if (n <= 0 || n > 4294967296 || !Number.isInteger(n)) throw new RangeError(`int(n): bad n = ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    let x = this.step();
    while (x >= limit) x = this.step();
    return x % n;
  }

  /** Uniform double in [a, b). */
  range(a: number, b: number): number {
    return a + (b - a) * this.uniform();
  }

  /** Standard normal deviate (Marsaglia polar method; the second deviate is cached). */
  normal(): number {
    const spare = this.spareNormal;
    if (!Number.isNaN(spare)) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Normal deviate with mean mu and width sigma (sigma = 0 returns mu). */
  gauss(mu: number, sigma: number): number {
    return mu + sigma * this.normal();
  }

  /** Exponential deviate with the given mean. */
  exponential(mean = 1): number {
    return -mean * Math.log(this.uniformOpen());
  }

  /**
   * Poisson deviate with mean lambda >= 0. Inversion for lambda < 30, PTRS transformed rejection
   * (Hormann, "The transformed rejection method for generating Poisson random variables",
   * Insurance: Mathematics and Economics 12 (1993) 39) above. lambda = 0 gives 0.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson: bad mean ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      // inversion by sequential search
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const u = this.uniform();
      while (u > cdf) {
        k++;
        p *= lambda / k;
        const next = cdf + p;
        // Past the mode the terms shrink; once they no longer change the rounded sum, u lies in the
        // last few ulps below 1 that roundoff left uncovered: stop there instead of looping forever.
        if (next === cdf) break;
        cdf = next;
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = this.uniform() - 0.5;
      const V = this.uniform();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (
        Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - lgammaStirling(k + 1)
      )
        return k;
    }
  }

  /** Fill `out` with uniform [0, 1) doubles; returns `out`. */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  /** Fill `out` with standard normal deviates; returns `out`. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** Advance by 2^64 steps (xoroshiro128+ jump polynomial): a non-overlapping continuation. */
  jump(): void {
    this.applyJump([0xd8f554a5, 0xdf900294, 0x4b3201fc, 0x170865df]);
  }

  /** Advance by 2^96 steps (long jump). */
  longJump(): void {
    this.applyJump([0x625eee7b, 0xd2a98b26, 0x90aa7ac1, 0xdddf9b10]);
  }

  private applyJump(words: readonly number[]): void {
    let h0 = 0;
    let l0 = 0;
    let h1 = 0;
    let l1 = 0;
    // words: jump constants as (lo32, hi32) pairs of the two 64-bit words; bits from LSB upward
    for (let w = 0; w < 4; w++) {
      const word = words[w]!;
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          h0 ^= this.h0;
          l0 ^= this.l0;
          h1 ^= this.h1;
          l1 ^= this.l1;
        }
        this.step();
      }
    }
    this.h0 = h0;
    this.l0 = l0;
    this.h1 = h1;
    this.l1 = l1;
    this.spareNormal = Number.NaN;
  }

  /** Child stream number `index` of this stream's current state (does not advance this stream). */
  split(index: number): Stream {
    const [a, b, c, d] = this.getState();
    const key = (BigInt(a) << 96n) ^ (BigInt(b) << 64n) ^ (BigInt(c) << 32n) ^ BigInt(d);
    return fromKey(key & MASK64, (key >> 64n) ^ toU64(index, "index"));
  }
}

/** log Gamma(x) for integer-valued x >= 1 via Stirling with exact small values (Poisson sampler only). */
function lgammaStirling(x: number): number {
  if (x < 10) {
    let f = 1;
    for (let i = 2; i < x; i++) f *= i;
    return Math.log(f);
  }
  // Stirling series to 1/x^7: truncation < 1/(1188 x^9) < 1e-12 at x = 10
  const r2 = 1 / (x * x);
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.9189385332046728 +
    (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680))) / x
  );
}

function fromKey(a: bigint, b: bigint): Stream {
  // Mix the two words into 128 bits of state through SplitMix64.
  let s = a ^ 0x6a09e667f3bcc909n;
  let z1: bigint;
  [s, z1] = splitmix64(s);
  s ^= b & MASK64;
  [s, z1] = splitmix64(s ^ z1);
  const [, z2] = splitmix64(s);
  const st: [number, number, number, number] = [
    Number(z1 >> 32n),
    Number(z1 & 0xffffffffn),
    Number(z2 >> 32n),
    Number(z2 & 0xffffffffn),
  ];
  return new Stream(st);
}

/**
 * Substream `index` of master seed `seed`. Distinct (seed, index) pairs give statistically
 * independent streams; the same pair always gives the same stream.
 *
 * @param seed non-negative integer (or BigInt up to 64 bits), the run's master seed
 * @param index non-negative integer naming the unit of work (chunk, toy, mass point, ...)
 */
export function stream(seed: number | bigint, index = 0): Stream {
  return fromKey(toU64(seed, "seed"), toU64(index, "index"));
}
