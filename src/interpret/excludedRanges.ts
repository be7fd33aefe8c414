/**
 * Mass ranges where a coupling limit excludes a favoured band, e.g. the (g-2)_mu +-2 sigma band:
 * the band is excluded at M when the upper limit lies below the band's lower edge, g_UL(M) <
 * g_lo(M) (every coupling that explains the anomaly at 2 sigma is above the limit). Between two
 * scan points the crossing is found by linear interpolation of log(g_UL / g_lo) in log M, which
 * is exact for power laws.
 */

/** A closed mass interval [lo, hi] in GeV. */
export type MassRange = [number, number];

/**
 * @param masses scan masses [GeV], strictly increasing
 * @param limit coupling upper limit at each mass (Infinity or NaN = no exclusion there)
 * @param bandLower lower edge of the favoured band at each mass (null/0 = the band reaches 0,
 *   never fully excluded)
 * @returns the excluded ranges, in increasing order
 * @example
 * excludedRanges([1, 2, 3], [1, 0.5, 1], [0.8, 0.8, 0.8]); // one range around M = 2
 */
export function excludedRanges(
  masses: ArrayLike<number>,
  limit: ArrayLike<number>,
  bandLower: ArrayLike<number | null>,
): MassRange[] {
  const n = masses.length;
  if (limit.length !== n || bandLower.length !== n)
    throw new RangeError(
      `excludedRanges: ${n} masses but ${limit.length} limits and ${bandLower.length} band edges`,
    );
  for (let i = 1; i < n; i++)
    if (!(masses[i]! > masses[i - 1]!))
      throw new RangeError(`excludedRanges: masses must increase (index ${i})`);
  // d > 0: excluded. log ratio, -Infinity where there is no exclusion possible.
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = bandLower[i];
    const g = limit[i]!;
    d[i] = lo && lo > 0 && g > 0 && Number.isFinite(g) ? Math.log(lo / g) : Number.NEGATIVE_INFINITY;
  }
  const crossing = (i: number): number => {
    // between i and i+1, where d changes sign
    const a = d[i]!;
    const b = d[i + 1]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a > 0 ? masses[i + 1]! : masses[i]!;
    const t = a / (a - b);
    const la = Math.log(masses[i]!);
    const lb = Math.log(masses[i + 1]!);
    return Math.exp(la + t * (lb - la));
  };
  const out: MassRange[] = [];
  let start: number | null = null;
  for (let i = 0; i < n; i++) {
    const inside = d[i]! > 0;
    if (inside && start === null) start = i === 0 ? masses[0]! : crossing(i - 1);
    if (!inside && start !== null) {
      out.push([start, crossing(i - 1)]);
      start = null;
    }
  }
  if (start !== null) out.push([start, masses[n - 1]!]);
  return out;
}
