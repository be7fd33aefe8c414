/**
 * Event selection of analysis A (Belle II arXiv:2212.03066; spec invisible-zprime.md "Event
 * selection", physics.md 7.4), as an ordered list of named, composable predicates over the
 * columns of {@link InvisibleVariables}:
 *
 *   1 trigger       two-track trigger line fired (the emulation applies the track-pair geometry
 *                   37-120 deg, dphi > 90/30 deg, and the Bhabha veto)
 *   2 ipTracks      at least two tracks from the IP (|d0| < 0.5 cm, |z0| < 2 cm)
 *   3 twoMuons      exactly two such tracks, opposite charges, both muon-ID'd (LR > 0.5), pT > 0.4 GeV
 *   4 openingAngle  c.m. opening angle < 179 deg
 *   5 recoilTheta   M2 < 4 GeV^2: theta_rec in [34, 123] deg and not in [89, 91] deg; else < 123 deg
 *   6 photonVeto    sum E_gamma < 0.5 GeV and no photon within 15 deg of the recoil
 *   7 recoilPt      c.m. recoil pT > 0.5 GeV
 *   8 punziNet      network output > 0.5 (only when outputs are given, {@link punziCut})
 *
 * Control samples replace one step: mu mu gamma reverses the veto (a photon above 1 GeV within
 * 15 deg of the recoil, no energy-sum cut since that photon alone exceeds it); e mu and e e
 * replace the muon ID by electron ID on one or both tracks (the electron track must not also
 * pass the muon ID, so the samples are disjoint from the signal sample).
 *
 * Cut values live in {@link SelectionConfig} (degrees, as in the paper: the config edge) and
 * are converted once to radians in {@link SelectionCuts}.
 */
import { ConfigError } from "../../core/errors.ts";
import { deg } from "../../core/units.ts";
import { TRG_TWO_TRACK } from "../../physics/recoEvents.ts";
import type { InvisibleVariables } from "./variables.ts";

/** Cut values with the paper's defaults; angles in degrees, momenta in GeV, M2 in GeV^2, d0/z0 in cm. */
export interface SelectionConfig {
  /** Trigger bits of which at least one must be set (default TRG_TWO_TRACK). */
  triggerBits: number;
  /** |d0| < d0Max [cm] (0.5). */
  d0Max: number;
  /** |z0| < z0Max [cm] (2.0). */
  z0Max: number;
  /** Muon ID: muon likelihood ratio > muonLRMin (0.5). */
  muonLRMin: number;
  /** Electron ID (control samples): electron likelihood ratio > electronLRMin (0.5). */
  electronLRMin: number;
  /** Lab pT of each track > trackPtMin [GeV] (0.4). */
  trackPtMin: number;
  /** c.m. opening angle of the tracks < openingAngleMaxDeg (179). */
  openingAngleMaxDeg: number;
  /** Below this M2_recoil [GeV^2] the recoil must point to the ECL barrel (4). */
  barrelM2Max: number;
  /** ECL-barrel recoil window [deg] ([34, 123]). */
  barrelThetaDeg: [number, number];
  /** ECL gap excluded below barrelM2Max [deg] ([89, 91]). */
  gapThetaDeg: [number, number];
  /** Above barrelM2Max: theta_rec < recoilThetaMaxDeg (123). */
  recoilThetaMaxDeg: number;
  /** Photon veto: total photon energy < photonESumMax [GeV] (0.5). */
  photonESumMax: number;
  /** Photon veto / mu mu gamma cone around the recoil [deg] (15). */
  photonConeDeg: number;
  /** c.m. recoil pT > recoilPtMin [GeV] (0.5). */
  recoilPtMin: number;
  /** Punzi-net output > punziCut (0.5). */
  punziCut: number;
}

/** The paper's cut values. */
export const DEFAULT_SELECTION: Readonly<SelectionConfig> = Object.freeze({
  triggerBits: TRG_TWO_TRACK,
  d0Max: 0.5,
  z0Max: 2.0,
  muonLRMin: 0.5,
  electronLRMin: 0.5,
  trackPtMin: 0.4,
  openingAngleMaxDeg: 179,
  barrelM2Max: 4,
  barrelThetaDeg: [34, 123] as [number, number],
  gapThetaDeg: [89, 91] as [number, number],
  recoilThetaMaxDeg: 123,
  photonESumMax: 0.5,
  photonConeDeg: 15,
  recoilPtMin: 0.5,
  punziCut: 0.5,
});

/** Validated cut values in internal units (radians). Build with {@link selectionCuts}. */
export interface SelectionCuts {
  readonly config: Readonly<SelectionConfig>;
  readonly openingAngleMax: number;
  readonly barrelTheta: readonly [number, number];
  readonly gapTheta: readonly [number, number];
  readonly recoilThetaMax: number;
  readonly photonCone: number;
}

