/**
 * One hypothesis of a bump hunt: select the events in the window, fit signal + Bernstein
 * background (all yields free) and background only, and derive the local significance and the
 * CLs upper limits on the signal yield (statistics.md 2.3-2.4, physics.md 6.3).
 *
 * Never throws for a bad fit: the result carries a status, so a scan never dies on one point.
 */
import type { Stream } from "../../core/random.ts";
import { bernsteinBasis } from "../unbinned/bernsteinPdf.ts";
import { clsExpectedLimit, clsObservedLimit } from "../unbinned/clsUpperLimit.ts";
import { fitMixtureYields } from "../unbinned/mixtureYieldFit.ts";
import type { Pdf } from "../unbinned/pdf.ts";
import type { BumpHuntConfig } from "./bumpHuntConfig.ts";
import type { MassGrid } from "./massGrid.ts";
import { signalPdf } from "./signalShape.ts";
import { toyClsLimit } from "./toyClsLimit.ts";

/** Bands of the expected limit, in sigma units, in the order of `ul_exp`. */
export const EXPECTED_BANDS = [-2, -1, 0, 1, 2] as const;

/** One line of scan.jsonl (GeV, events). NaN is written as null. */
export interface PointResult {
  index: number;
  mass: number;
  sigma: number;
  window: [number, number];
  n_events: number;
  signal_yield: number;
  signal_yield_error: number;
  background_yield: number;
  q0: number;
  z_local: number;
  ul_obs: number;
  /** Expected upper limits at -2, -1, 0, +1, +2 sigma. */
  ul_exp: number[];
  sigma_asimov: number;
  limit_method: "asymptotic" | "toys" | "none";
  /** "ok", or why the point failed (then yields/limits may be NaN). */
  status: string;
}

/** First index with a[i] >= v in a sorted array. */
export function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Fit inputs for a window: template matrix F (component-major) and the signal pdf. */
export interface WindowModel {
  /** K = poly + 2 components: signal, then the normalised Bernstein basis. */
  K: number;
  lo: number;
  hi: number;
  /** The normalised signal pdf (for densities and toys). */
  signal: Pdf;
  /** Bernstein degree of the background. */
  degree: number;
  /** Fill F for the events xs. */
  fill(xs: Float64Array, F: Float64Array): void;
}

/** Build the window model of hypothesis k. */
export function windowModel(grid: MassGrid, k: number, cfg: BumpHuntConfig): WindowModel {
  const lo = grid.lo[k]!;
  const hi = grid.hi[k]!;
  const sig = signalPdf(cfg.signal, grid.mass[k]!, grid.sigma[k]!, lo, hi);
  const d = cfg.poly;
  const K = d + 2;
  const basis = new Float64Array(d + 1);
  return {
    K,
    lo,
    hi,
    signal: sig,
    degree: d,
    fill(xs, F) {
      const n = xs.length;
      sig.evaluate(xs, F.subarray(0, n));
      for (let i = 0; i < n; i++) {
        bernsteinBasis(d, lo, hi, xs[i]!, basis);
        for (let j = 0; j <= d; j++) F[(j + 1) * n + i] = basis[j]!;
      }
    },
  };
}

/** Signal + background and background-only fits; q0 = 2 (NLL_b - NLL_sb) for s_hat > 0 else 0. */
export function fitWindow(
  F: Float64Array,
  n: number,
  K: number,
  weights?: Float64Array,
): {
  sb: ReturnType<typeof fitMixtureYields>;
  b: ReturnType<typeof fitMixtureYields>;
  q0: number;
  status: string;
} {
  let total = n;
  if (weights) {
    total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
  }
  const start = new Float64Array(K).fill(total / (K - 1));
  start[0] = 0;
  let sb = fitMixtureYields(F, n, K, start, weights ? { weights } : {});
  if (!sb.converged) {
    // Retry once from a different start (statistics.md 2.1): some signal, background rescaled.
    const s0 = Math.sqrt(total);
    const start2 = new Float64Array(K).fill(Math.max(total - s0, 0.5 * total) / (K - 1));
    start2[0] = s0;
    const retry = fitMixtureYields(F, n, K, start2, weights ? { weights } : {});
    if (retry.converged || retry.nll < sb.nll) sb = retry;
  }
  const b = fitMixtureYields(F, n, K, sb.converged ? sb.yields : start, {
    fixedIndex: 0,
    fixedValue: 0,
    ...(weights ? { weights } : {}),
  });
  let status = "ok";
  if (!sb.converged) status = `s+b fit: ${sb.status}`;
  else if (!b.converged) status = `b-only fit: ${b.status}`;
  const q0 = sb.yields[0]! > 0 ? Math.max(0, 2 * (b.nll - sb.nll)) : 0;
  return { sb, b, q0, status };
}

