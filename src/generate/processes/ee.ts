/**
 * Bhabha scattering e+e- -> e+e- (gamma ...) for the e e control sample, within the reference
 * acceptance 10 < theta* < 170 deg and E* > 0.15 GeV for both leptons (c.m. frame).
 *
 * Born (s and t channel; e.g. Berestetskii, Lifshitz, Pitaevskii, QED section 81):
 *   d sigma/d Omega = (1/2s) [ a_t^2 (1 + c_h^4)/s_h^4 - 2 a_s a_t c_h^4/s_h^2 + a_s^2 (1 + c^2)/2 ],
 *   c_h = cos(theta/2), s_h = sin(theta/2), a_t = alpha(|t|), a_s = alpha(s)
 * (vacuum polarisation in each photon propagator, runningAlpha.ts with |t| for the space-like one),
 * dressed with Kuraev-Fadin ISR (the soft and collinear 1/s' scaling holds for both channels at
 * fixed angle) and multi-photon FSR off the outgoing pair (finalStateRadiation.ts). Initial-final
 * interference and the t-channel-specific radiative corrections are not included.
 * Born with alpha(0): 286.8 nb in the acceptance (python/scipy quad of the formula above).
 * Reference: BabaYaga@NLO 300 +- 3 nb (physics.md 8.1; accepted 270-330 nb).
 * The electron angle is drawn in [8, 172] deg of the s' frame before the exact acceptance cut on
 * the final c.m. momenta; events migrating in from outside that window (hard ISR only) are missed.
 */
import type { Stream } from "../../core/random.ts";
import { deg, GEV2_TO_FB, M_E, PDG } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import { AnnihilationIsr } from "./annihilationIsr.ts";
import { sampleDipoleCos } from "./dipoleAngle.ts";
import type { EventScratch } from "./eventScratch.ts";
import { addFinalStateRadiation, FSR_MIN_ENERGY } from "./finalStateRadiation.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition, type Sampler } from "./process.ts";
import { runningAlpha } from "./runningAlpha.ts";
import { boostRange } from "./scratchKinematics.ts";

const COS_GEN_MAX = Math.cos(deg(8));
const COS_GEN_MIN = Math.cos(deg(172));
const COS_CUT = Math.cos(deg(10));
const E_CUT = 0.15;

/** Bhabha angular function (without 1/2s) for cos(theta) c, couplings at and as. */
function bhabha(c: number, at: number, as: number): number {
  const ch2 = 0.5 * (1 + c);
  const sh2 = 0.5 * (1 - c);
  return (
    at * at * ((1 + ch2 * ch2) / (sh2 * sh2)) -
    2 * as * at * ((ch2 * ch2) / sh2) +
    as * as * 0.5 * (1 + c * c)
  );
}

/** Trial sampler of Bhabha scattering (see module doc). */
export class BhabhaSampler implements Sampler {
  readonly sigmaEnvelopeFb: number;
  private readonly isr: AnnihilationIsr;
  private readonly s: number;
  private readonly rs: number;
  private readonly K: number;
  private readonly uMin: number;
  private readonly uMax: number;
  private readonly xbuf = new Float64Array(1);

  constructor(frame: BeamFrame) {
    this.s = frame.s;
    this.rs = frame.sqrtS;
    this.isr = new AnnihilationIsr(this.s, 1 - 1 / this.s);
    // envelope K/(1-c)^2 with K = max of bhabha (1-c)^2 at the largest couplings
    const a = runningAlpha(this.s);
    let K = 0;
    for (let i = 0; i <= 2000; i++) {
      const c = COS_GEN_MIN + ((COS_GEN_MAX - COS_GEN_MIN) * i) / 2000;
      K = Math.max(K, bhabha(c, a, a) * (1 - c) ** 2, bhabha(c, a, -a) * (1 - c) ** 2);
    }
    this.K = K * 1.02;
    this.uMin = 1 / (1 - COS_GEN_MIN);
    this.uMax = 1 / (1 - COS_GEN_MAX);
    // int K/(1-c)^2 dc = K (uMax - uMin); d sigma = 2 pi/(2 s) * ...
    this.sigmaEnvelopeFb =
      (Math.PI / this.s) * this.K * (this.uMax - this.uMin) * this.isr.integral * GEV2_TO_FB;
  }

  trial(rng: Stream, ev: EventScratch): number {
    const rIsr = this.isr.sample(rng, this.xbuf);
    let x = this.xbuf[0]!;
    let k = 0.5 * x * this.rs;
    if (k < FSR_MIN_ENERGY) {
      x = 0;
      k = 0;
    }
    const sp = this.s * (1 - x);
    const u = this.uMin + (this.uMax - this.uMin) * rng.uniform();
    const c = 1 - 1 / u;
    const t = -0.5 * sp * (1 - c);
    const f = bhabha(c, runningAlpha(-t), runningAlpha(sp)) * (1 - c) ** 2;
    let r = (rIsr * f) / this.K;
    if (!(r > 0)) return 0;
    if (r > 1) r = 1;
    let kx = 0;
    let ky = 0;
    let kz = 0;
    if (k > 0) {
      const cg = sampleDipoleCos(rng, (M_E / (0.5 * this.rs)) ** 2);
      const sg = Math.sqrt(Math.max(0, 1 - cg * cg));
      const phg = 2 * Math.PI * rng.uniform();
      kx = k * sg * Math.cos(phg);
      ky = k * sg * Math.sin(phg);
      kz = k * cg;
      ev.add(PDG.photon, 1, -1, kx, ky, kz, k);
    }
    const rsp = Math.sqrt(sp);
    const p = Math.sqrt(Math.max(0, 0.25 * sp - M_E * M_E));
    const st = Math.sqrt(Math.max(0, 1 - c * c));
    const phi = 2 * Math.PI * rng.uniform();
    const px = p * st * Math.cos(phi);
    const py = p * st * Math.sin(phi);
    const pz = p * c;
    const i = ev.add(PDG.electron, 1, -1, px, py, pz, 0.5 * rsp);
    ev.add(-PDG.electron, 1, -1, -px, -py, -pz, 0.5 * rsp);
    addFinalStateRadiation(rng, ev, i, i + 1, M_E, sp);
    if (k > 0) {
      const E = this.rs - k;
      boostRange(ev, i, ev.n, -kx / E, -ky / E, -kz / E);
    }
    // reference acceptance on the final c.m. leptons
    for (const j of [i, i + 1]) {
      const e = ev.e[j]!;
      if (e < E_CUT) return 0;
      const cj = ev.pz[j]! / Math.sqrt(ev.px[j]! ** 2 + ev.py[j]! ** 2 + ev.pz[j]! ** 2);
      if (Math.abs(cj) > COS_CUT) return 0;
    }
    return r;
  }
}

/** Definition of the Bhabha process (see module doc). */
export const eeDefinition: ProcessDefinition = {
  name: "ee",
  description: "Bhabha e+e- -> e+e- (gamma...) with 10 < theta* < 170 deg, E* > 0.15 GeV: ISR, FSR, VP",
  reference: "BabaYaga@NLO 300 +- 3 nb in that acceptance (Belle II Physics Book); accepted 270-330 nb",
  preselectionDoc: INVISIBLE_PRESELECTION_DOC,
  defaultTrials: 400_000,
  makeSampler: (frame) => new BhabhaSampler(frame),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** Bhabha scattering. */
export const ee = makeProcess(eeDefinition);
