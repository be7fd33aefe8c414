/**
 * The Belle II fast simulation: truth events -> reconstructed events, one chunk at a time.
 *
 * Per final-state particle (status 1) in the laboratory frame:
 * - charged (e, mu, pi, K, p): tracked inside the CDC acceptance above pT_min with the tracking
 *   efficiency; pT, theta, phi smeared with Gaussian resolutions (trackResolution.ts); d0, z0 drawn
 *   around 0 (truth events carry no vertex: every particle comes from the interaction point);
 *   charge from the PDG id; muon and electron likelihood ratios from the card's tables
 *   (likelihoodRatio.ts, evaluated at the true theta and p); an ECL deposit (electrons E/p ~ 1,
 *   muons and non-showering pions a minimum-ionising deposit, showering pions a uniform fraction
 *   of p) when the particle reaches the ECL (barrel only above pT 0.28 GeV). A charged particle
 *   that is not tracked but deposits energy leaves an unmatched cluster, i.e. a "photon";
 * - photons: reconstructed inside the ECL regions outside the gaps with the region's efficiency,
 *   unless converted in the material (optional), with smeared energy and angles, kept above the
 *   photon threshold; a photon within the track-cluster matching radius of a track's ECL entry
 *   point (helix in the solenoid field) is merged into that track's cluster instead;
 * - neutrinos, Z', dark-sector and other neutral particles are invisible.
 * Beam-background photons (Poisson number, exponential energies, uniform in cos theta over the
 * ECL) go through the same acceptance and threshold. Then the trigger lines are emulated.
 *
 * Determinism: chunk `chunkIndex` draws only from `stream(seed, chunkIndex)`, so splitting the
 * work over any number of workers gives identical output.
 */
import { type Stream, stream } from "../core/random.ts";
import { M_E, M_MU, M_PI } from "../core/units.ts";
import { type RecoEvents, RecoEventsBuilder } from "../physics/recoEvents.ts";
import type { TruthEvents } from "../physics/truthEvents.ts";
import { eclRegionIndex } from "./acceptance.ts";
import { type CompiledCard, type CompiledTable, compileCard, type DetectorCard, tableValue } from "./card.ts";
import { eclAngularSigma, eclEnergyRelativeSigma } from "./eclResolution.ts";
import { fastNormal } from "./fastNormal.ts";
import { likelihoodRatio } from "./likelihoodRatio.ts";
import { angularSigma, d0Sigma, ptRelativeSigma, z0Sigma } from "./trackResolution.ts";
import { triggerBits } from "./trigger.ts";

const STATUS_FINAL = 1;
const MAX_TRACKS_PER_EVENT = 4096;

/** Species codes used inside the loop (no strings on the hot path). */
const SP_NONE = 0;
const SP_E = 1;
const SP_MU = 2;
const SP_PI = 3; // pions, kaons, protons: hadron tables
const SP_GAMMA = 4;

/** Species code and charge sign of a PDG id. */
function speciesOf(pdg: number): number {
  const a = pdg < 0 ? -pdg : pdg;
  if (a === 13) return SP_MU;
  if (a === 11) return SP_E;
  if (a === 22) return SP_GAMMA;
  if (a === 211 || a === 321 || a === 2212) return SP_PI;
  return SP_NONE;
}

/** The muon-ID table of a charged species (hadrons share the pion table). */
function muonIdTable(pid: CompiledCard["pid"], species: number): CompiledTable {
  return species === SP_MU ? pid.muMu : species === SP_E ? pid.muE : pid.muPi;
}

/**
 * P(muonLR > 0.5) of a charged particle of PDG id `pdg` with true polar angle `theta` [rad] and
 * momentum `p` [GeV]: the probability the simulation draws against. 0 for neutral or unknown ids.
 */
export function muonIdProbability(card: CompiledCard, pdg: number, theta: number, p: number): number {
  const sp = speciesOf(pdg);
  if (sp === SP_NONE || sp === SP_GAMMA) return 0;
  return tableValue(muonIdTable(card.pid, sp), theta, p);
}

