/**
 * Generator-level preselections. Each is documented in words (printed by `mumux xsec --process
 * NAME --preselect`) and is built to be strictly looser than the analysis selections it serves,
 * with margins for the detector resolution (physics.md 7.2, 7.4; invisible-zprime.md,
 * four-muon.md). Events failing it can never pass those selections, so dropping them changes the
 * quoted cross section but no analysis yield.
 */
import { deg } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import type { EventScratch } from "./eventScratch.ts";

/** Lab polar-angle window of a usable track [rad]: CDC 17-150 deg widened by 2 deg (four-track use). */
const TRACK_THETA_MIN = deg(15);
const TRACK_THETA_MAX = deg(152);
/**
 * Lab polar-angle window of each track of the pair [rad]: the two-track trigger needs a pair with
 * 37 < theta < 120 deg, and the selection has exactly two tracks, so both are in it; widened by 2 deg.
 */
const PAIR_THETA_MIN = deg(35);
const PAIR_THETA_MAX = deg(122);
/**
 * Tracks that are reconstructed with certainty (lab pT > 0.2 GeV, 20 < theta < 145 deg, well inside
 * the CDC): the selection wants exactly two tracks, so a third such track fails it.
 */
const SURE_TRACK_PT = 0.2;
const SURE_TRACK_THETA_MIN = deg(20);
const SURE_TRACK_THETA_MAX = deg(145);
/** Azimuthal opening of the pair [rad]: trigger 30 deg (2020) / 90 deg (2019), widened by 5 deg. */
const PAIR_DPHI_MIN = deg(25);
/** Lab p_T of a usable track [GeV] (analysis 0.4; resolution << 0.1 GeV). */
const TRACK_PT_MIN = 0.3;
/** c.m. transverse recoil momentum [GeV] (analysis 0.5; margin for momentum resolution and the c.m. axis choice). */
export const RECOIL_PT_MIN = 0.35;
/** Photons that are surely reconstructed: lab energy [GeV] (threshold 0.1 with resolution margin). */
const SURE_PHOTON_E = 0.15;
/** Total energy of surely reconstructed photons above which the photon veto (0.5 GeV) always fires. */
const SURE_PHOTON_SUM = 0.7;
/** Photons closer than this to a charged track at the vertex may merge with its cluster [rad]. */
const MERGE_CONE = deg(3);
/** ECL regions (lab theta, rad) shrunk by 1 deg at every edge: forward, barrel (two halves), backward. */
const SURE_ECL: readonly (readonly [number, number])[] = [
  [deg(13.4), deg(30.4)],
  [deg(33.2), deg(88)],
  [deg(92), deg(127.7)],
  [deg(131.7), deg(154.1)],
];

/** Charged, detector-visible PDG ids (e, mu, pi, K, p). */
export function isChargedVisible(pdg: number): boolean {
  const a = pdg < 0 ? -pdg : pdg;
  return a === 11 || a === 13 || a === 211 || a === 321 || a === 2212;
}

/** Charge of the visible charged particles above (sign convention of the PDG numbering). */
export function chargeOf(pdg: number): number {
  const a = pdg < 0 ? -pdg : pdg;
  if (a === 11 || a === 13) return pdg > 0 ? -1 : 1;
  if (a === 211 || a === 321 || a === 2212) return pdg > 0 ? 1 : -1;
  return 0;
}

function usableTrack(lab: EventScratch, i: number): boolean {
  if (lab.status[i] !== 1 || !isChargedVisible(lab.pdg[i]!)) return false;
  const px = lab.px[i]!;
  const py = lab.py[i]!;
  const pt = Math.sqrt(px * px + py * py);
  if (pt < TRACK_PT_MIN) return false;
  const th = Math.atan2(pt, lab.pz[i]!);
  return th >= PAIR_THETA_MIN && th <= PAIR_THETA_MAX;
}

/** Azimuthal opening angle of particles i and j in [0, pi]. */
function deltaPhi(lab: EventScratch, i: number, j: number): number {
  const d = Math.abs(Math.atan2(lab.py[i]!, lab.px[i]!) - Math.atan2(lab.py[j]!, lab.px[j]!));
  return d > Math.PI ? 2 * Math.PI - d : d;
}

function inSureEcl(theta: number): boolean {
  for (const [a, b] of SURE_ECL) if (theta >= a && theta <= b) return true;
  return false;
}

/** Sum of lab energies of photons that any reasonable reconstruction sees as isolated clusters. */
export function surePhotonEnergy(lab: EventScratch): number {
  let sum = 0;
  for (let i = 0; i < lab.n; i++) {
    if (lab.status[i] !== 1 || lab.pdg[i] !== 22) continue;
    const e = lab.e[i]!;
    if (e < SURE_PHOTON_E) continue;
    const px = lab.px[i]!;
    const py = lab.py[i]!;
    const pz = lab.pz[i]!;
    const th = Math.atan2(Math.sqrt(px * px + py * py), pz);
    if (!inSureEcl(th)) continue;
    let merged = false;
    const cosCone = Math.cos(MERGE_CONE);
    for (let j = 0; j < lab.n && !merged; j++) {
      if (lab.status[j] !== 1 || !isChargedVisible(lab.pdg[j]!)) continue;
      const qx = lab.px[j]!;
      const qy = lab.py[j]!;
      const qz = lab.pz[j]!;
      const cos =
        (px * qx + py * qy + pz * qz) /
        (Math.sqrt(px * px + py * py + pz * pz) * Math.sqrt(qx * qx + qy * qy + qz * qz));
      if (cos > cosCone) merged = true;
    }
    if (!merged) sum += e;
  }
  return sum;
}

