/**
 * Monotone piecewise-cubic Hermite interpolation (PCHIP; Fritsch & Carlson, SIAM J. Numer. Anal.
 * 17 (1980) 238, with the Fritsch-Butland weighted harmonic-mean tangents, SIAM J. Sci. Stat.
 * Comput. 5 (1984) 300, and the shape-preserving three-point end tangents). C1, passes through
 * every node, never overshoots: between two nodes the curve stays within their values, and a
 * local extremum of the data stays where it is. Outside the nodes it is held flat (no
 * extrapolation). Could live in core/; here because only the resolution model uses it.
 */
import { ConfigError } from "../../core/errors.ts";

/**
 * Build the interpolant through (xs[k], ys[k]) (xs strictly increasing, at least one node).
 *
 * @example pchip([0, 1, 2], [0, 1, 1])(1.5) // 1 (no overshoot above the plateau)
 */
export function pchip(xs: readonly number[], ys: readonly number[]): (x: number) => number {
  const n = xs.length;
  if (n === 0 || ys.length !== n) throw new ConfigError("pchip: need equally many (>= 1) x and y values");
  for (let k = 1; k < n; k++)
    if (!(xs[k]! > xs[k - 1]!)) throw new ConfigError(`pchip: x must increase strictly (x[${k}] = ${xs[k]})`);
  if (n === 1) return () => ys[0]!;
  const h = new Float64Array(n - 1);
  const d = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) {
    h[k] = xs[k + 1]! - xs[k]!;
    d[k] = (ys[k + 1]! - ys[k]!) / h[k]!;
  }
  const m = new Float64Array(n);
  if (n === 2) m.fill(d[0]!);
  else {
    for (let k = 1; k < n - 1; k++) {
      const a = d[k - 1]!;
      const b = d[k]!;
      if (a * b <= 0) m[k] = 0;
      else {
        const w1 = 2 * h[k]! + h[k - 1]!;
        const w2 = h[k]! + 2 * h[k - 1]!;
        m[k] = (w1 + w2) / (w1 / a + w2 / b);
      }
    }
    const end = (h0: number, h1: number, d0: number, d1: number) => {
      let t = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
      if (Math.sign(t) !== Math.sign(d0)) t = 0;
      else if (Math.sign(d0) !== Math.sign(d1) && Math.abs(t) > 3 * Math.abs(d0)) t = 3 * d0;
      return t;
    };
    m[0] = end(h[0]!, h[1]!, d[0]!, d[1]!);
    m[n - 1] = end(h[n - 2]!, h[n - 3]!, d[n - 2]!, d[n - 3]!);
  }
  return (x: number) => {
    if (!(x > xs[0]!)) return ys[0]!; // also NaN -> first value
    if (x >= xs[n - 1]!) return ys[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const hk = h[lo]!;
    const t = (x - xs[lo]!) / hk;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * ys[lo]! +
      (t3 - 2 * t2 + t) * hk * m[lo]! +
      (-2 * t3 + 3 * t2) * ys[lo + 1]! +
      (t3 - t2) * hk * m[lo + 1]!
    );
  };
}
