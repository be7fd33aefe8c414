/**
 * The list of mass hypotheses of a scan: m_0 = from, m_{k+1} = m_k + step sigma(m_k), up to `to`,
 * each with its resolution and fit window [m - W sigma / 2, m + W sigma / 2] (four-muon.md: step =
 * resolution, window = 60 x resolution).
 */
import { ConfigError } from "../../core/errors.ts";
import type { BumpHuntConfig } from "./bumpHuntConfig.ts";
import { resolutionAt } from "./resolution.ts";

/** Columns of the hypothesis list (GeV). */
export interface MassGrid {
  mass: Float64Array;
  sigma: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** Upper bound on the number of hypotheses, against a mistyped --sigma. */
export const MAX_HYPOTHESES = 1_000_000;

/** @example massGrid(cfg).mass.length // 2315 for the four-muon scan */
export function massGrid(
  cfg: Pick<BumpHuntConfig, "from" | "to" | "resolution" | "windowSigmas" | "stepSigmas">,
): MassGrid {
  const ms: number[] = [];
  let m = cfg.from;
  // Tolerance so that a range that is an exact multiple of the step keeps its last point.
  while (m <= cfg.to * (1 + 1e-12)) {
    ms.push(m);
    if (ms.length > MAX_HYPOTHESES)
      throw new ConfigError(`more than ${MAX_HYPOTHESES} hypotheses: check --sigma/--step-sigmas`);
    m += cfg.stepSigmas * resolutionAt(cfg.resolution, m);
  }
  const n = ms.length;
  const g: MassGrid = {
    mass: Float64Array.from(ms),
    sigma: new Float64Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const s = resolutionAt(cfg.resolution, ms[k]!);
    g.sigma[k] = s;
    g.lo[k] = ms[k]! - 0.5 * cfg.windowSigmas * s;
    g.hi[k] = ms[k]! + 0.5 * cfg.windowSigmas * s;
  }
  return g;
}
