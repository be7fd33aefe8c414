/**
 * Histogram axes: regular (n equal bins on [lo, hi)) and variable (explicit increasing edges).
 *
 * Bin numbering (as boost-histogram): in-range bins are 0 .. n-1, the underflow bin is -1 and the
 * overflow bin is n. Bins are left-closed, [edge_i, edge_i+1): a value exactly on an inner edge
 * belongs to the bin on its right, the upper edge `hi` itself goes to overflow, `lo` to bin 0.
 * NaN goes to overflow (boost-histogram's choice: it is counted, never silently dropped).
 *
 * Lookup is O(1) for regular axes (one multiply, then a one-step correction against the stored
 * edges so that lookup and `edges` never disagree by a rounding) and a binary search for variable
 * axes, started from a bracket read off a guide grid of 4n equal cells (a bucketed search: about
 * 2x faster than a plain bisection at 100 bins, and exact, since the bracket is checked against
 * the edges). Axes are immutable; `edges` must not be written to.
 */
import { ConfigError, InputError } from "../core/errors.ts";

/** Serialised form of an axis (see {@link Axis.toJSON}). */
export type AxisJSON =
  | { kind: "regular"; n: number; lo: number; hi: number; label: string }
  | { kind: "variable"; edges: number[]; label: string };

/** A binning. Build with {@link regularAxis} or {@link variableAxis}. */
export interface Axis {
  /** "regular" (equal widths, O(1) lookup) or "variable" (explicit edges, binary search). */
  readonly kind: "regular" | "variable";
  /** Number of in-range bins n (flow bins not counted). */
  readonly nBins: number;
  /** Lower edge of bin 0. */
  readonly lo: number;
  /** Upper edge of bin n-1 (values >= hi go to overflow). */
  readonly hi: number;
  /** The n+1 bin edges, increasing; edges[0] = lo, edges[n] = hi. Read only. */
  readonly edges: Float64Array;
  /** Axis title for plots and tables, with units, e.g. "M^2_rec [GeV^2]" ("" if none). */
  readonly label: string;
  /** Bin of x: 0..n-1 in range, -1 below lo, n at or above hi and for NaN. */
  index(x: number): number;
  /** Lower edge of bin i (-Infinity for the underflow bin, hi for the overflow bin). */
  lowEdge(i: number): number;
  /** Upper edge of bin i (lo for the underflow bin, +Infinity for the overflow bin). */
  highEdge(i: number): number;
  /** Centre of in-range bin i. */
  center(i: number): number;
  /** Width of in-range bin i. */
  width(i: number): number;
  /** Centres of the n in-range bins (a new array). */
  centers(): Float64Array;
  /** Widths of the n in-range bins (a new array). */
  widths(): Float64Array;
  /**
   * Inclusive bin span [first, last] covering the half-open value interval [a, b): bins -1..n,
   * flow bins included when the interval reaches beyond lo or hi. Empty if last < first.
   */
  binRange(a: number, b: number): [number, number];
  /** Same kind, same label-independent binning (edges compared exactly). */
  sameBinning(other: Axis): boolean;
  /** Plain-object form, exact under JSON.stringify / JSON.parse. */
  toJSON(): AxisJSON;
}

class AxisImpl implements Axis {
  readonly nBins: number;
  readonly lo: number;
  readonly hi: number;
  private readonly regular: boolean;
  /** n / (hi - lo) for regular axes; G / (hi - lo) for the variable-axis guide grid */
  private readonly scale: number;
  /**
   * Variable axes only: guide[c] = bin of the lower boundary of grid cell c (G = 4n equal cells,
   * plus one entry for hi). It narrows the binary search to the few bins a cell overlaps.
   */
  private readonly guide: Int32Array;
  private readonly nCells: number;
  constructor(
    readonly kind: "regular" | "variable",
    readonly edges: Float64Array,
    readonly label: string,
  ) {
    this.nBins = edges.length - 1;
    this.lo = edges[0]!;
    this.hi = edges[this.nBins]!;
    this.regular = kind === "regular";
    this.nCells = this.regular ? this.nBins : 4 * this.nBins;
    this.scale = this.nCells / (this.hi - this.lo);
    this.guide = new Int32Array(this.regular ? 0 : this.nCells + 1);
    if (!this.regular) {
      // guide[c] = largest k with edges[k] <= lo + c (hi - lo)/G (a monotone walk over the edges)
      let k = 0;
      for (let c = 0; c <= this.nCells; c++) {
        const b = this.lo + (c * (this.hi - this.lo)) / this.nCells;
        while (k < this.nBins && edges[k + 1]! <= b) k++;
        this.guide[c] = k;
      }
    }
  }

  index(x: number): number {
    const n = this.nBins;
    // !(x >= lo) is true for x < lo and NaN; NaN goes to overflow
    if (!(x >= this.lo)) return x < this.lo ? -1 : n;
    if (x >= this.hi) return n;
    const e = this.edges;
    if (this.regular) {
      let k = Math.floor((x - this.lo) * this.scale);
      if (k >= n) k = n - 1;
      // the multiply can be one ulp off near an edge: settle against the stored edges
      if (x < e[k]!) k--;
      else if (x >= e[k + 1]!) k++;
      return k;
    }
    // Binary search for e[a] <= x < e[b], started from the guide-grid bracket. The cell index is
    // computed with rounding, so widen the bracket by one bin on each side and fall back to the
    // whole axis if it still does not hold (never in practice, but it keeps lookup exact).
    let c = Math.floor((x - this.lo) * this.scale);
    if (c >= this.nCells) c = this.nCells - 1;
    const g = this.guide;
    let a = g[c]! - 1;
    let b = g[c + 1]! + 2;
    if (a < 0 || x < e[a]!) a = 0;
    if (b > n || x >= e[b]!) b = n;
    while (b - a > 1) {
      const m = (a + b) >>> 1;
      if (x >= e[m]!) a = m;
      else b = m;
    }
    return a;
  }

