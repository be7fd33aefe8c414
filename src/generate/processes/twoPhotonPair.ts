/**
 * Two-photon production e+e- -> e+e- l+l- in the equivalent-photon approximation with sampled
 * photon virtualities (physics.md 8.2 item 4).
 *
 * Each beam emits a transverse photon with energy fraction x and virtuality Q^2 from the
 * Budnev flux (V.M. Budnev et al., Phys. Rept. 15 (1975) 181, eq. 6.17; with the m_e^2 term of
 * S. Frixione et al., Phys. Lett. B319 (1993) 339):
 *
 *   dN = (alpha/pi) (dx/x) (dQ^2/Q^2) [ (1 - x + x^2/2) - (1 - x) Q^2_min/Q^2 ],
 *   Q^2_min = exact kinematic minimum (= m_e^2 x^2/(1-x) + O(m_e^4)),  Q^2 <= Q^2_max = x1 x2 s,
 *
 * the upper limit Q^2_max = W^2 being where the gamma* gamma* -> l+l- cross section is cut off by
 * the photon virtuality (Budnev et al. section 6). The scattered e+- get the exact recoil
 * kinematics (angle from Q^2, uniform azimuth), so the pair's transverse momentum and the
 * scattered electrons are right. gamma gamma -> l+l- is Breit-Wheeler with its full angular
 * distribution (physics.md 8.2):
 *
 *   sigma = (4 pi alpha^2/W^2) [ (1 + r - r^2/2) ln((1+b)/(1-b)) - b (1 + r) ],  r = 4 m^2/W^2,
 *   d sigma/d cos* ~ [1 + 2 b^2 sin^2 - b^4 (1 + sin^4)] / (1 - b^2 cos^2)^2,
 *
 * where the collinear pole of the lepton propagator is regulated by an effective mass
 * m_eff^2 = m^2 + (Q1^2 + Q2^2)/4 (a virtual photon's off-shellness enters the t-channel
 * propagator as z(1-z) Q^2 <= Q^2/4). With this regulator the sampler gives 17.0 nb for e e mu mu
 * and 42.0 nb for e e e e at W > 0.5 GeV (AAFH, physics.md 8.1: 18.9 and 39.7 nb); without it the
 * e e e e rate would be ~95 nb (on-shell EPA, python/scipy dblquad of the flux formula), i.e. the
 * pure on-shell EPA fails for electron pairs. (The z-averaged regulator e^-2 Q^2 instead of Q^2/4
 * gives 17.7 and 45.4 nb.)
 * Not included (small at W > 0.5 GeV): bremsstrahlung and annihilation diagrams, longitudinal
 * photons, ISR (AAFH has none either).
 *
 * Sampling: tau = x1 x2 ~ 1/tau^2 on [W_min^2/s, 1), x1 = tau^v (v uniform), ln Q_i^2 uniform;
 * the remaining factors are bounded (see `trial`) and returned as the acceptance ratio.
 */
import type { Stream } from "../../core/random.ts";
import { ALPHA_EM, GEV2_TO_FB, M_E, PDG } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import type { EventScratch } from "./eventScratch.ts";
import { RECOIL_PT_MIN } from "./preselection.ts";
import type { Sampler } from "./process.ts";
import { boostRange, rotateRangeToAxis } from "./scratchKinematics.ts";

/**
 * Breit-Wheeler gamma gamma -> l+ l- reduced cross section g = W^2 sigma / (4 pi alpha^2) for
 * r = 4 m^2/W^2 (0 at or above r = 1).
 */
export function breitWheelerG(r: number): number {
  if (r >= 1) return 0;
  const b = Math.sqrt(1 - r);
  return (1 + r - 0.5 * r * r) * Math.log(((1 + b) * (1 + b)) / r) - b * (1 + r);
}

/**
 * Breit-Wheeler total cross section sigma(gamma gamma -> l+ l-) [GeV^-2] at pair mass W [GeV] for
 * lepton mass m [GeV].
 */
export function breitWheelerSigma(W: number, m: number): number {
  return ((4 * Math.PI * ALPHA_EM * ALPHA_EM) / (W * W)) * breitWheelerG((4 * m * m) / (W * W));
}

