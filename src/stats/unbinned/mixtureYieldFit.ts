/**
 * Extended maximum-likelihood fit of yields for fixed, normalised templates: the fast path of a
 * bump hunt, where the signal shape is fixed and the polynomial background is written in the
 * normalised Bernstein basis, so every free parameter is a yield:
 *
 *   NLL(theta) = sum_k theta_k - sum_i w_i ln D_i,   D_i = sum_k theta_k F_k(x_i)
 *
 * (extended likelihood, Barlow NIM A297 (1990) 496; statistics.md 2.3). The NLL is convex in theta
 * (a sum of -ln of linear functions plus a linear term), gradient and Hessian are closed form:
 *
 *   g_k = 1 - sum_i w_i F_ki / D_i,   H_kl = sum_i w_i F_ki F_li / D_i^2,
 *
 * so Newton steps with step halving (keeping every D_i > 0) reach the unique minimum in a few
 * iterations. This is a small closed-form solve for this one convex problem, not a general
 * minimiser: fits with shape parameters or constraints go through stats/fit/minimize via
 * {@link ExtendedNll}. Yields may go negative (unbiased pulls) as long as every D_i stays positive.
 * HESSE: the covariance of the free yields is H^-1 (NLL scale, errordef 0.5 <=> inverse Hessian).
 */

/** Options of {@link fitMixtureYields}. */
export interface MixtureFitOptions {
  /** Per-event weights (Asimov or weighted data); default 1. */
  weights?: Float64Array;
  /** Component fixed at a value (e.g. the signal yield in a profile scan), or -1 for none. */
  fixedIndex?: number;
  /** Value of the fixed component. */
  fixedValue?: number;
  /** Stop when the Newton decrement g.H^-1.g / 2 is below this (NLL units); default 1e-10. */
  tol?: number;
  /** Maximum Newton iterations; default 100. */
  maxIter?: number;
}

/** Result of {@link fitMixtureYields}. */
export interface MixtureFitResult {
  /** Fitted yields (events), length K. */
  yields: Float64Array;
  /** NLL at the minimum (without the data-only constant). */
  nll: number;
  /** Covariance of the yields from the inverse Hessian, K x K row-major (zero rows for a fixed one). */
  cov: Float64Array;
  converged: boolean;
  iterations: number;
  /** "ok", "max-iterations", "singular-hessian", "no-events". */
  status: string;
}

/**
 * Solve the K x K symmetric positive system A x = b in place by Cholesky on the `free` subset;
 * returns false if A is not positive definite there. `A` is overwritten by its factor.
 */
function choleskySolve(A: Float64Array, b: Float64Array, K: number, free: Uint8Array): boolean {
  for (let j = 0; j < K; j++) {
    if (!free[j]) continue;
    let d = A[j * K + j]!;
    for (let k = 0; k < j; k++) if (free[k]) d -= A[j * K + k]! ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[j * K + j] = ljj;
    for (let i = j + 1; i < K; i++) {
      if (!free[i]) continue;
      let s = A[i * K + j]!;
      for (let k = 0; k < j; k++) if (free[k]) s -= A[i * K + k]! * A[j * K + k]!;
      A[i * K + j] = s / ljj;
    }
  }
  for (let i = 0; i < K; i++) {
    if (!free[i]) continue;
    let s = b[i]!;
    for (let k = 0; k < i; k++) if (free[k]) s -= A[i * K + k]! * b[k]!;
    b[i] = s / A[i * K + i]!;
  }
  for (let i = K - 1; i >= 0; i--) {
    if (!free[i]) continue;
    let s = b[i]!;
    for (let k = i + 1; k < K; k++) if (free[k]) s -= A[k * K + i]! * b[k]!;
    b[i] = s / A[i * K + i]!;
  }
  return true;
}

/**
 * Gradient sums S_k = sum_i w_i F_ki / D_i and Hessian H_kl = sum_i w_i F_ki F_li / D_i^2 (lower
 * triangle filled, then mirrored). The hot loop of every bump-hunt fit: unrolled for K = 3 (line
 * background) and K = 4 (quadratic), generic otherwise.
 */
function accumulate(
  F: Float64Array,
  n: number,
  K: number,
  theta: Float64Array,
  w: Float64Array | undefined,
  S: Float64Array,
  H: Float64Array,
): void {
  S.fill(0);
  H.fill(0);
  if (K === 3) {
    const t0 = theta[0]!;
    const t1 = theta[1]!;
    const t2 = theta[2]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let h00 = 0;
    let h10 = 0;
    let h11 = 0;
    let h20 = 0;
    let h21 = 0;
    let h22 = 0;
    const n2 = 2 * n;
    for (let i = 0; i < n; i++) {
      const f0 = F[i]!;
      const f1 = F[n + i]!;
      const f2 = F[n2 + i]!;
      const d = t0 * f0 + t1 * f1 + t2 * f2;
      const r = (w ? w[i]! : 1) / d;
      const r2 = r / d;
      s0 += r * f0;
      s1 += r * f1;
      s2 += r * f2;
      const a0 = r2 * f0;
      const a1 = r2 * f1;
      h00 += a0 * f0;
      h10 += a1 * f0;
      h11 += a1 * f1;
      h20 += r2 * f2 * f0;
      h21 += r2 * f2 * f1;
      h22 += r2 * f2 * f2;
    }
    S[0] = s0;
    S[1] = s1;
    S[2] = s2;
    H[0] = h00;
    H[3] = h10;
    H[4] = h11;
    H[6] = h20;
    H[7] = h21;
    H[8] = h22;
  } else {
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let k = 0; k < K; k++) d += theta[k]! * F[k * n + i]!;
      const r = (w ? w[i]! : 1) / d;
      const r2 = r / d;
      for (let k = 0; k < K; k++) {
        const fk = F[k * n + i]!;
        S[k] = S[k]! + r * fk;
        for (let l = 0; l <= k; l++) H[k * K + l] = H[k * K + l]! + r2 * fk * F[l * n + i]!;
      }
    }
  }
  for (let k = 0; k < K; k++) for (let l = 0; l < k; l++) H[l * K + k] = H[k * K + l]!;
}

