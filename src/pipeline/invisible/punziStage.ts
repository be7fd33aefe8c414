/**
 * Stage 4 of analysis A: train the Punzi-net (arXiv:2110.00810; 4-8-4-1 tanh/sigmoid, BCE
 * pre-training then the Punzi loss averaged over the simulated mass windows) on the events that
 * pass steps 1-7, and apply it to every selected event. Writes `punzinet/model.json` (the model
 * with its metadata), `punzinet/out-<sample>.f32` (network output per selected event, same order
 * as the sample columns) and the ROC / output distributions for the report.
 *
 * Training uses at most `punzi.maxTrainPerSample` events per sample (every k-th event, so no
 * random numbers are involved); background weights are scaled up by k and the signal's N_gen
 * down by k so that efficiencies and background yields of the training windows are unchanged.
 */
import { readFileSync } from "node:fs";
import {
  predictTrainingSet,
  punziTrainingSet,
  punziWindowSummary,
  trainPunziNet,
} from "../../analyses/invisible/punziNet.ts";
import type { ResolutionFunction } from "../../analyses/invisible/resolution.ts";
import type { InvisibleVariables } from "../../analyses/invisible/variables.ts";
import type { Progress } from "../../core/progress.ts";
import { modelFromJson, saveModel } from "../../mva/modelJson.ts";
import { predictModel } from "../../mva/mvaModel.ts";
import { PUNZI_NET_BCE, PUNZI_NET_PUNZI } from "../../mva/punziNetPreset.ts";
import { auc, roc } from "../../mva/roc.ts";
import type { RunConfig } from "../runConfig.ts";
import { type Stage, writeAtomic } from "../stage.ts";
import type { SelectedColumns } from "./sampleChunk.ts";
import type { SampleSummary } from "./samplesStage.ts";

/** Result of the Punzi-net stage. */
export interface PunziResult {
  modelFile: string;
  trainingEvents: { signal: number; background: number };
  epochs: { bce: number; punzi: number };
  /** Punzi epoch whose parameters were kept (punzi.keepEpoch "hardCut"; 0 = the BCE result). */
  keptEpoch?: number;
  auc: number;
  /** ROC of the training sample (BCE weights), at most ~200 points. */
  roc: { tpr: number[]; fpr: number[] };
  /** Output distributions of the training sample, each normalised to 1 (20 bins on [0, 1]). */
  outputs: { edges: number[]; signal: number[]; background: number[] };
  /** Events passing the cut per sample (raw, and weighted like the cut flow). */
  passed: Record<string, { raw: number; weighted: number }>;
  /** Median over mass windows of (Punzi sensitivity of cuts only) / (with the network cut). */
  sensitivityGainMedian: number;
}

/** A sample with its columns (steps 1-7) in memory. */
export interface LoadedSample {
  summary: SampleSummary;
  columns: SelectedColumns;
}

/**
 * Analysis variables object over compact columns: only the columns the Punzi-net code reads
 * (weight, M2, the four features) are real; the others are empty (they are never read there).
 */
function compactVariables(c: SelectedColumns, rows: Int32Array): InvisibleVariables {
  const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]!);
  const v = {
    nEvents: rows.length,
    weight: pick(c.weight),
    m2Recoil: pick(c.m2Recoil),
    thetaRecoil: pick(c.thetaRecoil),
    thetaRecoilCm: pick(c.thetaRecoilCm),
    ptRecoilCm: pick(c.ptRecoilCm),
    ptThrust: pick(c.ptThrust),
    ptHiLo: pick(c.ptHiLo),
    pLongHiLo: pick(c.pLongHiLo),
  };
  return v as unknown as InvisibleVariables;
}

/** Rows 0, k, 2k, ... with k chosen so that at most `max` rows are taken. */
function strideRows(n: number, max: number): { rows: Int32Array; factor: number } {
  const k = Math.max(1, Math.ceil(n / max));
  const rows = Int32Array.from({ length: Math.ceil(n / k) }, (_, j) => j * k);
  return { rows, factor: n / Math.max(rows.length, 1) };
}

/** Punzi-net output of every event of a column set (NaN features give -1). */
export function punziOutputs(model: ReturnType<typeof modelFromJson>, c: SelectedColumns): Float32Array {
  const n = c.m2Recoil.length;
  const x = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    x[4 * i] = c.ptThrust[i]!;
    x[4 * i + 1] = c.ptHiLo[i]!;
    x[4 * i + 2] = c.pLongHiLo[i]!;
    x[4 * i + 3] = c.ptRecoilCm[i]!;
  }
  const out = predictModel(model, x, n, new Float32Array(n));
  for (let i = 0; i < n; i++) if (!Number.isFinite(out[i]!)) out[i] = -1;
  return out;
}

