/**
 * e+e- -> e+e- l+l- (l = mu) with the exact multiperipheral matrix element (multiperipheral.ts),
 * importance-sampled with an equivalent-photon proposal. This replaces the equivalent-photon
 * approximation of twoPhotonPair.ts for e e mu mu: the EPA knows only transverse, nearly real
 * photons, and its effective-mass regulator closes the phase space at Q1^2 + Q2^2 ~ W^2, so a pair
 * whose transverse momentum (that of the scattered e+-) exceeds its own mass was never generated.
 * The exact matrix element has that region: it is the "deep inelastic" single-tag region of the
 * QED photon structure functions, and it is where e e mu mu looks like a Z' at high recoil mass.
 *
 * Cross section in the sampled variables V = (tau, v, Q1^2, phi1, Q2^2, phi2, cos*, phi*):
 *
 *   d sigma = [1 / (4 p_b sqrt(s))] |M|^2 (2 pi)^-8 (E_b / (4 p_b))^2 (beta_l / 8) ln(1/tau) dV,
 *
 * from d^3p/(2E) = (E_b / (4 p_b)) dx dQ^2 dphi for each scattered beam lepton (x its energy
 * fraction lost, Q^2 its virtuality), the two-body phase space beta_l/8 dOmega* of the pair in its
 * rest frame, x1 = tau^v, x2 = tau^(1-v) (dx1 dx2 = ln(1/tau) dtau dv), and the exact flux.
 *
 * Proposal (all densities exact, so the sample is exact whatever the proposal):
 * - tau = x1 x2: a 50:50 mixture of 1/tau^2 and 1/tau on [W_min^2/s, 1); v: a 50:50 mixture of
 *   uniform and a central band |y| < 1 of the pair rapidity y = (1/2 - v) ln(1/tau);
 * - each Q_i^2 from the density 1/Q^2 between its exact minimum and tau s, continued by
 *   tau s / Q^4 up to its kinematic maximum (the exact cross section falls like 1/Q^4 once
 *   Q^2 > W^2); with `focus` only max(Q1^2, Q2^2) >= 0.03 GeV^2 (see twoPhotonPair.ts: below
 *   that no event can pass the invisible-search preselection);
 * - azimuths uniform; the lepton polar cosine in the pair frame (axis = photon 1) from a 50:50
 *   mixture of the envelope b/(1 - b^2 c^2) of the two t-channel poles and a uniform |c| < 0.8,
 *   b = the lepton velocity in the pair frame: the poles stay at c = +-1/b whatever the photon
 *   virtuality (for photon 2 real, (q1 - k1)^2 - m^2 = -W |k1| (1 - b c) in that frame), so an
 *   effective-mass regulator that flattens them at large Q^2 (as in twoPhotonPair.ts) would
 *   undersample the forward leptons there.
 * The equivalent-photon density of (tau, v, Q1^2, Q2^2) (Budnev flux x Breit-Wheeler sigma(tau s))
 * is known before the event is built, so trials are first thinned against it; the exact matrix
 * element is evaluated only for events that pass `gate` (the process's preselection, if any) and
 * multiplies the weight by exact / (equivalent-photon x angular proposal). Weights above the
 * reference are kept with their weight (partial unweighting, process.ts), so the sample is exact;
 * `overflows` counts them.
 */
import { ConfigError } from "../../core/errors.ts";
import type { Stream } from "../../core/random.ts";
import { ALPHA_EM, GEV2_TO_FB, M_E, M_MU, PDG } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import type { EventScratch } from "./eventScratch.ts";
import { MultiperipheralME } from "./multiperipheral.ts";
import type { Sampler } from "./process.ts";
import {
  addPairAlongPhoton,
  breitWheelerSigma,
  FOCUS_Q2_MIN,
  photonQ2Max,
  photonQ2Min,
  scatterBothBeams,
} from "./twoPhotonPair.ts";