/** Charge of a charged PDG id handled by {@link speciesOf}: leptons (11, 13) negative for pdg > 0. */
function chargeOf(pdg: number, species: number): number {
  const s = pdg > 0 ? 1 : -1;
  return species === SP_E || species === SP_MU ? -s : s;
}

/** Mass [GeV] for beta in the impact-parameter resolution. */
function massOf(species: number): number {
  return species === SP_E ? M_E : species === SP_MU ? M_MU : M_PI;
}

/** Accept a DetectorCard (validated JSON) or an already compiled card. */
function compiled(card: DetectorCard | CompiledCard): CompiledCard {
  return "card" in card && "tracking" in card && "ptResConst" in (card as CompiledCard).tracking
    ? (card as CompiledCard)
    : compileCard(card as DetectorCard);
}

/**
 * Simulate one chunk of truth events.
 *
 * @param truth truth events (lab frame, GeV)
 * @param card the detector card (validated JSON or {@link compileCard} output; compile once for speed)
 * @param rngSeed master seed of the run
 * @param chunkIndex index of this chunk in the run: the random substream
 * @returns one reconstructed event per truth event, in order
 *
 * @example
 * const reco = simulate(truth, compileCard(belle2DefaultCard()), 42, 0);
 */
export function simulate(
  truth: TruthEvents,
  card: DetectorCard | CompiledCard,
  rngSeed: number,
  chunkIndex: number,
): RecoEvents {
  const c = compiled(card);
  const rng = stream(rngSeed, chunkIndex);
  // size the builder from the charged and neutral final-state counts (upper bounds, nearly
  // reached), so it never grows and build() returns views instead of copies
  let nCharged = 0;
  let nNeutral = 0;
  for (let k = 0; k < truth.pdg.length; k++) {
    if (truth.status[k] !== STATUS_FINAL) continue;
    const sp = speciesOf(truth.pdg[k]!);
    if (sp === SP_GAMMA) nNeutral++;
    else if (sp !== SP_NONE) nCharged++;
  }
  const nEv = Math.max(1, truth.nEvents);
  const b = new RecoEventsBuilder(truth.nEvents, (nCharged + 1) / nEv, (nNeutral + 16) / nEv + 0.05);
  const klm = new Uint8Array(MAX_TRACKS_PER_EVENT);
  const eMin = 0.5 * c.ecl.photonThreshold;
  const lambda = c.ecl.bkgEnergy > 0 ? c.ecl.bkgMean * Math.exp(-eMin / c.ecl.bkgEnergy) : 0;
  const bkg: BkgParams = { eMin, lambda, expMinusLambda: Math.exp(-lambda) };
  for (let i = 0; i < truth.nEvents; i++) {
    simulateEvent(truth, i, c, bkg, rng, b, klm);
  }
  return b.build();
}

/** Thinned beam-background process (see simulateEvent). */
interface BkgParams {
  /** Lowest simulated background energy [GeV]. */
  eMin: number;
  /** Poisson mean of background photons above eMin. */
  lambda: number;
  expMinusLambda: number;
}