/** The background-only Asimov data set of a window as weighted points, with its templates. */
export interface AsimovData {
  /** Number of points. */
  m: number;
  /** Templates at the points, component-major (K x m). */
  F: Float64Array;
  /** Expected background events per point (intensity x spacing). */
  w: Float64Array;
}

/**
 * Background-only Asimov data set (Cowan et al. 1007.1727 section 3.2) for an unbinned window: a
 * midpoint grid with 4 nodes per sigma, each weighted by the fitted background intensity times
 * the spacing (the integrands are smooth on that scale). Nodes where the fitted intensity is not
 * positive are dropped (they carry no expected events).
 */
export function asimovData(model: WindowModel, bYields: Float64Array, sigmaRes: number): AsimovData {
  const K = model.K;
  const mAll = Math.max(64, Math.ceil((4 * (model.hi - model.lo)) / sigmaRes));
  const dx = (model.hi - model.lo) / mAll;
  const xsAll = new Float64Array(mAll);
  for (let j = 0; j < mAll; j++) xsAll[j] = model.lo + (j + 0.5) * dx;
  const Fall = new Float64Array(K * mAll);
  model.fill(xsAll, Fall);
  const keep: number[] = [];
  const wAll = new Float64Array(mAll);
  for (let j = 0; j < mAll; j++) {
    let D = 0;
    for (let k = 1; k < K; k++) D += bYields[k]! * Fall[k * mAll + j]!;
    wAll[j] = D * dx;
    if (D > 0) keep.push(j);
  }
  const m = keep.length;
  const F = new Float64Array(K * m);
  const w = new Float64Array(m);
  keep.forEach((j, i) => {
    w[i] = wAll[j]!;
    for (let k = 0; k < K; k++) F[k * m + i] = Fall[k * mAll + j]!;
  });
  return { m, F, w };
}

/**
 * Standard deviation of the signal yield on the background-only Asimov data set from its Fisher
 * information I_kl = sum_j w_j F_kj F_lj / D_j^2 = ∫ F_k F_l / D dx (the extended-likelihood
 * Hessian on Asimov data; Cowan et al. 1007.1727 section 3.2): [I^-1]_00 by a Schur complement.
 */
export function asimovSigma(a: AsimovData, bYields: Float64Array, K: number): number {
  const { m, F, w } = a;
  const I = new Float64Array(K * K);
  for (let j = 0; j < m; j++) {
    let D = 0;
    for (let k = 1; k < K; k++) D += bYields[k]! * F[k * m + j]!;
    const c = w[j]! / (D * D);
    for (let k = 0; k < K; k++)
      for (let l = 0; l <= k; l++) I[k * K + l] = I[k * K + l]! + c * F[k * m + j]! * F[l * m + j]!;
  }
  for (let k = 0; k < K; k++) for (let l = 0; l < k; l++) I[l * K + k] = I[k * K + l]!;
  // [I^-1]_00 = 1 / (I_00 - I_0r I_rr^-1 I_r0), with a small Gauss-Jordan on I_rr.
  const r = K - 1;
  const A = new Float64Array(r * (r + 1));
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) A[i * (r + 1) + j] = I[(i + 1) * K + j + 1]!;
    A[i * (r + 1) + r] = I[(i + 1) * K]!;
  }
  for (let c = 0; c < r; c++) {
    let p = c;
    for (let i = c + 1; i < r; i++) if (Math.abs(A[i * (r + 1) + c]!) > Math.abs(A[p * (r + 1) + c]!)) p = i;
    if (p !== c)
      for (let j = 0; j <= r; j++) {
        const t = A[c * (r + 1) + j]!;
        A[c * (r + 1) + j] = A[p * (r + 1) + j]!;
        A[p * (r + 1) + j] = t;
      }
    const piv = A[c * (r + 1) + c]!;
    if (!(Math.abs(piv) > 0)) return Number.NaN;
    for (let i = 0; i < r; i++) {
      if (i === c) continue;
      const f = A[i * (r + 1) + c]! / piv;
      for (let j = c; j <= r; j++) A[i * (r + 1) + j] = A[i * (r + 1) + j]! - f * A[c * (r + 1) + j]!;
    }
  }
  let schur = I[0]!;
  for (let i = 0; i < r; i++) schur -= I[i + 1]! * (A[i * (r + 1) + r]! / A[i * (r + 1) + i]!);
  return schur > 0 ? 1 / Math.sqrt(schur) : Number.NaN;
}

