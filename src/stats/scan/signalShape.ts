/**
 * The signal model of a bump hunt at one mass hypothesis: a Gaussian, a double-sided Crystal Ball
 * or a sum of two Crystal Balls with a shared mean, with widths in units of the resolution sigma(m)
 * and tail parameters constant or interpolated linearly in mass from a table (statistics.md 2.3:
 * "signal shape parameters fixed from simulation (interpolated in mass)").
 */
import { ConfigError } from "../../core/errors.ts";
import { doubleCrystalBallPdf } from "../unbinned/doubleCrystalBallPdf.ts";
import { gaussianPdf } from "../unbinned/gaussianPdf.ts";
import type { Pdf } from "../unbinned/pdf.ts";
import { twoCrystalBallPdf } from "../unbinned/twoCrystalBallPdf.ts";

/** Parameter names per shape type (alphas in units of sigma; scale1/scale2 multiply sigma(m)). */
export const SHAPE_PARAMS = {
  gauss: [] as string[],
  dcb: ["alphaL", "nL", "alphaR", "nR"],
  cb2: ["frac", "scale1", "alpha1", "n1", "scale2", "alpha2", "n2"],
} as const;

/** Default tails: a typical dimuon mass peak (radiative low tail, milder high tail). */
export const DEFAULT_SHAPES: Record<"dcb" | "cb2", Record<string, number>> = {
  dcb: { alphaL: 1.4, nL: 3, alphaR: 1.8, nR: 5 },
  cb2: { frac: 0.65, scale1: 0.95, alpha1: 1.4, n1: 3, scale2: 1.15, alpha2: -1.8, n2: 5 },
};

/**
 * Signal shape spec (plain JSON): `params` for constant parameters, or `table` with a `mass`
 * column and one column per parameter, interpolated linearly (clamped at the ends).
 */
export interface SignalShapeSpec {
  type: "gauss" | "dcb" | "cb2";
  params?: Record<string, number>;
  table?: { mass: number[] } & Record<string, number[]>;
}

/** Validate a spec (from --signal/--shape), filling defaults; throws ConfigError. */
export function normalizeShape(spec: SignalShapeSpec, file?: string): SignalShapeSpec {
  const type = spec.type;
  if (!(type in SHAPE_PARAMS))
    throw new ConfigError(`unknown signal type "${type}" (gauss, dcb, cb2)`, "type", file);
  if (type === "gauss") return { type };
  const names = SHAPE_PARAMS[type];
  if (spec.table) {
    const m = spec.table.mass;
    if (!Array.isArray(m) || m.length < 1)
      throw new ConfigError("table.mass must be a non-empty array", "table", file);
    for (let i = 1; i < m.length; i++)
      if (!(m[i]! > m[i - 1]!))
        throw new ConfigError("table.mass must be strictly increasing", "table.mass", file);
    for (const nm of names) {
      const col = spec.table[nm];
      if (!Array.isArray(col) || col.length !== m.length || !col.every((v) => Number.isFinite(v)))
        throw new ConfigError(`table.${nm} must have ${m.length} finite numbers`, `table.${nm}`, file);
    }
    return { type, table: spec.table };
  }
  const params = { ...DEFAULT_SHAPES[type], ...(spec.params ?? {}) };
  for (const nm of names)
    if (!Number.isFinite(params[nm]))
      throw new ConfigError(`parameter ${nm} must be a number`, `params.${nm}`, file);
  return { type, params };
}

function paramAt(spec: SignalShapeSpec, name: string, mass: number): number {
  if (spec.table) {
    const m = spec.table.mass;
    const v = spec.table[name]!;
    if (mass <= m[0]!) return v[0]!;
    const last = m.length - 1;
    if (mass >= m[last]!) return v[last]!;
    let i = 0;
    while (m[i + 1]! < mass) i++;
    return v[i]! + ((mass - m[i]!) / (m[i + 1]! - m[i]!)) * (v[i + 1]! - v[i]!);
  }
  return spec.params![name]!;
}

/**
 * The normalised signal pdf for hypothesis `mass` with resolution `sigma` on window [lo, hi].
 * @example signalPdf({ type: "gauss" }, 5, 0.004, 4.88, 5.12)
 */
export function signalPdf(spec: SignalShapeSpec, mass: number, sigma: number, lo: number, hi: number): Pdf {
  if (spec.type === "gauss") return gaussianPdf(lo, hi, mass, sigma);
  const p = (nm: string): number => paramAt(spec, nm, mass);
  if (spec.type === "dcb")
    return doubleCrystalBallPdf(lo, hi, {
      mu: mass,
      sigma,
      alphaL: p("alphaL"),
      nL: p("nL"),
      alphaR: p("alphaR"),
      nR: p("nR"),
    });
  return twoCrystalBallPdf(lo, hi, {
    mu: mass,
    frac: p("frac"),
    sigma1: sigma * p("scale1"),
    alpha1: p("alpha1"),
    n1: p("n1"),
    sigma2: sigma * p("scale2"),
    alpha2: p("alpha2"),
    n2: p("n2"),
  });
}
