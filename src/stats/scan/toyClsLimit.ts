/**
 * CLs upper limit on a signal yield from pseudo-experiments, for windows with few events where the
 * asymptotic formulae do not hold (Read, J. Phys. G 28 (2002) 2693; test statistic q~_mu of
 * Cowan et al. 1007.1727 eq. (16)). For each mu on a grid: q~_mu on the data, on toys drawn
 * from (mu, background profiled at mu) and on background-only toys (background profiled at 0);
 * CLs = P_sb(q >= q_obs) / P_b(q >= q_obs). Expected limits replace q_obs by the background-only
 * quantiles of q~_mu. The limit is interpolated in log CLs between grid points.
 */
import type { Stream } from "../../core/random.ts";
import { normalCdf } from "../../core/special.ts";
import { bernsteinPdf } from "../unbinned/bernsteinPdf.ts";
import { fitMixtureYields } from "../unbinned/mixtureYieldFit.ts";
import type { WindowModel } from "./fitMassPoint.ts";

/** q~_mu for one data set (F: K x n templates). NaN when a fit fails. */
function qTildeOf(F: Float64Array, n: number, K: number, mu: number): number {
  if (n === 0) return 2 * mu; // no events: NLL(mu) - NLL(0) = mu with the background at 0
  const start = new Float64Array(K).fill(n / (K - 1));
  start[0] = 0;
  const sb = fitMixtureYields(F, n, K, start);
  if (!sb.converged) return Number.NaN;
  const muHat = sb.yields[0]!;
  if (muHat >= mu) return 0;
  const c = fitMixtureYields(F, n, K, sb.yields, { fixedIndex: 0, fixedValue: mu });
  if (!c.converged) return Number.NaN;
  let ref = sb.nll;
  if (muHat < 0) {
    const b = fitMixtureYields(F, n, K, sb.yields, { fixedIndex: 0, fixedValue: 0 });
    if (!b.converged) return Number.NaN;
    ref = b.nll;
  }
  return Math.max(0, 2 * (c.nll - ref));
}

/** Draw one toy in the window: Poisson(mu) signal events and Poisson(sum beta) background events. */
function drawToy(model: WindowModel, mu: number, beta: Float64Array, rng: Stream): Float64Array {
  let bt = 0;
  for (let j = 1; j < beta.length; j++) bt += beta[j]!;
  const ns = mu > 0 ? rng.poisson(mu) : 0;
  const nb = bt > 0 ? rng.poisson(bt) : 0;
  const out = new Float64Array(ns + nb);
  model.signal.sample(rng, out.subarray(0, ns));
  if (nb > 0) bernsteinPdf(model.lo, model.hi, beta.subarray(1)).sample(rng, out.subarray(ns));
  return out;
}

/** q~_mu of a toy: fills templates and fits. */
function toyQ(model: WindowModel, xs: Float64Array, mu: number): number {
  const n = xs.length;
  const K = model.K;
  if (n === 0) return 2 * mu;
  const F = new Float64Array(K * n);
  model.fill(xs, F);
  return qTildeOf(F, n, K, mu);
}

/**
 * @param model window model (signal + Bernstein basis)
 * @param bYields background-only fitted yields (index 0 is the signal, 0)
 * @param muHat fitted signal yield on the data
 * @param xs data events in the window; F their templates
 * @param nToys toys per hypothesis and per distribution
 * @param alpha 1 - CL
 * @param sigmaA asymptotic Asimov sigma (sets the mu grid)
 * @param rng this point's stream
 */
export function toyClsLimit(
  model: WindowModel,
  bYields: Float64Array,
  muHat: number,
  xs: Float64Array,
  F: Float64Array,
  nToys: number,
  alpha: number,
  sigmaA: number,
  rng: Stream,
): { observed: number; expected: number[] } {
  const K = model.K;
  const n = xs.length;
  const scale = Number.isFinite(sigmaA) && sigmaA > 0 ? sigmaA : Math.sqrt(Math.max(n, 1));
  const top = Math.max(muHat, 0) + 6 * scale + 3;
  const nGrid = 24;
  const grid = Array.from({ length: nGrid }, (_, i) => (top * (i + 1)) / nGrid);
  const bands = [-2, -1, 0, 1, 2];
  const obsCls: number[] = [];
  const expCls: number[][] = bands.map(() => []);
  let warm: Float64Array = Float64Array.from(bYields);
  for (const mu of grid) {
    const qo = qTildeOf(F, n, K, mu);
    const cond = fitMixtureYields(F, n, K, warm, { fixedIndex: 0, fixedValue: mu });
    if (cond.converged) warm = cond.yields;
    const qsb: number[] = [];
    const qb: number[] = [];
    for (let t = 0; t < nToys; t++) {
      const a = toyQ(model, drawToy(model, mu, warm, rng), mu);
      if (Number.isFinite(a)) qsb.push(a);
      const b = toyQ(model, drawToy(model, 0, bYields, rng), mu);
      if (Number.isFinite(b)) qb.push(b);
    }
    qb.sort((p, q) => p - q);
    const tail = (arr: number[], q: number): number => {
      let c = 0;
      for (const v of arr) if (v >= q - 1e-12) c++;
      return c / Math.max(arr.length, 1);
    };
    const cls = (q: number): number => {
      const pb = tail(qb, q);
      return pb > 0 ? tail(qsb, q) / pb : 1;
    };
    obsCls.push(cls(qo));
    bands.forEach((N, j) => {
      // band N: the background-only quantile at probability Phi(-N) (N = -2 -> strong exclusion)
      const idx = Math.min(qb.length - 1, Math.max(0, Math.floor(normalCdf(-N) * qb.length)));
      expCls[j]!.push(qb.length ? cls(qb[idx]!) : 1);
    });
  }
  const crossing = (c: number[]): number => {
    let prevMu = 0;
    let prevC = 1;
    for (let i = 0; i < grid.length; i++) {
      const ci = Math.max(c[i]!, 1e-300);
      if (ci <= alpha) {
        const f = (Math.log(prevC) - Math.log(alpha)) / (Math.log(prevC) - Math.log(ci));
        return prevMu + f * (grid[i]! - prevMu);
      }
      prevMu = grid[i]!;
      prevC = Math.max(ci, alpha);
    }
    return Number.NaN;
  };
  return { observed: crossing(obsCls), expected: expCls.map(crossing) };
}
