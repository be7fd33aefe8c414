/**
 * The signal process e+e- -> mu+ mu- X, X = L_mu - L_tau Z' (vector) or muonphilic scalar S,
 * radiated off either muon, with X -> invisible or X -> mu+ mu- (physics.md 2, 4).
 *
 * Chain per event (all in unit variables, so that a deterministic grid majorant can be built once):
 *  1. ISR (optional): radiated fraction x from the Kuraev-Fadin W(s, x) (isr.ts), s' = s (1 - x),
 *     sqrt(s') >= max(sqrtsMin, M + 2 m_mu), in the variable t = x^beta (W dx = w(t) dt smooth);
 *  2. X mass: fixed M, or a fixed-width relativistic Breit-Wigner in q^2 (arctan map) when a width
 *     is given (the Gamma = 0.1 M benchmark), normalised on the real line and truncated to the
 *     kinematic range (the lost tails reduce the cross section, as they should);
 *  3. Dalitz point (s1, s2) in log variables (mumuXPhaseSpace.ts), weight = beam-averaged exact
 *     |M|^2 (mumuXMatrixElement.ts, full muon mass);
 *  steps 1-3 are one accept-reject against a grid majorant (gridSampler.ts);
 *  4. orientation of the event relative to the beam: uniform proposal, accepted with
 *     T(beam direction) / (1.5 <T>) — exact, because T = Tr H - n.H.n with H a positive
 *     semi-definite spatial tensor, so T <= (3/2)<T> (file comment of mumuXMatrixElement.ts);
 *  5. decay X -> mu+ mu-: S isotropically; Z' with its full spin correlation (accept-reject with
 *     P^{ab} D_ab <= 2 q^2 T, zprimeSpinCorrelation.ts);
 *  6. ISR photon with the 1/(1 - beta_e^2 cos^2) angular distribution, boost of the hard system
 *     to the c.m. (its axis = the c.m. z axis: the usual collinear approximation), then to the
 *     Belle II laboratory (physics/beams.ts; crossing angle; optional Gaussian beam-energy spread,
 *     where each event gets its own P_init and boost, the c.m. axes rotation kept nominal).
 *
 * Steps 4 and 5 sample conditional distributions and do not change the cross section; the cross
 * section is the grid estimate majorant * mean(f / cellMax) with its Monte Carlo error.
 * Events of chunk k are drawn from `stream(seed, k)` only, so a run is identical whatever the
 * number of workers. Weighted mode keeps every proposal (weight in fb, mean weight = sigma).
 *
 * Truth record per event (mother = row within the event): e- beam, e+ beam (status 3), mu-, mu+
 * (status 1), X (status 1 if invisible — PDG 9900023 / 9900025, the detector must treat it as
 * invisible — else status 2), its mu-, mu+ (mother 4), the ISR photon (status 1, if any).
 */
import { ConfigError } from "../core/errors.ts";
import { type Stream, stream } from "../core/random.ts";
import { ALPHA_EM, M_E, M_MU, PDG } from "../core/units.ts";
import { type BeamFrame, type Beams, beamFrame, belle2Beams } from "../physics/beams.ts";
import { boost } from "../physics/boost.ts";
import {
  STATUS_DECAYED,
  STATUS_FINAL,
  STATUS_INCOMING,
  type TruthEvents,
  TruthEventsBuilder,
} from "../physics/truthEvents.ts";
import { buildGridSampler, type GridSampler, proposeGridPoint } from "./gridSampler.ts";
import { isrBeta, isrDensityInT, sampleIsrCosTheta } from "./isr.ts";
import { bornDensity } from "./mumuXCrossSection.ts";
import { type BosonSpin, beamAveragedT, orientedT } from "./mumuXMatrixElement.ts";
import { dalitzPoint } from "./mumuXPhaseSpace.ts";
import { vectorTensorAB } from "./zprimeSpinCorrelation.ts";

/** Local copy of the muon mass (a plain constant in the hot loops). */
const MMU = M_MU;

