/**
 * A small fully connected multilayer perceptron on typed arrays.
 *
 * Layer l (l = 0 .. L-1) maps sizes[l] inputs to sizes[l+1] outputs:
 *   y_l = f_l(W_l y_{l-1} + b_l),   W_l row-major of shape [sizes[l+1], sizes[l]] (the PyTorch
 * `nn.Linear` layout, so weights read like `weight[out][in]`).
 * All weights and biases live in ONE parameter vector `params` (per layer: W_l then b_l), and the
 * gradients in a parallel Float64Array `grads`, so an optimiser sees two flat arrays.
 *
 * Precision: `dtype` "float32" (default; the inference type) stores parameters and activations
 * in Float32Array and evaluates tanh from a table accurate to 4e-11 (see tanhTable);
 * "float64" stores them in Float64Array and uses Math.tanh (used by the finite-difference tests).
 * Sums are always accumulated in JS doubles and gradients are always Float64, so float32 mode
 * loses precision only in storage.
 *
 * Memory: activation buffers are allocated for the largest batch seen so far and reused; the
 * inference path ({@link Mlp.predict}) works in chunks and allocates nothing per event.
 *
 * @example
 * const net = new Mlp([4, 8, 4, 1], ["tanh", "tanh", "sigmoid"]);
 * net.initKaiming(stream(1, 0));
 * const out = new Float32Array(n);
 * net.predict(x, n, out); // x: Float32Array of n * 4 features, row-major
 */
import { ConfigError } from "../core/errors.ts";
import type { Stream } from "../core/random.ts";
import { ACTIVATIONS, type Activation, activationCode, tanhTable } from "./activation.ts";

/** Storage precision of parameters and activations. */
export type Dtype = "float32" | "float64";

/** A float typed array (feature matrices, outputs, parameters). */
export type Floats = Float32Array | Float64Array;

/** Options of {@link Mlp.initKaiming}. */
export interface KaimingOptions {
  /**
   * Bias initialisation: "normal" draws N(0, 1) (what the Punzi-net code does,
   * arXiv:2110.00810), "zero" sets 0. Default "normal".
   */
  bias?: "normal" | "zero";
}

/** Internal activation code: tanh through {@link tanhTable} (float32 networks). */
const TANH_TABLE = 4;

/** Rows per chunk in {@link Mlp.predict}: buffers stay in L1/L2 cache for small nets. */
const PREDICT_CHUNK = 1024;

/** A fully connected feed-forward network; see the module comment. */
export class Mlp {
  /** Layer widths, input first: [nIn, hidden..., nOut]. */
  readonly sizes: readonly number[];
  /** Activation of each of the sizes.length - 1 layers. */
  readonly activations: readonly Activation[];
  /** Storage precision. */
  readonly dtype: Dtype;
  /** All weights and biases (per layer: W_l row-major, then b_l). */
  readonly params: Floats;
  /** d(loss)/d(params), accumulated by {@link Mlp.backward}; cleared by {@link Mlp.zeroGrad}. */
  readonly grads: Float64Array;
  /** Number of input features. */
  readonly nIn: number;
  /** Number of outputs. */
  readonly nOut: number;

  private readonly codes: Int32Array;
  private readonly wOff: Int32Array;
  private readonly bOff: Int32Array;
  private acts: Floats[] = [];
  private deltas: Float64Array[] = [];
  private capacity = 0;
  private lastInput: ArrayLike<number> | null = null;
  private lastRows = 0;

  /**
   * @param sizes layer widths [nIn, hidden..., nOut], each a positive integer, at least two
   * @param activations one per layer (sizes.length - 1 entries)
   * @param dtype storage precision, default "float32"
   * Parameters start at zero: call {@link Mlp.initKaiming} or set `params`.
   */
  constructor(sizes: readonly number[], activations: readonly Activation[], dtype: Dtype = "float32") {
    if (sizes.length < 2) throw new ConfigError("an MLP needs at least an input and an output size", "sizes");
    sizes.forEach((s, i) => {
      if (!Number.isInteger(s) || s < 1)
        throw new ConfigError(`layer size must be a positive integer, got ${s}`, `sizes[${i}]`);
    });
    if (activations.length !== sizes.length - 1)
      throw new ConfigError(
        `need ${sizes.length - 1} activations (one per layer), got ${activations.length}`,
        "activations",
      );
    activations.forEach((a, i) => {
      if (!ACTIVATIONS.includes(a))
        throw new ConfigError(
          `unknown activation "${a}" (use ${ACTIVATIONS.join(", ")})`,
          `activations[${i}]`,
        );
    });
    if (dtype !== "float32" && dtype !== "float64")
      throw new ConfigError(`dtype must be float32 or float64, got ${dtype}`, "dtype");
    this.sizes = [...sizes];
    this.activations = [...activations];
    this.dtype = dtype;
    this.nIn = sizes[0]!;
    this.nOut = sizes[sizes.length - 1]!;
    const nl = sizes.length - 1;
    // float32 networks evaluate tanh from a table (code 4; error 4e-11, below float32 resolution)
    this.codes = Int32Array.from(activations, (a) =>
      a === "tanh" && dtype === "float32" ? TANH_TABLE : activationCode(a),
    );
    this.wOff = new Int32Array(nl);
    this.bOff = new Int32Array(nl);
    let off = 0;
    for (let l = 0; l < nl; l++) {
      this.wOff[l] = off;
      off += sizes[l]! * sizes[l + 1]!;
      this.bOff[l] = off;
      off += sizes[l + 1]!;
    }
    this.params = dtype === "float32" ? new Float32Array(off) : new Float64Array(off);
    this.grads = new Float64Array(off);
  }

