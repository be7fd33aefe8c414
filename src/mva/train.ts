/**
 * Training loop of the Punzi-net schedule (Feichtinger et al., arXiv:2110.00810, sec. 4; spec
 * physics.md 6.2), usable for any binary MLP classifier:
 *   1. pre-training with the weighted BCE on shuffled mini-batches (signal weights balanced to
 *      the background sum), SGD lr = 1, batch 4096, ReduceLROnPlateau(0.5, 10) in the paper;
 *   2. fine-tuning with the Punzi loss on the full batch, SGD lr = 0.05,
 *      ReduceLROnPlateau(0.5, 20) in the paper.
 * Either phase may be skipped. Inputs are standardised with mean/std fitted on the training data,
 * stored in the returned model.
 *
 * Determinism: initial weights come from stream(seed, 0), the shuffle of BCE epoch e from
 * stream(seed, 1 + e); nothing else is random, so the same data, options and seed give
 * identical weights.
 *
 * Memory: the standardised training matrix is copied once; mini-batch and full-batch buffers are
 * allocated once per phase; the full-batch Punzi gradient is accumulated in chunks so activations
 * for all events are never held at once.
 */
import { ConfigError, InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import type { Activation } from "./activation.ts";
import { balanceClassWeights } from "./balanceClassWeights.ts";
import { type Dtype, type Floats, type KaimingOptions, Mlp } from "./mlp.ts";
import type { MvaModel } from "./mvaModel.ts";
import { fitNormalisation, type Normalisation, normalise } from "./normalisation.ts";
import { makeOptimizer, type Optimizer, type OptimizerSpec } from "./optimizer.ts";
import { punziLoss } from "./punziLoss.ts";
import { checkPunziProblem, type PunziProblem } from "./punziProblem.ts";
import { type PlateauOptions, ReduceLrOnPlateau } from "./reduceLrOnPlateau.ts";
import { weightedBce } from "./weightedBce.ts";

/** A labelled, weighted sample. */
export interface TrainingData {
  /** Raw features, row-major, n * nFeatures. */
  x: Floats;
  /** Number of features per event. */
  nFeatures: number;
  /** 1 = signal, 0 = background, one per event. */
  labels: ArrayLike<number>;
  /** Per-event weights (default 1). For the BCE the signal part is rescaled, see `balance`. */
  weights?: ArrayLike<number>;
  /** Window memberships etc. over THESE events, needed for the Punzi phase (and its validation). */
  punzi?: PunziProblem;
}

/** Early stopping on the monitored loss (validation if available, else training). */
export interface EarlyStopOptions {
  /** Epochs without an improvement larger than `minDelta` before stopping (integer >= 1). */
  patience: number;
  /** Absolute improvement that counts, default 0. */
  minDelta?: number;
  /** Put back the parameters of the best epoch when stopping or finishing, default true. */
  restoreBest?: boolean;
}

/** Settings shared by both phases. */
export interface PhaseOptions {
  /** Number of epochs (integer >= 0). */
  epochs: number;
  /** Optimiser, e.g. { kind: "sgd", lr: 1 }. */
  optimizer: OptimizerSpec;
  /** Learning-rate schedule on the training loss; none if omitted. */
  plateau?: PlateauOptions;
  /** Early stopping; none if omitted. */
  earlyStop?: EarlyStopOptions;
  /**
   * Punzi phase only: keep the parameters (over every epoch, the starting point included) whose
   * HARD-cut Punzi loss on the training events, with the outputs thresholded at this value, is
   * lowest. The soft loss the gradient follows is not the figure of merit of the cut that is
   * applied; on a flat soft minimum the outputs of whole background regions can sit near the
   * cut, and the epoch at which training ends then decides the selection by chance. Overrides
   * `earlyStop.restoreBest`. Off if omitted.
   */
  keepBestHardCut?: number;
}

/** BCE pre-training settings. */
export interface BcePhaseOptions extends PhaseOptions {
  /** Mini-batch size (integer >= 1); the Punzi-net uses 4096. */
  batchSize: number;
  /** Rescale signal weights so sum w_sig = sum w_bkg (default true, as the Punzi-net). */
  balance?: boolean;
}

/** Network architecture for a fresh model. */
export interface NetworkOptions {
  /** Hidden layer widths, e.g. [8, 4] for the Punzi-net 4-8-4-1. */
  hidden: readonly number[];
  /** Activation of the hidden layers (default "tanh"); the output layer is a sigmoid. */
  activation?: Activation;
  /** Storage precision, default "float32". */
  dtype?: Dtype;
  /** Bias initialisation, default "normal" (Punzi-net). */
  bias?: KaimingOptions["bias"];
}

/** One epoch's report, passed to `onEpoch` and kept in the history. */
export interface EpochReport {
  /** Which loss was minimised. */
  phase: "bce" | "punzi";
  /** Epoch number, from 1. */
  epoch: number;
  /** Epochs planned for this phase. */
  epochs: number;
  /** Training loss: mean mini-batch BCE, or the full-batch Punzi loss before the step [fb for lumi in fb^-1]. */
  loss: number;
  /** Validation loss after the epoch, if validation data (with `punzi` for that phase) was given. */
  valLoss?: number;
  /** Learning rate used in this epoch. */
  lr: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Master seed (non-negative integer). */
  seed: number;
  /** Architecture of a fresh network; ignored when `initial` is given. */
  network?: NetworkOptions;
  /** Start from this model (its network is copied; its normalisation is kept). */
  initial?: MvaModel;
  /** BCE pre-training; skipped if omitted. */
  bce?: BcePhaseOptions;
  /** Punzi fine-tuning (needs `data.punzi`); skipped if omitted. */
  punzi?: PhaseOptions;
  /** Held-out sample for the validation loss and early stopping. */
  validation?: TrainingData;
  /** Called after every epoch (for progress display). */
  onEpoch?: (report: EpochReport) => void;
  /** Stored in the model's metadata (merged with the training settings). */
  metadata?: Record<string, unknown>;
}

/** Result of {@link train}. */
export interface TrainResult {
  /** The trained model (network, normalisation, metadata). */
  model: MvaModel;
  /** Every epoch's report, in order. */
  history: EpochReport[];
  /** Epoch (1-based) at which each phase stopped early, if it did. */
  stoppedAt: { bce?: number; punzi?: number };
  /**
   * With `punzi.keepBestHardCut`: the kept epoch (0 = the parameters the Punzi phase started
   * from) and its hard-cut Punzi loss.
   */
  bestHardCut?: { epoch: number; loss: number };
}

/** Rows per chunk of the full-batch passes. */
const CHUNK = 4096;
/**
 * Largest events x (sum of layer widths) for which the Punzi phase keeps all activations
 * (one forward per epoch instead of two): 2^23 values = 32 MB float32 + 64 MB float64 deltas.
 */
const SINGLE_PASS_VALUES = 1 << 23;

/**
 * Train a binary classifier (one sigmoid output) on `data`; see the module comment.
 * @example
 * const { model } = train(data, {
 *   seed: 1, network: { hidden: [8, 4] },
 *   bce: { epochs: 150, batchSize: 4096, optimizer: { kind: "sgd", lr: 1 }, plateau: { factor: 0.5, patience: 10 } },
 *   punzi: { epochs: 500, optimizer: { kind: "sgd", lr: 0.05 }, plateau: { factor: 0.5, patience: 20 } },
 * });
 */
export function train(data: TrainingData, options: TrainOptions): TrainResult {
  const n = checkData(data, "data");
  const nf = data.nFeatures;
  if (options.validation) {
    checkData(options.validation, "validation");
    if (options.validation.nFeatures !== nf)
      throw new ConfigError(
        `validation has ${options.validation.nFeatures} features, training ${nf}`,
        "validation",
      );
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new ConfigError(`seed must be a non-negative integer, got ${options.seed}`, "seed");
  // all option checks before any training, so a bad Punzi setup does not cost a BCE run first
  if (options.bce) checkPhase(options.bce, "bce");
  if (options.punzi) {
    checkPhase(options.punzi, "punzi");
    if (!data.punzi) throw new ConfigError("the Punzi phase needs data.punzi (window memberships)", "punzi");
    checkPunziProblem(data.punzi, n);
    if (options.validation?.punzi)
      checkPunziProblem(options.validation.punzi, options.validation.labels.length);
  }

  let mlp: Mlp;
  let norm: Normalisation;
  if (options.initial) {
    mlp = options.initial.mlp.clone();
    norm = options.initial.normalisation;
    if (mlp.nIn !== nf)
      throw new ConfigError(`initial model takes ${mlp.nIn} features, data has ${nf}`, "initial");
  } else {
    const net = options.network;
    if (!net) throw new ConfigError("give either `network` or `initial`", "network");
    const act = net.activation ?? "tanh";
    mlp = new Mlp([nf, ...net.hidden, 1], [...net.hidden.map(() => act), "sigmoid"], net.dtype ?? "float32");
    mlp.initKaiming(stream(options.seed, 0), { bias: net.bias ?? "normal" });
    norm = fitNormalisation(data.x, n, nf);
  }
  if (mlp.nOut !== 1)
    throw new ConfigError(`a classifier needs one output, the network has ${mlp.nOut}`, "network");

  const xs = standardised(data.x, n, norm, mlp.dtype);
  const val = options.validation;
  const xv = val ? standardised(val.x, val.labels.length, norm, mlp.dtype) : undefined;
  const history: EpochReport[] = [];
  const stoppedAt: TrainResult["stoppedAt"] = {};
  let bestHardCut: TrainResult["bestHardCut"];
  const report = (r: EpochReport) => {
    history.push(r);
    options.onEpoch?.(r);
  };

  if (options.bce) {
    const s = bcePhase(mlp, xs, data, xv, val, options.bce, options.seed, report);
    if (s !== undefined) stoppedAt.bce = s;
  }
  if (options.punzi && data.punzi) {
    const r = punziPhase(mlp, xs, data.punzi, xv, val?.punzi, options.punzi, report);
    if (r.stopped !== undefined) stoppedAt.punzi = r.stopped;
    bestHardCut = r.bestHardCut;
  }

  const metadata: Record<string, unknown> = {
    ...options.metadata,
    training: {
      seed: options.seed,
      events: n,
      bce: options.bce ?? null,
      punzi: options.punzi ?? null,
      epochsRun: history.length,
      finalLoss: history.length ? history[history.length - 1]!.loss : null,
      stoppedAt,
      ...(bestHardCut ? { bestHardCut } : {}),
    },
  };
  return {
    model: { mlp, normalisation: norm, metadata },
    history,
    stoppedAt,
    ...(bestHardCut ? { bestHardCut } : {}),
  };
}

/** Validate a sample; returns its number of events. */
function checkData(d: TrainingData, where: string): number {
  const nf = d.nFeatures;
  if (!Number.isInteger(nf) || nf < 1)
    throw new ConfigError(`nFeatures must be a positive integer`, `${where}.nFeatures`);
  const n = d.labels.length;
  if (n === 0) throw new InputError("no events", undefined, where);
  if (d.x.length !== n * nf)
    throw new ConfigError(`x has ${d.x.length} values, expected ${n} events x ${nf} features`, `${where}.x`);
  if (d.weights && d.weights.length !== n)
    throw new ConfigError(`${d.weights.length} weights for ${n} events`, `${where}.weights`);
  for (let k = 0; k < d.x.length; k++)
    if (!Number.isFinite(d.x[k]!))
      throw new InputError(
        `feature ${k % nf} of event ${Math.floor(k / nf)} is ${d.x[k]}`,
        undefined,
        `${where}.x`,
      );
  for (let j = 0; j < n; j++) {
    const y = d.labels[j]!;
    if (!(y >= 0 && y <= 1))
      throw new InputError(`label of event ${j} is ${y}, expected 0..1`, undefined, `${where}.labels`);
  }
  return n;
}

function standardised(x: ArrayLike<number>, n: number, norm: Normalisation, dtype: Dtype): Floats {
  const out =
    dtype === "float32" ? new Float32Array(n * norm.mean.length) : new Float64Array(n * norm.mean.length);
  normalise(x, 0, n, norm, out);
  return out;
}

function checkPhase(p: PhaseOptions, where: string): void {
  if (!Number.isInteger(p.epochs) || p.epochs < 0)
    throw new ConfigError(`epochs must be an integer >= 0, got ${p.epochs}`, `${where}.epochs`);
  const es = p.earlyStop;
  if (es && (!Number.isInteger(es.patience) || es.patience < 1))
    throw new ConfigError(
      `patience must be an integer >= 1, got ${es.patience}`,
      `${where}.earlyStop.patience`,
    );
}

/** Tracks the monitored loss for early stopping and keeps the best parameters. */
class EarlyStopper {
  private best = Number.POSITIVE_INFINITY;
  private bad = 0;
  private readonly saved: Floats;
  private haveSaved = false;
  constructor(
    private readonly mlp: Mlp,
    private readonly opts: EarlyStopOptions | undefined,
  ) {
    this.saved = mlp.params.slice();
  }
  /** Record the loss of the current parameters; true means "stop now". */
  update(loss: number): boolean {
    if (!this.opts) return false;
    if (loss < this.best - (this.opts.minDelta ?? 0)) {
      this.best = loss;
      this.bad = 0;
      this.saved.set(this.mlp.params);
      this.haveSaved = true;
      return false;
    }
    this.bad++;
    return this.bad >= this.opts.patience;
  }
  finish(): void {
    if (this.opts && (this.opts.restoreBest ?? true) && this.haveSaved) this.mlp.params.set(this.saved);
  }
}

/** Full-sample outputs into `out` (chunked forward, reused buffers). */
function outputsOf(mlp: Mlp, x: Floats, n: number, out: Float64Array): void {
  const nf = mlp.nIn;
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const rows = Math.min(CHUNK, n - r0);
    out.set(mlp.forward(x.subarray(r0 * nf, (r0 + rows) * nf), rows), r0);
  }
}

function bcePhase(
  mlp: Mlp,
  xs: Floats,
  data: TrainingData,
  xv: Floats | undefined,
  val: TrainingData | undefined,
  o: BcePhaseOptions,
  seed: number,
  report: (r: EpochReport) => void,
): number | undefined {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1)
    throw new ConfigError(`batchSize must be an integer >= 1, got ${o.batchSize}`, "bce.batchSize");
  const n = data.labels.length;
  const nf = mlp.nIn;
  const balance = o.balance ?? true;
  const w0 = data.weights ?? new Float64Array(n).fill(1);
  const w = balance ? balanceClassWeights(data.labels, w0) : Float64Array.from(w0);
  let wv: Float64Array | undefined;
  if (val) {
    const v0 = val.weights ?? new Float64Array(val.labels.length).fill(1);
    wv = balance ? balanceClassWeights(val.labels, v0) : Float64Array.from(v0);
  }
  const opt: Optimizer = makeOptimizer(o.optimizer, "bce.optimizer");
  const sched = o.plateau ? new ReduceLrOnPlateau(opt, o.plateau) : undefined;
  const stopper = new EarlyStopper(mlp, o.earlyStop);
  const bs = Math.min(o.batchSize, Math.max(n, 1));
  const xb = mlp.dtype === "float32" ? new Float32Array(bs * nf) : new Float64Array(bs * nf);
  const yb = new Float64Array(bs);
  const wb = new Float64Array(bs);
  const gb = new Float64Array(bs);
  const labels = Float64Array.from(data.labels); // monomorphic reads in the gather loop
  const perm = new Int32Array(n);
  const vOut = val ? new Float64Array(val.labels.length) : undefined;
  let stopped: number | undefined;
  for (let e = 0; e < o.epochs; e++) {
    // identity then Fisher-Yates: the order of epoch e depends on (seed, e) only
    for (let j = 0; j < n; j++) perm[j] = j;
    const rng = stream(seed, 1 + e);
    for (let j = n - 1; j > 0; j--) {
      const k = rng.int(j + 1);
      const t = perm[j]!;
      perm[j] = perm[k]!;
      perm[k] = t;
    }
    const lr = opt.lr;
    let sum = 0;
    let batches = 0;
    for (let b0 = 0; b0 < n; b0 += bs) {
      const rows = Math.min(bs, n - b0);
      for (let r = 0; r < rows; r++) {
        const j = perm[b0 + r]!;
        const src = j * nf;
        const dst = r * nf;
        for (let f = 0; f < nf; f++) xb[dst + f] = xs[src + f]!;
        yb[r] = labels[j]!;
        wb[r] = w[j]!;
      }
      const out = mlp.forward(xb, rows);
      sum += weightedBce(out, yb, wb, rows, gb);
      mlp.zeroGrad();
      mlp.backward(gb);
      opt.step(mlp.params, mlp.grads);
      batches++;
    }
    const loss = batches ? sum / batches : Number.NaN;
    let valLoss: number | undefined;
    if (val && xv && vOut && wv) {
      outputsOf(mlp, xv, val.labels.length, vOut);
      valLoss = weightedBce(vOut, val.labels, wv, val.labels.length);
    }
    report({
      phase: "bce",
      epoch: e + 1,
      epochs: o.epochs,
      loss,
      ...(valLoss !== undefined ? { valLoss } : {}),
      lr,
    });
    sched?.step(loss);
    if (!Number.isFinite(loss) || stopper.update(valLoss ?? loss)) {
      stopped = e + 1;
      break;
    }
  }
  stopper.finish();
  return stopped;
}

