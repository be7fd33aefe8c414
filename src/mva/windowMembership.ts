/**
 * Sparse event-to-window membership for the Punzi loss, in CSR form (rows = mass-hypothesis
 * windows, entries = event indices). An event may belong to several windows (overlapping
 * windows, as in the Punzi-net's |M^2_rec - M_i^2| < 2 w_i, arXiv:2110.00810), so a dense
 * window x event matrix would waste memory: the Punzi-net code uses sparse matrices likewise.
 *
 * Row i lists its events in `events[rowPtr[i] .. rowPtr[i+1])`, in increasing event order.
 */
import { ConfigError } from "../core/errors.ts";

/** CSR window -> events membership. */
export interface WindowMembership {
  /** Number of windows (rows). */
  nWindows: number;
  /** Number of events the indices refer to. */
  nEvents: number;
  /** Row pointers, length nWindows + 1, rowPtr[0] = 0. */
  rowPtr: Int32Array;
  /** Event indices, length rowPtr[nWindows]. */
  events: Int32Array;
}

/**
 * Events j with `low[i] < values[j] < high[i]` (open window, as the Punzi-net code) into row i,
 * for every window i, keeping only events with `include[j]` nonzero (all if omitted). Typical use:
 * background events (include = label 0) with values = M^2_recoil [GeV^2].
 * Cost O(nEvents log nWindows) when low and high are both non-decreasing (a mass scan), else
 * O(nEvents * nWindows); no allocation per event.
 * @example windowMembership(m2, lo, hi, isBackground)
 */
export function windowMembership(
  values: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  include?: ArrayLike<number>,
): WindowMembership {
  checkWindows(low, high);
  const nW = low.length;
  const n = values.length;
  const rowPtr = new Int32Array(nW + 1);
  if (isSorted(low) && isSorted(high)) {
    // Windows ordered along the observable (the usual mass scan): the windows containing v are
    // the contiguous range [first i with high_i > v, last i with low_i < v]; two binary searches
    // per event make this O(nEvents log nWindows) instead of O(nEvents nWindows).
    const first = new Int32Array(n);
    const last = new Int32Array(n); // exclusive
    for (let j = 0; j < n; j++) {
      const v = values[j]!;
      if ((include !== undefined && !include[j]) || Number.isNaN(v)) continue;
      const a = countAtMost(high, v); // windows with high <= v
      const b = countBelow(low, v); // windows with low < v
      first[j] = a;
      last[j] = b;
      for (let i = a; i < b; i++) rowPtr[i + 1]!++;
    }
    for (let i = 0; i < nW; i++) rowPtr[i + 1]! += rowPtr[i]!;
    const fill = rowPtr.slice(0, nW);
    const events = new Int32Array(rowPtr[nW]!);
    // j increases, so every row's events come out in increasing order
    for (let j = 0; j < n; j++) for (let i = first[j]!; i < last[j]!; i++) events[fill[i]!++] = j;
    return { nWindows: nW, nEvents: n, rowPtr, events };
  }
  for (let i = 0; i < nW; i++) {
    const lo = low[i]!;
    const hi = high[i]!;
    let c = 0;
    for (let j = 0; j < n; j++) {
      const v = values[j]!;
      if (v > lo && v < hi && (include === undefined || include[j]!)) c++;
    }
    rowPtr[i + 1] = rowPtr[i]! + c;
  }
  const events = new Int32Array(rowPtr[nW]!);
  for (let i = 0; i < nW; i++) {
    const lo = low[i]!;
    const hi = high[i]!;
    let k = rowPtr[i]!;
    for (let j = 0; j < n; j++) {
      const v = values[j]!;
      if (v > lo && v < hi && (include === undefined || include[j]!)) events[k++] = j;
    }
  }
  return { nWindows: nW, nEvents: n, rowPtr, events };
}

function isSorted(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i]! >= a[i - 1]!)) return false;
  return true;
}

