/**
 * Tree-level partial widths and branching fractions of the L_mu - L_tau Z' (physics.md 1.2-1.3).
 *
 *   Gamma(Z' -> l+ l-)        = g'^2 M / (12 pi) (1 + 2 r_l) sqrt(1 - 4 r_l),  r_l = m_l^2 / M^2
 *   Gamma(Z' -> nu_l nubar_l) = g'^2 M / (24 pi)  per flavour (only nu_L couples)
 *
 * Same expressions as the basf2 Lmu_minus_Ltau UFO decay table and DMG4 (cited in physics.md);
 * derivation: standard V -> f fbar with a pure vector coupling (e.g. Peskin & Schroeder ch. 5).
 * Widths are returned per unit coupling squared (GeV / g'^2): multiply by g'^2.
 */
import { M_MU, M_TAU } from "../../core/units.ts";

/** Widths of Z' per g'^2 [GeV], vanilla L_mu - L_tau model (no dark sector). */
export interface ZprimeWidths {
  /** Z' mass [GeV]. */
  readonly mass: number;
  /** Gamma(Z' -> mu+ mu-) / g'^2 [GeV]. */
  readonly mumu: number;
  /** Gamma(Z' -> tau+ tau-) / g'^2 [GeV]. */
  readonly tautau: number;
  /** Gamma(Z' -> nu_mu nubar_mu) / g'^2 [GeV] (equal to the nu_tau width). */
  readonly nuPerFlavour: number;
  /** Gamma(Z' -> nu nubar), both flavours, / g'^2 [GeV]. */
  readonly invisible: number;
  /** Total width / g'^2 [GeV]. */
  readonly total: number;
}

/** Optional lepton masses [GeV] (defaults: PDG values of core/units.ts). */
export interface LeptonMasses {
  readonly mMu?: number;
  readonly mTau?: number;
}

/** Vanilla branching fractions of the Z' (sum to 1). */
export interface ZprimeBranchingFractions {
  readonly mumu: number;
  readonly tautau: number;
  /** B(Z' -> nu nubar), both flavours. */
  readonly invisible: number;
}

/**
 * Gamma(V -> f fbar) per coupling squared for a pure vector coupling, in units of M:
 * (1 + 2r) sqrt(1 - 4r) / (12 pi), zero at and below threshold.
 *
 * @param mass boson mass M [GeV]
 * @param mf fermion mass [GeV]
 */
export function vectorToFermionsWidthPerGsq(mass: number, mf: number): number {
  const r = (mf * mf) / (mass * mass);
  if (!(4 * r < 1)) return 0;
  return (mass / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/**
 * Partial and total widths per g'^2 of the L_mu - L_tau Z'.
 *
 * @param mass Z' mass M > 0 [GeV]
 * @param leptonMasses optional m_mu, m_tau [GeV] (default PDG, core/units.ts)
 * @example
 * zprimeWidths(1.0).total; // 0.0796 GeV: multiply by g'^2
 */
export function zprimeWidths(mass: number, leptonMasses: LeptonMasses = {}): ZprimeWidths {
  if (!(mass > 0) || !Number.isFinite(mass))
    throw new RangeError(`zprimeWidths: mass must be > 0, got ${mass}`);
  const mumu = vectorToFermionsWidthPerGsq(mass, leptonMasses.mMu ?? M_MU);
  const tautau = vectorToFermionsWidthPerGsq(mass, leptonMasses.mTau ?? M_TAU);
  const nuPerFlavour = mass / (24 * Math.PI);
  const invisible = 2 * nuPerFlavour;
  return { mass, mumu, tautau, nuPerFlavour, invisible, total: mumu + tautau + invisible };
}

/**
 * Vanilla branching fractions B(mu mu), B(tau tau), B(invisible) = B(nu nubar) (physics.md 1.3):
 * B(inv) = 1 / [1 + beta_mu (1 + 2 r_mu) + beta_tau (1 + 2 r_tau)].
 *
 * @param mass Z' mass [GeV]
 * @example
 * zprimeBranchingFractions(0.1).invisible; // 1 below the dimuon threshold
 */
export function zprimeBranchingFractions(
  mass: number,
  leptonMasses: LeptonMasses = {},
): ZprimeBranchingFractions {
  const w = zprimeWidths(mass, leptonMasses);
  return { mumu: w.mumu / w.total, tautau: w.tautau / w.total, invisible: w.invisible / w.total };
}