function punziPhase(
  mlp: Mlp,
  xs: Floats,
  problem: PunziProblem,
  xv: Floats | undefined,
  valProblem: PunziProblem | undefined,
  o: PhaseOptions,
  report: (r: EpochReport) => void,
): { stopped: number | undefined; bestHardCut?: { epoch: number; loss: number } } {
  const n = problem.signal.nEvents;
  const nf = mlp.nIn;
  const opt = makeOptimizer(o.optimizer, "punzi.optimizer");
  const sched = o.plateau ? new ReduceLrOnPlateau(opt, o.plateau) : undefined;
  const stopper = new EarlyStopper(mlp, o.earlyStop);
  const out = new Float64Array(n);
  const grad = new Float64Array(n);
  const nv = valProblem ? valProblem.signal.nEvents : 0;
  const vOut = valProblem ? new Float64Array(nv) : undefined;
  // Without validation the monitored loss is the training loss, which is evaluated at the
  // parameters BEFORE each step: the stopper is therefore consulted before stepping, so the
  // parameters it saves are the ones that produced the loss.
  const monitorTrain = !valProblem;
  let width = 0;
  for (let l = 1; l < mlp.sizes.length; l++) width += mlp.sizes[l]!;
  const single = n * width <= SINGLE_PASS_VALUES;
  let stopped: number | undefined;
  // hard-cut selection (PhaseOptions.keepBestHardCut): score the parameters that produced `out`
  const cut = o.keepBestHardCut;
  const hard = cut !== undefined ? new Float64Array(n) : undefined;
  const bestParams = cut !== undefined ? mlp.params.slice() : undefined;
  let best: { epoch: number; loss: number } | undefined;
  const scoreHard = (epoch: number) => {
    if (!hard || !bestParams) return;
    for (let i = 0; i < n; i++) hard[i] = out[i]! > cut! ? 1 : 0;
    const l = punziLoss(hard, problem);
    if (Number.isFinite(l) && (!best || l < best.loss)) {
      best = { epoch, loss: l };
      bestParams.set(mlp.params);
    }
  };
  for (let e = 0; e < o.epochs; e++) {
    const lr = opt.lr;
    // one forward over all events when the activations fit (then backward reuses them),
    // else a chunked forward now and a second, chunked forward + backward below
    if (single) out.set(mlp.forward(xs, n));
    else outputsOf(mlp, xs, n, out);
    const loss = punziLoss(out, problem, grad);
    scoreHard(e);
    if (!Number.isFinite(loss)) {
      // diverged (NaN outputs): stop like the Punzi-net code; the stopper restores the best if tracked
      stopped = e + 1;
      break;
    }
    if (monitorTrain && stopper.update(loss)) {
      report({ phase: "punzi", epoch: e + 1, epochs: o.epochs, loss, lr });
      stopped = e + 1;
      break;
    }
    // full-batch gradient, accumulated chunk by chunk (forward again to restore activations)
    mlp.zeroGrad();
    if (single) mlp.backward(grad);
    else
      for (let r0 = 0; r0 < n; r0 += CHUNK) {
        const rows = Math.min(CHUNK, n - r0);
        mlp.forward(xs.subarray(r0 * nf, (r0 + rows) * nf), rows);
        mlp.backward(grad.subarray(r0, r0 + rows));
      }
    opt.step(mlp.params, mlp.grads);
    let valLoss: number | undefined;
    if (valProblem && xv && vOut) {
      outputsOf(mlp, xv, nv, vOut);
      valLoss = punziLoss(vOut, valProblem);
    }
    report({
      phase: "punzi",
      epoch: e + 1,
      epochs: o.epochs,
      loss,
      ...(valLoss !== undefined ? { valLoss } : {}),
      lr,
    });
    sched?.step(loss);
    if (valLoss !== undefined && stopper.update(valLoss)) {
      stopped = e + 1;
      break;
    }
  }
  if (stopped === undefined && o.epochs > 0 && ((monitorTrain && o.earlyStop) || hard)) {
    // the parameters after the last step have not been scored yet
    outputsOf(mlp, xs, n, out);
    if (monitorTrain && o.earlyStop) stopper.update(punziLoss(out, problem));
    scoreHard(o.epochs);
  }
  stopper.finish();
  if (bestParams && best) mlp.params.set(bestParams);
  return { stopped, ...(best ? { bestHardCut: best } : {}) };
}