/** NLL at theta, or +Infinity if some D_i <= 0. */
function nllAt(
  F: Float64Array,
  n: number,
  K: number,
  theta: Float64Array,
  w: Float64Array | undefined,
): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += theta[k]!;
  let l = 0;
  if (K === 3) {
    const t0 = theta[0]!;
    const t1 = theta[1]!;
    const t2 = theta[2]!;
    for (let i = 0; i < n; i++) {
      const d = t0 * F[i]! + t1 * F[n + i]! + t2 * F[2 * n + i]!;
      if (!(d > 0)) return Number.POSITIVE_INFINITY;
      l += w ? w[i]! * Math.log(d) : Math.log(d);
    }
    return s - l;
  }
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let k = 0; k < K; k++) d += theta[k]! * F[k * n + i]!;
    if (!(d > 0)) return Number.POSITIVE_INFINITY;
    l += w ? w[i]! * Math.log(d) : Math.log(d);
  }
  return s - l;
}

/**
 * Fit the yields of K fixed templates to n events.
 *
 * @param F template densities at the events, component-major: F[k * n + i] = f_k(x_i) (1/observable unit)
 * @param n number of events (or Asimov points)
 * @param K number of components (<= 8)
 * @param start starting yields (length K); a fixed component takes `fixedValue` instead
 * @example
 * // signal template in row 0, two Bernstein basis functions in rows 1-2
 * const r = fitMixtureYields(F, n, 3, Float64Array.of(0, n / 2, n / 2));
 */
export function fitMixtureYields(
  F: Float64Array,
  n: number,
  K: number,
  start: Float64Array,
  opts: MixtureFitOptions = {},
): MixtureFitResult {
  const w = opts.weights;
  const fixedIndex = opts.fixedIndex ?? -1;
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 100;
  const theta = Float64Array.from(start);
  if (fixedIndex >= 0) theta[fixedIndex] = opts.fixedValue ?? 0;
  const free = new Uint8Array(K).fill(1);
  if (fixedIndex >= 0) free[fixedIndex] = 0;
  const g = new Float64Array(K);
  const H = new Float64Array(K * K);
  const step = new Float64Array(K);
  const trial = new Float64Array(K);
  const cov = new Float64Array(K * K);
  let total = 0;
  if (w) for (let i = 0; i < n; i++) total += w[i]!;
  else total = n;
  if (total <= 0) {
    for (let k = 0; k < K; k++) if (free[k]) theta[k] = 0;
    return {
      yields: theta,
      nll: nllAt(F, 0, K, theta, w),
      cov,
      converged: false,
      iterations: 0,
      status: "no-events",
    };
  }
  let f = nllAt(F, n, K, theta, w);
  if (!Number.isFinite(f)) {
    // Infeasible start (some D_i <= 0): restart the free yields from an even split, which is
    // feasible whenever the free templates are positive at every event.
    let fixedPart = 0;
    let nFree = 0;
    for (let k = 0; k < K; k++) if (free[k]) nFree++;
    if (fixedIndex >= 0) fixedPart = theta[fixedIndex]!;
    for (let k = 0; k < K; k++) if (free[k]) theta[k] = Math.max(total - fixedPart, total * 0.5) / nFree;
    f = nllAt(F, n, K, theta, w);
  }
  let status = "max-iterations";
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    accumulate(F, n, K, theta, w, g, H);
    for (let k = 0; k < K; k++) g[k] = 1 - g[k]!;
    for (let k = 0; k < K; k++) step[k] = free[k] ? -g[k]! : 0;
    const Hc = Float64Array.from(H);
    if (!choleskySolve(Hc, step, K, free)) {
      status = "singular-hessian";
      break;
    }
    let dec = 0;
    for (let k = 0; k < K; k++) if (free[k]) dec -= g[k]! * step[k]!;
    if (dec / 2 < tol) {
      converged = true;
      status = "ok";
      break;
    }
    // Damped Newton: halve until feasible and not worse (Armijo with a tiny slope factor).
    let t = 1;
    let fNew = Number.POSITIVE_INFINITY;
    for (let h = 0; h < 60; h++) {
      for (let k = 0; k < K; k++) trial[k] = theta[k]! + t * step[k]!;
      fNew = nllAt(F, n, K, trial, w);
      if (fNew <= f - 1e-4 * t * dec || (Number.isFinite(fNew) && Math.abs(fNew - f) < 1e-13 * Math.abs(f)))
        break;
      t *= 0.5;
    }
    if (!Number.isFinite(fNew) || fNew > f + 1e-9 * Math.abs(f)) {
      status = "line-search-failed";
      break;
    }
    theta.set(trial);
    f = fNew;
  }
  // HESSE: inverse of the Hessian on the free subset (columns by unit right-hand sides).
  if (converged) {
    const col = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      if (!free[j]) continue;
      col.fill(0);
      col[j] = 1;
      const Hc = Float64Array.from(H);
      if (!choleskySolve(Hc, col, K, free)) {
        status = "singular-hessian";
        converged = false;
        break;
      }
      for (let i = 0; i < K; i++) cov[i * K + j] = free[i] ? col[i]! : 0;
    }
  }
  return { yields: theta, nll: f, cov, converged, iterations: it, status };
}
