/**
 * tau decays for the tau-pair background, in the tau rest frame then boosted (unpolarised taus;
 * the tau+ tau- spin correlation is neglected, physics.md 8.2 item 3 calls it optional).
 *
 * Modes of tau- (tau+ charge-conjugated), branching fractions PDG 2024 (R.L. Workman et al.):
 *   e nu nu 17.82%, mu nu nu 17.39%  full tree-level V-A spectrum with the lepton mass:
 *       dGamma/dE ~ p [E (3W - 2E) - m^2],  W = (m_tau^2 + m^2)/(2 m_tau)
 *     (derived from |M|^2 ~ (tau.nubar_l)(l.nu_tau) and int dPhi2 k1^a k2^b = (pi/24)(q^2 g + 2 q q);
 *     m -> 0 gives the Michel form x^2 (3 - 2x), rho = 3/4, eta = 0). The nu nubar pair is decayed
 *     isotropically in its rest frame (neutrinos are invisible; only their sum matters).
 *   pi nu 10.82%, K nu 0.696%  isotropic two-body.
 *   rho nu (pi pi0) 25.49%  rho line shape: p-wave Breit-Wigner (m0 = 0.7753, Gamma0 = 0.1491 GeV)
 *     times the tau -> V nu factor (1 - m^2/m_tau^2)^2 (1 + 2 m^2/m_tau^2); rho helicity 0 with
 *     probability m_tau^2/(m_tau^2 + 2 m_rho^2) (cos^2 decay angle), else +-1 (sin^2).
 *   "other" (inclusive): pi 2pi0 nu 9.26% plus the unlisted remainder 4.59%, 3pi nu 9.31%
 *     (three-prong), 3pi pi0 nu 4.62%: a hadronic system with an a1-like line shape
 *     (m0 = 1.23, Gamma0 = 0.42 GeV, times the V-nu factor) decaying sequentially through rho pi
 *     (and a further pi0), each step isotropic. Approximate: only for the inclusive "other" class.
 *   pi0 -> gamma gamma isotropically.
 */
import type { Stream } from "../../core/random.ts";
import { M_E, M_MU, M_PI, M_PI0, M_TAU, PDG } from "../../core/units.ts";
import type { EventScratch } from "./eventScratch.ts";
import { makeLineShape, sampleLineShape } from "./lineShape.ts";
import { addTwoBodyDecay, twoBodyP } from "./scratchKinematics.ts";

/** Charged kaon mass [GeV] (PDG 2024). */
const M_K = 0.493677;
const M_RHO = 0.7753;
const G_RHO = 0.1491;

/** Decay modes of {@link decayTau} (indices into {@link TAU_BRANCHING}). */
export const TAU_MODE = {
  electron: 0,
  muon: 1,
  pion: 2,
  kaon: 3,
  rho: 4,
  pi2pi0: 5,
  threePi: 6,
  threePiPi0: 7,
} as const;

/** Branching fractions of the modes in {@link TAU_MODE} order (sum 1; pi2pi0 holds the remainder). */
export const TAU_BRANCHING: readonly number[] = (() => {
  const b = [0.1782, 0.1739, 0.1082, 0.00696, 0.2549, 0.0926, 0.0931, 0.0462];
  const rest = 1 - b.reduce((s, x) => s + x, 0);
  b[TAU_MODE.pi2pi0]! += rest;
  return b;
})();

const CUMULATIVE = (() => {
  const c: number[] = [];
  let s = 0;
  for (const b of TAU_BRANCHING) c.push((s += b));
  c[c.length - 1] = 1;
  return c;
})();

function vFactor(m: number): number {
  const r = (m * m) / (M_TAU * M_TAU);
  return (1 - r) * (1 - r) * (1 + 2 * r);
}

const P0_RHO = twoBodyP(M_RHO, M_PI, M_PI0);
const RHO_SHAPE = makeLineShape(M_RHO, G_RHO, M_PI + M_PI0, M_TAU, (m) => {
  const p = twoBodyP(m, M_PI, M_PI0);
  const g = G_RHO * (p / P0_RHO) ** 3 * (M_RHO / m);
  const bw = (m * m * g) / ((m * m - M_RHO * M_RHO) ** 2 + M_RHO * M_RHO * g * g);
  return bw * vFactor(m);
});
const A1_SHAPE = makeLineShape(1.23, 0.42, 3 * M_PI0 + 0.02, M_TAU, (m) => {
  const bw = 1 / ((m * m - 1.23 * 1.23) ** 2 + 1.23 * 1.23 * 0.42 * 0.42);
  return bw * vFactor(m) * m;
});
const A1_SHAPE_4PI = makeLineShape(1.35, 0.5, 4 * M_PI + 0.02, M_TAU, (m) => {
  const bw = 1 / ((m * m - 1.35 * 1.35) ** 2 + 1.35 * 1.35 * 0.5 * 0.5);
  return bw * vFactor(m) * m;
});

