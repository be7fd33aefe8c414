/**
 * The Punzi-net of analysis A (step 8 of the selection; Feichtinger et al., arXiv:2110.00810;
 * spec invisible-zprime.md "Punzi-net", physics.md 6.2): a small MLP on the four c.m. inputs of
 * {@link punziFeatures}, pre-trained with the weighted cross-entropy, then trained on the Punzi
 * loss averaged over all simulated mass hypotheses at once.
 *
 * Training problem (built by {@link punziTrainingSet}):
 * - events: the signal samples (several masses, each with its N_gen) and the background samples
 *   (each scaled to the target luminosity by w = L_target / L_MC), after the cut-based steps 1-7;
 * - windows: one per simulated signal mass M_i, |M2_recoil - M_i^2| < n_sigma w_i with
 *   w_i = sigma(M_i^2) from the resolution function and n_sigma = 2 (the Punzi-net code);
 *   signal of mass i counts only in window i; background by default in the tile of its nearest
 *   mass with a window/tile weight ({@link PunziSetOptions.background}), or, as in the Punzi-net
 *   example, in every window it falls in;
 * - eps_i = f_trig sum_{sig_i} o_j / N_gen,i and B_i = f_trig sum_{bkg_i} w_j o_j: signal events
 *   count one each (signal simulation is unweighted), backgrounds by their weight.
 * - BCE weights: background w_j; signal 1 / N_gen,i per event so every mass counts alike; the
 *   trainer then rescales the signal to the background sum (Punzi-net's balancing).
 *
 * Reproducibility: everything random in training comes from the seed (mva/train.ts).
 */
import { ConfigError, InputError } from "../../core/errors.ts";
import type { MvaModel } from "../../mva/mvaModel.ts";
import { predictModel } from "../../mva/mvaModel.ts";
import {
  PUNZI_NET_BCE,
  PUNZI_NET_F_TRIG,
  PUNZI_NET_NETWORK,
  PUNZI_NET_PUNZI,
} from "../../mva/punziNetPreset.ts";
import type { PunziProblem } from "../../mva/punziProblem.ts";
import { punziSensitivity } from "../../mva/punziSensitivity.ts";
import { type TrainingData, type TrainOptions, type TrainResult, train } from "../../mva/train.ts";
import { signalWindowMembership, windowMembership } from "../../mva/windowMembership.ts";
import { windowYields } from "../../mva/windowYields.ts";
import { M2_RANGE } from "./binning.ts";
import type { ResolutionFunction } from "./resolution.ts";
import { type InvisibleVariables, PUNZI_FEATURE_NAMES, PUNZI_FEATURES, punziFeatures } from "./variables.ts";

/** A selected signal sample for training. */
export interface PunziSignalInput {
  /** Z' mass [GeV]. */
  mass: number;
  /** Generated events of this mass. */
  nGen: number;
  vars: InvisibleVariables;
  /** Events passing steps 1-7. */
  mask: ArrayLike<number>;
}

/** A selected background sample for training. */
export interface PunziBackgroundInput {
  name: string;
  vars: InvisibleVariables;
  /** Events passing steps 1-7. */
  mask: ArrayLike<number>;
  /** L_target / L_MC (multiplies the event weights). */
  scale: number;
}

/** Options of {@link punziTrainingSet}. */
export interface PunziSetOptions {
  signals: readonly PunziSignalInput[];
  backgrounds: readonly PunziBackgroundInput[];
  resolution: ResolutionFunction;
  /** Target luminosity [fb^-1] of the Punzi sensitivity (the backgrounds' scale refers to it). */
  lumi: number;
  /** Half-width of the windows in resolutions (default 2). */
  nSigma?: number;
  /** Overall efficiency factor f_trig (default 0.9, the Punzi-net example). */
  fTrig?: number;
  /**
   * Which background events count in window i: "window" (the Punzi-net example) those inside
   * the +-nSigma window; "tiles" (default) every event, in the tile of its nearest simulated mass
   * (tiles meet half way in M2 between neighbouring masses and span M2_RANGE), with its weight
   * scaled by (window width / tile width), so B_i is the mean background of a window over the
   * tile. Why: with 24 simulated masses the windows cover a few percent of the M2 axis at high
   * mass (0.5 GeV^2 windows 8 GeV^2 apart); background between them never enters the loss, the
   * network is free to accept it, and the scan, which has a hypothesis every resolution, then
   * sees it (on the default samples 15% of the e e mu mu above 50 GeV^2 passed the cut).
   */
  background?: "window" | "tiles";
}

/** The assembled training problem. */
export interface PunziTrainingSet {
  /** Features, labels, BCE weights and the Punzi problem, ready for mva/train. */
  data: TrainingData;
  /** Signal masses = window centres [GeV], increasing. */
  masses: Float64Array;
  /** Window bounds in M2_recoil [GeV^2]. */
  low: Float64Array;
  high: Float64Array;
  /** M2_recoil of every training event [GeV^2]. */
  m2: Float64Array;
  /** Sample of every event: 0..nSignals-1 for signal (by mass), nSignals + k for background k. */
  sample: Int32Array;
  /** Sample names in that numbering ("signal_M<mass>" and the background names). */
  sampleNames: string[];
}

