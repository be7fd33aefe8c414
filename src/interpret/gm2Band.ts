/**
 * The (g-2)_mu favoured coupling band along a mass scan, for one Delta a_mu input.
 */
import { type BosonKind, favouredCouplings, GM2_INPUTS } from "../physics/models/gminus2.ts";

/** Band edges and centre per mass; null where Delta a_mu <= 0 at that end (band reaches g = 0). */
export interface Gm2Band {
  year: string;
  central: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}

/**
 * @param kind "vector" (L_mu - L_tau Z') or "scalar" (S)
 * @param masses scan masses [GeV]
 * @param year Delta a_mu input: "2021" (the invisible paper's), "2023" or "2025"
 * @throws RangeError for an unknown year
 * @example gm2Band("vector", [0.1, 1], "2021").lower
 */
export function gm2Band(kind: BosonKind, masses: ArrayLike<number>, year = "2021"): Gm2Band {
  const input = GM2_INPUTS.find((x) => x.year === year);
  if (!input)
    throw new RangeError(
      `unknown (g-2) input year "${year}"; choose one of ${GM2_INPUTS.map((x) => x.year).join(", ")}`,
    );
  const band: Gm2Band = { year, central: [], lower: [], upper: [] };
  for (let i = 0; i < masses.length; i++) {
    const f = favouredCouplings(kind, masses[i]!, [input])[0]!;
    band.central.push(f.central);
    band.lower.push(f.minus2sigma);
    band.upper.push(f.plus2sigma);
  }
  return band;
}
