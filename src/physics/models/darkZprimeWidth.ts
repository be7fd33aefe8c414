/**
 * Width of the Z' into a dark state chi ("fully invisible" model, physics.md 1.4), with
 * alpha_D = g_D^2 / (4 pi), r = m_chi^2 / M^2:
 *
 *   complex scalar chi: Gamma = alpha_D M / 12 (1 - 4r)^{3/2}
 *                       (DMG4 DarkZAnnihilation, arXiv:2206.03101 eq. A.3; with m_chi = M/3 this is
 *                       the convention that reproduces Gamma = 0.1 M at alpha_D = 2.9)
 *   Dirac fermion chi:  Gamma = alpha_D M / 3 (1 + 2r) sqrt(1 - 4r)
 *
 * The default dark state is the complex scalar with m_chi = M/3 (the paper's benchmark).
 */

/** Kind of dark state the Z' decays into. */
export type DarkState = "complex-scalar" | "dirac-fermion";

/** Options of {@link darkZprimeWidth}. */
export interface DarkWidthOptions {
  /** Kind of chi (default "complex-scalar"). */
  readonly chi?: DarkState;
  /** m_chi / M (default 1/3). Must be in [0, 1/2). */
  readonly massRatio?: number;
}

/**
 * Gamma(Z' -> chi chibar) [GeV].
 *
 * @param mass Z' mass M [GeV]
 * @param alphaD dark coupling alpha_D = g_D^2 / (4 pi) (>= 0)
 * @example
 * darkZprimeWidth(1, 2.9) / 1; // 0.1001: the Gamma = 0.1 M benchmark
 */
export function darkZprimeWidth(mass: number, alphaD: number, opts: DarkWidthOptions = {}): number {
  const ratio = opts.massRatio ?? 1 / 3;
  if (!(ratio >= 0 && ratio < 0.5))
    throw new RangeError(`darkZprimeWidth: m_chi/M must be in [0, 0.5), got ${ratio}`);
  if (!(mass > 0)) throw new RangeError(`darkZprimeWidth: mass must be > 0, got ${mass}`);
  if (!(alphaD >= 0)) throw new RangeError(`darkZprimeWidth: alpha_D must be >= 0, got ${alphaD}`);
  const r = ratio * ratio;
  if ((opts.chi ?? "complex-scalar") === "complex-scalar") return ((alphaD * mass) / 12) * (1 - 4 * r) ** 1.5;
  return ((alphaD * mass) / 3) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/**
 * alpha_D that gives Gamma(Z' -> chi chibar) = widthOverMass * M (e.g. 0.1 -> 2.898 for the
 * complex scalar with m_chi = M/3).
 */
export function alphaDForWidth(widthOverMass: number, opts: DarkWidthOptions = {}): number {
  return widthOverMass / darkZprimeWidth(1, 1, opts);
}
