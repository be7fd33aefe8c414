/**
 * One-loop (g-2)_mu contributions of a light vector (pure vector coupling g) and a scalar (Yukawa
 * g_S), exact in m_mu / M (Leveille, Nucl. Phys. B137 (1978) 63; Jegerlehner & Nyffeler, Phys.
 * Rept. 477 (2009) 1; physics.md 3.1):
 *
 *   Delta a^V / g^2 = 1/(8 pi^2) int_0^1 dx 2 m^2 x^2 (1-x) / [x^2 m^2 + (1-x) M^2]
 *   Delta a^S / g^2 = 1/(8 pi^2) int_0^1 dx m^2 (1-x)^2 (1+x) / [(1-x)^2 m^2 + x M^2]
 *
 * and the couplings that reproduce a measured Delta a_mu (physics.md 3.2): since Delta a is
 * proportional to g^2, g = sqrt(Delta a / (Delta a per g^2)) — no root finding.
 */

import { gaussLegendreRule } from "../../core/quadrature.ts";
import { M_MU } from "../../core/units.ts";

/** The new boson's Lorentz structure. */
export type BosonKind = "vector" | "scalar";

/** A Delta a_mu = a_mu(exp) - a_mu(SM) determination. */
export interface GminusTwoInput {
  /** Short label, e.g. "2021". */
  readonly year: string;
  /** Central Delta a_mu. */
  readonly central: number;
  /** One standard deviation of Delta a_mu. */
  readonly sigma: number;
  /** What was compared with what. */
  readonly description: string;
}

/**
 * The three Delta a_mu inputs of physics.md 3.2 (values x 1e-11 in the table there):
 * 2021 BNL + FNAL Run-1 vs WP2020: 251 +- 59; 2023 + FNAL Run-2/3 vs WP2020: 249 +- 48;
 * 2025 final FNAL vs WP25 (lattice HVP): 38 +- 63 (no anomaly).
 */
export const GM2_INPUTS: readonly GminusTwoInput[] = [
  { year: "2021", central: 251e-11, sigma: 59e-11, description: "BNL+FNAL Run-1 (PRL 126 141801) vs WP2020" },
  {
    year: "2023",
    central: 249e-11,
    sigma: 48e-11,
    description: "BNL+FNAL Run-1..3 (PRL 131 161802) vs WP2020",
  },
  {
    year: "2025",
    central: 38e-11,
    sigma: 63e-11,
    description: "final FNAL (arXiv:2506.03069) vs WP25 (arXiv:2505.21476)",
  },
];

/**
 * Integral of f over [0, 1] with composite 16-point Gauss-Legendre on geometric breakpoints that
 * accumulate at both ends (10^-k and 1 - 10^-k, k = 1..16): the integrands are peaked at
 * x ~ m^2/M^2 (scalar) or 1 - x ~ m^2/M^2 (vector) when M >> m_mu. Relative accuracy ~1e-12.
 */
function integrateUnit(f: (x: number) => number): number {
  const { nodes: x, weights: w } = gaussLegendreRule(16);
  const bp: number[] = [0];
  for (let k = 16; k >= 1; k--) bp.push(10 ** -k);
  bp.push(0.5);
  for (let k = 1; k <= 16; k++) bp.push(1 - 10 ** -k);
  bp.push(1);
  let s = 0;
  for (let j = 0; j + 1 < bp.length; j++) {
    const a = bp[j]!;
    const b = bp[j + 1]!;
    if (!(b > a)) continue;
    const h = 0.5 * (b - a);
    const c = 0.5 * (a + b);
    for (let i = 0; i < 16; i++) s += w[i]! * h * f(c + h * x[i]!);
  }
  return s;
}

/**
 * One-loop Delta a_mu per coupling squared (dimensionless) for a boson of mass M.
 *
 * @param kind "vector" (L ⊃ g X_a mubar gamma^a mu) or "scalar" (L ⊃ -g S mubar mu)
 * @param mass M > 0 [GeV]
 * @param muonMass m_mu [GeV] (default PDG)
 * @example
 * deltaAmuPerCouplingSq("vector", 1e-4); // -> 1/(8 pi^2) = 0.012665 (M << m_mu)
 */
export function deltaAmuPerCouplingSq(kind: BosonKind, mass: number, muonMass = M_MU): number {
  if (!(mass > 0) || !Number.isFinite(mass))
    throw new RangeError(`deltaAmuPerCouplingSq: mass must be > 0, got ${mass}`);
  const m2 = muonMass * muonMass;
  const M2 = mass * mass;
  const integral =
    kind === "vector"
      ? integrateUnit((x) => (2 * m2 * x * x * (1 - x)) / (x * x * m2 + (1 - x) * M2))
      : integrateUnit((x) => (m2 * (1 - x) * (1 - x) * (1 + x)) / ((1 - x) * (1 - x) * m2 + x * M2));
  return integral / (8 * Math.PI * Math.PI);
}

/** Couplings reproducing an input's central value and its -2 sigma / +2 sigma ends. */
export interface FavouredCouplings {
  readonly year: string;
  /** Coupling for Delta a_mu = central (null when central <= 0). */
  readonly central: number | null;
  /** Coupling for central - 2 sigma (null when that is <= 0: the band reaches g = 0). */
  readonly minus2sigma: number | null;
  /** Coupling for central + 2 sigma. */
  readonly plus2sigma: number | null;
}

/**
 * The couplings g that give Delta a_mu = central, central - 2 sigma, central + 2 sigma.
 *
 * @param kind boson kind
 * @param mass M [GeV]
 * @param inputs Delta a_mu inputs (default {@link GM2_INPUTS}, all three)
 * @param muonMass m_mu [GeV] (default PDG)
 * @example
 * favouredCouplings("vector", 1)[0]!.central; // 5.4e-3 (2021 input)
 */
export function favouredCouplings(
  kind: BosonKind,
  mass: number,
  inputs: readonly GminusTwoInput[] = GM2_INPUTS,
  muonMass = M_MU,
): FavouredCouplings[] {
  const per = deltaAmuPerCouplingSq(kind, mass, muonMass);
  const g = (da: number): number | null => (da > 0 ? Math.sqrt(da / per) : null);
  return inputs.map((inp) => ({
    year: inp.year,
    central: g(inp.central),
    minus2sigma: g(inp.central - 2 * inp.sigma),
    plus2sigma: g(inp.central + 2 * inp.sigma),
  }));
}
