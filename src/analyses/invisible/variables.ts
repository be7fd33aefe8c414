/**
 * Per-event variables of analysis A (invisible Z' in e+e- -> mu+ mu- + missing energy,
 * Belle II arXiv:2212.03066; spec invisible-zprime.md and physics.md 6.6), as columns.
 *
 * The two candidate tracks of an event are its "good" tracks, i.e. the tracks from the
 * interaction point (|d0| < d0Max, |z0| < z0Max, the paper's 0.5 / 2.0 cm); the event has
 * candidates when it has exactly two good tracks (basf2 builds the track list with the IP cuts
 * first and then counts it, so an extra displaced track does not kill an event). With opposite
 * charges track 1 is the positive one. Everything below is NaN for events without candidates.
 *
 * Frames: M2_recoil = (P_init - p1 - p2)^2 with P_init the nominal lab initial state of the
 * beams (physics.md 7.1); theta_recoil in the lab; the c.m. frame is basf2's (e- along +z, see
 * beams.ts). Tracks get the muon mass hypothesis (also in the e mu / e e control samples: the
 * mass changes M2_recoil by O(m_mu^2) only, and the paper's control samples share the muon
 * variables). Photons are the ECL clusters not matched to tracks with E > photonEMin (0.1 GeV).
 *
 * The four Punzi-net inputs (c.m., physics.md 6.6):
 *   f1 = pT of a muon w.r.t. the two-particle thrust axis, |p1 x p2| / max|p1 -/+ p2|;
 *   f2 = |p_hi x p^_lo|, pT of the higher-energy muon w.r.t. the lower-energy one;
 *   f3 = p_hi . p^_lo, its longitudinal momentum along that direction;
 *   f4 = |(p1 + p2)_T|, the dimuon pT w.r.t. z, which equals the c.m. recoil pT (P_init has no
 *        transverse momentum in the c.m.), so it is the same column as {@link InvisibleVariables.ptRecoilCm}.
 *
 * Hot loop: one pass over events with scalar locals and one 4-element scratch; no objects per event.
 */
import { ConfigError } from "../../core/errors.ts";
import { M_MU } from "../../core/units.ts";
import { openingAngle, theta } from "../../physics/angles.ts";
import { type BeamFrame, labToCmVector } from "../../physics/beams.ts";
import { pLong, ptRel } from "../../physics/ptRel.ts";
import type { RecoEvents } from "../../physics/recoEvents.ts";
import { recoilMass2 } from "../../physics/recoilMass.ts";
import { thrustPt } from "../../physics/thrustAxis.ts";

/** Options of {@link computeVariables}; defaults are the paper's. */
export interface VariableOptions {
  /** Largest |d0| of a track from the IP [cm], default 0.5. */
  d0Max?: number;
  /** Largest |z0| of a track from the IP [cm], default 2.0. */
  z0Max?: number;
  /** Photons counted in the veto sums need E above this [GeV], default 0.1. */
  photonEMin?: number;
  /** Photons counted as "hard" (mu mu gamma control sample) need E above this [GeV], default 1.0. */
  hardPhotonEMin?: number;
  /** Mass hypothesis of the tracks [GeV], default m_mu. */
  trackMass?: number;
}

/** Resolved {@link VariableOptions} stored with the columns (so cuts can check them). */
export interface VariableSettings {
  readonly d0Max: number;
  readonly z0Max: number;
  readonly photonEMin: number;
  readonly hardPhotonEMin: number;
  readonly trackMass: number;
}

/** Column set of analysis-A variables, one row per event (units in each field's doc). */
export interface InvisibleVariables {
  readonly nEvents: number;
  readonly settings: VariableSettings;
  /** Event weights (the input's `weight`, not copied). */
  readonly weight: Float64Array;
  /** Trigger bits (the input's `trigger`, not copied). */
  readonly trigger: Int32Array;
  /** All tracks of the event. */
  readonly nTracks: Int32Array;
  /** Tracks from the IP ("good" tracks). */
  readonly nGoodTracks: Int32Array;
  /** Global track rows of the two candidates (-1 when nGoodTracks != 2); track 1 is the + one if charges differ. */
  readonly track1: Int32Array;
  readonly track2: Int32Array;
  /** 1 when the candidates have opposite charges. */
  readonly oppositeCharge: Uint8Array;
  /** Muon / electron likelihood ratios of the candidates. */
  readonly muonLR1: Float32Array;
  readonly muonLR2: Float32Array;
  readonly electronLR1: Float32Array;
  readonly electronLR2: Float32Array;
  /** Smaller lab transverse momentum of the two candidates [GeV]. */
  readonly ptMin: Float64Array;
  /** Squared recoil mass (lab, nominal P_init) [GeV^2], signed. */
  readonly m2Recoil: Float64Array;
  /** Recoil polar angle in the lab [rad]. */
  readonly thetaRecoil: Float64Array;
  /** Recoil polar angle in the c.m. [rad]. */
  readonly thetaRecoilCm: Float64Array;
  /** Recoil transverse momentum in the c.m. [GeV] (= Punzi-net input 4, dimuon c.m. pT). */
  readonly ptRecoilCm: Float64Array;
  /** Opening angle of the two candidates in the c.m. [rad]. */
  readonly openingAngleCm: Float64Array;
  /** Punzi-net input 1: muon pT w.r.t. the dimuon thrust axis (c.m.) [GeV]. */
  readonly ptThrust: Float64Array;
  /** Punzi-net input 2: pT of the higher-energy muon w.r.t. the lower-energy one (c.m.) [GeV]. */
  readonly ptHiLo: Float64Array;
  /** Punzi-net input 3: longitudinal momentum of the higher-energy muon along the other (c.m.) [GeV]. */
  readonly pLongHiLo: Float64Array;
  /** Sum of photon energies above photonEMin [GeV] (defined for every event). */
  readonly photonESum: Float64Array;
  /** Lab angle between the recoil momentum and the closest photon above photonEMin [rad] (+Inf if none). */
  readonly photonMinAngle: Float64Array;
  /** Same for photons above hardPhotonEMin [rad] (+Inf if none). */
  readonly hardPhotonMinAngle: Float64Array;
}

