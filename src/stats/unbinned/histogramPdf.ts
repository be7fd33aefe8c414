/**
 * Histogram pdf (RooHistPdf-like) on [edges[0], edges[n]]: either piecewise constant (each bin's
 * density is content / width) or piecewise linear through the bin centres (flat half-bins at the
 * two ends), the smooth version used to draw background-only toys from a data spectrum without
 * steps that a narrow-peak fit could mistake for structure. Normalisation is the exact area.
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import type { Pdf } from "./pdf.ts";

/** Index i with a[i] <= v < a[i+1] (clamped to [0, a.length - 2]). */
function locate(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (a[m]! <= v) lo = m;
    else hi = m;
  }
  return lo;
}

/**
 * @param edges strictly increasing bin edges (n + 1 values, observable units)
 * @param contents n non-negative bin contents (counts or weights), not all zero
 * @param interpolation "step" (default) or "linear"
 * @example histogramPdf([0, 1, 2], [10, 30], "linear")
 */
export function histogramPdf(
  edges: ArrayLike<number>,
  contents: ArrayLike<number>,
  interpolation: "step" | "linear" = "step",
): Pdf {
  const n = contents.length;
  if (edges.length !== n + 1 || n < 1)
    throw new ConfigError(
      `histogram pdf: need n + 1 edges for n >= 1 contents, got ${edges.length} and ${n}`,
    );
  for (let i = 0; i < n; i++) {
    if (!(edges[i + 1]! > edges[i]!))
      throw new ConfigError("histogram pdf: edges must be strictly increasing");
    if (!(contents[i]! >= 0) || !Number.isFinite(contents[i]!))
      throw new ConfigError(`histogram pdf: content ${i} = ${contents[i]} must be finite and >= 0`);
  }
  const lo = edges[0]!;
  const hi = edges[n]!;
  // Nodes (x, y) of a piecewise-linear density; the step mode uses two nodes per bin.
  let nx: Float64Array;
  let ny: Float64Array;
  if (interpolation === "step") {
    nx = new Float64Array(2 * n);
    ny = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const h = contents[i]! / (edges[i + 1]! - edges[i]!);
      nx[2 * i] = edges[i]!;
      nx[2 * i + 1] = edges[i + 1]!;
      ny[2 * i] = h;
      ny[2 * i + 1] = h;
    }
  } else {
    nx = new Float64Array(n + 2);
    ny = new Float64Array(n + 2);
    nx[0] = lo;
    nx[n + 1] = hi;
    for (let i = 0; i < n; i++) {
      nx[i + 1] = 0.5 * (edges[i]! + edges[i + 1]!);
      ny[i + 1] = contents[i]! / (edges[i + 1]! - edges[i]!);
    }
    ny[0] = ny[1]!;
    ny[n + 1] = ny[n]!;
  }
  const m = nx.length;
  // Cumulative trapezoid areas at the nodes.
  const cum = new Float64Array(m);
  for (let k = 1; k < m; k++) cum[k] = cum[k - 1]! + 0.5 * (ny[k]! + ny[k - 1]!) * (nx[k]! - nx[k - 1]!);
  const total = cum[m - 1]!;
  if (!(total > 0)) throw new ConfigError("histogram pdf: all contents are zero");
  const inv = 1 / total;
  const density = (x: number): number => {
    if (x < lo || x > hi) return 0;
    const k = locate(nx, x);
    const h = nx[k + 1]! - nx[k]!;
    if (h <= 0) return inv * ny[k + 1]!; // zero-length segment between two step bins
    const s = (x - nx[k]!) / h;
    return inv * (ny[k]! + s * (ny[k + 1]! - ny[k]!));
  };
  const pdf: Pdf = {
    name: interpolation === "step" ? "hist" : "hist-linear",
    lo,
    hi,
    density,
    evaluate(xs, out) {
      for (let i = 0; i < xs.length; i++) out[i] = density(xs[i]!);
      return out;
    },
    cdf(x) {
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      const k = locate(nx, x);
      const h = nx[k + 1]! - nx[k]!;
      const dx = x - nx[k]!;
      const slope = h > 0 ? (ny[k + 1]! - ny[k]!) / h : 0;
      return inv * (cum[k]! + ny[k]! * dx + 0.5 * slope * dx * dx);
    },
    sample(rng: Stream, out) {
      for (let i = 0; i < out.length; i++) {
        const a = rng.uniform() * total;
        const k = Math.min(locate(cum, a), m - 2);
        const h = nx[k + 1]! - nx[k]!;
        const y0 = ny[k]!;
        const slope = h > 0 ? (ny[k + 1]! - y0) / h : 0;
        const r = a - cum[k]!;
        // Solve y0 s + slope s^2 / 2 = r in the stable form s = 2r / (y0 + sqrt(y0^2 + 2 slope r)).
        const disc = Math.max(0, y0 * y0 + 2 * slope * r);
        const den = y0 + Math.sqrt(disc);
        const s = den > 0 ? (2 * r) / den : 0;
        out[i] = Math.min(nx[k + 1]!, nx[k]! + Math.min(Math.max(s, 0), h));
      }
      return out;
    },
  };
  return pdf;
}
