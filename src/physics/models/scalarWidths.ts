/**
 * Widths of the muonphilic scalar S (L ⊃ -g_S S mubar mu, physics.md 2.1), per g_S^2 [GeV]:
 *
 *   Gamma(S -> mu mu)     = g_S^2 m_S / (8 pi) (1 - 4 m_mu^2 / m_S^2)^{3/2}     (p-wave)
 *   Gamma(S -> gamma gamma) = alpha^2 g_S^2 m_S^3 / (256 pi^3 m_mu^2) |A_1/2(tau)|^2,
 *   tau = m_S^2 / (4 m_mu^2), A_1/2 = 2 [tau + (tau - 1) f(tau)] / tau^2,
 *   f = arcsin^2 sqrt(tau) (tau <= 1), -1/4 [ln((1 + sqrt(1-1/tau)) / (1 - sqrt(1-1/tau))) - i pi]^2.
 *
 * The gamma gamma formula is the Higgs muon-loop with 1/v -> g_S/m_mu (Djouadi, Phys. Rept. 457
 * (2008) 1, eqs. 2.48-2.50). Above 2 m_mu B(S -> mu mu) > 0.9998, so B(mu mu) = 1 is used in the
 * searches (physics.md 2.1).
 */
import { ALPHA_EM, M_MU } from "../../core/units.ts";

/** Widths of S per g_S^2 [GeV] and branching fractions. */
export interface ScalarWidths {
  readonly mass: number;
  /** Gamma(S -> mu mu) / g_S^2 [GeV]. */
  readonly mumu: number;
  /** Gamma(S -> gamma gamma) / g_S^2 [GeV]. */
  readonly gammagamma: number;
  /** Total / g_S^2 [GeV]. */
  readonly total: number;
  /** B(S -> mu mu). */
  readonly bMumu: number;
  /** B(S -> gamma gamma). */
  readonly bGammagamma: number;
}

/** |A_1/2(tau)|^2 of the fermion loop (Djouadi 2008, eq. 2.49-2.50). */
function fermionLoopAmplitude2(tau: number): number {
  let fr: number;
  let fi: number;
  if (tau <= 1) {
    const a = Math.asin(Math.sqrt(tau));
    fr = a * a;
    fi = 0;
  } else {
    const b = Math.sqrt(1 - 1 / tau);
    const l = Math.log((1 + b) / (1 - b));
    // -(1/4) (l - i pi)^2 = -(1/4)(l^2 - pi^2) + i (pi l / 2)
    fr = -0.25 * (l * l - Math.PI * Math.PI);
    fi = 0.5 * Math.PI * l;
  }
  const ar = (2 * (tau + (tau - 1) * fr)) / (tau * tau);
  const ai = (2 * (tau - 1) * fi) / (tau * tau);
  return ar * ar + ai * ai;
}

/**
 * Widths and branching fractions of the muonphilic scalar.
 *
 * @param mass m_S > 0 [GeV]
 * @example
 * scalarWidths(1).bMumu; // 0.99999...
 */
export function scalarWidths(mass: number): ScalarWidths {
  if (!(mass > 0) || !Number.isFinite(mass))
    throw new RangeError(`scalarWidths: mass must be > 0, got ${mass}`);
  const r = (M_MU * M_MU) / (mass * mass);
  const mumu = 4 * r < 1 ? (mass / (8 * Math.PI)) * (1 - 4 * r) ** 1.5 : 0;
  const tau = (mass * mass) / (4 * M_MU * M_MU);
  const gammagamma =
    ((ALPHA_EM * ALPHA_EM * mass ** 3) / (256 * Math.PI ** 3 * M_MU * M_MU)) * fermionLoopAmplitude2(tau);
  const total = mumu + gammagamma;
  return { mass, mumu, gammagamma, total, bMumu: mumu / total, bGammagamma: gammagamma / total };
}