/**
 * Fit hypothesis k of the grid on the sorted events.
 *
 * @param events observable values, sorted ascending (GeV)
 * @param rng this point's own stream (toy limits only), e.g. stream(seed, k)
 * @param q0Only skip limits (look-elsewhere toy scans)
 */
export function fitMassPoint(
  events: Float64Array,
  grid: MassGrid,
  k: number,
  cfg: BumpHuntConfig,
  rng: Stream | undefined,
  q0Only = false,
): PointResult {
  const lo = grid.lo[k]!;
  const hi = grid.hi[k]!;
  const res: PointResult = {
    index: k,
    mass: grid.mass[k]!,
    sigma: grid.sigma[k]!,
    window: [lo, hi],
    n_events: 0,
    signal_yield: Number.NaN,
    signal_yield_error: Number.NaN,
    background_yield: Number.NaN,
    q0: Number.NaN,
    z_local: Number.NaN,
    ul_obs: Number.NaN,
    ul_exp: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    sigma_asimov: Number.NaN,
    limit_method: "none",
    status: "ok",
  };
  try {
    const i0 = lowerBound(events, lo);
    const i1 = lowerBound(events, hi);
    const xs = events.subarray(i0, i1);
    const n = xs.length;
    res.n_events = n;
    if (n === 0) {
      res.status = "empty-window";
      return res;
    }
    const model = windowModel(grid, k, cfg);
    const K = model.K;
    const F = new Float64Array(K * n);
    model.fill(xs, F);
    const { sb, b, q0, status } = fitWindow(F, n, K);
    res.status = status;
    if (status !== "ok") return res;
    res.signal_yield = sb.yields[0]!;
    res.signal_yield_error = Math.sqrt(sb.cov[0]!);
    let bsum = 0;
    for (let j = 1; j < K; j++) bsum += sb.yields[j]!;
    res.background_yield = bsum;
    res.q0 = q0;
    res.z_local = Math.sqrt(q0);
    if (q0Only) return res;
    const alpha = 1 - cfg.cl;
    const asimov = asimovData(model, b.yields, grid.sigma[k]!);
    const sigmaA = asimovSigma(asimov, b.yields, K);
    res.sigma_asimov = sigmaA;
    if (cfg.limitToys > 0 && n < cfg.smallCount && rng) {
      const t = toyClsLimit(model, b.yields, sb.yields[0]!, xs, F, cfg.limitToys, alpha, sigmaA, rng);
      res.ul_obs = t.observed;
      res.ul_exp = t.expected;
      res.limit_method = "toys";
      return res;
    }
    // q_{mu,A}: profile fits on the Asimov points, relative to their own best fit (mu_hat_A ~ 0).
    const aFree = fitMixtureYields(asimov.F, asimov.m, K, b.yields, { weights: asimov.w });
    if (!aFree.converged) throw new Error(`Asimov fit: ${aFree.status}`);
    let warmA: Float64Array = Float64Array.from(aFree.yields);
    const qAsimov = (mu: number): number => {
      const c = fitMixtureYields(asimov.F, asimov.m, K, warmA, {
        weights: asimov.w,
        fixedIndex: 0,
        fixedValue: mu,
      });
      if (!c.converged) throw new Error(`Asimov conditional fit at s = ${mu}: ${c.status}`);
      warmA = c.yields;
      return 2 * (c.nll - aFree.nll);
    };
    const muHat = sb.yields[0]!;
    let warm: Float64Array = Float64Array.from(sb.yields);
    const qTilde = (mu: number): number => {
      if (mu <= muHat) return 0;
      const c = fitMixtureYields(F, n, K, warm, { fixedIndex: 0, fixedValue: mu });
      if (!c.converged) throw new Error(`conditional fit at s = ${mu}: ${c.status}`);
      warm = c.yields;
      return 2 * (c.nll - (muHat < 0 ? b.nll : sb.nll));
    };
    const problem = { qTilde, qAsimov, alpha, muHat, sigmaHat: res.signal_yield_error, sigmaA };
    res.ul_exp = EXPECTED_BANDS.map((N) => clsExpectedLimit(problem, N));
    res.ul_obs = clsObservedLimit(problem);
    res.limit_method = "asymptotic";
    if (!Number.isFinite(res.ul_obs)) res.status = "limit: no CLs crossing found";
  } catch (e) {
    res.status = `failed: ${(e as Error).message ?? String(e)}`;
  }
  return res;
}