function positive(v: number, what: string): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new ConfigError(`must be a positive number, got ${v}`, what);
  return v;
}

/** Resolve and validate {@link VariableOptions} (ConfigError on bad values). */
export function variableSettings(opts: VariableOptions = {}): VariableSettings {
  return {
    d0Max: positive(opts.d0Max ?? 0.5, "variables.d0Max"),
    z0Max: positive(opts.z0Max ?? 2.0, "variables.z0Max"),
    photonEMin: positive(opts.photonEMin ?? 0.1, "variables.photonEMin"),
    hardPhotonEMin: positive(opts.hardPhotonEMin ?? 1.0, "variables.hardPhotonEMin"),
    trackMass: opts.trackMass === undefined ? M_MU : positive(opts.trackMass, "variables.trackMass"),
  };
}

/**
 * Compute the analysis-A variables of every event.
 *
 * @param reco reconstructed events (lab momenta in GeV, d0/z0 in cm)
 * @param frame beam frame: nominal P_init and lab -> c.m. transformation
 * @param opts IP cuts, photon thresholds, track mass (paper defaults)
 * @example
 * const v = computeVariables(reco, beamFrame(belle2Beams()));
 * v.m2Recoil[0] // GeV^2
 */
export function computeVariables(
  reco: RecoEvents,
  frame: BeamFrame,
  opts: VariableOptions = {},
): InvisibleVariables {
  const st = variableSettings(opts);
  const n = reco.nEvents;
  const f64 = () => new Float64Array(n).fill(Number.NaN);
  const f32 = () => new Float32Array(n).fill(Number.NaN);
  const v = {
    nEvents: n,
    settings: st,
    weight: reco.weight,
    trigger: reco.trigger,
    nTracks: new Int32Array(n),
    nGoodTracks: new Int32Array(n),
    track1: new Int32Array(n).fill(-1),
    track2: new Int32Array(n).fill(-1),
    oppositeCharge: new Uint8Array(n),
    muonLR1: f32(),
    muonLR2: f32(),
    electronLR1: f32(),
    electronLR2: f32(),
    ptMin: f64(),
    m2Recoil: f64(),
    thetaRecoil: f64(),
    thetaRecoilCm: f64(),
    ptRecoilCm: f64(),
    openingAngleCm: f64(),
    ptThrust: f64(),
    ptHiLo: f64(),
    pLongHiLo: f64(),
    photonESum: new Float64Array(n),
    photonMinAngle: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    hardPhotonMinAngle: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
  };
  const { px, py, pz, d0, z0, charge } = reco;
  const { photonE, photonTheta, photonPhi } = reco;
  const P = frame.pInit;
  const m2 = st.trackMass * st.trackMass;
  const c1 = new Float64Array(4);
  const c2 = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const t0 = reco.trackOffsets[i]!;
    const t1 = reco.trackOffsets[i + 1]!;
    v.nTracks[i] = t1 - t0;
    let good = 0;
    let a = -1;
    let b = -1;
    for (let k = t0; k < t1; k++) {
      if (Math.abs(d0[k]!) < st.d0Max && Math.abs(z0[k]!) < st.z0Max) {
        if (good === 0) a = k;
        else if (good === 1) b = k;
        good++;
      }
    }
    v.nGoodTracks[i] = good;
    // photon energy sum is defined for every event (control plots, veto studies)
    const g0 = reco.photonOffsets[i]!;
    const g1 = reco.photonOffsets[i + 1]!;
    let eSum = 0;
    for (let g = g0; g < g1; g++) if (photonE[g]! > st.photonEMin) eSum += photonE[g]!;
    v.photonESum[i] = eSum;
    if (good !== 2) continue;
    // the positive track first when the charges differ
    if (charge[a]! < 0 && charge[b]! > 0) {
      const t = a;
      a = b;
      b = t;
    }
    v.track1[i] = a;
    v.track2[i] = b;
    v.oppositeCharge[i] = charge[a]! * charge[b]! < 0 ? 1 : 0;
    v.muonLR1[i] = reco.muonLR[a]!;
    v.muonLR2[i] = reco.muonLR[b]!;
    v.electronLR1[i] = reco.electronLR[a]!;
    v.electronLR2[i] = reco.electronLR[b]!;
    const ax = px[a]!;
    const ay = py[a]!;
    const az = pz[a]!;
    const bx = px[b]!;
    const by = py[b]!;
    const bz = pz[b]!;
    const ea = Math.sqrt(ax * ax + ay * ay + az * az + m2);
    const eb = Math.sqrt(bx * bx + by * by + bz * bz + m2);
    v.ptMin[i] = Math.min(Math.hypot(ax, ay), Math.hypot(bx, by));
    // recoil in the lab
    const rx = P.px - ax - bx;
    const ry = P.py - ay - by;
    const rz = P.pz - az - bz;
    v.m2Recoil[i] = recoilMass2(P.px, P.py, P.pz, P.e, ax + bx, ay + by, az + bz, ea + eb);
    v.thetaRecoil[i] = theta(rx, ry, rz);
    // c.m. quantities; the c.m. recoil is -(p1 + p2) since P_init = (0, 0, 0, sqrt s) there
    labToCmVector(frame, ax, ay, az, ea, c1);
    labToCmVector(frame, bx, by, bz, eb, c2);
    const sx = c1[0]! + c2[0]!;
    const sy = c1[1]! + c2[1]!;
    const sz = c1[2]! + c2[2]!;
    v.thetaRecoilCm[i] = theta(-sx, -sy, -sz);
    v.ptRecoilCm[i] = Math.hypot(sx, sy);
    v.openingAngleCm[i] = openingAngle(c1[0]!, c1[1]!, c1[2]!, c2[0]!, c2[1]!, c2[2]!);
    v.ptThrust[i] = thrustPt(c1[0]!, c1[1]!, c1[2]!, c2[0]!, c2[1]!, c2[2]!);
    // higher / lower c.m. energy muon (ties: track 1 counts as the higher one)
    const hi = c1[3]! >= c2[3]! ? c1 : c2;
    const lo = hi === c1 ? c2 : c1;
    v.ptHiLo[i] = ptRel(hi[0]!, hi[1]!, hi[2]!, lo[0]!, lo[1]!, lo[2]!);
    v.pLongHiLo[i] = pLong(hi[0]!, hi[1]!, hi[2]!, lo[0]!, lo[1]!, lo[2]!);
    // photons against the lab recoil direction
    let minAll = Number.POSITIVE_INFINITY;
    let minHard = Number.POSITIVE_INFINITY;
    for (let g = g0; g < g1; g++) {
      const e = photonE[g]!;
      if (!(e > st.photonEMin)) continue;
      const th = photonTheta[g]!;
      const ph = photonPhi[g]!;
      const s = Math.sin(th);
      const ang = openingAngle(s * Math.cos(ph), s * Math.sin(ph), Math.cos(th), rx, ry, rz);
      if (ang < minAll) minAll = ang;
      if (e > st.hardPhotonEMin && ang < minHard) minHard = ang;
    }
    v.photonMinAngle[i] = minAll;
    v.hardPhotonMinAngle[i] = minHard;
  }
  return v;
}