/** Options of {@link TwoPhotonExactSampler}. */
export interface TwoPhotonExactOptions {
  /** Smallest pair mass W [GeV] (AAFH default 0.5). */
  wMin: number;
  /** Produced lepton mass [GeV] and PDG id (default the muon). Not for e+e-: identical particles need more diagrams. */
  mass?: number;
  pdg?: number;
  /** Only max(Q1^2, Q2^2) >= 0.03 GeV^2 and the early transverse-momentum exit of twoPhotonPair.ts (exact for the invisible-search preselection). */
  focus?: boolean;
  /** A necessary condition of the caller's selection on the finished c.m. event, checked before the matrix element (e.g. the preselection). */
  gate?: (cm: EventScratch) => boolean;
  /**
   * Generate only photon virtualities in these ranges [GeV^2] ([Q1^2 range of the e- side, Q2^2 range
   * of the e+ side]; not with `focus`): single-tag studies, and tests of the region Q^2 > W^2.
   */
  virtualities?: readonly [readonly [number, number], readonly [number, number]];
  /**
   * Reference weight of the equivalent-photon thinning [fb] and of the exact / proposal ratio.
   * They set the speed and how many events carry weights above 1, never the result. Defaults:
   * with `focus` 9e6 fb and 0.8 (measured: ~5% of the preselected events carry weights above 1,
   * at most ~3; 90 us per event with simulation and selection, bench/pipeline.bench.ts; raising
   * them to 8e6 fb and 1.1 halves those events and costs 30% more time); without 6e6 fb and 32
   * (~1% above 1).
   */
  referenceFb?: number;
  ratioScale?: number;
}

const FOCUS_Y = 1.0;
/** Share of the 1/tau component of the tau proposal (the rest 1/tau^2). */
const TAU_FLAT = 0.5;
const CENTRAL_COS = 0.8;
const TWO_PI = 2 * Math.PI;

/**
 * Piecewise photon-virtuality density g(Q^2) = 1/Q^2 on [qmin, t], t/Q^4 above t (t = tau s): its
 * primitive G from qmin, and the inverse of G.
 */
function gPrim(q: number, qmin: number, t: number): number {
  return q <= t ? Math.log(q / qmin) : Math.log(t / qmin) + 1 - t / q;
}
function gInv(y: number, qmin: number, t: number): number {
  const l0 = Math.log(t / qmin);
  return y <= l0 ? qmin * Math.exp(y) : t / (1 - (y - l0));
}

/** Trial sampler of e+e- -> e+e- mu+mu- with the exact multiperipheral matrix element (module doc). */
export class TwoPhotonExactSampler implements Sampler {
  readonly sigmaEnvelopeFb: number;
  /** Trials whose final ratio exceeded 1 (kept with that weight). */
  overflows = 0;
  private readonly s: number;
  private readonly sqrtS: number;
  private readonly eb: number;
  private readonly pb: number;
  private readonly tauMin: number;
  private readonly j2: number;
  private readonly j1: number;
  private readonly wMin2: number;
  private readonly m: number;
  private readonly pdg: number;
  private readonly focus: boolean;
  private readonly gate?: (cm: EventScratch) => boolean;
  private readonly ranges?: readonly [readonly [number, number], readonly [number, number]];
  private readonly ref: number;
  private readonly ratioScale: number;
  private readonly me: MultiperipheralME;
  private readonly constFactor: number;
  private readonly p1: Float64Array;
  private readonly p2: Float64Array;
  private readonly p3 = new Float64Array(4);
  private readonly p4 = new Float64Array(4);
  private readonly q1 = new Float64Array(4);
  private readonly q2 = new Float64Array(4);
  private readonly sys = new Float64Array(5);

