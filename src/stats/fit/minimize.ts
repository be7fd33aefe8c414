/**
 * Generic bounded minimiser with a MINUIT-like interface: EDM stopping rule, errordef, HESSE.
 *
 * Method: projected Newton with an active set and Levenberg-Marquardt damping
 * ({@link projectedNewton}); the Hessian is the objective's own when it provides one, otherwise a
 * BFGS approximation (Nocedal & Wright, Numerical Optimization, 2nd ed., eq. 6.19), updated only
 * when the curvature condition y.s > 0 holds. If the objective does not fill the gradient, central
 * finite differences are used. HESSE: the covariance is 2 errordef H^-1 over the free parameters
 * (F. James, MINUIT Reference Manual), with H the exact Hessian if given, else a finite-difference
 * Hessian of the gradient.
 *
 * @example
 * const r = minimize({ n: 2, value: (x, g) => { if (g) { g[0] = 2 * x[0]; g[1] = 2 * x[1]; } return x[0] ** 2 + x[1] ** 2; } },
 *   Float64Array.of(1, 2), { hesse: true });
 * // r.x ~ [0, 0], r.errors = [1, 1] (errordef 1)
 */
import { choleskyInPlace, choleskyInverse, choleskySolve } from "./cholesky.ts";
import { type NewtonProblem, projectedNewton } from "./projectedNewton.ts";

/** A function to minimise. */
export interface Objective {
  n: number;
  /** f(x); if grad is given, also fill it with df/dx. */
  value(x: Float64Array, grad?: Float64Array): number;
  /** Optional: dense row-major n*n Hessian at x. */
  hessian?(x: Float64Array, out: Float64Array): void;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  lower?: Float64Array;
  upper?: Float64Array;
  /** fixed[i] = 1: pinned at x0[i]. */
  fixed?: Uint8Array;
  /** EDM tolerance (Minuit-style: edm < 0.002 * tol * errordef); default 0.1. */
  tol?: number;
  /** 1 for chi2/2NLL objectives (default), 0.5 for NLL. */
  errordef?: number;
  maxIter?: number;
  /** Compute the covariance at the minimum. */
  hesse?: boolean;
}

/** Outcome of {@link minimize}. */
export interface MinimizeResult {
  x: Float64Array;
  fval: number;
  edm: number;
  iterations: number;
  fCalls: number;
  converged: boolean;
  /** "converged" | "max-iterations" | "non-finite" | "no-progress". */
  status: string;
  /** Covariance from HESSE (errordef-scaled, row-major n*n); fixed parameters have 0 rows. */
  cov?: Float64Array;
  /** sqrt(diag(cov)); 0 for fixed parameters. */
  errors?: Float64Array;
}

/** Gradient of `obj` at x into g: the objective's own, or central differences if it left NaN. */
function gradientOf(obj: Objective, x: Float64Array, g: Float64Array, xs: Float64Array): number {
  g.fill(Number.NaN);
  const f = obj.value(x, g);
  if (!Number.isNaN(g[0]!)) return f;
  xs.set(x);
  for (let i = 0; i < obj.n; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i]!));
    xs[i] = x[i]! + h;
    const fp = obj.value(xs);
    xs[i] = x[i]! - h;
    const fm = obj.value(xs);
    xs[i] = x[i]!;
    g[i] = (fp - fm) / (2 * h);
  }
  return f;
}

/** Dense Hessian: the objective's, or central differences of the gradient (symmetrised). */
export function hessianOf(obj: Objective, x: Float64Array, out: Float64Array): void {
  const n = obj.n;
  if (obj.hessian) {
    obj.hessian(x, out);
    return;
  }
  const xs = new Float64Array(x);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[i]!));
    xs[i] = x[i]! + h;
    gradientOf(obj, xs, gp, tmp);
    xs[i] = x[i]! - h;
    gradientOf(obj, xs, gm, tmp);
    xs[i] = x[i]!;
    for (let j = 0; j < n; j++) out[i * n + j] = (gp[j]! - gm[j]!) / (2 * h);
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (out[i * n + j]! + out[j * n + i]!);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
}

/**
 * Covariance 2 errordef H_FF^-1 over the non-fixed parameters (HESSE); null if H_FF is not
 * positive definite.
 */