  /** Number of layers (weight matrices). */
  get nLayers(): number {
    return this.sizes.length - 1;
  }

  /** Total number of parameters. */
  get nParams(): number {
    return this.params.length;
  }

  /** View (no copy) of W_l, row-major [sizes[l+1], sizes[l]]. Writing to it changes the net. */
  weights(l: number): Floats {
    this.checkLayer(l);
    return this.params.subarray(this.wOff[l]!, this.bOff[l]!);
  }

  /** View (no copy) of b_l, length sizes[l+1]. */
  biases(l: number): Floats {
    this.checkLayer(l);
    return this.params.subarray(this.bOff[l]!, this.bOff[l]! + this.sizes[l + 1]!);
  }

  /** View of dLoss/dW_l (same layout as {@link Mlp.weights}). */
  weightGrads(l: number): Float64Array {
    this.checkLayer(l);
    return this.grads.subarray(this.wOff[l]!, this.bOff[l]!);
  }

  /** View of dLoss/db_l. */
  biasGrads(l: number): Float64Array {
    this.checkLayer(l);
    return this.grads.subarray(this.bOff[l]!, this.bOff[l]! + this.sizes[l + 1]!);
  }

  /**
   * Kaiming-normal initialisation (He et al., arXiv:1502.01852, eq. 10, fan-in mode):
   * W ~ N(0, 2 / fan_in); biases N(0, 1) or 0 (see {@link KaimingOptions}). Draws layer by layer,
   * weights row-major then biases, from `rng`, so the same stream gives the same net.
   */
  initKaiming(rng: Stream, opts: KaimingOptions = {}): this {
    const p = this.params;
    for (let l = 0; l < this.nLayers; l++) {
      const fanIn = this.sizes[l]!;
      const std = Math.sqrt(2 / fanIn);
      for (let k = this.wOff[l]!; k < this.bOff[l]!; k++) p[k] = std * rng.normal();
      const b0 = this.bOff[l]!;
      const b1 = b0 + this.sizes[l + 1]!;
      for (let k = b0; k < b1; k++) p[k] = opts.bias === "zero" ? 0 : rng.normal();
    }
    return this;
  }