/** Options of {@link TwoPhotonPairSampler}. */
export interface TwoPhotonOptions {
  /** Produced lepton mass [GeV]. */
  mass: number;
  /** PDG id of the produced negative lepton (11 or 13). */
  pdg: number;
  /** Smallest pair mass W [GeV] (AAFH default 0.5). */
  wMin: number;
  /**
   * Focus on the invisible-search preselection (default false): (i) only photon virtualities with
   * max(Q1^2, Q2^2) >= 0.03 GeV^2 are generated: below that the scattered e+- carry
   * |pT1 + pT2| <= 2 sqrt(0.03) < 0.35 GeV (pT^2 <= Q^2), so the pair recoil pT cut fails and no
   * e+- reaches a track's angular window, i.e. no such event can pass; (ii) the pair rapidity
   * (1/2) ln(x1/x2) and the lepton angle are drawn from 50:50 mixtures of the natural densities and
   * central ones (|y| < 1, |cos*| < 0.8), with the exact density ratio in the weight, returned as
   * r (> 1 allowed: partial unweighting, see process.ts). Exact for every event that can pass.
   */
  focus?: boolean;
  /**
   * Focus mode: fraction of the natural envelope used as reference weight. Chosen so that ~1% of
   * the preselected events have r > 1 (99% quantile of r ~ 1; measured on 1M trials: mu 0.10,
   * e 0.024); those are kept with weight r (at most ~2), so the choice affects speed and the
   * weight spread only, never the result.
   */
  focusScale?: number;
}

const COS_NEAR_BEAM = Math.cos((20 * Math.PI) / 180);

/** True if particle i of `ev` is within 20 deg of the beam line (either direction). */
function nearBeam(ev: EventScratch, i: number): boolean {
  const p = Math.sqrt(ev.px[i]! ** 2 + ev.py[i]! ** 2 + ev.pz[i]! ** 2);
  return Math.abs(ev.pz[i]!) > COS_NEAR_BEAM * p;
}

/** Smallest max(Q1^2, Q2^2) [GeV^2] generated in focus mode (see {@link TwoPhotonOptions.focus}). */
export const FOCUS_Q2_MIN = 0.03;
const FOCUS_Y = 1.0;
const FOCUS_COS = 0.8;
/** Share of the focus scale applied after the lepton angle (target/q is ~1, at most ~4). */
const FOCUS_POST = 2;

/** Trial sampler of e+e- -> e+e- l+l- (see module doc). */
export class TwoPhotonPairSampler implements Sampler {
  readonly sigmaEnvelopeFb: number;
  private readonly s: number;
  private readonly eb: number;
  private readonly pb: number;
  private readonly tauMin: number;
  private readonly jTau: number;
  private readonly gMax: number;
  private readonly lambdaMax: number;
  private readonly m: number;
  private readonly pdg: number;
  private readonly wMin2: number;
  /** Trials whose ratio exceeded 1 (natural mode: clamped, expected 0; focus mode: kept with weight r). */
  overflows = 0;
  private readonly focus: boolean;
  private readonly focusScale: number;
  private readonly sigmaNatural: number;
  private readonly sys = new Float64Array(5);

  constructor(frame: BeamFrame, opts: TwoPhotonOptions) {
    this.s = frame.s;
    this.eb = 0.5 * frame.sqrtS;
    this.pb = Math.sqrt(this.eb * this.eb - M_E * M_E);
    this.m = opts.mass;
    this.pdg = opts.pdg;
    const wMin = Math.max(opts.wMin, 2 * opts.mass * (1 + 1e-9));
    this.wMin2 = wMin * wMin;
    this.tauMin = this.wMin2 / this.s;
    this.jTau = 1 / this.tauMin - 1;
    // max over tau of ln(1/tau) * ln(tau s / m^2), a = ln(1/tau) in (0, ln(1/tauMin)]
    const Lm = Math.log(this.s / (this.m * this.m));
    const a = Math.min(0.5 * Lm, Math.log(1 / this.tauMin));
    this.gMax = a * (Lm - a);
    this.lambdaMax = Math.log(this.s / (M_E * M_E * this.tauMin));
    const pref = (ALPHA_EM / Math.PI) ** 2 * ((4 * Math.PI * ALPHA_EM * ALPHA_EM) / this.s);
    this.sigmaNatural = pref * this.jTau * this.gMax * this.lambdaMax * this.lambdaMax * GEV2_TO_FB;
    this.focus = opts.focus ?? false;
    this.focusScale = opts.focusScale ?? 0.25;
    this.sigmaEnvelopeFb = this.focus ? this.sigmaNatural * this.focusScale : this.sigmaNatural;
  }