/** Number of entries of the sorted array `a` that are < v. */
function countBelow(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Number of entries of the sorted array `a` that are <= v. */
function countAtMost(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * Signal membership: event j generated for hypothesis g = genWindow[j] (>= 0; -1 = not signal)
 * enters row g only, and only if `low[g] < values[j] < high[g]`: eps_i counts the signal of mass
 * i inside window i (the Punzi-net's sig_sparse = generated-mass matrix x in-range matrix).
 */
export function signalWindowMembership(
  values: ArrayLike<number>,
  low: ArrayLike<number>,
  high: ArrayLike<number>,
  genWindow: ArrayLike<number>,
): WindowMembership {
  checkWindows(low, high);
  const nW = low.length;
  const n = values.length;
  if (genWindow.length !== n)
    throw new ConfigError(`genWindow has ${genWindow.length} entries, values ${n}`, "genWindow");
  const counts = new Int32Array(nW + 1);
  const inWin = (j: number, g: number) => values[j]! > low[g]! && values[j]! < high[g]!;
  for (let j = 0; j < n; j++) {
    const g = genWindow[j]!;
    if (g < 0) continue;
    if (!Number.isInteger(g) || g >= nW)
      throw new ConfigError(`window index ${g} out of range 0..${nW - 1}`, `genWindow[${j}]`);
    if (inWin(j, g)) counts[g + 1]!++;
  }
  for (let i = 0; i < nW; i++) counts[i + 1]! += counts[i]!;
  const rowPtr = counts.slice();
  const fill = counts.subarray(0, nW).slice();
  const events = new Int32Array(rowPtr[nW]!);
  for (let j = 0; j < n; j++) {
    const g = genWindow[j]!;
    if (g >= 0 && inWin(j, g)) events[fill[g]!++] = j;
  }
  return { nWindows: nW, nEvents: n, rowPtr, events };
}

/**
 * Membership from explicit lists: `lists[i]` = event indices of window i (any order; sorted and
 * checked here). For tests and for callers that compute windows themselves.
 */
export function membershipFromLists(
  lists: readonly (readonly number[])[],
  nEvents: number,
): WindowMembership {
  const nW = lists.length;
  const rowPtr = new Int32Array(nW + 1);
  lists.forEach((l, i) => {
    rowPtr[i + 1] = rowPtr[i]! + l.length;
  });
  const events = new Int32Array(rowPtr[nW]!);
  lists.forEach((l, i) => {
    const s = [...l].sort((x, y) => x - y);
    s.forEach((j, k) => {
      if (!Number.isInteger(j) || j < 0 || j >= nEvents)
        throw new ConfigError(`event index ${j} out of range 0..${nEvents - 1}`, `windows[${i}][${k}]`);
      events[rowPtr[i]! + k] = j;
    });
  });
  return { nWindows: nW, nEvents, rowPtr, events };
}

/** Structural check of a membership (row pointers monotone, indices in range). */
export function checkMembership(m: WindowMembership, where: string): void {
  if (m.rowPtr.length !== m.nWindows + 1 || m.rowPtr[0] !== 0 || m.rowPtr[m.nWindows] !== m.events.length)
    throw new ConfigError("row pointers do not match the event list", where);
  for (let i = 0; i < m.nWindows; i++)
    if (m.rowPtr[i + 1]! < m.rowPtr[i]!) throw new ConfigError(`row pointer decreases at window ${i}`, where);
  for (let k = 0; k < m.events.length; k++) {
    const j = m.events[k]!;
    if (j < 0 || j >= m.nEvents)
      throw new ConfigError(`event index ${j} out of range 0..${m.nEvents - 1}`, where);
  }
}

function checkWindows(low: ArrayLike<number>, high: ArrayLike<number>): void {
  if (low.length !== high.length)
    throw new ConfigError(`low has ${low.length} windows, high ${high.length}`, "windows");
}