/**
 * Assemble the training problem (module comment). Throws ConfigError for inconsistent inputs
 * and InputError when a sample has no selected events with finite features.
 */
export function punziTrainingSet(o: PunziSetOptions): PunziTrainingSet {
  if (o.signals.length === 0) throw new ConfigError("need at least one signal sample", "punzi.signals");
  if (o.backgrounds.length === 0)
    throw new ConfigError("need at least one background sample", "punzi.backgrounds");
  if (!(o.lumi > 0)) throw new ConfigError(`lumi must be > 0, got ${o.lumi}`, "punzi.lumi");
  const nSigma = o.nSigma ?? 2;
  if (!(nSigma > 0)) throw new ConfigError(`nSigma must be > 0, got ${nSigma}`, "punzi.nSigma");
  const sig = [...o.signals].sort((a, b) => a.mass - b.mass);
  sig.forEach((s, k) => {
    if (!(s.nGen > 0)) throw new ConfigError(`nGen must be > 0, got ${s.nGen}`, `punzi.signals[${k}].nGen`);
    if (k > 0 && s.mass === sig[k - 1]!.mass)
      throw new ConfigError(`mass ${s.mass} appears twice`, "punzi.signals");
  });
  o.backgrounds.forEach((b, k) => {
    if (!(b.scale > 0))
      throw new ConfigError(`scale must be > 0, got ${b.scale}`, `punzi.backgrounds[${k}].scale`);
  });
  const finiteRow = (v: InvisibleVariables, i: number) =>
    Number.isFinite(v.m2Recoil[i]!) &&
    Number.isFinite(v.ptThrust[i]!) &&
    Number.isFinite(v.ptHiLo[i]!) &&
    Number.isFinite(v.pLongHiLo[i]!) &&
    Number.isFinite(v.ptRecoilCm[i]!);
  const rowsOf = (v: InvisibleVariables, mask: ArrayLike<number>, what: string) => {
    const r: number[] = [];
    for (let i = 0; i < v.nEvents; i++) if (mask[i] && finiteRow(v, i)) r.push(i);
    if (r.length === 0) throw new InputError(`${what}: no selected events`);
    return Int32Array.from(r);
  };
  const parts = [
    ...sig.map((s) => ({ v: s.vars, rows: rowsOf(s.vars, s.mask, `signal M = ${s.mass} GeV`) })),
    ...o.backgrounds.map((b) => ({ v: b.vars, rows: rowsOf(b.vars, b.mask, `background ${b.name}`) })),
  ];
  const n = parts.reduce((s, p) => s + p.rows.length, 0);
  const x = new Float32Array(n * PUNZI_FEATURES);
  const labels = new Uint8Array(n);
  const bceW = new Float64Array(n);
  const punziW = new Float64Array(n);
  const m2 = new Float64Array(n);
  const sample = new Int32Array(n);
  const genWindow = new Int32Array(n).fill(-1);
  const isBkg = new Uint8Array(n);
  let off = 0;
  parts.forEach((p, k) => {
    punziFeatures(p.v, p.rows, x.subarray(off * PUNZI_FEATURES));
    const isSig = k < sig.length;
    for (let r = 0; r < p.rows.length; r++) {
      const i = p.rows[r]!;
      const j = off + r;
      m2[j] = p.v.m2Recoil[i]!;
      sample[j] = k;
      if (isSig) {
        labels[j] = 1;
        bceW[j] = 1 / sig[k]!.nGen;
        genWindow[j] = k;
      } else {
        const w = p.v.weight[i]! * o.backgrounds[k - sig.length]!.scale;
        bceW[j] = w;
        punziW[j] = w;
        isBkg[j] = 1;
      }
    }
    off += p.rows.length;
  });
  const masses = Float64Array.from(sig, (s) => s.mass);
  const low = new Float64Array(sig.length);
  const high = new Float64Array(sig.length);
  sig.forEach((s, k) => {
    const M2 = s.mass * s.mass;
    const w = nSigma * o.resolution.sigma(M2);
    low[k] = M2 - w;
    high[k] = M2 + w;
  });
  let bkgLow = low;
  let bkgHigh = high;
  if ((o.background ?? "tiles") === "tiles") {
    bkgLow = new Float64Array(sig.length);
    bkgHigh = new Float64Array(sig.length);
    const m2s = Array.from(masses, (m) => m * m);
    for (let k = 0; k < sig.length; k++) {
      bkgLow[k] = k === 0 ? Math.min(M2_RANGE[0], low[0]!) : 0.5 * (m2s[k - 1]! + m2s[k]!);
      bkgHigh[k] = k === sig.length - 1 ? Math.max(M2_RANGE[1], high[k]!) : 0.5 * (m2s[k]! + m2s[k + 1]!);
    }
    // every background event lies in at most one tile: scale its weight to a window's share
    for (let j = 0; j < n; j++) {
      if (!isBkg[j]) continue;
      const x = m2[j]!;
      let k = 0;
      while (k < sig.length - 1 && x >= bkgHigh[k]!) k++;
      if (x >= bkgLow[k]! && x < bkgHigh[k]!) punziW[j]! *= (high[k]! - low[k]!) / (bkgHigh[k]! - bkgLow[k]!);
    }
  }
  const problem: PunziProblem = {
    signal: signalWindowMembership(m2, low, high, genWindow),
    background: windowMembership(m2, bkgLow, bkgHigh, isBkg),
    weights: punziW,
    nGen: Float64Array.from(sig, (s) => s.nGen),
    fTrig: o.fTrig ?? PUNZI_NET_F_TRIG,
    lumi: o.lumi,
  };
  return {
    data: { x, nFeatures: PUNZI_FEATURES, labels, weights: bceW, punzi: problem },
    masses,
    low,
    high,
    m2,
    sample,
    sampleNames: [...sig.map((s) => `signal_M${s.mass}`), ...o.backgrounds.map((b) => b.name)],
  };
}