/**
 * Merge `cfg` over {@link DEFAULT_SELECTION}, validate (ConfigError with the key path) and convert
 * angles to radians.
 *
 * @example selectionCuts({ photonConeDeg: 20 }).photonCone // 0.349 rad
 */
export function selectionCuts(cfg: Partial<SelectionConfig> = {}, where = "selection"): SelectionCuts {
  if (typeof cfg !== "object" || cfg === null) throw new ConfigError("expected an object", where);
  for (const k of Object.keys(cfg))
    if (!(k in DEFAULT_SELECTION)) throw new ConfigError(`unknown cut "${k}"`, `${where}.${k}`);
  const c: SelectionConfig = { ...DEFAULT_SELECTION, ...cfg };
  const num = (k: keyof SelectionConfig, lo: number, hi: number) => {
    const v = c[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi)
      throw new ConfigError(`must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`, `${where}.${k}`);
  };
  const range = (k: "barrelThetaDeg" | "gapThetaDeg") => {
    const v = c[k];
    if (
      !Array.isArray(v) ||
      v.length !== 2 ||
      !v.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 180) ||
      !(v[0] < v[1])
    )
      throw new ConfigError(`must be [lo, hi] in degrees with 0 <= lo < hi <= 180`, `${where}.${k}`);
  };
  if (!Number.isInteger(c.triggerBits) || c.triggerBits < 0)
    throw new ConfigError(`must be a non-negative integer, got ${c.triggerBits}`, `${where}.triggerBits`);
  num("d0Max", 0, 1e3);
  num("z0Max", 0, 1e3);
  num("muonLRMin", 0, 1);
  num("electronLRMin", 0, 1);
  num("trackPtMin", 0, 1e3);
  num("openingAngleMaxDeg", 0, 180);
  num("barrelM2Max", -1e3, 1e3);
  num("recoilThetaMaxDeg", 0, 180);
  num("photonESumMax", 0, 1e3);
  num("photonConeDeg", 0, 180);
  num("recoilPtMin", 0, 1e3);
  num("punziCut", 0, 1);
  range("barrelThetaDeg");
  range("gapThetaDeg");
  return {
    config: Object.freeze({
      ...c,
      barrelThetaDeg: [...c.barrelThetaDeg] as [number, number],
      gapThetaDeg: [...c.gapThetaDeg] as [number, number],
    }),
    openingAngleMax: deg(c.openingAngleMaxDeg),
    barrelTheta: [deg(c.barrelThetaDeg[0]), deg(c.barrelThetaDeg[1])],
    gapTheta: [deg(c.gapThetaDeg[0]), deg(c.gapThetaDeg[1])],
    recoilThetaMax: deg(c.recoilThetaMaxDeg),
    photonCone: deg(c.photonConeDeg),
  };
}

/** A named predicate over the variables of event i. NaN variables fail every comparison. */
export interface Cut {
  /** Short identifier, e.g. "photonVeto". */
  readonly name: string;
  /** One line for cut-flow tables, with the cut values. */
  readonly label: string;
  /** True when event i passes. */
  test(v: InvisibleVariables, i: number): boolean;
  /** Optional once-per-sample consistency check (throws ConfigError), run before the event loop. */
  check?(v: InvisibleVariables): void;
}

/** Signal region or one of the paper's control samples. */
export type SampleRegion = "signal" | "mumugamma" | "emu" | "ee";

/** The analysis' sample regions. */
export const SAMPLE_REGIONS: readonly SampleRegion[] = ["signal", "mumugamma", "emu", "ee"];

/** Throws ConfigError unless the variables were computed with the IP cuts of `c`. */
function checkIp(v: InvisibleVariables, c: SelectionCuts): void {
  if (v.settings.d0Max !== c.config.d0Max || v.settings.z0Max !== c.config.z0Max)
    throw new ConfigError(
      `variables were computed with |d0| < ${v.settings.d0Max}, |z0| < ${v.settings.z0Max} cm but the selection asks for ${c.config.d0Max}, ${c.config.z0Max}; pass the same values to computeVariables`,
      "selection.d0Max",
    );
}

/** Step 1: the trigger. */
export function triggerCut(c: SelectionCuts): Cut {
  const bits = c.config.triggerBits;
  return {
    name: "trigger",
    label: `trigger bits & ${bits}`,
    test: (v, i) => (v.trigger[i]! & bits) !== 0,
  };
}

/** Step 2: at least two tracks from the IP. */
export function ipTracksCut(c: SelectionCuts): Cut {
  return {
    name: "ipTracks",
    label: `>= 2 tracks with |d0| < ${c.config.d0Max} cm, |z0| < ${c.config.z0Max} cm`,
    check: (v) => checkIp(v, c),
    test: (v, i) => v.nGoodTracks[i]! >= 2,
  };
}