/** Draw a decay mode index according to {@link TAU_BRANCHING}. */
export function sampleTauMode(rng: Stream): number {
  const u = rng.uniform();
  let k = 0;
  while (u >= CUMULATIVE[k]!) k++;
  return k;
}

/**
 * Charged-lepton energy in the tau rest frame [GeV] from the exact unpolarised V-A spectrum
 * dGamma/dE ~ p (E (3W - 2E) - m^2) on [m, W] (see module doc).
 */
export function sampleLeptonEnergy(rng: Stream, m: number): number {
  const W = (M_TAU * M_TAU + m * m) / (2 * M_TAU);
  // envelope: E (3W - 2E) <= 9 W^2/8 and p <= E
  const fmax = (9 * W * W * W) / 8;
  for (;;) {
    const E = m + (W - m) * rng.uniform();
    const p = Math.sqrt(Math.max(0, E * E - m * m));
    const f = p * (E * (3 * W - 2 * E) - m * m);
    if (rng.uniform() * fmax < f) return E;
  }
}

function isoCos(rng: Stream): number {
  return 2 * rng.uniform() - 1;
}
function phi(rng: Stream): number {
  return 2 * Math.PI * rng.uniform();
}

/** Decay the pi0 at index i (status -> 2) into two photons. */
function decayPi0(rng: Stream, ev: EventScratch, i: number): void {
  ev.status[i] = 2;
  addTwoBodyDecay(
    ev,
    ev.px[i]!,
    ev.py[i]!,
    ev.pz[i]!,
    ev.e[i]!,
    M_PI0,
    0,
    PDG.photon,
    0,
    PDG.photon,
    isoCos(rng),
    phi(rng),
    1,
    i,
  );
}

/**
 * Decay the tau at index `iTau` of `ev` (status set to 2) with a random mode; daughters are
 * appended with mother iTau (intermediate rho / hadronic systems keep status 2, pi0 -> gamma gamma).
 * Returns the mode index (see {@link TAU_MODE}).
 */