export function covarianceFromHessian(
  h: Float64Array,
  n: number,
  fixed: Uint8Array | undefined,
  errordef: number,
): Float64Array | null {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!fixed?.[i]) idx.push(i);
  const m = idx.length;
  const a = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) a[r * m + c] = h[idx[r]! * n + idx[c]!]!;
  if (!choleskyInPlace(a, m)) return null;
  const inv = new Float64Array(m * m);
  choleskyInverse(a, m, inv);
  const cov = new Float64Array(n * n);
  for (let r = 0; r < m; r++)
    for (let c = 0; c < m; c++) cov[idx[r]! * n + idx[c]!] = 2 * errordef * inv[r * m + c]!;
  return cov;
}

/**
 * Minimise `obj` from `x0` within bounds. Never throws for a failed fit: look at `converged`
 * and `status`.
 */
export function minimize(obj: Objective, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  const n = obj.n;
  const lower = opts.lower ?? new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const upper = opts.upper ?? new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const fixed = opts.fixed ?? new Uint8Array(n);
  const errordef = opts.errordef ?? 1;
  const tol = opts.tol ?? 0.1;
  const x = new Float64Array(x0);
  const H = new Float64Array(n * n);
  const A = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  const idx = new Int32Array(n);
  const xs = new Float64Array(n);
  const useExact = typeof obj.hessian === "function";
  // BFGS state
  const xPrev = new Float64Array(n);
  const gPrev = new Float64Array(n);
  let havePrev = false;
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Bs = new Float64Array(n);

  const prob: NewtonProblem = {
    n,
    value: (xx) => {
      const f = obj.value(xx);
      return Number.isNaN(f) ? Number.POSITIVE_INFINITY : f;
    },
    valueGradHess: (xx, g) => {
      const f = gradientOf(obj, xx, g, xs);
      if (useExact) obj.hessian!(xx, H);
      else if (!havePrev) {
        // initial scale: |g|-based identity, refined by the first BFGS update
        H.fill(0);
        for (let i = 0; i < n; i++) H[i * n + i] = 1;
      } else {
        let ys = 0;
        let sBs = 0;
        for (let i = 0; i < n; i++) {
          s[i] = xx[i]! - xPrev[i]!;
          y[i] = g[i]! - gPrev[i]!;
          ys += y[i]! * s[i]!;
        }
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let j = 0; j < n; j++) v += H[i * n + j]! * s[j]!;
          Bs[i] = v;
          sBs += s[i]! * v;
        }
        if (ys > 1e-12 * Math.sqrt(sBs * sBs + 1e-300) && sBs > 0) {
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) H[i * n + j]! += (y[i]! * y[j]!) / ys - (Bs[i]! * Bs[j]!) / sBs;
        }
      }
      xPrev.set(xx);
      gPrev.set(g);
      havePrev = true;
      return Number.isNaN(f) ? Number.POSITIVE_INFINITY : f;
    },
    solve: (free, g, lambda, d) => {
      let m = 0;
      for (let i = 0; i < n; i++) if (free[i]) idx[m++] = i;
      for (let r = 0; r < m; r++) {
        const ir = idx[r]!;
        for (let c = 0; c < m; c++) A[r * m + c] = H[ir * n + idx[c]!]!;
        A[r * m + r]! += lambda * (Math.abs(H[ir * n + ir]!) + 1e-12);
        rhs[r] = -g[ir]!;
      }
      if (!choleskyInPlace(A, m)) return false;
      choleskySolve(A, m, rhs);
      d.fill(0);
      for (let r = 0; r < m; r++) d[idx[r]!] = rhs[r]!;
      return true;
    },
  };
  const res = projectedNewton(prob, x, {
    lower,
    upper,
    fixed,
    edmTol: 0.002 * tol * errordef,
    maxIter: opts.maxIter ?? (useExact ? 200 : 1000 + 50 * n),
  });
  const out: MinimizeResult = { x, ...res };
  if (opts.hesse) {
    hessianOf(obj, x, H);
    const cov = covarianceFromHessian(H, n, fixed, errordef);
    if (cov) {
      out.cov = cov;
      out.errors = new Float64Array(n);
      for (let i = 0; i < n; i++) out.errors[i] = Math.sqrt(Math.max(0, cov[i * n + i]!));
    }
  }
  return out;
}