/** How X decays in the generated events. */
export type SignalDecay = "invisible" | "mumu";

/** Configuration of the signal generator (validated by {@link prepareSignal}). */
export interface SignalConfig {
  /** "vector" (Z') or "scalar" (S). */
  readonly spin: BosonSpin;
  /** Boson mass M [GeV], 0 < M < sqrt(s) - 2 m_mu. */
  readonly mass: number;
  /** X -> invisible (kept as one invisible particle) or X -> mu+ mu-. */
  readonly decay: SignalDecay;
  /** Coupling g' or g_S (default 1): scales the cross section and weights by g^2. */
  readonly coupling?: number;
  /** Total width for a Breit-Wigner line shape [GeV] (default 0: narrow). */
  readonly width?: number;
  /** Initial-state radiation (default true). */
  readonly isr?: boolean;
  /** Lowest sqrt(s') with ISR [GeV] (default 2, as xsec_mumuX_10p58.csv). */
  readonly sqrtsMin?: number;
  /** Beams (default Belle II nominal, physics/beams.ts). */
  readonly beams?: Beams;
  /** Gaussian beam-energy spread per event (default false). */
  readonly energySpread?: boolean;
  /** Output frame: "lab" (default) or "cm" (c.m. frame, e- along +z). */
  readonly frame?: "lab" | "cm";
  /** Weighted events (weight in fb, every proposal kept) instead of unweighted (default false). */
  readonly weighted?: boolean;
  /** alpha of the s-channel photon (default alpha(0)). */
  readonly alpha?: number;
}

/** A prepared generator: validated configuration plus the grid majorant (build once per run). */
export interface SignalGenerator {
  readonly config: Required<Omit<SignalConfig, "beams">> & { readonly beams: Beams };
  readonly frame: BeamFrame;
  readonly grid: GridSampler;
  /** Lower edge of the X mass for the Breit-Wigner [GeV] (decay threshold). */
  readonly qMin: number;
}

/** Per-chunk generation statistics (add chunks with {@link mergeSignalStats}). */
export interface SignalStats {
  /** Grid proposals. */
  trials: number;
  /** Events written. */
  accepted: number;
  /** Proposals with f above the majorant (should be ~0; each biases the shape slightly). */
  overweights: number;
  /** Sum and sum of squares of f / cellMax over proposals. */
  sumR: number;
  sumR2: number;
  /** Orientation / decay proposals above their analytic bound (numerical noise only; expect 0). */
  boundViolations: number;
}

/** A chunk of events and its statistics. */
export interface SignalChunk {
  readonly events: TruthEvents;
  readonly stats: SignalStats;
}

const ISR_BINS = 24;
const BW_BINS = 12;
const V_BINS = 32;

/**
 * Validate a configuration (ConfigError with the offending key) and build the majorant grid.
 * Deterministic: the same configuration gives the same generator everywhere.
 *
 * @example
 * const gen = prepareSignal({ spin: "vector", mass: 1, decay: "invisible" });
 * const { events } = generateSignalChunk(gen, 42, 0, 10_000);
 */