/** Options of {@link trainPunziNet}: the mva/train options with the Punzi-net presets as defaults. */
export type PunziNetTrainOptions = Partial<Omit<TrainOptions, "seed">> & { seed: number };

/**
 * Train the Punzi-net on a training set. Defaults: 4-8-4-1 tanh/sigmoid, BCE pre-training and
 * Punzi fine-tuning as published (mva/punziNetPreset.ts); pass `bce`/`punzi`/`network` to
 * override (e.g. fewer epochs for smoke tests). Feature names and masses go into the metadata.
 *
 * @example const { model } = trainPunziNet(set, { seed: 1 });
 */
export function trainPunziNet(set: PunziTrainingSet, opts: PunziNetTrainOptions): TrainResult {
  return train(set.data, {
    network: PUNZI_NET_NETWORK,
    bce: PUNZI_NET_BCE,
    punzi: PUNZI_NET_PUNZI,
    ...opts,
    metadata: {
      features: [...PUNZI_FEATURE_NAMES],
      masses: Array.from(set.masses),
      lumi: set.data.punzi?.lumi,
      fTrig: set.data.punzi?.fTrig,
      ...opts.metadata,
    },
  });
}

/**
 * Network output per event of `v` (Float32Array of nEvents). Events without two candidates (NaN
 * features) get -1, so they fail any cut in [0, 1].
 *
 * @example const out = applyPunziNet(model, v); applySelection(v, [...steps, punziCut(out)])
 */
export function applyPunziNet(model: MvaModel, v: InvisibleVariables): Float32Array {
  const rows: number[] = [];
  for (let i = 0; i < v.nEvents; i++)
    if (
      Number.isFinite(v.ptThrust[i]!) &&
      Number.isFinite(v.ptHiLo[i]!) &&
      Number.isFinite(v.pLongHiLo[i]!) &&
      Number.isFinite(v.ptRecoilCm[i]!)
    )
      rows.push(i);
  const x = punziFeatures(v, rows);
  const o = predictModel(model, x, rows.length, new Float32Array(rows.length));
  const out = new Float32Array(v.nEvents).fill(-1);
  for (let r = 0; r < rows.length; r++) out[rows[r]!] = o[r]!;
  return out;
}

/** Per-window efficiency, background and Punzi sensitivity of a hard cut on the outputs. */
export interface PunziWindowSummary {
  masses: Float64Array;
  /** Signal efficiency in window i (f_trig included), relative to N_gen. */
  eps: Float64Array;
  /** Background events in window i at the target luminosity. */
  bkg: Float64Array;
  /** Punzi sensitivity sigma_min [fb]. */
  sensitivity: Float64Array;
}

/**
 * Evaluate a cut on the training-set outputs (cut = undefined: soft yields as in the loss; give
 * outputs of all 1 for "no Punzi-net", to quote the gain of the network).
 */
export function punziWindowSummary(
  set: PunziTrainingSet,
  outputs: ArrayLike<number>,
  cut: number | undefined = 0.5,
): PunziWindowSummary {
  const p = set.data.punzi!;
  const nW = set.masses.length;
  const eps = new Float64Array(nW);
  const bkg = new Float64Array(nW);
  windowYields(outputs, p, cut, eps, bkg);
  const sensitivity = Float64Array.from(eps, (e, i) => punziSensitivity(e, bkg[i]!, p));
  return { masses: set.masses, eps, bkg, sensitivity };
}

/** Network outputs of every event of a training set (same order as set.data). */
export function predictTrainingSet(model: MvaModel, set: PunziTrainingSet): Float32Array {
  const n = set.data.labels.length;
  return predictModel(model, set.data.x, n, new Float32Array(n));
}
