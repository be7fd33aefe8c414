/**
 * One unit of work of the sample stages of analysis A: generate a chunk of events (signal at one
 * mass, or a background with its generator-level preselection), simulate it with the Belle II fast
 * simulation, compute the analysis variables, apply the cut-based selection (steps 1-7, plus the
 * e mu and e e control regions) and keep only the columns of the selected events.
 *
 * Why generation, simulation and selection are fused per chunk: the truth and reco records of
 * the ~10 M preselected background events would need several GB on disk and in memory, while the
 * selected columns need a few tens of MB. Every chunk is a pure function of (sample, chunk index,
 * seed): generation draws from stream(genSeed, chunk), the simulation from stream(simSeed, chunk),
 * so results do not depend on the number of workers. Runs in a worker (sampleChunkWorker.mjs) or
 * in-thread.
 *
 * With `muonIdWeighted` (for backgrounds whose pairs are rarely taken for muons: e e, e e e e,
 * pi pi) the muon ID is not drawn: every track passes it (detector/card.ts withCertainMuonId) and
 * each event's weight is multiplied, from the muon-ID step of the cut flow on, by the product of
 * its two candidates' probabilities to pass it (detector/simulate.ts muonIdProbability). The
 * yield is the same in expectation, and every selected MC event contributes instead of one in
 * 10^2 to 10^5, so a small fraction of the data luminosity suffices. The e mu and e e control
 * regions (which want one or both candidates not to be muons) are weighted the same way.
 */

import {
  applySelection,
  type SelectionConfig,
  selectionCuts,
  selectionSteps,
} from "../../analyses/invisible/selection.ts";
import { computeVariables, type InvisibleVariables } from "../../analyses/invisible/variables.ts";
import { stream } from "../../core/random.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { type CompiledCard, compileCard, withCertainMuonId } from "../../detector/card.ts";
import { muonIdProbability, simulate } from "../../detector/simulate.ts";
import { PROCESSES } from "../../generate/processes/index.ts";
import {
  generateSignalChunk,
  prepareSignal,
  type SignalGenerator,
  type SignalStats,
} from "../../generate/signal.ts";
import { beamFrame, belle2Beams } from "../../physics/beams.ts";
import type { RecoEvents } from "../../physics/recoEvents.ts";
import type { TruthEvents } from "../../physics/truthEvents.ts";

/** Names of the kept columns, in storage order (all float64). */
export const SELECTED_COLUMNS = [
  "m2Recoil",
  "thetaRecoil",
  "thetaRecoilCm",
  "ptRecoilCm",
  "ptThrust",
  "ptHiLo",
  "pLongHiLo",
  "weight",
] as const;

/** Column name. */
export type SelectedColumn = (typeof SELECTED_COLUMNS)[number];

/** Columns of the selected events of a chunk or sample. */
export type SelectedColumns = Record<SelectedColumn, Float64Array>;

/** Input of one chunk. */
export interface SampleChunkTask {
  /** "signal" (with `mass`) or a background process name. */
  process: string;
  /** Z' mass for the signal [GeV]. */
  mass?: number;
  /** Events to generate in this chunk. */
  nEvents: number;
  chunk: number;
  genSeed: number;
  simSeed: number;
  /** Cut values (selection.ts SelectionConfig overrides). */
  selection: Partial<SelectionConfig>;
  /** Muon ID by weight instead of by a random draw (module doc). */
  muonIdWeighted?: boolean;
}

/** Output of one chunk. */
export interface SampleChunkResult {
  chunk: number;
  nEvents: number;
  /** Sum of generated event weights (the normalisation of the sample). */
  sumWeightsGenerated: number;
  /** Signal generation statistics (for its cross section), absent for backgrounds. */
  signalStats?: SignalStats;
  /** Signal grid majorant integral [fb] at g' = 1: sigma = majorant * sum(ratio) / trials. */
  signalMajorant?: number;
  /** Cut flow of the signal region: raw and weighted counts, index 0 = all. */
  steps: string[];
  raw: number[];
  weighted: number[];
  /** Weighted events in the e mu and e e control regions (all cuts of steps 1-7). */
  control: { emu: number; ee: number };
  /** Selected events (steps 1-7). */
  columns: SelectedColumns;
}

// per-thread caches: compiled card, beam frame, signal generators by mass (building a grid
// majorant costs ~0.2 s, so a worker builds it once per mass)
let cardCache: ReturnType<typeof compileCard> | undefined;
let certainMuonIdCache: ReturnType<typeof compileCard> | undefined;
let frameCache: ReturnType<typeof beamFrame> | undefined;
const signalCache = new Map<number, SignalGenerator>();

/**
 * Run one chunk (module doc). Pure in its inputs.
 *
 * @example runSampleChunk({ process: "mumu", nEvents: 1000, chunk: 0, genSeed: 1, simSeed: 2, selection: {} })
 */