export function prepareSignal(cfg: SignalConfig): SignalGenerator {
  const beams = cfg.beams ?? belle2Beams();
  const frame = beamFrame(beams);
  if (cfg.spin !== "vector" && cfg.spin !== "scalar")
    throw new ConfigError(`unknown model spin "${String(cfg.spin)}" (vector or scalar)`, "spin");
  if (cfg.decay !== "invisible" && cfg.decay !== "mumu")
    throw new ConfigError(`unknown decay "${String(cfg.decay)}" (invisible or mumu)`, "decay");
  const M = cfg.mass;
  const m = MMU;
  if (!(typeof M === "number" && M > 0 && Number.isFinite(M)))
    throw new ConfigError(`mass must be a positive number of GeV, got ${M}`, "mass");
  if (!(M < frame.sqrtS - 2 * m))
    throw new ConfigError(
      `mass ${M} GeV is above sqrt(s) - 2 m_mu = ${(frame.sqrtS - 2 * m).toFixed(4)} GeV`,
      "mass",
    );
  if (cfg.decay === "mumu" && !(M > 2 * m))
    throw new ConfigError(
      `mass ${M} GeV is below the dimuon threshold 2 m_mu = ${(2 * m).toFixed(4)} GeV`,
      "mass",
    );
  const width = cfg.width ?? 0;
  if (!(width >= 0 && Number.isFinite(width)))
    throw new ConfigError(`width must be >= 0 GeV, got ${width}`, "width");
  const coupling = cfg.coupling ?? 1;
  if (!(coupling > 0 && Number.isFinite(coupling)))
    throw new ConfigError(`coupling must be > 0, got ${coupling}`, "coupling");
  const sqrtsMin = cfg.sqrtsMin ?? 2;
  if (!(sqrtsMin >= 0 && sqrtsMin < frame.sqrtS))
    throw new ConfigError(`sqrts-min must be in [0, sqrt(s)), got ${sqrtsMin}`, "sqrtsMin");
  const config = {
    spin: cfg.spin,
    mass: M,
    decay: cfg.decay,
    coupling,
    width,
    isr: cfg.isr ?? true,
    sqrtsMin,
    beams,
    energySpread: cfg.energySpread ?? false,
    frame: cfg.frame ?? "lab",
    weighted: cfg.weighted ?? false,
    alpha: cfg.alpha ?? ALPHA_EM,
  };
  if (config.isr && !(Math.max(sqrtsMin, M + 2 * m) < frame.sqrtS))
    throw new ConfigError(`sqrts-min ${sqrtsMin} leaves no phase space`, "sqrtsMin");
  // Breit-Wigner lower edge: the decay threshold (m_chi = M/3 convention of the invisible model,
  // physics.md 1.4; 2 m_mu for X -> mu mu)
  const qMin = config.decay === "mumu" ? 2 * m : (2 * M) / 3;
  const kernel = new SignalKernel({ config, frame, qMin });
  // grid: ISR and Breit-Wigner variables are smooth after their maps; the Dalitz variables carry
  // the structure, so they get the finer lattice (probes = lattice intervals per cell)
  const bins: number[] = [];
  const probes: number[] = [];
  const fourD = config.isr && width > 0;
  if (config.isr) {
    bins.push(fourD ? 16 : ISR_BINS);
    probes.push(fourD ? 1 : 2);
  }
  if (width > 0) {
    bins.push(BW_BINS);
    probes.push(fourD ? 1 : 2);
  }
  bins.push(V_BINS, V_BINS);
  probes.push(2, 2);
  const grid = buildGridSampler((u) => kernel.density(u, frame.s), bins, {
    probes,
    safety: fourD ? 1.5 : 1.3,
  });
  return { config, frame, grid, qMin };
}

/**
 * Hot-path state of one generator: scratch arrays and numbers reused for every event (no
 * allocation per event). One instance per chunk (not shared between workers).
 */
class SignalKernel {
  readonly gen: Omit<SignalGenerator, "grid">;
  readonly pt = dalitzPoint();
  readonly coef = new Float64Array(6);
  readonly u: Float64Array;
  /** particle momenta (px, py, pz, e) x 6 rows: mu-, mu+, X, d-, d+, gamma */
  readonly p = new Float64Array(24);
  readonly beta: number;
  // results of the last density() call
  sp = 0;
  x = 0;
  q = 0;
  constructor(gen: Omit<SignalGenerator, "grid">) {
    this.gen = gen;
    this.beta = isrBeta(gen.frame.s);
    this.u = new Float64Array((gen.config.isr ? 1 : 0) + (gen.config.width > 0 ? 1 : 0) + 2);
  }