/** Read the outputs written by the stage for one sample. */
export function readPunziOutputs(stage: Stage<PunziResult>, name: string): Float32Array {
  const b = readFileSync(stage.path(`out-${name}.f32`));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/**
 * Run (or reuse) the Punzi-net stage: train on `samples` (signal and background MC), apply to
 * them and to `applyOnly` (the pseudo-data samples, which never enter the training).
 */
export function runPunziStage(
  cfg: RunConfig,
  stage: Stage<PunziResult>,
  samples: readonly LoadedSample[],
  resolution: ResolutionFunction,
  progress?: (label: string, total: number) => Progress,
  applyOnly: readonly LoadedSample[] = [],
): PunziResult {
  if (stage.result) return stage.result;
  const max = cfg.punzi.maxTrainPerSample;
  const signals = samples
    .filter((s) => s.summary.process === "signal" && s.columns.m2Recoil.length >= 20)
    .map((s) => {
      const { rows, factor } = strideRows(s.columns.m2Recoil.length, max);
      const vars = compactVariables(s.columns, rows);
      return {
        mass: s.summary.mass!,
        nGen: s.summary.sumWeightsGenerated / factor,
        vars,
        mask: new Uint8Array(rows.length).fill(1),
      };
    });
  const backgrounds = samples
    .filter((s) => s.summary.process !== "signal" && s.columns.m2Recoil.length > 0)
    .map((s) => {
      const { rows, factor } = strideRows(s.columns.m2Recoil.length, max);
      return {
        name: s.summary.name,
        vars: compactVariables(s.columns, rows),
        mask: new Uint8Array(rows.length).fill(1),
        scale: s.summary.scale * factor,
      };
    });
  const set = punziTrainingSet({ signals, backgrounds, resolution, lumi: cfg.luminosity_fb });
  const cut = (cfg.selection.punziCut as number | undefined) ?? 0.5;
  const epochs = cfg.punzi.bceEpochs + cfg.punzi.punziEpochs;
  const bar = progress?.("Punzi-net training (epochs)", epochs);
  const { model, bestHardCut } = trainPunziNet(set, {
    seed: cfg.seed,
    ...(cfg.punzi.bceEpochs > 0
      ? { bce: { ...PUNZI_NET_BCE, epochs: cfg.punzi.bceEpochs } }
      : { bce: undefined }),
    ...(cfg.punzi.punziEpochs > 0
      ? {
          punzi: {
            ...PUNZI_NET_PUNZI,
            epochs: cfg.punzi.punziEpochs,
            optimizer: cfg.punzi.punziOptimizer,
            ...(cfg.punzi.keepEpoch === "hardCut" ? { keepBestHardCut: cut } : {}),
          },
        }
      : { punzi: undefined }),
    onEpoch: () => bar?.tick(),
    metadata: { seed: cfg.seed, stage: "invisible/punzinet" },
  });
  bar?.done();
  saveModel(model, stage.path("model.json"));
  // reload from the file: the outputs below then come from exactly what a rerun would read
  const saved = modelFromJson(JSON.parse(readFileSync(stage.path("model.json"), "utf8")), "model.json");
  const trainOut = predictTrainingSet(saved, set);
  const labels = set.data.labels;
  const w = set.data.weights!;
  const r = roc(trainOut, labels, w);
  const step = Math.max(1, Math.floor(r.tpr.length / 200));
  const rocPts = { tpr: [] as number[], fpr: [] as number[] };
  for (let i = 0; i < r.tpr.length; i += step) {
    rocPts.tpr.push(r.tpr[i]!);
    rocPts.fpr.push(r.fpr[i]!);
  }
  rocPts.tpr.push(r.tpr[r.tpr.length - 1]!);
  rocPts.fpr.push(r.fpr[r.fpr.length - 1]!);
  const edges = Array.from({ length: 21 }, (_, k) => k / 20);
  const hs = new Array<number>(20).fill(0);
  const hb = new Array<number>(20).fill(0);
  let ts = 0;
  let tb = 0;
  for (let i = 0; i < labels.length; i++) {
    const b = Math.min(19, Math.max(0, Math.floor(trainOut[i]! * 20)));
    if (labels[i]) {
      hs[b]! += w[i]!;
      ts += w[i]!;
    } else {
      hb[b]! += w[i]!;
      tb += w[i]!;
    }
  }
  const cutOnly = punziWindowSummary(set, new Float32Array(labels.length).fill(1), 0.5);
  const withNet = punziWindowSummary(set, trainOut, 0.5);
  const gains = Array.from(cutOnly.sensitivity, (s, i) => s / withNet.sensitivity[i]!)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const passed: PunziResult["passed"] = {};
  for (const s of [...samples, ...applyOnly]) {
    const out = punziOutputs(saved, s.columns);
    writeAtomic(stage.path(`out-${s.summary.name}.f32`), new Uint8Array(out.buffer));
    let raw = 0;
    let wsum = 0;
    for (let i = 0; i < out.length; i++)
      if (out[i]! > cut) {
        raw++;
        wsum += s.columns.weight[i]!;
      }
    passed[s.summary.name] = { raw, weighted: wsum * s.summary.scale };
  }
  let nSig = 0;
  for (let i = 0; i < labels.length; i++) nSig += labels[i]! ? 1 : 0;
  return stage.finish({
    modelFile: "model.json",
    trainingEvents: { signal: nSig, background: labels.length - nSig },
    epochs: { bce: cfg.punzi.bceEpochs, punzi: cfg.punzi.punziEpochs },
    ...(bestHardCut ? { keptEpoch: bestHardCut.epoch } : {}),
    auc: auc(r),
    roc: rocPts,
    outputs: { edges, signal: hs.map((x) => x / (ts || 1)), background: hb.map((x) => x / (tb || 1)) },
    passed,
    sensitivityGainMedian: gains.length ? gains[Math.floor(gains.length / 2)]! : Number.NaN,
  });
}
