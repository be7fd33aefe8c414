/**
 * Box-constrained damped Newton iteration (projected Newton with an active set, Bertsekas,
 * "Projected Newton methods for optimization problems with simple constraints", SIAM J. Control
 * Optim. 20 (1982) 221; Levenberg-Marquardt damping when the Hessian block is not positive
 * definite or a step fails). The linear algebra is supplied by the caller so that structured
 * (arrow-shaped) Hessians can be solved in O(n).
 *
 * Stopping: Minuit's estimated distance to minimum, EDM = g^T H^-1 g / 2 over the free
 * parameters (F. James, MINUIT Reference Manual, CERN D506), below `edmTol`.
 */

/** What the iteration needs from a problem. */
export interface NewtonProblem {
  n: number;
  /** f(x) only (line search). May return +Infinity for invalid points. */
  value(x: Float64Array): number;
  /** f(x), and fill the gradient and the Hessian (the Hessian layout is the solver's business). */
  valueGradHess(x: Float64Array, g: Float64Array): number;
  /**
   * Solve (H_FF + lambda diag(|H_ii| + 1e-12)) d_F = -g_F over the free parameters (free[i] = 1),
   * d_i = 0 elsewhere. Uses the Hessian from the last valueGradHess call. Returns false if the
   * damped block is not positive definite.
   */
  solve(free: Uint8Array, g: Float64Array, lambda: number, d: Float64Array): boolean;
  /**
   * Optional: shorten components of the Newton step d at x in place (e.g. keep scale factors from
   * collapsing towards 0 in one step when the quadratic model is poor far from the minimum).
   */
  limitStep?(x: Float64Array, d: Float64Array): void;
}

/** Options of {@link projectedNewton}. */
export interface NewtonOptions {
  lower: Float64Array;
  upper: Float64Array;
  /** 1 = pinned at its start value. */
  fixed: Uint8Array;
  /** Stop when EDM < edmTol. */
  edmTol: number;
  maxIter: number;
}

/** Outcome of {@link projectedNewton}. */
export interface NewtonResult {
  fval: number;
  edm: number;
  iterations: number;
  fCalls: number;
  converged: boolean;
  status: "converged" | "max-iterations" | "non-finite" | "no-progress";
}

/**
 * Minimise in place: `x` holds the start on entry and the solution on return. Scratch arrays
 * are allocated once per call (n numbers each), never per iteration.
 */
export function projectedNewton(prob: NewtonProblem, x: Float64Array, opts: NewtonOptions): NewtonResult {
  const n = prob.n;
  const { lower, upper, fixed } = opts;
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  const free = new Uint8Array(n);
  // fixed parameters stay where they are, even outside their bounds (a POI tested beyond its range)
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    if (x[i]! < lower[i]!) x[i] = lower[i]!;
    if (x[i]! > upper[i]!) x[i] = upper[i]!;
  }
  let fCalls = 1;
  let f = prob.valueGradHess(x, g);
  if (!Number.isFinite(f))
    return { fval: f, edm: Number.NaN, iterations: 0, fCalls, converged: false, status: "non-finite" };
  let lambda = 0;
  let edm = Number.POSITIVE_INFINITY;
  let iter = 0;
  let stall = 0;
  for (; iter < opts.maxIter; iter++) {
    // active set: fixed, or at a bound with the gradient pushing outwards
    for (let i = 0; i < n; i++) {
      if (fixed[i]) free[i] = 0;
      else {
        const span = upper[i]! - lower[i]!;
        // half-bounded parameters have an infinite span: scale by the value instead
        const eps = 1e-12 * (Number.isFinite(span) && span > 0 ? span : Math.max(1, Math.abs(x[i]!)));
        free[i] = (x[i]! <= lower[i]! + eps && g[i]! > 0) || (x[i]! >= upper[i]! - eps && g[i]! < 0) ? 0 : 1;
      }
    }
    let ok = prob.solve(free, g, lambda, d);
    while (!ok) {
      lambda = lambda === 0 ? 1e-6 : lambda * 10;
      if (lambda > 1e12) break;
      ok = prob.solve(free, g, lambda, d);
    }
    if (!ok) return { fval: f, edm, iterations: iter, fCalls, converged: false, status: "non-finite" };
    let gd = 0;
    for (let i = 0; i < n; i++) gd += g[i]! * d[i]!;
    edm = -0.5 * gd;
    if (lambda === 0 && edm < opts.edmTol)
      return { fval: f, edm, iterations: iter, fCalls, converged: true, status: "converged" };
    prob.limitStep?.(x, d);
    // backtracking along the projected path
    let t = 1;
    let accepted = false;
    let fn = f;
    for (let ls = 0; ls < 30; ls++) {
      let dec = 0;
      for (let i = 0; i < n; i++) {
        let v = x[i]! + t * d[i]!;
        if (fixed[i]) v = x[i]!;
        else if (v < lower[i]!) v = lower[i]!;
        else if (v > upper[i]!) v = upper[i]!;
        xn[i] = v;
        dec += g[i]! * (v - x[i]!);
      }
      fn = prob.value(xn);
      fCalls++;
      // Armijo on the projected step; also accept any decrease when rounding dominates
      if (Number.isFinite(fn) && (fn <= f + 1e-4 * dec || (fn < f && ls > 0))) {
        accepted = true;
        break;
      }
      if (
        Number.isFinite(fn) &&
        Math.abs(fn - f) <= 1e-14 * Math.max(1, Math.abs(f)) &&
        edm < 1e3 * opts.edmTol
      ) {
        // at the resolution of f: the step cannot be measured any more
        return { fval: f, edm, iterations: iter, fCalls, converged: true, status: "converged" };
      }
      t *= 0.5;
    }
    if (!accepted) {
      lambda = lambda === 0 ? 1e-4 : lambda * 10;
      if (lambda > 1e12 || ++stall > 20)
        return {
          fval: f,
          edm,
          iterations: iter,
          fCalls,
          converged: edm < 1e3 * opts.edmTol,
          status: "no-progress",
        };
      continue;
    }
    stall = 0;
    x.set(xn);
    if (lambda > 0) lambda = lambda < 1e-5 ? 0 : lambda * 0.1;
    fCalls++;
    f = prob.valueGradHess(x, g);
    if (!Number.isFinite(f))
      return { fval: f, edm, iterations: iter + 1, fCalls, converged: false, status: "non-finite" };
  }
  return { fval: f, edm, iterations: iter, fCalls, converged: false, status: "max-iterations" };
}
