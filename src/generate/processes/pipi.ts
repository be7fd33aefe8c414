/**
 * e+e- -> pi+ pi- (gamma) by radiative return (physics.md 8.2 item 7): a hard initial-state
 * photon brings the pion pair down to the rho region,
 *
 *   sigma = int ds'/s W(s, 1 - s'/s) sigma_pipi(s'),  sigma_pipi = (pi alpha^2/3s') beta^3 |F_pi(s')|^2,
 *
 * with the Kuraev-Fadin W (annihilationIsr.ts), the Gounaris-Sakurai form factor with rho-omega
 * mixing (pionFormFactor.ts), pions at sin^2(theta) in the pair frame, the ISR photon at its dipole
 * angle, FSR off the pions from the dipole antenna (scalar-QED details ignored). The pair mass is
 * generated in 2 m_pi < sqrt(s') < 2 GeV (above, without rho' states, the rate is negligible).
 * Pions fake muons at 3-20% (physics.md 7.2). No reference cross section in physics.md 8.1.
 */
import type { Stream } from "../../core/random.ts";
import { ALPHA_EM, GEV2_TO_FB, M_E, M_PI, PDG } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import { isrBeta, isrStructureFunction } from "../isr.ts";
import { addDipolePhoton } from "./dipoleAngle.ts";
import type { EventScratch } from "./eventScratch.ts";
import { addFinalStateRadiation } from "./finalStateRadiation.ts";
import { pionFormFactor2 } from "./pionFormFactor.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition, type Sampler } from "./process.ts";
import { boostRange } from "./scratchKinematics.ts";

const SQRTS_MAX = 2.0;
const M_RHO = 0.7755;
const G_RHO = 0.1494;

/** Trial sampler of radiative-return pi+ pi- (see module doc). */
export class PionPairSampler implements Sampler {
  readonly sigmaEnvelopeFb: number;
  private readonly s: number;
  private readonly rs: number;
  private readonly beta: number;
  private readonly aMin: number;
  private readonly aMax: number;
  private readonly ratioMax: number;

  constructor(frame: BeamFrame) {
    this.s = frame.s;
    this.rs = frame.sqrtS;
    this.beta = isrBeta(this.s);
    // s' ~ Cauchy around m_rho^2 (width m_rho G_rho), truncated to [4 m_pi^2, SQRTS_MAX^2]
    const sMin = 4 * M_PI * M_PI * (1 + 1e-9);
    const sMax = SQRTS_MAX * SQRTS_MAX;
    const w = M_RHO * G_RHO;
    this.aMin = Math.atan((sMin - M_RHO * M_RHO) / w);
    this.aMax = Math.atan((sMax - M_RHO * M_RHO) / w);
    const norm = (this.aMax - this.aMin) * w; // int ds'/(1 + ((s'-m^2)/w)^2)
    let rmax = 0;
    for (let i = 0; i <= 20000; i++) {
      const sp = sMin + ((sMax - sMin) * i) / 20000;
      const g = 1 / (1 + ((sp - M_RHO * M_RHO) / w) ** 2) / norm;
      rmax = Math.max(rmax, (this.integrand(sp) / g) * 1.05);
    }
    this.ratioMax = rmax;
    this.sigmaEnvelopeFb = rmax * GEV2_TO_FB;
  }

  /** d sigma/d s' [GeV^-4] (ISR flux times the pion-pair Born), without the angular part. */
  private integrand(sp: number): number {
    const x = 1 - sp / this.s;
    const bpi2 = 1 - (4 * M_PI * M_PI) / sp;
    if (bpi2 <= 0) return 0;
    const sigma = ((Math.PI * ALPHA_EM * ALPHA_EM) / (3 * sp)) * bpi2 ** 1.5 * pionFormFactor2(sp);
    return (isrStructureFunction(x, this.beta) / this.s) * sigma;
  }

  trial(rng: Stream, ev: EventScratch): number {
    const w = M_RHO * G_RHO;
    const a = this.aMin + (this.aMax - this.aMin) * rng.uniform();
    const sp = M_RHO * M_RHO + w * Math.tan(a);
    const norm = (this.aMax - this.aMin) * w;
    const g = 1 / (1 + ((sp - M_RHO * M_RHO) / w) ** 2) / norm;
    let r = this.integrand(sp) / g / this.ratioMax;
    if (!(r > 0)) return 0;
    if (r > 1) r = 1;
    const x = 1 - sp / this.s;
    const k = 0.5 * x * this.rs;
    const iG = addDipolePhoton(rng, ev, k, (M_E / (0.5 * this.rs)) ** 2);
    const kx = ev.px[iG]!;
    const ky = ev.py[iG]!;
    const kz = ev.pz[iG]!;
    // pions at sin^2 theta in the pair frame (axis: beam, a good approximation for the boosted pair)
    let c: number;
    do c = 2 * rng.uniform() - 1;
    while (rng.uniform() > 1 - c * c);
    const st = Math.sqrt(1 - c * c);
    const phi = 2 * Math.PI * rng.uniform();
    const rsp = Math.sqrt(sp);
    const p = Math.sqrt(0.25 * sp - M_PI * M_PI);
    const px = p * st * Math.cos(phi);
    const py = p * st * Math.sin(phi);
    const pz = p * c;
    const i = ev.add(-PDG.pi, 1, -1, px, py, pz, 0.5 * rsp);
    ev.add(PDG.pi, 1, -1, -px, -py, -pz, 0.5 * rsp);
    addFinalStateRadiation(rng, ev, i, i + 1, M_PI, sp);
    const E = this.rs - k;
    boostRange(ev, i, ev.n, -kx / E, -ky / E, -kz / E);
    return r;
  }
}

/** Definition of the pi pi process (see module doc). */
export const pipiDefinition: ProcessDefinition = {
  name: "pipi",
  description: "e+e- -> pi+ pi- gamma (radiative return, Gounaris-Sakurai form factor with rho-omega mixing)",
  reference: "no reference value in physics.md (PHOKHARA in Belle II); sqrt(s') < 2 GeV",
  preselectionDoc: INVISIBLE_PRESELECTION_DOC,
  defaultTrials: 400_000,
  makeSampler: (frame) => new PionPairSampler(frame),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** e+e- -> pi+ pi- (gamma). */
export const pipi = makeProcess(pipiDefinition);
