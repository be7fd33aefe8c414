/**
 * Two-dimensional weighted histogram: two {@link Axis} objects plus sums of weights and of squared
 * weights with flow bins on both axes (e.g. the invisible-Z' templates in (M^2_rec, theta^cm_rec)).
 *
 * Storage is row-major with x outermost, like numpy's h.values() of shape (nx, ny):
 * slot(ix, iy) = (ix + 1) * (ny + 2) + (iy + 1), bins -1..n on each axis. {@link values} without
 * flow returns nx*ny numbers in the same order, [ix * ny + iy], which is also how a 2-D template is
 * flattened into one pyhf channel.
 *
 * @example
 * const h = new Hist2D(regularAxis(40, 0, 8, "M^2_rec [GeV^2]"), regularAxis(5, 0, Math.PI, "theta [rad]"));
 * h.fillArrays(m2rec, thetaRec, w);
 * const m2 = h.projectX();                       // all theta, flow included
 * const barrel = h.projectX({ range: [0.6, 2.1] });
 */
import { type Axis, type AxisJSON, axisFromJSON } from "./axis.ts";
import { type BinSelection, selectionSlots } from "./binSelection.ts";
import { Hist1D } from "./hist1D.ts";
import { expectObject, readStorage } from "./histJSON.ts";
import { type AxisRebin, rebinAxis, rebinAxisTo } from "./rebinAxis.ts";

/** Serialised form of a {@link Hist2D} (version 1); arrays hold (nx+2)*(ny+2) slots, x outermost. */
export interface Hist2DJSON {
  type: "Hist2D";
  version: 1;
  xAxis: AxisJSON;
  yAxis: AxisJSON;
  sumw: number[];
  sumw2: number[];
}

/**
 * Weighted 2D histogram (sums of weights and squared weights with flow bins on both axes); storage
 * x-major as described in the module comment.
 */
export class Hist2D {
  /** Binning of x (first coordinate). */
  readonly xAxis: Axis;
  /** Binning of y (second coordinate). */
  readonly yAxis: Axis;
  /** Sums of weights, (nx+2)*(ny+2) slots, slot(ix, iy) = (ix+1)*(ny+2) + iy+1. */
  readonly sumw: Float64Array;
  /** Sums of squared weights, same layout. */
  readonly sumw2: Float64Array;
  /** ny + 2, the stride of the x index. */
  private readonly stride: number;

  /** An empty histogram on xAxis x yAxis. */
  constructor(xAxis: Axis, yAxis: Axis) {
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.stride = yAxis.nBins + 2;
    this.sumw = new Float64Array((xAxis.nBins + 2) * this.stride);
    this.sumw2 = new Float64Array((xAxis.nBins + 2) * this.stride);
  }

  /** Storage slot of bin (ix, iy), each -1..n. */
  slot(ix: number, iy: number): number {
    return (ix + 1) * this.stride + iy + 1;
  }

  /** Add weight w (default 1) at (x, y). */
  fill(x: number, y: number, w = 1): void {
    const j = (this.xAxis.index(x) + 1) * this.stride + this.yAxis.index(y) + 1;
    this.sumw[j]! += w;
    this.sumw2[j]! += w * w;
  }

  /** Fill (xs[i], ys[i]) with weight ws[i] (or 1). RangeError if ys or ws is shorter than xs. */
  fillArrays(xs: ArrayLike<number>, ys: ArrayLike<number>, ws?: ArrayLike<number>): void {
    const n = xs.length;
    if (ys.length < n) throw new RangeError(`fillArrays: ${n} x values but ${ys.length} y values`);
    if (ws && ws.length < n) throw new RangeError(`fillArrays: ${n} values but ${ws.length} weights`);
    const ax = this.xAxis;
    const ay = this.yAxis;
    const st = this.stride;
    const sw = this.sumw;
    const sw2 = this.sumw2;
    for (let i = 0; i < n; i++) {
      const j = (ax.index(xs[i]!) + 1) * st + ay.index(ys[i]!) + 1;
      const w = ws ? ws[i]! : 1;
      sw[j]! += w;
      sw2[j]! += w * w;
    }
  }

  /** Sum of weights in bin (ix, iy), each -1..n. */
  value(ix: number, iy: number): number {
    return this.sumw[this.slot(ix, iy)]!;
  }

  /** Sum of squared weights in bin (ix, iy). */
  variance(ix: number, iy: number): number {
    return this.sumw2[this.slot(ix, iy)]!;
  }

  /** Sums of weights: nx*ny in-range bins as [ix*ny + iy], or all slots with `flow`. A new array. */
  values(opts: { flow?: boolean } = {}): Float64Array {
    return this.extract(this.sumw, opts.flow ?? false);
  }

  /** Sums of squared weights, layout as {@link values}. */
  variances(opts: { flow?: boolean } = {}): Float64Array {
    return this.extract(this.sumw2, opts.flow ?? false);
  }

  private extract(src: Float64Array, flow: boolean): Float64Array {
    if (flow) return src.slice();
    const nx = this.xAxis.nBins;
    const ny = this.yAxis.nBins;
    const out = new Float64Array(nx * ny);
    for (let ix = 0; ix < nx; ix++)
      out.set(src.subarray((ix + 1) * this.stride + 1, (ix + 1) * this.stride + 1 + ny), ix * ny);
    return out;
  }