/** Particle-ID requirement on the two candidates. */
type TrackId = "mumu" | "emu" | "ee";

/** Step 3: exactly two IP tracks, opposite charge, identified (muons by default), pT above threshold. */
export function twoTracksCut(c: SelectionCuts, id: TrackId = "mumu"): Cut {
  const { muonLRMin: mu, electronLRMin: el, trackPtMin: pt } = c.config;
  const idLabel =
    id === "mumu"
      ? `both muonLR > ${mu}`
      : id === "emu"
        ? `one muonLR > ${mu}, one electronLR > ${el} (not mu)`
        : `both electronLR > ${el} (not mu)`;
  return {
    name: id === "mumu" ? "twoMuons" : id === "emu" ? "electronMuon" : "twoElectrons",
    label: `exactly 2 IP tracks, opposite charge, ${idLabel}, pT > ${pt} GeV`,
    test: (v, i) => {
      if (v.nGoodTracks[i] !== 2 || !v.oppositeCharge[i] || !(v.ptMin[i]! > pt)) return false;
      const m1 = v.muonLR1[i]! > mu;
      const m2 = v.muonLR2[i]! > mu;
      if (id === "mumu") return m1 && m2;
      const e1 = !m1 && v.electronLR1[i]! > el;
      const e2 = !m2 && v.electronLR2[i]! > el;
      return id === "emu" ? (e1 && m2) || (m1 && e2) : e1 && e2;
    },
  };
}

/** Step 4: c.m. opening angle below the maximum (rejects back-to-back radiative pairs). */
export function openingAngleCut(c: SelectionCuts): Cut {
  const max = c.openingAngleMax;
  return {
    name: "openingAngle",
    label: `c.m. opening angle < ${c.config.openingAngleMaxDeg} deg`,
    test: (v, i) => v.openingAngleCm[i]! < max,
  };
}

/** Step 5: recoil polar angle (lab), depending on M2_recoil. Boundaries are inclusive of the window. */
export function recoilThetaCut(c: SelectionCuts): Cut {
  const m2Max = c.config.barrelM2Max;
  const [b0, b1] = c.barrelTheta;
  const [g0, g1] = c.gapTheta;
  const tMax = c.recoilThetaMax;
  const { barrelThetaDeg: bd, gapThetaDeg: gd } = c.config;
  return {
    name: "recoilTheta",
    label: `M2 < ${m2Max}: theta_rec in [${bd[0]}, ${bd[1]}] deg, not in [${gd[0]}, ${gd[1]}]; else theta_rec < ${c.config.recoilThetaMaxDeg} deg`,
    test: (v, i) => {
      const m2 = v.m2Recoil[i]!;
      const t = v.thetaRecoil[i]!;
      if (m2 < m2Max) return t >= b0 && t <= b1 && !(t >= g0 && t <= g1);
      return t < tMax; // also false for NaN m2 (NaN < x is false, t is NaN too)
    },
  };
}

/** Step 6: photon veto (energy sum and no photon near the recoil). */
export function photonVetoCut(c: SelectionCuts): Cut {
  const eMax = c.config.photonESumMax;
  const cone = c.photonCone;
  return {
    name: "photonVeto",
    label: `sum E_gamma < ${eMax} GeV, no photon within ${c.config.photonConeDeg} deg of the recoil`,
    test: (v, i) => v.photonESum[i]! < eMax && !(v.photonMinAngle[i]! < cone),
  };
}

/** mu mu gamma control region replacement of step 6: a hard photon within the cone of the recoil. */
export function reversedPhotonVetoCut(c: SelectionCuts): Cut {
  const cone = c.photonCone;
  return {
    name: "hardPhotonNearRecoil",
    label: `a photon above the hard threshold (variables.hardPhotonEMin) within ${c.config.photonConeDeg} deg of the recoil`,
    test: (v, i) => v.hardPhotonMinAngle[i]! < cone,
  };
}

/** Step 7: c.m. recoil transverse momentum. */
export function recoilPtCut(c: SelectionCuts): Cut {
  const min = c.config.recoilPtMin;
  return {
    name: "recoilPt",
    label: `c.m. recoil pT > ${min} GeV`,
    test: (v, i) => v.ptRecoilCm[i]! > min,
  };
}

/**
 * Step 8: Punzi-net output above the cut. `output[i]` belongs to event i of the variables it is
 * applied to (see punziNet.ts `applyPunziNet`).
 */
export function punziCut(output: ArrayLike<number>, cut = DEFAULT_SELECTION.punziCut): Cut {
  return {
    name: "punziNet",
    label: `Punzi-net output > ${cut}`,
    test: (_v, i) => output[i]! > cut,
  };
}