/** Simulate event i of `truth` into the open event of `b` and close it. */
function simulateEvent(
  truth: TruthEvents,
  i: number,
  c: CompiledCard,
  bkg: BkgParams,
  rng: Stream,
  b: RecoEventsBuilder,
  klm: Uint8Array,
): void {
  const a0 = truth.offsets[i]!;
  const a1 = truth.offsets[i + 1]!;
  const t0 = b.view.trackOffsets[b.nEvents]!;
  const g0 = b.view.photonOffsets[b.nEvents]!;
  const tk = c.tracking;
  const ecl = c.ecl;
  const pid = c.pid;
  const sm = c.trigger.singleMuon;
  const tm = ecl.trackMatch;
  let nTrk = 0;
  let nHit = 0;
  let nGamma = 0;
  for (let k = a0; k < a1; k++) {
    if (truth.status[k] !== STATUS_FINAL) continue;
    const pdg = truth.pdg[k]!;
    const sp = speciesOf(pdg);
    if (sp === SP_NONE) continue;
    const px = truth.px[k]!;
    const py = truth.py[k]!;
    const pz = truth.pz[k]!;
    const pt = Math.sqrt(px * px + py * py);
    const p = Math.sqrt(pt * pt + pz * pz);
    if (p === 0) continue;
    if (sp === SP_GAMMA) {
      nGamma++; // second pass, once every track is known
      continue;
    }
    const theta = Math.atan2(pt, pz);
    // ECL deposit of a charged particle that reaches the calorimeter
    let edep = 0;
    const region = eclRegionIndex(ecl, theta);
    const reaches =
      region >= 0 && (theta < ecl.barrel.min || theta > ecl.barrel.max || pt >= ecl.chargedBarrelPtMin);
    if (reaches) {
      if (sp === SP_E) edep = p * (ecl.eopMean + ecl.eopSigma * fastNormal(rng));
      else if (sp === SP_PI && rng.uniform() < ecl.pionShowerFraction) edep = p * rng.uniform();
      else edep = ecl.mipMean + ecl.mipSigma * fastNormal(rng);
      if (edep < 0) edep = 0;
    }
    const tracked =
      theta >= tk.thetaMin && theta <= tk.thetaMax && pt >= tk.ptMin && rng.uniform() < tk.efficiency;
    if (!tracked) {
      // an unmatched deposit is a neutral cluster for the reconstruction
      if (edep > 0) photon(c, rng, b, edep, theta, Math.atan2(py, px), k - a0, true);
      continue;
    }
    if (nTrk >= MAX_TRACKS_PER_EVENT) continue; // pathological event: keep the first 4096 tracks
    const ptR = pt * (1 + ptRelativeSigma(tk, pt) * fastNormal(rng));
    if (!(ptR > 0)) continue; // a > 100% fluctuation: the track is lost
    const sAng = angularSigma(tk, p);
    // rotate (theta, phi) by small Gaussian angles without atan2/acos round trips
    const sinT = pt / p;
    const cosT = pz / p;
    const dTh = sAng * fastNormal(rng);
    const cD = cosSmall(dTh);
    const sD = sinSmall(dTh);
    let sinTR = sinT * cD + cosT * sD;
    const cosTR = cosT * cD - sinT * sD;
    if (sinTR < 1e-6) sinTR = 1e-6; // smeared through the beam axis: keep the track just off it
    const dPh = sAng * fastNormal(rng);
    const cP = cosSmall(dPh);
    const sP = sinSmall(dPh);
    const cosPhi = pt > 0 ? px / pt : 1;
    const sinPhi = pt > 0 ? py / pt : 0;
    const m = massOf(sp);
    const beta = p / Math.sqrt(p * p + m * m);
    const d0 = d0Sigma(tk, p, beta, sinT) * fastNormal(rng);
    const z0 = z0Sigma(tk, p, beta, sinT) * fastNormal(rng);
    const muEff = tableValue(muonIdTable(pid, sp), theta, p);
    const eEff = tableValue(sp === SP_E ? pid.eE : sp === SP_MU ? pid.eMu : pid.ePi, theta, p);
    const muLR = likelihoodRatio(rng.uniform(), muEff);
    const eLR = likelihoodRatio(rng.uniform(), eEff);
    // barrel-KLM match for the single-muon trigger (muons penetrate; pions punch through rarely)
    const klmEff = sp === SP_MU ? sm.muonEfficiency : sp === SP_PI ? sm.pionEfficiency : 0;
    klm[nTrk] = klmEff > 0 && pt >= c.klm.barrelPtMin && rng.uniform() < klmEff ? 1 : 0;
    const q = chargeOf(pdg, sp);
    const row = b.track(
      q,
      ptR * (cosPhi * cP - sinPhi * sP),
      ptR * (sinPhi * cP + cosPhi * sP),
      (ptR * cosTR) / sinTR,
      d0,
      z0,
      muLR,
      eLR,
      edep,
      k - a0,
    );
    if (tm.radius > 0 && edep > 0 && pt > 0) {
      // remember the track; its ECL entry point is computed only if the event has a photon
      hitPt[nHit] = pt;
      hitPz[nHit] = pz;
      hitP[nHit] = p;
      hitCos[nHit] = cosPhi;
      hitSin[nHit] = sinPhi;
      hitQ[nHit] = q;
      hitTrack[nHit] = row;
      nHit++;
    }
    nTrk++;
  }
  // photons: a photon whose shower overlaps the ECL entry point of a track (within the matching
  // radius) is merged into that track's cluster, so the reconstruction never sees it as a photon
  // (Belle II matches a track to the cluster containing its extrapolated hit): the way an FSR
  // photon nearly collinear with a muon escapes the photon veto
  const cosR = Math.cos(tm.radius);
  let hitsReady = false;
  for (let k = a0; nGamma > 0 && k < a1; k++) {
    if (truth.status[k] !== STATUS_FINAL || speciesOf(truth.pdg[k]!) !== SP_GAMMA) continue;
    const px = truth.px[k]!;
    const py = truth.py[k]!;
    const pz = truth.pz[k]!;
    const pt = Math.sqrt(px * px + py * py);
    const p = Math.sqrt(pt * pt + pz * pz);
    if (p === 0) continue;
    let merged = -1;
    if (nHit > 0) {
      if (!hitsReady) {
        entryDirections(tm, nHit);
        hitsReady = true;
      }
      const ux = px / p;
      const uy = py / p;
      const uz = pz / p;
      for (let h = 0; h < nHit; h++) {
        // NaN for a track that curls up before the ECL: never merges
        if (ux * hitUx[h]! + uy * hitUy[h]! + uz * hitUz[h]! > cosR) {
          merged = hitTrack[h]!;
          break;
        }
      }
    }
    if (merged >= 0) b.view.eclEnergy[merged]! += truth.e[k]!;
    else photon(c, rng, b, truth.e[k]!, Math.atan2(pt, pz), Math.atan2(py, px), k - a0);
  }
  // beam-background photons. Only those above half the photon threshold can pass it (the rest
  // would need a > 10 sigma fluctuation), so thin the Poisson process: the number above E_min is
  // Poisson(lambda exp(-E_min/mean)) and, the exponential being memoryless, their energies are
  // E_min + Exp(mean). Same distribution of reconstructed photons, a fraction of the draws.
  if (bkg.lambda > 0) {
    let n = 0;
    const u = rng.uniform();
    let pk = bkg.expMinusLambda;
    let cdf = pk;
    while (u > cdf && n < 64) {
      n++;
      pk *= bkg.lambda / n;
      cdf += pk;
    }
    for (let j = 0; j < n; j++) {
      const e = bkg.eMin + ecl.bkgEnergy * -Math.log(rng.uniformOpen());
      const cosT = COS_BKG_MIN - rng.uniform() * (COS_BKG_MIN - COS_BKG_MAX);
      const ph = Math.PI * (2 * rng.uniform() - 1);
      photon(c, rng, b, e, Math.acos(cosT), ph, -1, true);
    }
  }
  const view = b.view;
  const t1 = t0 + nTrk;
  const g1 = g0 + b.openPhotons;
  const bits = triggerBits(view, t0, t1, g0, g1, klm, c.trigger, rng);
  b.endEvent(truth.weight[i]!, bits);
}