  /**
   * Sum of weights over bins selected on each axis (in-range by default; `{ flow: true }` on an
   * axis includes its flow bins; `bins`/`range` as in {@link BinSelection}).
   *
   * @example h.integral() // in range; h.integral({ x: { flow: true }, y: { flow: true } }) // everything
   */
  integral(sel: { x?: BinSelection; y?: BinSelection } = {}): number {
    const [x0, x1] = selectionSlots(this.xAxis, sel.x, false);
    const [y0, y1] = selectionSlots(this.yAxis, sel.y, false);
    let s = 0;
    for (let jx = x0; jx <= x1; jx++)
      for (let jy = y0; jy <= y1; jy++) s += this.sumw[jx * this.stride + jy]!;
    return s;
  }

  /**
   * Projection onto x: a Hist1D on xAxis whose bin ix (flow bins included) sums the y bins in
   * `ySel` (default: all y bins including flow, as ROOT's ProjectionX, so totals are conserved).
   * Variances add.
   *
   * @example h.projectX({ bins: [0, 2] }) // y bins 0, 1, 2 only
   */
  projectX(ySel?: BinSelection): Hist1D {
    const [y0, y1] = selectionSlots(this.yAxis, ySel, true);
    const h = new Hist1D(this.xAxis);
    const nxs = this.xAxis.nBins + 2;
    for (let jx = 0; jx < nxs; jx++) {
      let s = 0;
      let s2 = 0;
      for (let jy = y0; jy <= y1; jy++) {
        s += this.sumw[jx * this.stride + jy]!;
        s2 += this.sumw2[jx * this.stride + jy]!;
      }
      h.sumw[jx] = s;
      h.sumw2[jx] = s2;
    }
    return h;
  }

  /** Projection onto y, summing the x bins in `xSel` (default: all, flow included). */
  projectY(xSel?: BinSelection): Hist1D {
    const [x0, x1] = selectionSlots(this.xAxis, xSel, true);
    const h = new Hist1D(this.yAxis);
    for (let jx = x0; jx <= x1; jx++) {
      for (let jy = 0; jy < this.stride; jy++) {
        h.sumw[jy]! += this.sumw[jx * this.stride + jy]!;
        h.sumw2[jy]! += this.sumw2[jx * this.stride + jy]!;
      }
    }
    return h;
  }

  /** Add a histogram with the same binnings, times `factor` (variances times factor^2). Returns this. */
  add(other: Hist2D, factor = 1): this {
    if (!this.xAxis.sameBinning(other.xAxis) || !this.yAxis.sameBinning(other.yAxis))
      throw new RangeError("Hist2D.add: binnings differ");
    const f2 = factor * factor;
    for (let j = 0; j < this.sumw.length; j++) {
      this.sumw[j]! += factor * other.sumw[j]!;
      this.sumw2[j]! += f2 * other.sumw2[j]!;
    }
    return this;
  }

  /** Multiply contents by `factor`, variances by factor^2. Returns this. */
  scale(factor: number): this {
    const f2 = factor * factor;
    for (let j = 0; j < this.sumw.length; j++) {
      this.sumw[j]! *= factor;
      this.sumw2[j]! *= f2;
    }
    return this;
  }

  /** A deep copy. */
  clone(): Hist2D {
    const h = new Hist2D(this.xAxis, this.yAxis);
    h.sumw.set(this.sumw);
    h.sumw2.set(this.sumw2);
    return h;
  }

  /** Merge groups of gx x-bins and gy y-bins (each must divide its axis; ConfigError otherwise). */
  rebin(gx: number, gy = 1): Hist2D {
    return this.remap(rebinAxis(this.xAxis, gx), rebinAxis(this.yAxis, gy));
  }

  /**
   * Rebin to new edges on x and/or y (subsets of the old edges; bins outside go to flow).
   * An axis without new edges is kept.
   */
  rebinTo(edges: { x?: ArrayLike<number>; y?: ArrayLike<number> }): Hist2D {
    const keep = (a: Axis): AxisRebin => rebinAxis(a, 1);
    return this.remap(
      edges.x ? rebinAxisTo(this.xAxis, edges.x) : keep(this.xAxis),
      edges.y ? rebinAxisTo(this.yAxis, edges.y) : keep(this.yAxis),
    );
  }

  private remap(rx: AxisRebin, ry: AxisRebin): Hist2D {
    const h = new Hist2D(rx.axis, ry.axis);
    for (let jx = 0; jx < rx.map.length; jx++) {
      const kx = rx.map[jx]!;
      for (let jy = 0; jy < ry.map.length; jy++) {
        const k = kx * h.stride + ry.map[jy]!;
        h.sumw[k]! += this.sumw[jx * this.stride + jy]!;
        h.sumw2[k]! += this.sumw2[jx * this.stride + jy]!;
      }
    }
    return h;
  }

  /** Plain-object form; exact round trip through {@link Hist2D.fromJSON}. */
  toJSON(): Hist2DJSON {
    return {
      type: "Hist2D",
      version: 1,
      xAxis: this.xAxis.toJSON(),
      yAxis: this.yAxis.toJSON(),
      sumw: Array.from(this.sumw),
      sumw2: Array.from(this.sumw2),
    };
  }

  /** Rebuild from {@link toJSON} output (parsed or JSON text); InputError with file and JSON-pointer location if malformed. */
  static fromJSON(obj: unknown, file?: string): Hist2D {
    const o = expectObject(obj, "Hist2D", file);
    const h = new Hist2D(axisFromJSON(o.xAxis, file, "/xAxis"), axisFromJSON(o.yAxis, file, "/yAxis"));
    readStorage(o.sumw, h.sumw, "/sumw", false, file);
    readStorage(o.sumw2, h.sumw2, "/sumw2", true, file);
    return h;
  }
}