/** Number of Punzi-net input features. */
export const PUNZI_FEATURES = 4;

/** Names of the Punzi-net features, in column order (for model metadata). */
export const PUNZI_FEATURE_NAMES: readonly string[] = ["ptThrustCm", "ptHiLoCm", "pLongHiLoCm", "ptDimuonCm"];

/**
 * Punzi-net inputs of the events listed in `rows` (row-major rows.length x 4, float32):
 * [ptThrust, ptHiLo, pLongHiLo, ptRecoilCm] in GeV. Rows without candidates give NaN.
 *
 * @example const x = punziFeatures(v, selectedRows(mask));
 */
export function punziFeatures(
  v: InvisibleVariables,
  rows: ArrayLike<number>,
  out: Float32Array = new Float32Array(rows.length * PUNZI_FEATURES),
): Float32Array {
  if (out.length < rows.length * PUNZI_FEATURES) throw new RangeError("punziFeatures: output too short");
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const o = r * PUNZI_FEATURES;
    out[o] = v.ptThrust[i]!;
    out[o + 1] = v.ptHiLo[i]!;
    out[o + 2] = v.pLongHiLo[i]!;
    out[o + 3] = v.ptRecoilCm[i]!;
  }
  return out;
}

/** Indices i with mask[i] nonzero, in increasing order. */
export function selectedRows(mask: ArrayLike<number>): Int32Array {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) c++;
  const out = new Int32Array(c);
  c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[c++] = i;
  return out;
}