  /**
   * Density in the unit variables [fb per unit volume] at c.m. energy squared s (coupling 1);
   * leaves s', x, q, the Dalitz point and the coefficients in the fields.
   */
  density(u: Float64Array, s: number): number {
    const c = this.gen.config;
    const m = MMU;
    let k = 0;
    let fac = 1;
    let sp = s;
    this.x = 0;
    if (c.isr) {
      const sMin = Math.max(c.sqrtsMin, c.mass + 2 * m) ** 2;
      if (!(sMin < s)) return 0;
      const tMax = (1 - sMin / s) ** this.beta;
      // t = tMax (1 - (1 - w)^2): finer steps near tMax, where x = t^(1/beta) grows fast and
      // sigma_Born(s') rises, so that the grid majorant follows the density there
      const w1 = 1 - u[k++]!;
      const t = tMax * (1 - w1 * w1);
      const x = t > 0 ? t ** (1 / this.beta) : 0;
      this.x = x;
      sp = s * (1 - x);
      fac *= 2 * w1 * tMax * isrDensityInT(t, this.beta);
    }
    this.sp = sp;
    let q = c.mass;
    if (c.width > 0) {
      const M2 = c.mass * c.mass;
      const MG = c.mass * c.width;
      const qMax = Math.sqrt(sp) - 2 * m;
      if (!(qMax > this.gen.qMin)) return 0;
      const thLo = Math.atan((this.gen.qMin * this.gen.qMin - M2) / MG);
      const thHi = Math.atan((qMax * qMax - M2) / MG);
      const th = thLo + u[k++]! * (thHi - thLo);
      const q2 = M2 + MG * Math.tan(th);
      // clamp the rounding at the lower edge (u = 0 must give q = qMin, a grid probe point)
      q = Math.max(Math.sqrt(Math.max(q2, 0)), this.gen.qMin);
      if (!(q < qMax)) return 0;
      fac *= (thHi - thLo) / Math.PI;
    } else if (!(Math.sqrt(sp) > q + 2 * m)) return 0;
    this.q = q;
    return fac * bornDensity(c.spin, sp, m, q, u[k]!, u[k + 1]!, c.alpha, this.pt, this.coef);
  }

