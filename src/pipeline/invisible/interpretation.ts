/**
 * Stage 8 of analysis A: cross-section limits -> coupling limits and the (g-2)_mu exclusion.
 *
 * sigma(e+e- -> mu mu Z') at g' = 1 with ISR (generate/mumuXCrossSection.ts isrCrossSection, the
 * same sqrt(s') >= 2 GeV convention as the simulated signal whose efficiency it multiplies) is
 * computed on a grid of masses, log-spaced with extra points towards the kinematic end where it
 * falls steeply, and interpolated linearly in (log M, log sigma) to every hypothesis (one
 * integration costs ~0.15 s, 582 of them would dominate the run). The coupling limits follow
 * g_UL = sqrt(sigma_UL / (sigma_1 B)) for the vanilla (B = B(Z' -> nu nu)) and fully invisible
 * (B = 1) models (interpret/couplingLimit.ts); the (g-2) band of the chosen input year is excluded
 * where the fully invisible limit lies below its lower edge.
 */
import { isrCrossSection } from "../../generate/mumuXCrossSection.ts";
import {
  couplingLimit,
  excludedRanges,
  gm2Band,
  type InvisibleModel,
  invisibleBranchingFraction,
  invisibleCouplingLimits,
  type MassRange,
} from "../../interpret/index.ts";

/** sqrt(s) of the run [GeV]. */
const SQRT_S = 10.58;

/** sigma(g' = 1) [fb] on a grid, interpolated to `masses` (module doc). */
export function unitCouplingCrossSections(
  masses: readonly number[],
  nGrid: number,
): { masses: number[]; grid: { mass: number; sigma_fb: number }[]; sigma_fb: number[] } {
  const lo = Math.min(...masses);
  const hi = Math.max(...masses);
  const nLog = Math.max(2, Math.round(0.75 * nGrid));
  const pts = new Set<number>();
  for (let k = 0; k < nLog; k++) pts.add(lo * (hi / lo) ** (k / (nLog - 1)));
  // linear spacing over the upper part, where phase space closes
  const nLin = Math.max(2, nGrid - nLog);
  const a = Math.max(lo, 0.6 * hi);
  for (let k = 0; k < nLin; k++) pts.add(a + ((hi - a) * k) / (nLin - 1));
  const grid = [...pts]
    .sort((x, y) => x - y)
    .map((m) => ({ mass: m, sigma_fb: isrCrossSection("vector", SQRT_S, m).sigma }));
  const lx = grid.map((g) => Math.log(g.mass));
  const ly = grid.map((g) => Math.log(g.sigma_fb));
  const sigma = masses.map((m) => {
    const x = Math.log(m);
    let k = 1;
    while (k < lx.length - 1 && lx[k]! < x) k++;
    const t = (x - lx[k - 1]!) / (lx[k]! - lx[k - 1]!);
    return Math.exp(ly[k - 1]! + t * (ly[k]! - ly[k - 1]!));
  });
  return { masses: [...masses], grid, sigma_fb: sigma };
}

/** Coupling limits and the excluded (g-2) ranges. */
export interface Interpretation {
  sigmaUnit_fb: number[];
  gVanilla: number[];
  gFullyInvisible: number[];
  gVanillaExpected: number[];
  gFullyInvisibleExpected: number[];
  gm2: { year: string; lower: (number | null)[]; upper: (number | null)[]; central: (number | null)[] };
  /** Fully invisible model: mass ranges where the observed limit excludes the band [GeV]. */
  gm2Excluded: MassRange[];
  gm2ExcludedExpected: MassRange[];
  xsecGrid: { mass: number; sigma_fb: number }[];
}

/** Run the interpretation (module doc). Masses must increase. */
export function interpret(
  masses: readonly number[],
  obs: readonly number[],
  expMedian: readonly number[],
  gm2Year: string,
  nGrid: number,
): Interpretation {
  const xs = unitCouplingCrossSections(masses, nGrid);
  const s1 = xs.sigma_fb;
  const gV = invisibleCouplingLimits(masses, obs, s1, "vanilla");
  const gF = invisibleCouplingLimits(masses, obs, s1, "fully-invisible");
  const gVe = invisibleCouplingLimits(masses, expMedian, s1, "vanilla");
  const gFe = invisibleCouplingLimits(masses, expMedian, s1, "fully-invisible");
  const band = gm2Band("vector", masses, gm2Year);
  return {
    sigmaUnit_fb: s1,
    gVanilla: Array.from(gV),
    gFullyInvisible: Array.from(gF),
    gVanillaExpected: Array.from(gVe),
    gFullyInvisibleExpected: Array.from(gFe),
    gm2: { year: band.year, lower: band.lower, upper: band.upper, central: band.central },
    gm2Excluded: excludedRanges(masses, gF, band.lower),
    gm2ExcludedExpected: excludedRanges(masses, gFe, band.lower),
    xsecGrid: xs.grid,
  };
}

/** Linear interpolation in (log x, log y); NaN outside [xs[0], xs[n-1]]. */
function interpLogLog(xs: readonly number[], ys: readonly number[], x0: number): number {
  for (let k = 1; k < xs.length; k++)
    if (xs[k]! >= x0 && xs[k - 1]! <= x0) {
      const t = (Math.log(x0) - Math.log(xs[k - 1]!)) / (Math.log(xs[k]!) - Math.log(xs[k - 1]!));
      return Math.exp(Math.log(ys[k - 1]!) + t * (Math.log(ys[k]!) - Math.log(ys[k - 1]!)));
    }
  return Number.NaN;
}

/**
 * Coupling limit at a mass m between the hypotheses [GeV]: the smooth sigma limit and sigma(g' = 1)
 * interpolated in (log M, log sigma), B taken AT m. Interpolating g' itself would mix B across
 * the mu mu threshold (B(Z' -> nu nu) = 1 below 0.211 GeV, ~1/2 just above).
 *
 * @example couplingLimitAt(masses, obs, interp.sigmaUnit_fb, 0.1, "vanilla")
 */
export function couplingLimitAt(
  masses: readonly number[],
  sigmaUl: readonly number[],
  sigmaUnit: readonly number[],
  m: number,
  model: InvisibleModel,
): number {
  return couplingLimit(
    interpLogLog(masses, sigmaUl, m),
    interpLogLog(masses, sigmaUnit, m),
    invisibleBranchingFraction(model, m),
  );
}