// beam-background photons are spread over the full ECL (12.4-155.1 deg)
const COS_BKG_MIN = Math.cos((12.4 * Math.PI) / 180);
const COS_BKG_MAX = Math.cos((155.1 * Math.PI) / 180);

// tracks of the current event that reach the ECL, and their entry directions (scratch, reused)
const hitPt = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitPz = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitP = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitCos = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitSin = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitQ = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitTrack = new Int32Array(MAX_TRACKS_PER_EVENT);
const hitUx = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitUy = new Float64Array(MAX_TRACKS_PER_EVENT);
const hitUz = new Float64Array(MAX_TRACKS_PER_EVENT);

/**
 * Unit vectors (from the IP) of where the first n remembered tracks enter the ECL: the barrel's
 * inner cylinder, or the endcap planes (z = forwardZ / backwardZ) when the track reaches them
 * first. The helix keeps theta and turns phi by -q asin(0.3 B r / (2 pT)) at transverse radius r
 * (a positive track turns clockwise seen from +z in a field along +z; r in m, B in T), applied as
 * a rotation of (cos phi0, sin phi0), so no trigonometric calls. NaN for a track that curls up
 * before it gets there.
 */
function entryDirections(tm: CompiledCard["ecl"]["trackMatch"], n: number): void {
  for (let h = 0; h < n; h++) {
    const pt = hitPt[h]!;
    const pz = hitPz[h]!;
    let r = tm.barrelRadius;
    if (pz > 0 && tm.forwardZ * pt < tm.barrelRadius * pz) r = (tm.forwardZ * pt) / pz;
    else if (pz < 0 && tm.backwardZ * pt > tm.barrelRadius * pz) r = (tm.backwardZ * pt) / pz;
    const x = (0.29979 * tm.field * r) / (2 * pt);
    if (!(x < 1)) {
      hitUx[h] = Number.NaN;
      hitUy[h] = Number.NaN;
      hitUz[h] = Number.NaN;
      continue;
    }
    const cd = Math.sqrt(1 - x * x);
    const sd = -hitQ[h]! * x;
    const c0 = hitCos[h]!;
    const s0 = hitSin[h]!;
    const st = pt / hitP[h]!;
    hitUx[h] = st * (c0 * cd - s0 * sd);
    hitUy[h] = st * (s0 * cd + c0 * sd);
    hitUz[h] = pz / hitP[h]!;
  }
}

