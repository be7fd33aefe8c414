/**
 * Which bins an integral or a projection runs over. One of: the in-range bins (default), all bins
 * including under/overflow (`flow: true`), an inclusive bin span (`bins: [first, last]`, -1 =
 * underflow, n = overflow), or the bins covering a value interval (`range: [lo, hi]`, half-open,
 * see {@link Axis.binRange}).
 */
import type { Axis } from "./axis.ts";

/** A bin selection on one axis. */
export interface BinSelection {
  /** Include the flow bins when no `bins`/`range` is given (default false). */
  flow?: boolean;
  /** Inclusive bin numbers [first, last], -1 = underflow, n = overflow. */
  bins?: readonly [number, number];
  /** Value interval [lo, hi): the bins it covers (see {@link Axis.binRange}). */
  range?: readonly [number, number];
}

/**
 * Resolve a selection to inclusive storage slots [s0, s1] (slot = bin + 1; empty if s1 < s0).
 * `defaultFlow` says whether an empty selection includes the flow bins (integrals: no;
 * projections: yes, like ROOT). Spans are clipped to [-1, n]; non-integer bins give RangeError.
 */
export function selectionSlots(
  axis: Axis,
  sel: BinSelection | undefined,
  defaultFlow: boolean,
): [number, number] {
  const n = axis.nBins;
  let first: number;
  let last: number;
  if (sel?.bins) [first, last] = sel.bins;
  else if (sel?.range) [first, last] = axis.binRange(sel.range[0], sel.range[1]);
  else if (sel?.flow ?? defaultFlow) [first, last] = [-1, n];
  else [first, last] = [0, n - 1];
  if (!Number.isInteger(first) || !Number.isInteger(last))
    throw new RangeError(`bin selection must be integers, got [${first}, ${last}]`);
  first = Math.max(first, -1);
  last = Math.min(last, n);
  return [first + 1, last + 1];
}
