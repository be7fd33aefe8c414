/**
 * Four-vector shapes shared by the Lorentz kernels. Components are read by name (px, py, pz, e),
 * in GeV, in whatever frame the caller states. Two shapes:
 *
 * - {@link FourVector}: one vector as a small named object, for per-run constants such as the
 *   initial state P_init (never created per event on a hot path);
 * - {@link FourVectorColumns}: struct of arrays, one Float64Array per component, one row per
 *   event (or per particle). {@link TruthEvents} satisfies this shape, so its particle columns can
 *   be passed to every column kernel directly.
 *
 * Kernels that return one vector from scalar inputs write into a caller-owned
 * {@link MutableFourVector} or a numeric array (order px, py, pz, e), so nothing is allocated per
 * call.
 */

/** One four-vector [GeV], components by name. */
export interface FourVector {
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  readonly e: number;
}

/** A reusable four-vector that kernels write into (allocate once, reuse per event). */
export interface MutableFourVector {
  px: number;
  py: number;
  pz: number;
  e: number;
}

/** Three-momentum columns [GeV], one row per event or particle. */
export interface ThreeVectorColumns {
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
}

/** Four-momentum columns [GeV], one row per event or particle; all four arrays have equal length. */
export interface FourVectorColumns extends ThreeVectorColumns {
  readonly e: Float64Array;
}

/**
 * Allocate zeroed four-vector columns of `n` rows.
 *
 * @example
 * const mu = fourVectorColumns(1_000_000); // mu.px, mu.py, mu.pz, mu.e
 */
export function fourVectorColumns(n: number): FourVectorColumns {
  return {
    px: new Float64Array(n),
    py: new Float64Array(n),
    pz: new Float64Array(n),
    e: new Float64Array(n),
  };
}

/** A fresh zero {@link MutableFourVector}, to be reused as an output buffer. */
export function mutableFourVector(px = 0, py = 0, pz = 0, e = 0): MutableFourVector {
  return { px, py, pz, e };
}

/**
 * Throw a RangeError unless every column has `n` rows. Called once per kernel call, never per row:
 * a short column would otherwise read `undefined` and silently produce NaN.
 */
export function assertRows(n: number, what: string, ...cols: readonly ArrayLike<number>[]): void {
  for (const c of cols)
    if (c.length < n) throw new RangeError(`${what}: a column has ${c.length} rows, expected at least ${n}`);
}