  trial(rng: Stream, ev: EventScratch): number {
    let tau: number;
    let wv = 1; // natural density of (tau, v) over the sampled one
    const lnInvTauMin = -Math.log(this.tauMin);
    if (this.focus && rng.uniform() < 0.5) tau = this.tauMin ** rng.uniform();
    else tau = 1 / (1 / this.tauMin - rng.uniform() * this.jTau);
    if (this.focus) {
      // mixture 1/2 (1/tau^2)/J2 + 1/2 (1/tau)/J1: more large-W pairs, which the preselection wants
      const nat = 1 / (tau * tau * this.jTau);
      wv = nat / (0.5 * nat + 0.5 / (tau * lnInvTauMin));
    }
    const lnInvTau = -Math.log(tau);
    let v: number;
    if (this.focus) {
      const yc = Math.min(FOCUS_Y, 0.5 * lnInvTau);
      v = rng.uniform() < 0.5 ? rng.uniform() : 0.5 - (yc * (2 * rng.uniform() - 1)) / lnInvTau;
      const y0 = (0.5 - v) * lnInvTau;
      wv /= 0.5 + (Math.abs(y0) <= yc ? (0.5 * lnInvTau) / (2 * yc) : 0);
    } else v = rng.uniform();
    const x1 = tau ** v;
    const x2 = tau / x1;
    const q2max = tau * this.s;
    const m1 = photonQ2Min(this.eb, this.pb, x1);
    const m2 = photonQ2Min(this.eb, this.pb, x2);
    if (!(m1 > 0 && m1 < q2max && m2 > 0 && m2 < q2max)) return 0;
    const lmax = Math.log(q2max);
    const lmin1 = Math.log(m1);
    const lmin2 = Math.log(m2);
    let l1: number;
    let l2: number;
    let area: number;
    if (this.focus) {
      // L-shaped region max(l1, l2) >= lc as two disjoint rectangles
      const lc = Math.log(FOCUS_Q2_MIN);
      if (lc >= lmax) return 0;
      const c1 = Math.max(lc, lmin1);
      const c2 = Math.max(lc, lmin2);
      const aA = (lmax - c1) * (lmax - lmin2);
      const aB = (c1 - lmin1) * (lmax - c2);
      area = aA + aB;
      if (rng.uniform() * area < aA) {
        l1 = c1 + (lmax - c1) * rng.uniform();
        l2 = lmin2 + (lmax - lmin2) * rng.uniform();
      } else {
        l1 = lmin1 + (c1 - lmin1) * rng.uniform();
        l2 = c2 + (lmax - c2) * rng.uniform();
      }
    } else {
      l1 = lmin1 + (lmax - lmin1) * rng.uniform();
      l2 = lmin2 + (lmax - lmin2) * rng.uniform();
      area = (lmax - lmin1) * (lmax - lmin2);
    }
    const q1 = Math.exp(l1);
    const q2 = Math.exp(l2);
    const f1 = 1 - x1 + 0.5 * x1 * x1 - ((1 - x1) * m1) / q1;
    const f2 = 1 - x2 + 0.5 * x2 * x2 - ((1 - x2) * m2) / q2;
    // factors known before any kinematics; g <= ln(tau s/m^2) bounds the rest (see module doc)
    const lnTauS = Math.log(q2max / (this.m * this.m));
    let r = ((lnInvTau * lnTauS) / this.gMax) * (area / (this.lambdaMax * this.lambdaMax)) * f1 * f2 * wv;
    if (!(r > 0)) return 0;
    let carry = 1;
    if (this.focus) {
      // early partial unweighting: keep the trial with probability min(1, r) before building it;
      // survivors carry max(1, r) (the expectation of the returned ratio is unchanged). The scale
      // is split: FOCUS_POST bounds the angular factor target/q applied later.
      r /= this.focusScale / FOCUS_POST;
      if (r < 1) {
        if (rng.uniform() >= r) return 0;
      } else carry = r;
      r = 1;
    }
    // photon 1 from the e- (+z), photon 2 from the e+ (-z)
    const sys = this.sys;
    if (!scatterBothBeams(rng, ev, this.eb, this.pb, x1, q1, m1, x2, q2, m2, this.focus, this.wMin2, sys))
      return 0;
    const W2 = sys[4]!;
    const m = this.m;
    const mEff2 = m * m + 0.25 * (q1 + q2);
    // g at the exact pair mass: 0 when the regulator mass closes the phase space (no angle to draw)
    const g = breitWheelerG((4 * mEff2) / W2);
    r *= (g / lnTauS) * carry;
    if (!(r > 0)) return 0;
    // lepton pair in the gamma gamma rest frame, axis = photon 1 direction there
    const omb2 = (4 * mEff2) / W2; // 1 - beta_eff^2 < 1 since g > 0
    const bEff = Math.sqrt(1 - omb2);
    const A = 0.5 * Math.log(((1 + bEff) * (1 + bEff)) / omb2);
    const b2e = bEff * bEff;
    let c: number;
    if (this.focus) {
      // mixture of the tanh envelope and a central uniform; weight target/mixture density, where
      // the normalised target is beta N/(2 g D^2) (int N/D^2 dc = 2 g/beta, checked with scipy quad)
      c =
        rng.uniform() < 0.5
          ? Math.tanh(A * (2 * rng.uniform() - 1)) / bEff
          : FOCUS_COS * (2 * rng.uniform() - 1);
      const s2 = 1 - c * c;
      const N = 1 + 2 * b2e * s2 - b2e * b2e * (1 + s2 * s2);
      const D = 1 - b2e * c * c;
      const target = (bEff * N) / (2 * g * D * D);
      const q = 0.5 * (bEff / (2 * A * D)) + (Math.abs(c) <= FOCUS_COS ? 0.5 / (2 * FOCUS_COS) : 0);
      r *= target / q / FOCUS_POST;
    } else {
      for (;;) {
        c = Math.tanh(A * (2 * rng.uniform() - 1)) / bEff;
        const s2 = 1 - c * c;
        const N = 1 + 2 * b2e * s2 - b2e * b2e * (1 + s2 * s2);
        const D = 1 - b2e * c * c;
        if (2 * D * rng.uniform() < N) break;
      }
    }
    if (r > 1) {
      this.overflows++;
      if (!this.focus) r = 1;
    }
    addPairAlongPhoton(ev, this.pdg, m, c, 2 * Math.PI * rng.uniform(), this.eb, this.pb, sys);
    return r;
  }
}