/** cos(d) for a smearing angle d: Taylor series when small (|d| < 0.1 rad: error < 1e-12). */
function cosSmall(d: number): number {
  if (d > 0.1 || d < -0.1) return Math.cos(d);
  const d2 = d * d;
  return 1 - d2 * (0.5 - d2 * (1 / 24 - d2 / 720));
}

/** sin(d) for a smearing angle d: Taylor series when small (|d| < 0.1 rad: error < 1e-12). */
function sinSmall(d: number): number {
  if (d > 0.1 || d < -0.1) return Math.sin(d);
  const d2 = d * d;
  return d * (1 - d2 * (1 / 6 - d2 * (1 / 120 - d2 / 5040)));
}

/**
 * One neutral ECL cluster from a particle of energy e at (theta, phi): acceptance (gaps never
 * reconstruct), efficiency, conversion (photons only), energy and angle smearing, threshold.
 */
function photon(
  c: CompiledCard,
  rng: Stream,
  b: RecoEventsBuilder,
  e: number,
  theta: number,
  phi: number,
  truth: number,
  deposit = false,
): void {
  const ecl = c.ecl;
  if (!(e > 0)) return;
  const r = eclRegionIndex(ecl, theta);
  if (r < 0) return;
  const eff = ecl.regions[r]!.efficiency;
  if (eff < 1 && rng.uniform() >= eff) return;
  for (let k = 0; k < ecl.photonLoss.length; k++) {
    const g = ecl.photonLoss[k]!;
    if (theta >= g.min && theta <= g.max && rng.uniform() < g.probability) return;
  }
  if (!deposit && ecl.conversion > 0 && rng.uniform() < ecl.conversion) return;
  const eR = e * (1 + eclEnergyRelativeSigma(ecl, e) * fastNormal(rng));
  if (!(eR >= ecl.photonThreshold)) return;
  const s = eclAngularSigma(ecl, e);
  let thR = theta + s * fastNormal(rng);
  if (thR < 0) thR = -thR;
  else if (thR > Math.PI) thR = 2 * Math.PI - thR;
  let phR = phi + s * fastNormal(rng);
  if (phR > Math.PI) phR -= 2 * Math.PI;
  else if (phR <= -Math.PI) phR += 2 * Math.PI;
  b.photon(eR, thR, phR, truth);
}