  lowEdge(i: number): number {
    if (i < 0) return Number.NEGATIVE_INFINITY;
    return i >= this.nBins ? this.hi : this.edges[i]!;
  }

  highEdge(i: number): number {
    if (i < 0) return this.lo;
    return i >= this.nBins ? Number.POSITIVE_INFINITY : this.edges[i + 1]!;
  }

  center(i: number): number {
    return 0.5 * (this.edges[i]! + this.edges[i + 1]!);
  }

  width(i: number): number {
    return this.edges[i + 1]! - this.edges[i]!;
  }

  centers(): Float64Array {
    const out = new Float64Array(this.nBins);
    for (let i = 0; i < this.nBins; i++) out[i] = this.center(i);
    return out;
  }

  widths(): Float64Array {
    const out = new Float64Array(this.nBins);
    for (let i = 0; i < this.nBins; i++) out[i] = this.width(i);
    return out;
  }

  binRange(a: number, b: number): [number, number] {
    const first = this.index(a);
    let last = this.index(b);
    // b is excluded: if it sits exactly on the lower edge of its bin, stop one bin earlier
    if (last >= 0 && this.lowEdge(last) === b) last--;
    return [first, last];
  }

  sameBinning(other: Axis): boolean {
    if (other.kind !== this.kind || other.nBins !== this.nBins) return false;
    for (let i = 0; i <= this.nBins; i++) if (other.edges[i] !== this.edges[i]) return false;
    return true;
  }

  toJSON(): AxisJSON {
    return this.regular
      ? { kind: "regular", n: this.nBins, lo: this.lo, hi: this.hi, label: this.label }
      : { kind: "variable", edges: Array.from(this.edges), label: this.label };
  }
}

/**
 * Regular axis: n equal bins on [lo, hi). Edges are lo + (hi - lo) i / n, with edges[n] = hi exactly.
 * Throws ConfigError unless n is a positive integer and lo < hi are finite.
 *
 * @param n number of bins; @param lo lower edge; @param hi upper edge (excluded)
 * @param label axis title with units
 * @example const a = regularAxis(100, -0.5, 81, "M^2_rec [GeV^2]"); a.index(-0.5) // 0
 */
export function regularAxis(n: number, lo: number, hi: number, label = ""): Axis {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ConfigError(`regularAxis: n must be a positive integer, got ${n}`);
  // the span must be finite too: (hi - lo) overflows for |lo|, |hi| near the largest double
  if (!Number.isFinite(hi - lo) || !(lo < hi))
    throw new ConfigError(`regularAxis: need finite lo < hi, got lo = ${lo}, hi = ${hi}`);
  const edges = new Float64Array(n + 1);
  const span = hi - lo;
  for (let i = 0; i < n; i++) edges[i] = lo + (span * i) / n;
  edges[n] = hi;
  return new AxisImpl("regular", edges, label);
}

/**
 * Variable axis from n+1 strictly increasing finite edges (copied). Throws ConfigError otherwise.
 *
 * @example const a = variableAxis([0, 1, 2, 5]); a.index(2) // 2 (left-closed); a.index(5) // 3 (overflow)
 */
export function variableAxis(edges: ArrayLike<number>, label = ""): Axis {
  if (edges.length < 2) throw new ConfigError(`variableAxis: need at least 2 edges, got ${edges.length}`);
  const e = Float64Array.from(edges);
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i]!)) throw new ConfigError(`variableAxis: edge ${i} is not finite (${e[i]})`);
    if (i > 0 && !(e[i]! > e[i - 1]!))
      throw new ConfigError(
        `variableAxis: edges must increase strictly, but edge ${i} = ${e[i]} <= ${e[i - 1]}`,
      );
  }
  return new AxisImpl("variable", e, label);
}

/** True for a finite JSON number. */
function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * Rebuild an axis from its JSON form. Throws InputError (with `file` and a JSON-pointer `location`)
 * for anything malformed, including invalid binnings.
 */
export function axisFromJSON(obj: unknown, file?: string, location = "/axis"): Axis {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj))
    throw new InputError("axis must be an object", file, location);
  const o = obj as Record<string, unknown>;
  const label = o.label ?? "";
  if (typeof label !== "string") throw new InputError("label must be a string", file, `${location}/label`);
  try {
    if (o.kind === "regular") {
      if (!Number.isSafeInteger(o.n) || (o.n as number) < 1)
        throw new InputError("n must be a positive integer", file, `${location}/n`);
      if (!isNum(o.lo)) throw new InputError("lo must be a finite number", file, `${location}/lo`);
      if (!isNum(o.hi)) throw new InputError("hi must be a finite number", file, `${location}/hi`);
      return regularAxis(o.n as number, o.lo, o.hi, label);
    }
    if (o.kind === "variable") {
      if (!Array.isArray(o.edges)) throw new InputError("edges must be an array", file, `${location}/edges`);
      o.edges.forEach((x, i) => {
        if (!isNum(x)) throw new InputError("edge must be a finite number", file, `${location}/edges/${i}`);
      });
      return variableAxis(o.edges as number[], label);
    }
  } catch (e) {
    // an invalid binning in a file is bad input, not bad configuration
    if (e instanceof ConfigError) throw new InputError(e.message, file, location);
    throw e;
  }
  throw new InputError(
    `kind must be "regular" or "variable", got ${JSON.stringify(o.kind)}`,
    file,
    `${location}/kind`,
  );
}