/** Exact minimal virtuality [GeV^2] of a photon of energy fraction x off a beam lepton of energy eb, momentum pb (0 if none). */
export function photonQ2Min(eb: number, pb: number, x: number): number {
  const E1 = eb * (1 - x);
  if (E1 <= M_E * (1 + 1e-9)) return 0;
  const p1 = Math.sqrt(E1 * E1 - M_E * M_E);
  const me2 = M_E * M_E;
  // E E1 - p p1 without cancellation
  const d = (me2 * (eb * eb + E1 * E1) - me2 * me2) / (eb * E1 + pb * p1);
  return 2 * (d - me2);
}

/** Largest virtuality [GeV^2] of that photon (the beam lepton scattered backwards). */
export function photonQ2Max(eb: number, pb: number, x: number): number {
  const E1 = eb * (1 - x);
  if (E1 <= M_E) return 0;
  const p1 = Math.sqrt(E1 * E1 - M_E * M_E);
  return 2 * (eb * E1 + pb * p1) - 2 * M_E * M_E;
}

/**
 * Scatter beam `dir` (+1: e- along +z, -1: e+ along -z; c.m. frame, beam energy eb, momentum pb)
 * emitting a photon of energy fraction x and virtuality Q2 (its minimum q2min); appends the
 * scattered lepton at a uniform azimuth and returns its index (-1 if kinematically impossible).
 */
function scatterBeamLepton(
  rng: Stream,
  ev: EventScratch,
  eb: number,
  pb: number,
  x: number,
  Q2: number,
  q2min: number,
  dir: number,
): number {
  const E1 = eb * (1 - x);
  const p1 = Math.sqrt(E1 * E1 - M_E * M_E);
  const omc = (Q2 - q2min) / (2 * pb * p1); // 1 - cos(theta)
  if (!(omc >= 0 && omc <= 2)) return -1;
  const ct = 1 - omc;
  const st = Math.sqrt(Math.max(0, omc * (2 - omc)));
  const phi = 2 * Math.PI * rng.uniform();
  return ev.add(
    dir > 0 ? PDG.electron : -PDG.electron,
    1,
    -1,
    p1 * st * Math.cos(phi),
    p1 * st * Math.sin(phi),
    dir * p1 * ct,
    E1,
  );
}