/** Words for {@link invisiblePreselection}. */
export const INVISIBLE_PRESELECTION_DOC =
  "invisible-search preselection (looser than the signal selection and the e-mu / e-e control samples of " +
  "invisible-zprime.md): at least one pair of opposite-charge visible tracks (e, mu, pi, K, p) with lab " +
  "pT > 0.3 GeV and 35 < theta_lab < 122 deg, azimuthal opening > 25 deg (analysis: pT > 0.4 GeV; the " +
  "two-track trigger needs the pair in 37-120 deg with opening > 30 deg (2020) or 90 deg (2019)) whose c.m. recoil " +
  "has pT > 0.35 GeV w.r.t. the c.m. e- axis (analysis: 0.5 GeV); and the summed energy of photons that " +
  "are surely reconstructed (E > 0.15 GeV, inside the ECL shrunk by 1 deg at every edge and gap, more " +
  "than 3 deg from every charged track) is below 0.7 GeV (analysis photon veto: 0.5 GeV); and at most two " +
  "charged tracks are certain to be reconstructed (lab pT > 0.2 GeV, 20 < theta < 145 deg; the selection " +
  "wants exactly two: assumes such tracks are always found). Not valid " +
  "for the mu-mu-gamma control sample (reversed photon veto) nor for trigger-efficiency studies with an " +
  "ECL reference trigger: generate those without --preselect.";

/**
 * Invisible-search preselection (see {@link INVISIBLE_PRESELECTION_DOC}).
 * `cm` and `lab` hold the same particles in the c.m. and laboratory frames.
 */
export function invisiblePreselection(cm: EventScratch, lab: EventScratch, _frame: BeamFrame): boolean {
  let sure = 0;
  for (let i = 0; i < lab.n; i++) {
    if (lab.status[i] !== 1 || !isChargedVisible(lab.pdg[i]!)) continue;
    const pt = Math.hypot(lab.px[i]!, lab.py[i]!);
    if (pt < SURE_TRACK_PT) continue;
    const th = Math.atan2(pt, lab.pz[i]!);
    if (th > SURE_TRACK_THETA_MIN && th < SURE_TRACK_THETA_MAX && ++sure > 2) return false;
  }
  let found = false;
  for (let i = 0; i < lab.n && !found; i++) {
    if (!usableTrack(lab, i)) continue;
    const qi = chargeOf(lab.pdg[i]!);
    for (let j = i + 1; j < lab.n; j++) {
      if (!usableTrack(lab, j) || chargeOf(lab.pdg[j]!) === qi) continue;
      if (deltaPhi(lab, i, j) < PAIR_DPHI_MIN) continue;
      const rx = cm.px[i]! + cm.px[j]!;
      const ry = cm.py[i]! + cm.py[j]!;
      if (rx * rx + ry * ry > RECOIL_PT_MIN * RECOIL_PT_MIN) {
        found = true;
        break;
      }
    }
  }
  if (!found) return false;
  return surePhotonEnergy(lab) < SURE_PHOTON_SUM;
}

/**
 * Cheap c.m.-only necessary condition of {@link invisiblePreselection}: some opposite-charge pair of
 * visible charged particles has a c.m. recoil pT above the cut. Lets the engine skip the lab boost.
 */
export function invisiblePrefilter(cm: EventScratch): boolean {
  for (let i = 0; i < cm.n; i++) {
    if (cm.status[i] !== 1 || !isChargedVisible(cm.pdg[i]!)) continue;
    const qi = chargeOf(cm.pdg[i]!);
    for (let j = i + 1; j < cm.n; j++) {
      if (cm.status[j] !== 1 || !isChargedVisible(cm.pdg[j]!) || chargeOf(cm.pdg[j]!) === qi) continue;
      const rx = cm.px[i]! + cm.px[j]!;
      const ry = cm.py[i]! + cm.py[j]!;
      if (rx * rx + ry * ry > RECOIL_PT_MIN * RECOIL_PT_MIN) return true;
    }
  }
  return false;
}

/** Words for {@link fourTrackPreselection}. */
export const FOUR_TRACK_PRESELECTION_DOC =
  "four-muon preselection (looser than four-muon.md): at least four visible charged tracks with lab " +
  "pT > 0.05 GeV and 15 < theta_lab < 152 deg, zero total charge among them possible, and the invariant " +
  "mass of all visible charged tracks (muon hypothesis not assumed) above 9.5 GeV (analysis: 10 < M(4mu) < 11 GeV).";

/** Four-muon preselection (see {@link FOUR_TRACK_PRESELECTION_DOC}); `cm` unused (mass is invariant). */
export function fourTrackPreselection(_cm: EventScratch, lab: EventScratch, _frame: BeamFrame): boolean {
  let n = 0;
  let nPlus = 0;
  let E = 0;
  let X = 0;
  let Y = 0;
  let Z = 0;
  for (let i = 0; i < lab.n; i++) {
    if (lab.status[i] !== 1 || !isChargedVisible(lab.pdg[i]!)) continue;
    const px = lab.px[i]!;
    const py = lab.py[i]!;
    const pt = Math.sqrt(px * px + py * py);
    const th = Math.atan2(pt, lab.pz[i]!);
    if (pt < 0.05 || th < TRACK_THETA_MIN || th > TRACK_THETA_MAX) continue;
    n++;
    if (chargeOf(lab.pdg[i]!) > 0) nPlus++;
    E += lab.e[i]!;
    X += px;
    Y += py;
    Z += lab.pz[i]!;
  }
  if (n < 4 || nPlus < 2 || n - nPlus < 2) return false;
  const m2 = E * E - X * X - Y * Y - Z * Z;
  return m2 > 9.5 * 9.5;
}