  /** Set all gradients to zero (before accumulating a new batch). */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Grow the per-layer buffers to hold `rows` rows (only ever grows; no per-call allocation). */
  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const cap = Math.max(rows, 2 * this.capacity);
    const F = this.dtype === "float32" ? Float32Array : Float64Array;
    this.acts = [];
    this.deltas = [];
    for (let l = 0; l < this.nLayers; l++) {
      this.acts.push(new F(cap * this.sizes[l + 1]!));
      this.deltas.push(new Float64Array(cap * this.sizes[l + 1]!));
    }
    this.capacity = cap;
  }

  /**
   * Forward pass of `rows` rows of `x` (row-major, rows * nIn values from index 0). Keeps the
   * activations for a following {@link Mlp.backward}. Returns a view of the output layer
   * (rows * nOut values) that is overwritten by the next forward call.
   */
  forward(x: ArrayLike<number>, rows: number): Floats {
    if (x.length < rows * this.nIn)
      throw new RangeError(`forward: x has ${x.length} values, need ${rows} x ${this.nIn}`);
    this.ensureCapacity(Math.max(rows, 1)); // rows = 0 still needs (empty) buffers to return a view of
    const p = this.params;
    let inp: ArrayLike<number> = x;
    for (let l = 0; l < this.nLayers; l++) {
      const nI = this.sizes[l]!;
      const nO = this.sizes[l + 1]!;
      const w0 = this.wOff[l]!;
      const b0 = this.bOff[l]!;
      const out = this.acts[l]!;
      affine(p, w0, b0, nI, nO, inp, rows, out);
      applyActivation(this.codes[l]!, out, rows * nO);
      inp = out;
    }
    this.lastInput = x;
    this.lastRows = rows;
    return this.acts[this.nLayers - 1]!.subarray(0, rows * this.nOut);
  }

  /**
   * Backward pass for the batch of the last {@link Mlp.forward}: given dLoss/dy for each output
   * (rows * nOut values, row-major), ADDS dLoss/dparams to `grads` (exact chain rule; call
   * {@link Mlp.zeroGrad} first for a fresh gradient). Accumulation lets a full-batch gradient be
   * built chunk by chunk.
   */
  backward(dOut: ArrayLike<number>): void {
    const x = this.lastInput;
    if (x === null) throw new Error("backward called before forward");
    const rows = this.lastRows;
    const L = this.nLayers - 1;
    const p = this.params;
    const g = this.grads;
    // delta_L = dL/dy * f'(z), with f' written through y
    {
      const y = this.acts[L]!;
      const d = this.deltas[L]!;
      const n = rows * this.nOut;
      for (let k = 0; k < n; k++) d[k] = dOut[k]!;
      multiplyDerivative(this.codes[L]!, d, y, n);
    }
    for (let l = L; l >= 0; l--) {
      const nI = this.sizes[l]!;
      const nO = this.sizes[l + 1]!;
      const w0 = this.wOff[l]!;
      const b0 = this.bOff[l]!;
      const d = this.deltas[l]!;
      const inp: ArrayLike<number> = l === 0 ? x : this.acts[l - 1]!;
      accumulateWeightGrads(g, w0, b0, nI, nO, inp, d, rows);
      if (l === 0) break;
      // delta_{l-1} = (W_l^T delta_l) * f'_{l-1}
      const prev = this.deltas[l - 1]!;
      const yPrev = this.acts[l - 1]!;
      backpropagate(p, w0, nI, nO, d, rows, prev);
      multiplyDerivative(this.codes[l - 1]!, prev, yPrev, rows * nI);
    }
  }

  /**
   * Inference for `n` rows of `x` (row-major n * nIn) into `out` (n * nOut), in chunks of 1024
   * rows through the reused buffers: no allocation per event. Returns `out`. Like any forward
   * call it replaces the activations kept for {@link Mlp.backward}.
   */
  predict<T extends Floats>(x: Floats, n: number, out: T): T {
    if (out.length < n * this.nOut)
      throw new RangeError(`predict: out too short (${out.length} < ${n * this.nOut})`);
    if (x.length < n * this.nIn)
      throw new RangeError(`predict: x has ${x.length} values, need ${n} x ${this.nIn}`);
    for (let r0 = 0; r0 < n; r0 += PREDICT_CHUNK) {
      const rows = Math.min(PREDICT_CHUNK, n - r0);
      const y = this.forward(x.subarray(r0 * this.nIn, (r0 + rows) * this.nIn), rows);
      out.set(y, r0 * this.nOut);
    }
    return out;
  }

  /** Deep copy (parameters, not buffers or gradients). */
  clone(): Mlp {
    const m = new Mlp(this.sizes, this.activations, this.dtype);
    m.params.set(this.params);
    return m;
  }

  private checkLayer(l: number): void {
    if (!Number.isInteger(l) || l < 0 || l >= this.nLayers)
      throw new RangeError(`layer ${l} out of range 0..${this.nLayers - 1}`);
  }
}

/**
 * out[r, o] = b[o] + sum_i W[o, i] in[r, i] for r < rows. Rows are taken four at a time so each
 * weight loaded serves four dot products (about 2x fewer memory reads for wide layers); every
 * row's sum still runs bias first, then i = 0, 1, ... so the result does not depend on the
 * blocking (a row gives the same bits alone or in a batch).
 */
function affine(
  p: Floats,
  w0: number,
  b0: number,
  nI: number,
  nO: number,
  inp: ArrayLike<number>,
  rows: number,
  out: Floats,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const i0 = r * nI;
    const i1 = i0 + nI;
    const i2 = i1 + nI;
    const i3 = i2 + nI;
    const ob = r * nO;
    for (let o = 0; o < nO; o++) {
      const b = p[b0 + o]!;
      let s0 = b;
      let s1 = b;
      let s2 = b;
      let s3 = b;
      const wb = w0 + o * nI;
      for (let i = 0; i < nI; i++) {
        const w = p[wb + i]!;
        s0 += w * inp[i0 + i]!;
        s1 += w * inp[i1 + i]!;
        s2 += w * inp[i2 + i]!;
        s3 += w * inp[i3 + i]!;
      }
      out[ob + o] = s0;
      out[ob + nO + o] = s1;
      out[ob + 2 * nO + o] = s2;
      out[ob + 3 * nO + o] = s3;
    }
  }
  for (; r < rows; r++) {
    const ib = r * nI;
    const ob = r * nO;
    for (let o = 0; o < nO; o++) {
      let s = p[b0 + o]!;
      const wb = w0 + o * nI;
      for (let i = 0; i < nI; i++) s += p[wb + i]! * inp[ib + i]!;
      out[ob + o] = s;
    }
  }
}

