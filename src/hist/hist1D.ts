/**
 * One-dimensional weighted histogram: an {@link Axis} plus two Float64Array storages, the sum of
 * weights and the sum of squared weights per bin (the variance estimate of a weighted count,
 * sum w_i^2), each with the underflow and overflow bins (boost-histogram's "Weight" storage).
 *
 * Bin numbers follow the axis: 0..n-1 in range, -1 underflow, n overflow. Storage slot = bin + 1.
 * Fills never allocate. Rebinning and projections return new histograms; `add` and `scale` modify
 * in place and return `this`.
 *
 * @example
 * const h = new Hist1D(regularAxis(90, -0.5, 81, "M^2_rec [GeV^2]"));
 * h.fillArrays(m2rec, weights);
 * h.values();      // Float64Array(90), sums of weights
 * h.integral();    // in-range sum; h.integral({ flow: true }) includes under/overflow
 */
import { type Axis, type AxisJSON, axisFromJSON } from "./axis.ts";
import { type BinSelection, selectionSlots } from "./binSelection.ts";
import { expectObject, readStorage } from "./histJSON.ts";
import { rebinAxis, rebinAxisTo } from "./rebinAxis.ts";

/** Serialised form of a {@link Hist1D} (version 1); arrays include the two flow bins. */
export interface Hist1DJSON {
  type: "Hist1D";
  version: 1;
  axis: AxisJSON;
  /** Sums of weights, length n+2: [underflow, bin 0, ..., bin n-1, overflow]. */
  sumw: number[];
  /** Sums of squared weights, same layout. */
  sumw2: number[];
}

/**
 * Weighted 1D histogram (sums of weights and squared weights with flow bins). See the module
 * comment for the bin numbering and an example.
 */
export class Hist1D {
  /** The binning. */
  readonly axis: Axis;
  /** Sums of weights per storage slot (length n+2, slot 0 underflow, slot n+1 overflow). */
  readonly sumw: Float64Array;
  /** Sums of squared weights per storage slot (same layout). */
  readonly sumw2: Float64Array;

  /** An empty histogram on `axis`. */
  constructor(axis: Axis) {
    this.axis = axis;
    this.sumw = new Float64Array(axis.nBins + 2);
    this.sumw2 = new Float64Array(axis.nBins + 2);
  }

  /** Number of in-range bins. */
  get nBins(): number {
    return this.axis.nBins;
  }

  /** Add weight w (default 1) at x. NaN x goes to overflow. */
  fill(x: number, w = 1): void {
    const j = this.axis.index(x) + 1;
    this.sumw[j]! += w;
    this.sumw2[j]! += w * w;
  }

  /**
   * Fill every xs[i] with weight ws[i] (or 1). RangeError if ws is shorter than xs.
   *
   * @example h.fillArrays(mass, eventWeight)
   */
  fillArrays(xs: ArrayLike<number>, ws?: ArrayLike<number>): void {
    const n = xs.length;
    const axis = this.axis;
    const sw = this.sumw;
    const sw2 = this.sumw2;
    if (ws) {
      if (ws.length < n) throw new RangeError(`fillArrays: ${n} values but ${ws.length} weights`);
      for (let i = 0; i < n; i++) {
        const j = axis.index(xs[i]!) + 1;
        const w = ws[i]!;
        sw[j]! += w;
        sw2[j]! += w * w;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const j = axis.index(xs[i]!) + 1;
        sw[j]! += 1;
        sw2[j]! += 1;
      }
    }
  }

  /** Sum of weights in bin i (-1 underflow, n overflow). */
  value(i: number): number {
    return this.sumw[i + 1]!;
  }

  /** Sum of squared weights in bin i (-1 underflow, n overflow). */
  variance(i: number): number {
    return this.sumw2[i + 1]!;
  }

  /** Sums of weights as a new array: n in-range bins, or n+2 with `flow` ([under, ..., over]). */
  values(opts: { flow?: boolean } = {}): Float64Array {
    return opts.flow ? this.sumw.slice() : this.sumw.slice(1, this.nBins + 1);
  }

  /** Sums of squared weights as a new array (layout as {@link values}). */
  variances(opts: { flow?: boolean } = {}): Float64Array {
    return opts.flow ? this.sumw2.slice() : this.sumw2.slice(1, this.nBins + 1);
  }

  /** sqrt of the variances (layout as {@link values}). */
  errors(opts: { flow?: boolean } = {}): Float64Array {
    const v = this.variances(opts);
    for (let i = 0; i < v.length; i++) v[i] = Math.sqrt(v[i]!);
    return v;
  }