export function decayTau(rng: Stream, ev: EventScratch, iTau: number, mode = sampleTauMode(rng)): number {
  const sign = ev.pdg[iTau]! > 0 ? 1 : -1; // +1 for tau-
  ev.status[iTau] = 2;
  const Px = ev.px[iTau]!;
  const Py = ev.py[iTau]!;
  const Pz = ev.pz[iTau]!;
  const PE = ev.e[iTau]!;
  const nuTau = sign * PDG.nu_tau;
  const piCharged = -sign * PDG.pi; // pi- for tau-
  switch (mode) {
    case TAU_MODE.electron:
    case TAU_MODE.muon: {
      const m = mode === TAU_MODE.electron ? M_E : M_MU;
      const lep = sign * (mode === TAU_MODE.electron ? PDG.electron : PDG.muon);
      const nuBar = -sign * (mode === TAU_MODE.electron ? PDG.nu_e : PDG.nu_mu);
      const E = sampleLeptonEnergy(rng, m);
      // lepton vs the nu nubar system of mass mq: two-body with the sampled energy
      const p = Math.sqrt(Math.max(0, E * E - m * m));
      const mq2 = (M_TAU - E) ** 2 - p * p;
      const mq = Math.sqrt(Math.max(mq2, 1e-12)); // the endpoint E = W has mq = 0
      const i = addTwoBodyDecay(ev, Px, Py, Pz, PE, M_TAU, m, lep, mq, 0, isoCos(rng), phi(rng), 1, iTau);
      // replace the placeholder system (row i+1) by nu nubar
      const j = i + 1;
      const qx = ev.px[j]!;
      const qy = ev.py[j]!;
      const qz = ev.pz[j]!;
      const qe = ev.e[j]!;
      ev.n = j;
      addTwoBodyDecay(ev, qx, qy, qz, qe, mq, 0, nuTau, 0, nuBar, isoCos(rng), phi(rng), 1, iTau);
      return mode;
    }
    case TAU_MODE.pion:
    case TAU_MODE.kaon: {
      const m = mode === TAU_MODE.pion ? M_PI : M_K;
      const pdg = mode === TAU_MODE.pion ? piCharged : -sign * 321;
      addTwoBodyDecay(ev, Px, Py, Pz, PE, M_TAU, m, pdg, 0, nuTau, isoCos(rng), phi(rng), 1, iTau);
      return mode;
    }
    case TAU_MODE.rho: {
      const mRho = sampleLineShape(rng, RHO_SHAPE);
      const iRho = addTwoBodyDecay(
        ev,
        Px,
        Py,
        Pz,
        PE,
        M_TAU,
        mRho,
        -sign * 213,
        0,
        nuTau,
        isoCos(rng),
        phi(rng),
        1,
        iTau,
      );
      ev.status[iRho] = 2;
      const fL = (M_TAU * M_TAU) / (M_TAU * M_TAU + 2 * mRho * mRho);
      let c: number;
      if (rng.uniform() < fL) {
        // cos^2: c = sign * u^(1/3)
        c = Math.cbrt(2 * rng.uniform() - 1);
      } else {
        // sin^2 = 1 - c^2: accept-reject
        do c = isoCos(rng);
        while (rng.uniform() > 1 - c * c);
      }
      const iPi = addTwoBodyDecay(
        ev,
        ev.px[iRho]!,
        ev.py[iRho]!,
        ev.pz[iRho]!,
        ev.e[iRho]!,
        mRho,
        M_PI,
        piCharged,
        M_PI0,
        PDG.pi0,
        c,
        phi(rng),
        1,
        iRho,
      );
      decayPi0(rng, ev, iPi + 1);
      return mode;
    }
    default: {
      // inclusive multi-pion modes through an a1-like system h -> rho pi (-> ...)
      const fourPi = mode === TAU_MODE.threePiPi0;
      const mh = sampleLineShape(rng, fourPi ? A1_SHAPE_4PI : A1_SHAPE);
      const hPdg = -sign * 20213;
      const iH = addTwoBodyDecay(
        ev,
        Px,
        Py,
        Pz,
        PE,
        M_TAU,
        mh,
        hPdg,
        0,
        nuTau,
        isoCos(rng),
        phi(rng),
        1,
        iTau,
      );
      ev.status[iH] = 2;
      // first split: (pi pi [pi]) system + one pion
      const threePi = mode === TAU_MODE.threePi;
      // 3pi: (pi+ pi-) + pi-;  3pi pi0: (pi+ pi- pi0) + pi-;  pi 2pi0: (pi- pi0) + pi0
      const lone = threePi || fourPi ? M_PI : M_PI0;
      const lonePdg = threePi || fourPi ? piCharged : PDG.pi0;
      const dM = fourPi ? [M_PI, M_PI, M_PI0] : threePi ? [M_PI, M_PI] : [M_PI, M_PI0];
      let sumMin = 0;
      for (const m of dM) sumMin += m;
      const mSubMax = mh - lone;
      const mSub = sumMin + (mSubMax - sumMin) * rng.uniform();
      const iSub = addTwoBodyDecay(
        ev,
        ev.px[iH]!,
        ev.py[iH]!,
        ev.pz[iH]!,
        ev.e[iH]!,
        mh,
        mSub,
        0,
        lone,
        lonePdg,
        isoCos(rng),
        phi(rng),
        1,
        iH,
      );
      ev.status[iSub] = 2;
      if (lonePdg === PDG.pi0) decayPi0(rng, ev, iSub + 1);
      if (threePi) {
        // rho0 -> pi+ pi-
        ev.pdg[iSub] = 113;
        addTwoBodyDecay(
          ev,
          ev.px[iSub]!,
          ev.py[iSub]!,
          ev.pz[iSub]!,
          ev.e[iSub]!,
          mSub,
          M_PI,
          PDG.pi,
          M_PI,
          -PDG.pi,
          isoCos(rng),
          phi(rng),
          1,
          iSub,
        );
      } else if (!fourPi) {
        // rho- -> pi- pi0
        ev.pdg[iSub] = -sign * 213;
        const k = addTwoBodyDecay(
          ev,
          ev.px[iSub]!,
          ev.py[iSub]!,
          ev.pz[iSub]!,
          ev.e[iSub]!,
          mSub,
          M_PI,
          piCharged,
          M_PI0,
          PDG.pi0,
          isoCos(rng),
          phi(rng),
          1,
          iSub,
        );
        decayPi0(rng, ev, k + 1);
      } else {
        // (pi+ pi- pi0) -> rho0 pi0 -> pi+ pi- pi0
        ev.pdg[iSub] = 223;
        const mRho = 2 * M_PI + (mSub - M_PI0 - 2 * M_PI) * rng.uniform();
        const k = addTwoBodyDecay(
          ev,
          ev.px[iSub]!,
          ev.py[iSub]!,
          ev.pz[iSub]!,
          ev.e[iSub]!,
          mSub,
          mRho,
          113,
          M_PI0,
          PDG.pi0,
          isoCos(rng),
          phi(rng),
          1,
          iSub,
        );
        ev.status[k] = 2;
        decayPi0(rng, ev, k + 1);
        addTwoBodyDecay(
          ev,
          ev.px[k]!,
          ev.py[k]!,
          ev.pz[k]!,
          ev.e[k]!,
          mRho,
          M_PI,
          PDG.pi,
          M_PI,
          -PDG.pi,
          isoCos(rng),
          phi(rng),
          1,
          k,
        );
      }
      return mode;
    }
  }
}
