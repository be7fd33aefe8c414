/**
 * Sampling of resonance masses (rho, a1) between thresholds: a Cauchy envelope in m around m0 with
 * half width Gamma0/2, truncated to [mMin, mMax], and accept-reject on a target density f(m) whose
 * maximum ratio f/g is found once on a grid (times 1.1). Used for the hadronic tau decays.
 */
import type { Stream } from "../../core/random.ts";

/** A truncated line shape ready for sampling (build with {@link makeLineShape}). */
export interface LineShape {
  readonly m0: number;
  readonly halfWidth: number;
  readonly mMin: number;
  readonly mMax: number;
  /** Target density (unnormalised) in m [GeV]. */
  readonly f: (m: number) => number;
  readonly aMin: number;
  readonly aMax: number;
  readonly ratioMax: number;
}

/**
 * Prepare a line shape: `f` is the target density in m on [mMin, mMax] (unnormalised).
 * @param m0 peak [GeV], @param gamma0 width [GeV] of the Cauchy envelope
 */
export function makeLineShape(
  m0: number,
  gamma0: number,
  mMin: number,
  mMax: number,
  f: (m: number) => number,
): LineShape {
  const halfWidth = gamma0 / 2;
  const aMin = Math.atan((mMin - m0) / halfWidth);
  const aMax = Math.atan((mMax - m0) / halfWidth);
  let ratioMax = 0;
  const n = 2000;
  for (let i = 0; i <= n; i++) {
    const m = mMin + ((mMax - mMin) * i) / n;
    const g = 1 / (1 + ((m - m0) / halfWidth) ** 2);
    ratioMax = Math.max(ratioMax, f(m) / g);
  }
  return { m0, halfWidth, mMin, mMax, f, aMin, aMax, ratioMax: ratioMax * 1.1 };
}

/** Draw one mass [GeV] from the line shape. */
export function sampleLineShape(rng: Stream, ls: LineShape): number {
  for (;;) {
    const a = ls.aMin + (ls.aMax - ls.aMin) * rng.uniform();
    const m = ls.m0 + ls.halfWidth * Math.tan(a);
    if (m <= ls.mMin || m >= ls.mMax) continue;
    const g = 1 / (1 + ((m - ls.m0) / ls.halfWidth) ** 2);
    if (rng.uniform() * ls.ratioMax * g < ls.f(m)) return m;
  }
}