/**
 * Append the lepton pair (pdg, -pdg; mass m) of the gamma gamma system `sys` = (P0, Px, Py, Pz, W^2)
 * of {@link scatterBothBeams}, whose scattered e- is particle 0 of `ev`: the negative lepton at polar
 * cosine c and azimuth phi in the pair rest frame, measured from the direction of photon 1 (beam e-
 * minus scattered e-) in that frame. Returns the index of the negative lepton.
 */
export function addPairAlongPhoton(
  ev: EventScratch,
  pdg: number,
  m: number,
  c: number,
  phi: number,
  eb: number,
  pb: number,
  sys: Float64Array,
): number {
  const P0 = sys[0]!;
  const Px = sys[1]!;
  const Py = sys[2]!;
  const Pz = sys[3]!;
  const W2 = sys[4]!;
  const iScattered = 0;
  const W = Math.sqrt(W2);
  const p = Math.sqrt(Math.max(0, 0.25 * W2 - m * m));
  const st = Math.sqrt(Math.max(0, 1 - c * c));
  const lx = p * st * Math.cos(phi);
  const ly = p * st * Math.sin(phi);
  const lz = p * c;
  const el = 0.5 * W;
  const il = ev.add(pdg, 1, -1, lx, ly, lz, el);
  ev.add(-pdg, 1, -1, -lx, -ly, -lz, el);
  // photon 1 = beam e- minus scattered e-, boosted to the gamma gamma rest frame, gives the axis
  const bx = Px / P0;
  const by = Py / P0;
  const bz = Pz / P0;
  const k0 = eb - ev.e[iScattered]!;
  const kx = -ev.px[iScattered]!;
  const ky = -ev.py[iScattered]!;
  const kz = pb - ev.pz[iScattered]!;
  const gam = P0 / W;
  const bk = bx * kx + by * ky + bz * kz;
  const f = ((gam * gam) / (gam + 1)) * bk - gam * k0; // boost by -beta
  rotateRangeToAxis(ev, il, il + 2, kx - f * bx, ky - f * by, kz - f * bz);
  boostRange(ev, il, il + 2, bx, by, bz);
  return il;
}

/**
 * Scatter both beam leptons (photon 1 from the e-, +z; photon 2 from the e+, -z) into an empty
 * `ev` (they become particles 0 and 1) and return the gamma gamma system in `sys` = (P0, Px, Py,
 * Pz, W^2). False when the event cannot be built, when W^2 < wMin2, or (with `focus`) when no
 * event could pass the invisible-search preselection: the lepton pair's c.m. recoil pT is the
 * scattered pair's pT, and if that is below the cut only a scattered e+- inside a track window
 * could still form a passing pair, impossible within 20 deg of the beam line (lab window 35-122 deg).
 */
export function scatterBothBeams(
  rng: Stream,
  ev: EventScratch,
  eb: number,
  pb: number,
  x1: number,
  Q1: number,
  m1: number,
  x2: number,
  Q2: number,
  m2: number,
  focus: boolean,
  wMin2: number,
  sys: Float64Array,
): boolean {
  const i1 = scatterBeamLepton(rng, ev, eb, pb, x1, Q1, m1, 1);
  if (i1 < 0) return false;
  const i2 = scatterBeamLepton(rng, ev, eb, pb, x2, Q2, m2, -1);
  if (i2 < 0) return false;
  if (focus) {
    const ex = ev.px[i1]! + ev.px[i2]!;
    const ey = ev.py[i1]! + ev.py[i2]!;
    if (ex * ex + ey * ey <= RECOIL_PT_MIN * RECOIL_PT_MIN && nearBeam(ev, i1) && nearBeam(ev, i2))
      return false;
  }
  const Px = -ev.px[i1]! - ev.px[i2]!;
  const Py = -ev.py[i1]! - ev.py[i2]!;
  const Pz = -ev.pz[i1]! - ev.pz[i2]!;
  const P0 = 2 * eb - ev.e[i1]! - ev.e[i2]!;
  const W2 = P0 * P0 - Px * Px - Py * Py - Pz * Pz;
  if (!(W2 >= wMin2)) return false;
  sys[0] = P0;
  sys[1] = Px;
  sys[2] = Py;
  sys[3] = Pz;
  sys[4] = W2;
  return true;
}
