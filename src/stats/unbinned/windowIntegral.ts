/**
 * ∫ f over [a, b] split at interior break points (peaks, kinks), each piece by core's adaptive
 * Gauss-Kronrod (QUADPACK QAGS-style). Used for the Voigt window normalisation and by tests.
 */
import { integrate } from "../../core/quadrature.ts";

/**
 * @param breaks interior points where f peaks or has kinks (others are ignored)
 * @param epsrel relative error goal per piece (default 1e-13)
 * @example windowIntegral((x) => Math.exp(-x * x), -5, 5, [0])
 */
export function windowIntegral(
  f: (x: number) => number,
  a: number,
  b: number,
  breaks: readonly number[] = [],
  epsrel = 1e-13,
): number {
  const pts = [a, ...breaks.filter((x) => x > a && x < b).sort((p, q) => p - q), b];
  let s = 0;
  for (let i = 0; i + 1 < pts.length; i++)
    s += integrate(f, pts[i]!, pts[i + 1]!, { epsabs: 0, epsrel, limit: 2000 }).value;
  return s;
}