  constructor(frame: BeamFrame, opts: TwoPhotonExactOptions) {
    this.s = frame.s;
    this.sqrtS = frame.sqrtS;
    this.eb = 0.5 * frame.sqrtS;
    this.pb = Math.sqrt(this.eb * this.eb - M_E * M_E);
    this.m = opts.mass ?? M_MU;
    this.pdg = opts.pdg ?? PDG.muon;
    const wMin = Math.max(opts.wMin, 2 * this.m * (1 + 1e-9));
    this.wMin2 = wMin * wMin;
    this.tauMin = this.wMin2 / this.s;
    this.j2 = 1 / this.tauMin - 1;
    this.j1 = Math.log(1 / this.tauMin);
    this.focus = opts.focus ?? false;
    if (opts.gate) this.gate = opts.gate;
    if (opts.virtualities) {
      if (this.focus) throw new ConfigError("virtualities cannot be combined with focus", "virtualities");
      this.ranges = opts.virtualities;
    }
    this.ref = opts.referenceFb ?? (this.focus ? 9.0e6 : 6.0e6);
    this.ratioScale = opts.ratioScale ?? (this.focus ? 0.8 : 32);
    this.sigmaEnvelopeFb = this.ref * this.ratioScale;
    this.me = new MultiperipheralME(this.m);
    // flux x (2 pi)^-8 x (E/(4p))^2 x 1/8 (times beta_l |M|^2 ln(1/tau) per event), in fb
    this.constFactor =
      (1 / (4 * this.pb * this.sqrtS)) *
      (2 * Math.PI) ** -8 *
      (this.eb / (4 * this.pb)) ** 2 *
      0.125 *
      GEV2_TO_FB;
    this.p1 = Float64Array.of(this.eb, 0, 0, this.pb);
    this.p2 = Float64Array.of(this.eb, 0, 0, -this.pb);
  }