  /**
   * Build the event in the hard-process rest frame (beam along +z): orientation by accept-reject
   * on T(n) <= 1.5 <T>, then the X decay. Returns the number of bound violations (0 normally).
   */
  kinematics(rng: Stream): number {
    const c = this.gen.config;
    const m = MMU;
    const m2 = m * m;
    const sp = this.sp;
    const rs = Math.sqrt(sp);
    const E = 0.5 * rs;
    const q = this.q;
    const q2 = q * q;
    const { s1, s2, D1, D2 } = this.pt;
    const E1 = (sp + m2 - s2) / (2 * rs);
    const E2 = (sp + m2 - s1) / (2 * rs);
    const E3 = rs - E1 - E2;
    const a1 = Math.sqrt(Math.max(E1 * E1 - m2, 0));
    const a2 = Math.sqrt(Math.max(E2 * E2 - m2, 0));
    const a3sq = Math.max(E3 * E3 - q2, 0);
    let c12 = a1 > 0 && a2 > 0 ? (a3sq - a1 * a1 - a2 * a2) / (2 * a1 * a2) : 1;
    c12 = Math.min(1, Math.max(-1, c12));
    const s12 = Math.sqrt(1 - c12 * c12);
    const coef = this.coef;
    const tBar = beamAveragedT(coef, sp, s1, s2, m2, q2);
    const bound = 1.5 * tBar;
    const p = this.p;
    let violations = 0;
    let tOr = 0;
    for (;;) {
      const ct = 2 * rng.uniform() - 1;
      const st = Math.sqrt(Math.max(1 - ct * ct, 0));
      const phi = 2 * Math.PI * rng.uniform();
      const psi = 2 * Math.PI * rng.uniform();
      const cp = Math.cos(phi);
      const sph = Math.sin(phi);
      const cs = Math.cos(psi);
      const ss = Math.sin(psi);
      // n1 = direction of mu-, e1/e2 orthonormal to it
      const n1x = st * cp;
      const n1y = st * sph;
      const n1z = ct;
      const d2x = c12 * n1x + s12 * (cs * ct * cp - ss * sph);
      const d2y = c12 * n1y + s12 * (cs * ct * sph + ss * cp);
      const d2z = c12 * n1z - s12 * cs * st;
      p[0] = a1 * n1x;
      p[1] = a1 * n1y;
      p[2] = a1 * n1z;
      p[3] = E1;
      p[4] = a2 * d2x;
      p[5] = a2 * d2y;
      p[6] = a2 * d2z;
      p[7] = E2;
      const u1 = E * (E1 - p[2]!);
      const u2 = E * (E2 - p[6]!);
      tOr = orientedT(coef, u1, u2);
      if (tOr > bound * (1 + 1e-9)) violations++;
      if (rng.uniform() * bound <= tOr) break;
    }
    p[8] = -p[0]! - p[4]!;
    p[9] = -p[1]! - p[5]!;
    p[10] = -p[2]! - p[6]!;
    p[11] = E3;
    if (c.decay === "mumu") {
      const pst = Math.sqrt(Math.max(0.25 * q2 - m2, 0));
      const bx = p[8]! / E3;
      const by = p[9]! / E3;
      const bz = p[10]! / E3;
      const bound2 = 2 * q2 * tOr;
      const u1 = E * (E1 - p[2]!);
      const u2 = E * (E2 - p[6]!);
      for (;;) {
        const ct = 2 * rng.uniform() - 1;
        const st = Math.sqrt(Math.max(1 - ct * ct, 0));
        const phi = 2 * Math.PI * rng.uniform();
        // mu- of the decay in the X rest frame, boosted to the hard frame
        boost(pst * st * Math.cos(phi), pst * st * Math.sin(phi), pst * ct, 0.5 * q, bx, by, bz, p, 12);
        p[16] = p[8]! - p[12]!;
        p[17] = p[9]! - p[13]!;
        p[18] = p[10]! - p[14]!;
        p[19] = p[11]! - p[15]!;
        if (c.spin === "scalar") break; // spin 0: isotropic
        const k3e = p[15]!;
        const k3z = p[14]!;
        const k4e = p[19]!;
        const k4z = p[18]!;
        // four-vector products with p1 = (E,0,0,E), p2 = (E,0,0,-E), k1 (row 0), k2 (row 1)
        const A_k1 = rowDot(p, 0, 12);
        const A_k2 = rowDot(p, 4, 12);
        const B_k1 = rowDot(p, 0, 16);
        const B_k2 = rowDot(p, 4, 16);
        const P = vectorTensorAB(
          sp,
          D1,
          D2,
          m2,
          q2,
          u1,
          u2,
          E * (k3e - k3z),
          E * (k3e + k3z),
          A_k1,
          A_k2,
          0.5 * q2,
          E * (k4e - k4z),
          E * (k4e + k4z),
          B_k1,
          B_k2,
          0.5 * q2,
          0.5 * q2 - m2,
        );
        const w = 8 * P + 2 * q2 * tOr;
        if (w > bound2 * (1 + 1e-9)) violations++;
        if (rng.uniform() * bound2 <= w) break;
      }
    }
    return violations;
  }
}

/** Minkowski product of the four-vectors stored at offsets a and b of p (px, py, pz, e). */
function rowDot(p: Float64Array, a: number, b: number): number {
  return p[a + 3]! * p[b + 3]! - p[a]! * p[b]! - p[a + 1]! * p[b + 1]! - p[a + 2]! * p[b + 2]!;
}

/** Empty statistics. */
export function emptySignalStats(): SignalStats {
  return { trials: 0, accepted: 0, overweights: 0, sumR: 0, sumR2: 0, boundViolations: 0 };
}

/** Add `b` into `a` (returns a). */
export function mergeSignalStats(a: SignalStats, b: SignalStats): SignalStats {
  a.trials += b.trials;
  a.accepted += b.accepted;
  a.overweights += b.overweights;
  a.sumR += b.sumR;
  a.sumR2 += b.sumR2;
  a.boundViolations += b.boundViolations;
  return a;
}

