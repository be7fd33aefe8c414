/**
 * Level-1 trigger emulation on reconstructed tracks and ECL clusters (physics.md 7.3):
 *
 * - two-track: >= 1 pair of tracks with theta in [37, 120] deg and azimuthal opening angle above
 *   90 deg (2019) or 30 deg (2020), not vetoed as Bhabha. With several run periods in the card the
 *   event passes with probability sum of the luminosity shares of the periods whose requirement
 *   its widest pair meets (one uniform, drawn only when that sum is strictly between 0 and 1);
 * - three-track: >= 3 tracks with theta in [37, 120] deg and pT above a threshold;
 * - single-muon: a track matched to barrel-KLM hits (51 < theta < 117 deg); the per-track match
 *   probability is drawn by the simulation, so the multi-muon efficiency is 1 - prod(1 - eps_i);
 * - ECL energy: total cluster energy in 22 < theta < 128 deg above 1 GeV (the reference trigger);
 * - Bhabha veto: two clusters above `clusterEnergyMin` whose energies add up to more than
 *   `energySumMin` (lab frame; back-to-back topology is implied by the energies at these values).
 *
 * Each line fires with its plateau efficiency once its condition holds. Clusters are the photons
 * plus the ECL deposits of tracks (`eclEnergy`, at the track's direction).
 */
import type { Stream } from "../core/random.ts";
import {
  type RecoEvents,
  TRG_BHABHA,
  TRG_ECL_ENERGY,
  TRG_SINGLE_MUON,
  TRG_THREE_TRACK,
  TRG_TWO_TRACK,
} from "../physics/recoEvents.ts";
import type { CompiledCard } from "./card.ts";

/**
 * Trigger bits of one event: tracks [t0, t1) and photons [g0, g1) of `ev` (global rows).
 * `klmMatched[k - t0]` is 1 when track k has matched barrel-KLM hits. `rng` draws the plateau
 * efficiencies (one uniform per line whose condition holds).
 *
 * @returns OR of TRG_* bits
 */
export function triggerBits(
  ev: RecoEvents,
  t0: number,
  t1: number,
  g0: number,
  g1: number,
  klmMatched: Uint8Array,
  trg: CompiledCard["trigger"],
  rng: Stream,
): number {
  let bits = 0;
  const px = ev.px;
  const py = ev.py;
  const pz = ev.pz;
  // polar-angle bands compared through cos(theta) = pz/p (cos falls with theta): no atan2 here
  const ecl = trg.eclEnergy;
  const eclCosHi = ecl.cosHi;
  const eclCosLo = ecl.cosLo;

  // Bhabha veto and ECL sum over all clusters
  const bv = trg.bhabhaVeto;
  let e1 = 0; // two largest cluster energies
  let e2 = 0;
  let eSum = 0;
  for (let k = t0; k < t1; k++) {
    const e = ev.eclEnergy[k]!;
    if (e <= 0) continue;
    if (e > e1) {
      e2 = e1;
      e1 = e;
    } else if (e > e2) e2 = e;
    const ct = pz[k]! / Math.sqrt(px[k]! * px[k]! + py[k]! * py[k]! + pz[k]! * pz[k]!);
    if (ct <= eclCosHi && ct >= eclCosLo) eSum += e;
  }
  for (let k = g0; k < g1; k++) {
    const e = ev.photonE[k]!;
    if (e > e1) {
      e2 = e1;
      e1 = e;
    } else if (e > e2) e2 = e;
    const th = ev.photonTheta[k]!;
    if (th >= ecl.min && th <= ecl.max) eSum += e;
  }
  const bhabha = bv.enabled && e2 >= bv.clusterEnergyMin && e1 + e2 >= bv.energySumMin;
  if (bhabha) bits |= TRG_BHABHA;
  if (eSum >= ecl.energyMin && rng.uniform() < ecl.efficiency) bits |= TRG_ECL_ENERGY;

  // track lines
  const tt = trg.twoTrack;
  const t3 = trg.threeTrack;
  const sm = trg.singleMuon;
  const ttHi = tt.cosHi;
  const ttLo = tt.cosLo;
  const t3Hi = t3.cosHi;
  const t3Lo = t3.cosLo;
  const smHi = sm.cosHi;
  const smLo = sm.cosLo;
  const periods = tt.periods;
  // the loosest period's requirement: a pair below it passes in every period
  const cosLoosest = periods[periods.length - 1]!.cosDeltaPhiMin;
  let n3 = 0;
  let cosWidest = 2; // cos of the widest azimuthal opening of a pair in the acceptance
  let klm = false;
  for (let k = t0; k < t1; k++) {
    const pxk = px[k]!;
    const pyk = py[k]!;
    const pt2 = pxk * pxk + pyk * pyk;
    const pt = Math.sqrt(pt2);
    const ct = pz[k]! / Math.sqrt(pt2 + pz[k]! * pz[k]!);
    if (ct <= t3Hi && ct >= t3Lo && pt >= t3.ptMin) n3++;
    if (klmMatched[k - t0] === 1 && ct <= smHi && ct >= smLo && pt >= sm.ptMin) klm = true;
    if (cosWidest < cosLoosest || ct > ttHi || ct < ttLo) continue;
    for (let j = t0; j < k; j++) {
      const pxj = px[j]!;
      const pyj = py[j]!;
      const ptj2 = pxj * pxj + pyj * pyj;
      const ctj = pz[j]! / Math.sqrt(ptj2 + pz[j]! * pz[j]!);
      if (ctj > ttHi || ctj < ttLo) continue;
      // delta phi > min  <=>  cos(delta phi) < cos(min), delta phi in [0, pi]
      const c = (pxk * pxj + pyk * pyj) / (pt * Math.sqrt(ptj2));
      if (c < cosWidest) cosWidest = c;
    }
  }
  // luminosity share of the periods whose requirement the widest pair meets
  let share = 0;
  for (let p = 0; p < periods.length; p++)
    if (cosWidest < periods[p]!.cosDeltaPhiMin) share += periods[p]!.fraction;
  const pair = share >= 1 - 1e-12 || (share > 0 && rng.uniform() < share);
  if (pair && !bhabha && rng.uniform() < tt.efficiency) bits |= TRG_TWO_TRACK;
  if (n3 >= 3 && rng.uniform() < t3.efficiency) bits |= TRG_THREE_TRACK;
  if (klm) bits |= TRG_SINGLE_MUON;
  return bits;
}
