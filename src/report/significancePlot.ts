/**
 * Local significance vs mass, with dotted reference lines at 1σ, 2σ, 3σ (and higher when reached)
 * and the largest local excess marked in the legend, as in the paper's significance figures.
 */
import { type LinesOptions, linesPlot } from "./linesPlot.ts";
import type { VlSpec } from "./render.ts";

/** Local significances per mass point. */
export interface SignificanceCurve {
  /** Mass hypotheses in GeV. */
  mass: ArrayLike<number>;
  /** Local significance Z in σ (signed: deficits negative, or clipped at 0, as the caller prefers). */
  z: ArrayLike<number>;
  /** Global significance of the largest excess, if computed (printed in the legend). */
  zGlobal?: number;
}

/**
 * Vega-lite spec of Z_local vs mass. Defaults: yTitle "Local significance [σ]".
 *
 * @example significancePlot({ mass, z, zGlobal: 0.7 }, { xTitle: "M_Z' [GeV]" })
 */
export function significancePlot(
  s: SignificanceCurve,
  opts: Omit<LinesOptions, "yTitle"> & { yTitle?: string },
): VlSpec {
  let zMax = Number.NEGATIVE_INFINITY;
  let mAt = Number.NaN;
  for (let i = 0; i < s.z.length; i++)
    if (s.z[i]! > zMax) {
      zMax = s.z[i]!;
      mAt = s.mass[i]!;
    }
  const top = Math.max(3, Math.ceil(Number.isFinite(zMax) ? zMax : 0));
  const hlines = Array.from({ length: top }, (_, k) => k + 1);
  let name = "Local significance";
  if (Number.isFinite(zMax)) {
    name += ` (max ${zMax.toFixed(1)}σ at ${mAt.toPrecision(4)} GeV`;
    name += s.zGlobal !== undefined ? `, global ${s.zGlobal.toFixed(1)}σ)` : ")";
  }
  return linesPlot([{ name, x: s.mass, y: s.z, style: { color: "black", width: 1.5 } }], {
    ...opts,
    yTitle: opts.yTitle ?? "Local significance [σ]",
    hlines: [...hlines, ...(opts.hlines ?? [])],
    yDomain: opts.yDomain ?? [Math.min(0, ...Array.from(s.z).filter(Number.isFinite)), top + 1.2],
  });
}