/**
 * The cut-based steps 1-7 in the paper's order for a region (signal region by default);
 * append {@link punziCut} for step 8.
 *
 * @example const cuts = [...selectionSteps(selectionCuts()), punziCut(out)];
 */
export function selectionSteps(c: SelectionCuts, region: SampleRegion = "signal"): Cut[] {
  const id: TrackId = region === "emu" ? "emu" : region === "ee" ? "ee" : "mumu";
  return [
    triggerCut(c),
    ipTracksCut(c),
    twoTracksCut(c, id),
    openingAngleCut(c),
    recoilThetaCut(c),
    region === "mumugamma" ? reversedPhotonVetoCut(c) : photonVetoCut(c),
    recoilPtCut(c),
  ];
}

/** Result of {@link applySelection} on one sample. */
export interface SelectionResult {
  /** Names of the steps, in order. */
  steps: string[];
  /** Labels of the steps, in order. */
  labels: string[];
  /** 1 when the event passes every step. */
  mask: Uint8Array;
  /** Number of consecutive steps event i passes (steps.length = all). */
  passed: Uint8Array;
  /** Events surviving after each step (index 0 = before any cut, k = after step k). */
  raw: number[];
  /** Sum of weights surviving after each step (same layout). */
  weighted: number[];
}

/**
 * Apply `cuts` in order (an event stops at its first failed step) and count the cut flow.
 *
 * @param weights per-event weights (default: the variables' weights)
 * @example const r = applySelection(v, selectionSteps(selectionCuts())); r.mask
 */
export function applySelection(
  v: InvisibleVariables,
  cuts: readonly Cut[],
  weights: ArrayLike<number> = v.weight,
): SelectionResult {
  const n = v.nEvents;
  if (weights.length < n) throw new RangeError(`applySelection: ${weights.length} weights for ${n} events`);
  if (cuts.length > 255) throw new RangeError("applySelection: at most 255 steps");
  const k = cuts.length;
  const passed = new Uint8Array(n);
  const mask = new Uint8Array(n);
  const raw = new Array<number>(k + 1).fill(0);
  const weighted = new Array<number>(k + 1).fill(0);
  for (const c of cuts) c.check?.(v);
  const tests = cuts.map((c) => c.test);
  for (let i = 0; i < n; i++) {
    let s = 0;
    while (s < k && tests[s]!(v, i)) s++;
    passed[i] = s;
    if (s === k) mask[i] = 1;
  }
  // counts per step from the histogram of "steps passed"
  const rawBy = new Float64Array(k + 1);
  const wBy = new Float64Array(k + 1);
  for (let i = 0; i < n; i++) {
    rawBy[passed[i]!]! += 1;
    wBy[passed[i]!]! += weights[i]!;
  }
  let r = 0;
  let w = 0;
  for (let s = k; s >= 0; s--) {
    r += rawBy[s]!;
    w += wBy[s]!;
    raw[s] = r;
    weighted[s] = w;
  }
  return { steps: cuts.map((c) => c.name), labels: cuts.map((c) => c.label), mask, passed, raw, weighted };
}

/** A cut-flow table over several samples (same steps), JSON-ready. */
export interface CutFlowTable {
  /** "all" followed by the step names. */
  steps: string[];
  /** Step labels ("" for "all"). */
  labels: string[];
  samples: { name: string; raw: number[]; weighted: number[] }[];
}

/**
 * Combine per-sample results into one table. Throws ConfigError if the samples used different steps.
 *
 * @example cutFlowTable([{ name: "mumu", result: r1 }, { name: "tautau", result: r2 }])
 */
export function cutFlowTable(samples: readonly { name: string; result: SelectionResult }[]): CutFlowTable {
  const first = samples[0]?.result;
  const steps = first ? ["all", ...first.steps] : ["all"];
  const labels = first ? ["", ...first.labels] : [""];
  for (const s of samples)
    if (s.result.steps.join("|") !== steps.slice(1).join("|"))
      throw new ConfigError(`sample "${s.name}" used different selection steps`, "cutflow");
  return {
    steps,
    labels,
    samples: samples.map((s) => ({ name: s.name, raw: [...s.result.raw], weighted: [...s.result.weighted] })),
  };
}

/**
 * Plain-text cut flow (one row per step, weighted counts per sample, 4 significant digits) for
 * logs and the README.
 */
export function formatCutFlow(t: CutFlowTable): string {
  const fmt = (x: number) =>
    Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-2) ? x.toExponential(3) : x.toPrecision(4);
  const head = ["step", ...t.samples.map((s) => s.name)];
  const rows = t.steps.map((st, k) => [st, ...t.samples.map((s) => fmt(s.weighted[k]!))]);
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((x, j) => (j === 0 ? x.padEnd(w[j]!) : x.padStart(w[j]!))).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}