/**
 * g_W[o, i] += sum_r delta[r, o] in[r, i] and g_b[o] += sum_r delta[r, o]. Rows four at a time:
 * each gradient entry is read and written once per four rows instead of once per row.
 */
function accumulateWeightGrads(
  g: Float64Array,
  w0: number,
  b0: number,
  nI: number,
  nO: number,
  inp: ArrayLike<number>,
  d: Float64Array,
  rows: number,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const i0 = r * nI;
    const i1 = i0 + nI;
    const i2 = i1 + nI;
    const i3 = i2 + nI;
    const db = r * nO;
    for (let o = 0; o < nO; o++) {
      const d0 = d[db + o]!;
      const d1 = d[db + nO + o]!;
      const d2 = d[db + 2 * nO + o]!;
      const d3 = d[db + 3 * nO + o]!;
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue; // dead ReLUs, saturated units
      g[b0 + o]! += d0 + d1 + d2 + d3;
      const wb = w0 + o * nI;
      for (let i = 0; i < nI; i++)
        g[wb + i]! += d0 * inp[i0 + i]! + d1 * inp[i1 + i]! + d2 * inp[i2 + i]! + d3 * inp[i3 + i]!;
    }
  }
  for (; r < rows; r++) {
    const ib = r * nI;
    const db = r * nO;
    for (let o = 0; o < nO; o++) {
      const dv = d[db + o]!;
      if (dv === 0) continue;
      g[b0 + o]! += dv;
      const wb = w0 + o * nI;
      for (let i = 0; i < nI; i++) g[wb + i]! += dv * inp[ib + i]!;
    }
  }
}

/**
 * prev[r, i] = sum_o delta[r, o] W[o, i] (the error sent back through layer l, before the
 * previous layer's activation derivative). Four rows share each weight load.
 */
function backpropagate(
  p: Floats,
  w0: number,
  nI: number,
  nO: number,
  d: Float64Array,
  rows: number,
  prev: Float64Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const d0 = r * nO;
    const d1 = d0 + nO;
    const d2 = d1 + nO;
    const d3 = d2 + nO;
    const pb = r * nI;
    for (let i = 0; i < nI; i++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let o = 0; o < nO; o++) {
        const w = p[w0 + o * nI + i]!;
        s0 += d[d0 + o]! * w;
        s1 += d[d1 + o]! * w;
        s2 += d[d2 + o]! * w;
        s3 += d[d3 + o]! * w;
      }
      prev[pb + i] = s0;
      prev[pb + nI + i] = s1;
      prev[pb + 2 * nI + i] = s2;
      prev[pb + 3 * nI + i] = s3;
    }
  }
  for (; r < rows; r++) {
    const db = r * nO;
    const pb = r * nI;
    for (let i = 0; i < nI; i++) {
      let s = 0;
      for (let o = 0; o < nO; o++) s += d[db + o]! * p[w0 + o * nI + i]!;
      prev[pb + i] = s;
    }
  }
}

/** y <- f(y) in place over the first n values (switch hoisted out of the loop). */
function applyActivation(code: number, y: Floats, n: number): void {
  switch (code) {
    case 0:
      for (let k = 0; k < n; k++) y[k] = Math.tanh(y[k]!);
      return;
    case 1:
      for (let k = 0; k < n; k++) if (!(y[k]! > 0)) y[k] = 0;
      return;
    case TANH_TABLE:
      for (let k = 0; k < n; k++) y[k] = tanhTable(y[k]!);
      return;
    case 2:
      for (let k = 0; k < n; k++) {
        const z = y[k]!;
        // both branches avoid overflow of exp
        if (z >= 0) y[k] = 1 / (1 + Math.exp(-z));
        else {
          const e = Math.exp(z);
          y[k] = e / (1 + e);
        }
      }
      return;
    default:
      return;
  }
}

/** d <- d * f'(z), f' written through the stored outputs y (first n values). */
function multiplyDerivative(code: number, d: Float64Array, y: Floats, n: number): void {
  switch (code) {
    case 0:
    case TANH_TABLE:
      for (let k = 0; k < n; k++) {
        const v = y[k]!;
        d[k]! *= 1 - v * v;
      }
      return;
    case 1:
      for (let k = 0; k < n; k++) if (!(y[k]! > 0)) d[k] = 0;
      return;
    case 2:
      for (let k = 0; k < n; k++) {
        const v = y[k]!;
        d[k]! *= v * (1 - v);
      }
      return;
    default:
      return;
  }
}