export function runSampleChunk(t: SampleChunkTask): SampleChunkResult {
  cardCache ??= compileCard(belle2DefaultCard());
  frameCache ??= beamFrame(belle2Beams());
  let truth: TruthEvents;
  let signalStats: SignalStats | undefined;
  let signalMajorant: number | undefined;
  if (t.process === "signal") {
    const mass = t.mass!;
    let gen = signalCache.get(mass);
    if (!gen) {
      gen = prepareSignal({ spin: "vector", mass, decay: "invisible" });
      signalCache.set(mass, gen);
    }
    const c = generateSignalChunk(gen, t.genSeed, t.chunk, t.nEvents);
    truth = c.events;
    signalStats = c.stats;
    signalMajorant = gen.grid.majorantIntegral;
  } else {
    const p = PROCESSES[t.process]!;
    truth = p.generate(t.nEvents, stream(t.genSeed, t.chunk), { preselect: true });
  }
  let sumW = 0;
  for (let i = 0; i < truth.nEvents; i++) sumW += truth.weight[i]!;
  const weighted = t.muonIdWeighted === true;
  if (weighted) certainMuonIdCache ??= compileCard(withCertainMuonId(belle2DefaultCard()));
  const reco = simulate(truth, weighted ? certainMuonIdCache! : cardCache, t.simSeed, t.chunk);
  const v = computeVariables(reco, frameCache);
  const cuts = selectionCuts(t.selection);
  const steps = selectionSteps(cuts, "signal");
  let sel = applySelection(v, steps);
  let weights: ArrayLike<number> = v.weight;
  let control: { emu: number; ee: number };
  if (weighted) {
    const { p1, p2 } = candidateMuonIdProbabilities(truth, reco, v, cardCache);
    const w = v.weight;
    weights = Float64Array.from(w, (x, i) => x * p1[i]! * p2[i]!);
    const after = applySelection(v, steps, weights);
    // steps before the muon ID keep the plain weights; from it on, the weighted ones
    const first = 1 + steps.findIndex((c) => c.name === "twoMuons");
    sel = { ...sel, weighted: sel.weighted.map((x, j) => (j >= first ? after.weighted[j]! : x)) };
    // control regions: the electron ID is still drawn; "muon" / "not muon" become weights. Each
    // region is selected with the candidates' muon ID set to the outcome it needs and weighted by
    // that outcome's probability (e mu: the e on track 1 or on track 2, disjoint outcomes)
    const n = v.nEvents;
    const no = new Float32Array(n);
    const yes = new Float32Array(n).fill(1);
    const last = (r: { weighted: number[] }) => r.weighted[r.weighted.length - 1]!;
    const region = (id: "emu" | "ee", lr1: Float32Array, lr2: Float32Array, f: (i: number) => number) =>
      last(
        applySelection(
          { ...v, muonLR1: lr1, muonLR2: lr2 },
          selectionSteps(cuts, id),
          Float64Array.from(w, (x, i) => x * f(i)),
        ),
      );
    control = {
      emu:
        region("emu", no, yes, (i) => (1 - p1[i]!) * p2[i]!) +
        region("emu", yes, no, (i) => p1[i]! * (1 - p2[i]!)),
      ee: region("ee", no, no, (i) => (1 - p1[i]!) * (1 - p2[i]!)),
    };
  } else {
    const emu = applySelection(v, selectionSteps(cuts, "emu"));
    const ee = applySelection(v, selectionSteps(cuts, "ee"));
    control = { emu: emu.weighted[emu.weighted.length - 1]!, ee: ee.weighted[ee.weighted.length - 1]! };
  }
  let n = 0;
  for (let i = 0; i < v.nEvents; i++) if (sel.mask[i]) n++;
  const columns = Object.fromEntries(
    SELECTED_COLUMNS.map((c) => [c, new Float64Array(n)]),
  ) as SelectedColumns;
  let k = 0;
  for (let i = 0; i < v.nEvents; i++) {
    if (!sel.mask[i]) continue;
    for (const c of SELECTED_COLUMNS) columns[c][k] = c === "weight" ? weights[i]! : v[c][i]!;
    k++;
  }
  return {
    chunk: t.chunk,
    nEvents: truth.nEvents,
    sumWeightsGenerated: sumW,
    ...(signalStats ? { signalStats } : {}),
    ...(signalMajorant !== undefined ? { signalMajorant } : {}),
    steps: sel.steps,
    raw: sel.raw,
    weighted: sel.weighted,
    control,
    columns,
  };
}

/**
 * The two candidates' probabilities to pass the muon ID under `card` (true polar angle and
 * momentum, as the simulation draws them), per event; 1 and 1 for events without two candidates.
 */
export function candidateMuonIdProbabilities(
  truth: TruthEvents,
  reco: RecoEvents,
  v: InvisibleVariables,
  card: CompiledCard,
): { p1: Float64Array; p2: Float64Array } {
  const p1 = new Float64Array(v.nEvents).fill(1);
  const p2 = new Float64Array(v.nEvents).fill(1);
  const prob = (i: number, row: number) => {
    const k = truth.offsets[i]! + reco.trackTruth[row]!;
    const pt = Math.hypot(truth.px[k]!, truth.py[k]!);
    return muonIdProbability(card, truth.pdg[k]!, Math.atan2(pt, truth.pz[k]!), Math.hypot(pt, truth.pz[k]!));
  };
  for (let i = 0; i < v.nEvents; i++) {
    const a = v.track1[i]!;
    const b = v.track2[i]!;
    if (a < 0 || b < 0) continue;
    p1[i] = prob(i, a);
    p2[i] = prob(i, b);
  }
  return { p1, p2 };
}

export default runSampleChunk;