/**
 * Cross section [fb] (coupling of the configuration, X decay not included: multiply by the
 * branching fraction) and its Monte Carlo error from generation statistics.
 */
export function signalCrossSection(gen: SignalGenerator, st: SignalStats): { sigma: number; error: number } {
  const g2 = gen.config.coupling ** 2;
  const n = st.trials;
  if (n === 0) return { sigma: Number.NaN, error: Number.NaN };
  const mean = st.sumR / n;
  const varR = Math.max(st.sumR2 / n - mean * mean, 0);
  const I = gen.grid.majorantIntegral * g2;
  return { sigma: I * mean, error: (I * Math.sqrt(varR)) / Math.sqrt(n) };
}

/**
 * Generate `nEvents` events of chunk `chunkIndex` from `stream(seed, chunkIndex)`.
 *
 * @param gen from {@link prepareSignal}
 * @param seed run seed (non-negative integer)
 * @param chunkIndex chunk number (its own random substream)
 * @param nEvents events in this chunk
 */
export function generateSignalChunk(
  gen: SignalGenerator,
  seed: number,
  chunkIndex: number,
  nEvents: number,
): SignalChunk {
  const rng = stream(seed, chunkIndex);
  const c = gen.config;
  const k = new SignalKernel(gen);
  const u = k.u;
  const st = emptySignalStats();
  const nPer = 4 + (c.decay === "mumu" ? 2 : 0) + (c.isr ? 1 : 0);
  const b = new TruthEventsBuilder(nEvents, nPer);
  const fr = gen.frame;
  const g2 = c.coupling ** 2;
  const xPdg = c.spin === "vector" ? PDG.zprime : PDG.scalar;
  const p = k.p;
  const me = fr.beams;
  const r = fr.rotation;
  // initial state (nominal unless energy spread; mutated in place per event)
  const her = { px: fr.pHer.px, py: fr.pHer.py, pz: fr.pHer.pz, e: fr.pHer.e };
  const ler = { px: fr.pLer.px, py: fr.pLer.py, pz: fr.pLer.pz, e: fr.pLer.e };
  const me2 = M_E * M_E;
  while (b.nEvents < nEvents) {
    let s = fr.s;
    let bx = fr.betaX;
    let by = fr.betaY;
    let bz = fr.betaZ;
    if (c.energySpread) {
      const eh = me.herEnergy + me.herEnergySpread * rng.normal();
      const el = me.lerEnergy + me.lerEnergySpread * rng.normal();
      const ph = Math.sqrt(eh * eh - me2);
      const pl = Math.sqrt(el * el - me2);
      her.px = ph * Math.sin(me.herTheta);
      her.pz = ph * Math.cos(me.herTheta);
      her.e = eh;
      ler.px = pl * Math.sin(me.lerTheta);
      ler.pz = pl * Math.cos(me.lerTheta);
      ler.e = el;
      const Px = her.px + ler.px;
      const Pz = her.pz + ler.pz;
      const Et = eh + el;
      s = Et * Et - Px * Px - Pz * Pz;
      bx = Px / Et;
      by = 0;
      bz = Pz / Et;
    }
    const cellMax = proposeGridPoint(gen.grid, rng, u);
    const f = k.density(u, s);
    const ratio = f / cellMax;
    st.trials++;
    st.sumR += ratio;
    st.sumR2 += ratio * ratio;
    if (ratio > 1) st.overweights++;
    let weight = 1;
    if (c.weighted) {
      if (!(f > 0)) continue;
      weight = ratio * gen.grid.majorantIntegral * g2;
    } else if (!(rng.uniform() * cellMax < f)) continue;
    st.boundViolations += k.kinematics(rng);
    const rsEv = Math.sqrt(s);
    const nHard = c.decay === "mumu" ? 5 : 3; // rows mu-, mu+, X (, mu-, mu+ from X)
    const hasPhoton = c.isr && k.x > 0;
    if (hasPhoton) {
      // ISR photon in the c.m. frame (row 5); the hard system recoils against it
      const Eg = 0.5 * k.x * rsEv;
      const ct = sampleIsrCosTheta(s, rng);
      const sg = Math.sqrt(Math.max(1 - ct * ct, 0));
      const phi = 2 * Math.PI * rng.uniform();
      p[20] = Eg * sg * Math.cos(phi);
      p[21] = Eg * sg * Math.sin(phi);
      p[22] = Eg * ct;
      p[23] = Eg;
      const Eh = rsEv - Eg;
      const hx = -p[20]! / Eh;
      const hy = -p[21]! / Eh;
      const hz = -p[22]! / Eh;
      for (let i = 0; i < nHard; i++) {
        const o = 4 * i;
        boost(p[o]!, p[o + 1]!, p[o + 2]!, p[o + 3]!, hx, hy, hz, p, o);
      }
    }
    if (c.frame === "lab") {
      // c.m. -> lab: R^T (c.m. axes -> boost axes), then boost by the event's beta
      for (let i = 0; i < 6; i++) {
        if (i >= nHard && !(i === 5 && hasPhoton)) continue;
        const o = 4 * i;
        const x0 = p[o]!;
        const y0 = p[o + 1]!;
        const z0 = p[o + 2]!;
        const x = r[0]! * x0 + r[3]! * y0 + r[6]! * z0;
        const y = r[1]! * x0 + r[4]! * y0 + r[7]! * z0;
        const z = r[2]! * x0 + r[5]! * y0 + r[8]! * z0;
        boost(x, y, z, p[o + 3]!, bx, by, bz, p, o);
      }
      b.particle(PDG.electron, STATUS_INCOMING, -1, her.px, her.py, her.pz, her.e);
      b.particle(-PDG.electron, STATUS_INCOMING, -1, ler.px, ler.py, ler.pz, ler.e);
    } else {
      const eb = 0.5 * rsEv;
      const pb = Math.sqrt(eb * eb - M_E * M_E);
      b.particle(PDG.electron, STATUS_INCOMING, -1, 0, 0, pb, eb);
      b.particle(-PDG.electron, STATUS_INCOMING, -1, 0, 0, -pb, eb);
    }
    b.particle(PDG.muon, STATUS_FINAL, -1, p[0]!, p[1]!, p[2]!, p[3]!);
    b.particle(-PDG.muon, STATUS_FINAL, -1, p[4]!, p[5]!, p[6]!, p[7]!);
    const xRow = b.particle(
      xPdg,
      c.decay === "mumu" ? STATUS_DECAYED : STATUS_FINAL,
      -1,
      p[8]!,
      p[9]!,
      p[10]!,
      p[11]!,
    );
    if (c.decay === "mumu") {
      b.particle(PDG.muon, STATUS_FINAL, xRow, p[12]!, p[13]!, p[14]!, p[15]!);
      b.particle(-PDG.muon, STATUS_FINAL, xRow, p[16]!, p[17]!, p[18]!, p[19]!);
    }
    if (hasPhoton) b.particle(PDG.photon, STATUS_FINAL, -1, p[20]!, p[21]!, p[22]!, p[23]!);
    b.endEvent(weight);
    st.accepted++;
  }
  return { events: b.build(), stats: st };
}

/**
 * Generate `nEvents` events in chunks of `chunkSize` (chunk k from `stream(seed, k)`), yielding
 * each chunk: stream them to a writer without holding the whole sample in memory.
 *
 * @example
 * for (const { events } of generateSignal(gen, 1, 1_000_000)) write(events);
 */
export function* generateSignal(
  gen: SignalGenerator,
  seed: number,
  nEvents: number,
  chunkSize = 50_000,
): Generator<SignalChunk> {
  const nChunks = Math.ceil(nEvents / chunkSize);
  for (let k = 0; k < nChunks; k++) {
    yield generateSignalChunk(gen, seed, k, Math.min(chunkSize, nEvents - k * chunkSize));
  }
}
