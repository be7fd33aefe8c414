/**
 * One background-only toy scan for the look-elsewhere effect: draw a toy spectrum from the smooth
 * background template, run the q0 part of every hypothesis, and keep what the global p-values
 * need (largest q0 and where, up-crossings of u0, failed fits).
 */
import { stream } from "../../core/random.ts";
import type { Pdf } from "../unbinned/pdf.ts";
import { drawBackgroundToy } from "./backgroundToys.ts";
import type { BumpHuntConfig } from "./bumpHuntConfig.ts";
import { fitMassPoint } from "./fitMassPoint.ts";
import { countUpcrossings } from "./lookElsewhere.ts";
import type { MassGrid } from "./massGrid.ts";

/** Toy t draws from stream(seed, TOY_STREAM_OFFSET + t); mass points use stream(seed, k). */
export const TOY_STREAM_OFFSET = 2 ** 32;

/** One line of toys.jsonl. */
export interface ToyResult {
  toy: number;
  n_events: number;
  max_q0: number;
  max_q0_index: number;
  n_upcrossings: number;
  n_failed_fits: number;
  /** "ok", or why the whole toy failed (it is then left out of the global p-values). */
  status: string;
}

/** Run toy scan number `t`. */
export function runToyScan(
  model: { pdf: Pdf; count: number },
  grid: MassGrid,
  cfg: BumpHuntConfig,
  t: number,
): ToyResult {
  const rng = stream(cfg.seed, TOY_STREAM_OFFSET + t);
  let toy: Float64Array;
  try {
    toy = drawBackgroundToy(model, rng);
  } catch (e) {
    return {
      toy: t,
      n_events: 0,
      max_q0: Number.NaN,
      max_q0_index: -1,
      n_upcrossings: Number.NaN,
      n_failed_fits: 0,
      status: `failed: ${(e as Error).message}`,
    };
  }
  const q0 = new Float64Array(grid.mass.length);
  let failed = 0;
  let maxQ = 0;
  let maxK = -1;
  for (let k = 0; k < q0.length; k++) {
    const r = fitMassPoint(toy, grid, k, cfg, undefined, true);
    q0[k] = r.status === "ok" ? r.q0 : Number.NaN;
    if (r.status !== "ok") failed++;
    else if (r.q0 > maxQ || maxK < 0) {
      maxQ = r.q0;
      maxK = k;
    }
  }
  return {
    toy: t,
    n_events: toy.length,
    max_q0: maxQ,
    max_q0_index: maxK,
    n_upcrossings: countUpcrossings(q0, cfg.u0),
    n_failed_fits: failed,
    status: "ok",
  };
}
