/**
 * Maximum-likelihood fits of a {@link HistFactoryModel}: pyhf's `mle.fit` and `mle.fixed_poi_fit`
 * (statistics.md 1.4), done by a box-constrained Newton iteration on the exact Hessian of
 * twice_nll, with the arrow-shaped linear algebra of {@link ArrowSolver}. The minimum is found to
 * EDM < 1e-10 by default (pyhf's SLSQP stops at ftol ~1e-6 on twice_nll; ours is the tighter
 * optimum, so our twice_nll is equal to pyhf's or lower).
 *
 * A fit that does not converge is retried from the suggested init moved halfway towards the
 * middle of the bounds, then from the middle; if all fail, `fit` throws FitError with the state
 * (or returns the best attempt with `converged = false` when `lenient` is set).
 */
import { FitError } from "../../core/errors.ts";
import { ArrowSolver } from "../fit/arrowSolver.ts";
import { covarianceFromHessian } from "../fit/minimize.ts";
import { projectedNewton } from "../fit/projectedNewton.ts";
import type { HistFactoryModel } from "../histfactory/model.ts";

/** Options of one fit. Arrays are in model parameter order. */
export interface ModelFitOptions {
  /** Start values (default: the model's suggested init; the POI set to `fixPoi` if given). */
  init?: ArrayLike<number>;
  lower?: Float64Array;
  upper?: Float64Array;
  /** 1 = fixed at its start value (default: suggested fixed). */
  fixed?: Uint8Array;
  /** Fix the POI at this value (pyhf `fixed_poi_fit`). */
  fixPoi?: number;
  /** Compute covariance and errors (HESSE on the exact Hessian). */
  hesse?: boolean;
  /** EDM tolerance on twice_nll (default 1e-10). */
  edmTol?: number;
  maxIter?: number;
  /** Return the best failed attempt (converged = false) instead of throwing FitError. */
  lenient?: boolean;
}

/** Result of one fit. */
export interface ModelFitResult {
  /** Best-fit parameters (model order). */
  pars: Float64Array;
  /** twice_nll at the best fit, constants included (pyhf's `return_fitted_val`). */
  twiceNll: number;
  converged: boolean;
  status: string;
  edm: number;
  iterations: number;
  fCalls: number;
  /** Restarts that were needed (0 = first attempt converged). */
  retries: number;
  /** Covariance (row-major npars^2) with `hesse`; fixed parameters have 0 rows. */
  cov?: Float64Array;
  /** Parabolic errors with `hesse`. */
  errors?: Float64Array;
}

/** Fits one model repeatedly (reuses its Hessian buffer and solver; one instance per thread). */
export class ModelFitter {
  readonly model: HistFactoryModel;
  private readonly solver: ArrowSolver;
  private readonly H: Float64Array;

  constructor(model: HistFactoryModel) {
    this.model = model;
    this.solver = new ArrowSolver(model.npars, model.localGroups());
    this.H = new Float64Array(model.npars * model.npars);
  }

  /** Fit `data` (main ++ aux). */
  fit(data: ArrayLike<number>, opts: ModelFitOptions = {}): ModelFitResult {
    const m = this.model;
    const n = m.npars;
    const lower = opts.lower ?? m.lower;
    const upper = opts.upper ?? m.upper;
    const fixed = new Uint8Array(opts.fixed ?? m.fixed);
    const start = new Float64Array(opts.init ?? m.init);
    if (opts.fixPoi !== undefined) {
      if (m.poiIndex < 0)
        throw new FitError("the model has no POI to fix", {
          values: start,
          fval: Number.NaN,
          edm: Number.NaN,
          iterations: 0,
        });
      start[m.poiIndex] = opts.fixPoi;
      fixed[m.poiIndex] = 1;
    }
    const H = this.H;
    const solver = this.solver;
    const isLocal = m.isLocal;
    const prob = {
      n,
      value: (x: Float64Array) => m.twiceNllKernel(x, data),
      valueGradHess: (x: Float64Array, g: Float64Array) => m.twiceNllGradHess(x, data, g, H),
      solve: (free: Uint8Array, g: Float64Array, lambda: number, d: Float64Array) =>
        solver.solve(H, free, g, lambda, d),
      // Per-bin gammas (staterror/shapesys/shapefactor) shrink by at most a factor 10 per step:
      // for a gamma with almost no constraining power (e.g. shapesys on a bin with a 1e-9 yield)
      // one Newton step from a poor start can send it to its 1e-10 floor, from where the log-like
      // constraint lets it return only by doubling per iteration (~30 iterations).
      limitStep: (x: Float64Array, d: Float64Array) => {
        for (let i = 0; i < n; i++) {
          if (!isLocal[i] || !(x[i]! > 0)) continue;
          const floor = 0.1 * x[i]!;
          if (x[i]! + d[i]! < floor) d[i] = floor - x[i]!;
        }
      },
    };
    const nopts = {
      lower,
      upper,
      fixed,
      edmTol: opts.edmTol ?? 1e-10,
      maxIter: opts.maxIter ?? 200,
    };
    const constant = m.twiceNllConstant(data);
    let best: { x: Float64Array; r: ReturnType<typeof projectedNewton> } | null = null;
    let retries = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const x = new Float64Array(start);
      if (attempt > 0) {
        retries++;
        const w = attempt === 1 ? 0.5 : 1;
        for (let i = 0; i < n; i++) {
          if (fixed[i]) continue;
          const lo = lower[i]!;
          const hi = upper[i]!;
          const mid = Number.isFinite(lo) && Number.isFinite(hi) ? 0.5 * (lo + hi) : x[i]!;
          // move towards the middle, but keep scale parameters (init 1, bounds [0, 10]) sensible
          x[i] = (1 - w) * x[i]! + w * (attempt === 2 && m.init[i] === 1 ? 1 : mid);
        }
      }
      const r = projectedNewton(prob, x, nopts);
      if (
        !best ||
        (Number.isFinite(r.fval) && (!Number.isFinite(best.r.fval) || r.fval < best.r.fval)) ||
        (r.converged && !best.r.converged)
      )
        best = { x, r };
      if (r.converged) {
        best = { x, r };
        break;
      }
    }
    const { x, r } = best!;
    if (!r.converged && !opts.lenient) {
      throw new FitError(
        `fit did not converge (${r.status}, edm ${r.edm.toExponential(2)}, ${r.iterations} iterations)`,
        {
          names: m.parNames,
          values: x,
          fval: r.fval + constant,
          edm: r.edm,
          iterations: r.iterations,
        },
      );
    }
    const out: ModelFitResult = {
      pars: x,
      twiceNll: r.fval + constant,
      converged: r.converged,
      status: r.status,
      edm: r.edm,
      iterations: r.iterations,
      fCalls: r.fCalls,
      retries,
    };
    if (opts.hesse) {
      const g = new Float64Array(n);
      m.twiceNllGradHess(x, data, g, H);
      const cov = covarianceFromHessian(H, n, fixed, 1);
      if (cov) {
        out.cov = cov;
        out.errors = new Float64Array(n);
        for (let i = 0; i < n; i++) out.errors[i] = Math.sqrt(Math.max(0, cov[i * n + i]!));
      }
    }
    return out;
  }
}