  trial(rng: Stream, ev: EventScratch): number {
    // tau and v (module doc)
    const tau =
      rng.uniform() < TAU_FLAT
        ? this.tauMin ** rng.uniform()
        : 1 / (1 / this.tauMin - rng.uniform() * this.j2);
    const qTau = (1 - TAU_FLAT) / (tau * tau * this.j2) + TAU_FLAT / (tau * this.j1);
    const lnInvTau = -Math.log(tau);
    const yc = Math.min(FOCUS_Y, 0.5 * lnInvTau);
    const v = rng.uniform() < 0.5 ? rng.uniform() : 0.5 - (yc * (2 * rng.uniform() - 1)) / lnInvTau;
    const y0 = (0.5 - v) * lnInvTau;
    const qV = 0.5 + (Math.abs(y0) <= yc ? (0.5 * lnInvTau) / (2 * yc) : 0);
    const x1 = tau ** v;
    const x2 = tau / x1;
    const t = tau * this.s;
    const eb = this.eb;
    const pb = this.pb;
    const m1 = photonQ2Min(eb, pb, x1);
    const m2 = photonQ2Min(eb, pb, x2);
    const c1 = photonQ2Max(eb, pb, x1);
    const c2 = photonQ2Max(eb, pb, x2);
    if (!(m1 > 0 && m2 > 0 && m1 < c1 && m2 < c2 && m1 < t && m2 < t)) return 0;
    const G1 = gPrim(c1, m1, t);
    const G2 = gPrim(c2, m2, t);
    let Q1: number;
    let Q2: number;
    let area: number;
    if (this.focus) {
      const cut = FOCUS_Q2_MIN;
      const g1c = cut <= m1 ? 0 : gPrim(Math.min(cut, c1), m1, t);
      const g2c = cut <= m2 ? 0 : gPrim(Math.min(cut, c2), m2, t);
      const aA = (G1 - g1c) * G2; // Q1^2 >= cut
      const aB = g1c * (G2 - g2c); // Q1^2 < cut <= Q2^2
      area = aA + aB;
      if (!(area > 0)) return 0;
      if (rng.uniform() * area < aA) {
        Q1 = gInv(g1c + (G1 - g1c) * rng.uniform(), m1, t);
        Q2 = gInv(G2 * rng.uniform(), m2, t);
      } else {
        Q1 = gInv(g1c * rng.uniform(), m1, t);
        Q2 = gInv(g2c + (G2 - g2c) * rng.uniform(), m2, t);
      }
    } else {
      let a1 = 0;
      let b1 = G1;
      let a2 = 0;
      let b2 = G2;
      if (this.ranges) {
        const [[l1, h1], [l2, h2]] = this.ranges;
        a1 = l1 <= m1 ? 0 : gPrim(Math.min(l1, c1), m1, t);
        b1 = h1 <= m1 ? 0 : gPrim(Math.min(h1, c1), m1, t);
        a2 = l2 <= m2 ? 0 : gPrim(Math.min(l2, c2), m2, t);
        b2 = h2 <= m2 ? 0 : gPrim(Math.min(h2, c2), m2, t);
      }
      area = (b1 - a1) * (b2 - a2);
      if (!(area > 0)) return 0;
      Q1 = gInv(a1 + (b1 - a1) * rng.uniform(), m1, t);
      Q2 = gInv(a2 + (b2 - a2) * rng.uniform(), m2, t);
    }
    // equivalent-photon density of (tau, v, Q1^2, Q2^2) over the proposal: Budnev flux x sigma(tau s)
    const f1 = 1 - x1 + 0.5 * x1 * x1 - ((1 - x1) * m1) / Q1;
    const f2 = 1 - x2 + 0.5 * x2 * x2 - ((1 - x2) * m2) / Q2;
    const sigGG = breitWheelerSigma(Math.sqrt(t), this.m);
    const epa = (ALPHA_EM / Math.PI) ** 2 * f1 * f2 * lnInvTau * sigGG * GEV2_TO_FB;
    const w0 = (epa * area) / (tau * qTau * qV);
    if (!(w0 > 0)) return 0;
    // thin against the equivalent-photon weight before building the event
    const a = w0 / this.ref;
    let carry = 1;
    if (a < 1) {
      if (rng.uniform() >= a) return 0;
    } else carry = a;
    const sys = this.sys;
    if (!scatterBothBeams(rng, ev, eb, pb, x1, Q1, m1, x2, Q2, m2, this.focus, this.wMin2, sys)) return 0;
    const W2 = sys[4]!;
    // lepton polar cosine in the pair frame: envelope of the poles + central uniform
    const m = this.m;
    const omb2 = (4 * m * m) / W2;
    const b = omb2 < 0.99 ? Math.sqrt(1 - omb2) : 0;
    const A = b > 0 ? Math.atanh(b) : 0;
    let c: number;
    if (rng.uniform() < 0.5) c = b > 0 ? Math.tanh(A * (2 * rng.uniform() - 1)) / b : 2 * rng.uniform() - 1;
    else c = CENTRAL_COS * (2 * rng.uniform() - 1);
    const env = b > 0 ? b / (2 * A * (1 - b * b * c * c)) : 0.5;
    const qC = 0.5 * env + (Math.abs(c) <= CENTRAL_COS ? 0.5 / (2 * CENTRAL_COS) : 0);
    const il = addPairAlongPhoton(ev, this.pdg, m, c, TWO_PI * rng.uniform(), eb, pb, sys);
    if (this.gate && !this.gate(ev)) return 0;
    // exact density over (equivalent-photon x angular proposal)
    const { p3, p4, q1, q2 } = this;
    fill(ev, 0, p3); // scattered e-, e+ (scatterBothBeams)
    fill(ev, 1, p4);
    fill(ev, il, q1);
    fill(ev, il + 1, q2);
    const me2 = this.me.me2(this.p1, this.p2, p3, p4, q1, q2, Q1, Q2);
    const exact = this.constFactor * me2 * Math.sqrt(1 - omb2) * lnInvTau; // x beta_l (W2 > 4 m^2)
    // equivalent-photon density of (tau, v, Q1^2, Q2^2) = w0 x its proposal; times (1/2pi)^3 qC
    const d1 = Q1 <= t ? 1 : t / Q1;
    const d2 = Q2 <= t ? 1 : t / Q2;
    const proxy = (epa * d1 * d2) / (tau * Q1 * Q2);
    const rho = exact / (proxy * (qC / (TWO_PI * TWO_PI * TWO_PI)));
    const r = (carry * rho) / this.ratioScale;
    if (r > 1) this.overflows++;
    return r;
  }
}

function fill(ev: EventScratch, i: number, out: Float64Array): void {
  out[0] = ev.e[i]!;
  out[1] = ev.px[i]!;
  out[2] = ev.py[i]!;
  out[3] = ev.pz[i]!;
}