  /** Bin centres of the in-range bins. */
  centers(): Float64Array {
    return this.axis.centers();
  }

  /** Bin widths of the in-range bins. */
  widths(): Float64Array {
    return this.axis.widths();
  }

  /** Bin edges (n+1, a copy). */
  edges(): Float64Array {
    return this.axis.edges.slice();
  }

  /**
   * Sum of weights over a selection: in-range bins by default, all bins with `{ flow: true }`,
   * inclusive bins with `{ bins: [first, last] }`, or the bins covering `{ range: [lo, hi] }`.
   */
  integral(sel?: BinSelection): number {
    const [s0, s1] = selectionSlots(this.axis, sel, false);
    let s = 0;
    for (let j = s0; j <= s1; j++) s += this.sumw[j]!;
    return s;
  }

  /** Sum of squared weights over a selection (the variance of {@link integral}). */
  integralVariance(sel?: BinSelection): number {
    const [s0, s1] = selectionSlots(this.axis, sel, false);
    let s = 0;
    for (let j = s0; j <= s1; j++) s += this.sumw2[j]!;
    return s;
  }

  /** Add another histogram with the same binning, times `factor` (variances times factor^2). Returns this. */
  add(other: Hist1D, factor = 1): this {
    if (!this.axis.sameBinning(other.axis)) throw new RangeError("Hist1D.add: binnings differ");
    const f2 = factor * factor;
    for (let j = 0; j < this.sumw.length; j++) {
      this.sumw[j]! += factor * other.sumw[j]!;
      this.sumw2[j]! += f2 * other.sumw2[j]!;
    }
    return this;
  }

  /** Multiply contents by `factor` and variances by factor^2 (e.g. luminosity scaling). Returns this. */
  scale(factor: number): this {
    const f2 = factor * factor;
    for (let j = 0; j < this.sumw.length; j++) {
      this.sumw[j]! *= factor;
      this.sumw2[j]! *= f2;
    }
    return this;
  }

  /** A deep copy. */
  clone(): Hist1D {
    const h = new Hist1D(this.axis);
    h.sumw.set(this.sumw);
    h.sumw2.set(this.sumw2);
    return h;
  }

  /**
   * New histogram with groups of `group` adjacent bins merged (group must divide n; ConfigError
   * otherwise). Sums of weights and squared weights are conserved bin by bin.
   */
  rebin(group: number): Hist1D {
    const { axis, map } = rebinAxis(this.axis, group);
    return this.remap(axis, map);
  }

  /**
   * New histogram on `edges`, a subset of the current edges (ConfigError otherwise); bins outside
   * the new range go to the flow bins, so totals including flow are conserved.
   */
  rebinTo(edges: ArrayLike<number>): Hist1D {
    const { axis, map } = rebinAxisTo(this.axis, edges);
    return this.remap(axis, map);
  }

  private remap(axis: Axis, map: Int32Array): Hist1D {
    const h = new Hist1D(axis);
    for (let j = 0; j < map.length; j++) {
      const k = map[j]!;
      h.sumw[k]! += this.sumw[j]!;
      h.sumw2[k]! += this.sumw2[j]!;
    }
    return h;
  }

  /**
   * Plain-object form; `JSON.stringify(h)` uses it. Exact round trip through {@link Hist1D.fromJSON}
   * (JSON numbers print the shortest digits that read back to the same double). Non-finite contents
   * (from NaN or infinite weights) become null in JSON and are rejected when read back.
   */
  toJSON(): Hist1DJSON {
    return {
      type: "Hist1D",
      version: 1,
      axis: this.axis.toJSON(),
      sumw: Array.from(this.sumw),
      sumw2: Array.from(this.sumw2),
    };
  }

  /**
   * Rebuild from {@link toJSON} output, parsed or as JSON text. Throws InputError with `file` and a
   * JSON-pointer location for anything malformed: wrong type/version, bad axis, arrays of the
   * wrong length, non-finite numbers, negative squared weights.
   *
   * @example const h = Hist1D.fromJSON(JSON.parse(text), "templates/sig.json");
   */
  static fromJSON(obj: unknown, file?: string): Hist1D {
    const o = expectObject(obj, "Hist1D", file);
    const axis = axisFromJSON(o.axis, file, "/axis");
    const h = new Hist1D(axis);
    readStorage(o.sumw, h.sumw, "/sumw", false, file);
    readStorage(o.sumw2, h.sumw2, "/sumw2", true, file);
    return h;
  }
}
