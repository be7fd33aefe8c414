/**
 * The general extended unbinned negative log-likelihood (statistics.md 2.3), as an Objective for
 * stats/fit/minimize:
 *
 *   NLL(p) = sum_k nu_k - sum_i w_i ln( sum_k nu_k f_k(x_i; p) ) + sum_c (p_c - m_c)^2 / (2 s_c^2)
 *   nu_k   = p[yield_k] * prod_j (1 + delta_kj p[theta_kj])
 *
 * The multiplicative factors model Gaussian-constrained systematic uncertainties on a yield
 * (efficiency, luminosity: theta ~ N(0, 1) through the constraint term, relative size delta).
 * Gradients: analytic for yields and nuisance factors; central differences for shape
 * parameters (each needs a pdf rebuild, which is per evaluation, never per event).
 */
import type { Objective } from "../fit/minimize.ts";
import type { Pdf } from "./pdf.ts";

/** One component of an extended model. */
export interface ModelComponent {
  /** Build the component pdf from the full parameter vector (called once per evaluation). */
  pdf: (p: Float64Array) => Pdf;
  /** Parameter indices the pdf depends on (numerical gradient); [] for a fixed shape. */
  shapeParams: readonly number[];
  /** Index of the yield parameter (events). */
  yieldIndex: number;
  /** Multiplicative nuisance factors (1 + delta p[index]) on the yield. */
  factors?: ReadonlyArray<{ index: number; delta: number }>;
}

/** A Gaussian constraint term (p[index] - mean)^2 / (2 sigma^2). */
export interface GaussConstraint {
  index: number;
  mean: number;
  sigma: number;
}

/** An extended unbinned model: components, parameter names, constraints. */
export interface ExtendedModel {
  names: readonly string[];
  components: readonly ModelComponent[];
  constraints?: readonly GaussConstraint[];
}

/**
 * The NLL of `model` on events `xs` (optional weights) as a minimiser Objective (NLL scale: use
 * errordef 0.5). Non-positive total intensity at an event gives +Infinity (the minimiser backs off).
 * @example minimize(extendedNll(model, xs), x0, { errordef: 0.5, hesse: true })
 */
export function extendedNll(model: ExtendedModel, xs: Float64Array, weights?: Float64Array): Objective {
  const n = xs.length;
  const np = model.names.length;
  const K = model.components.length;
  const dens = new Float64Array(K * n);
  const nu = new Float64Array(K);
  const pw = new Float64Array(np);
  const cons = model.constraints ?? [];
  const shapeIdx = [...new Set(model.components.flatMap((c) => c.shapeParams))].sort((a, b) => a - b);

  const yieldsAt = (p: Float64Array): void => {
    for (let k = 0; k < K; k++) {
      const c = model.components[k]!;
      let v = p[c.yieldIndex]!;
      for (const f of c.factors ?? []) v *= 1 + f.delta * p[f.index]!;
      nu[k] = v;
    }
  };
  const value = (p: Float64Array, grad?: Float64Array): number => {
    yieldsAt(p);
    for (let k = 0; k < K; k++) {
      let pdf: Pdf;
      try {
        pdf = model.components[k]!.pdf(p);
      } catch {
        // Shape parameters outside their domain (sigma <= 0, ...): infinitely unlikely.
        if (grad) grad.fill(0);
        return Number.POSITIVE_INFINITY;
      }
      pdf.evaluate(xs, dens.subarray(k * n, (k + 1) * n));
    }
    let f = 0;
    for (let k = 0; k < K; k++) f += nu[k]!;
    // dL/dnu_k accumulates sum_i w_i f_k / D_i
    const s = grad ? new Float64Array(K) : undefined;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let k = 0; k < K; k++) d += nu[k]! * dens[k * n + i]!;
      if (!(d > 0)) {
        if (grad) grad.fill(0);
        return Number.POSITIVE_INFINITY;
      }
      const wi = weights ? weights[i]! : 1;
      f -= wi * Math.log(d);
      if (s) for (let k = 0; k < K; k++) s[k] = s[k]! + (wi * dens[k * n + i]!) / d;
    }
    for (const c of cons) f += (p[c.index]! - c.mean) ** 2 / (2 * c.sigma * c.sigma);
    if (grad && s) {
      grad.fill(0);
      for (let k = 0; k < K; k++) {
        const c = model.components[k]!;
        const dNu = 1 - s[k]!; // dNLL/dnu_k
        const y = p[c.yieldIndex]!;
        grad[c.yieldIndex] = grad[c.yieldIndex]! + (y !== 0 ? (dNu * nu[k]!) / y : dNu * prodFactors(c, p));
        for (const fa of c.factors ?? []) {
          const fac = 1 + fa.delta * p[fa.index]!;
          grad[fa.index] = grad[fa.index]! + (dNu * nu[k]! * fa.delta) / fac;
        }
      }
      for (const c of cons) grad[c.index] = grad[c.index]! + (p[c.index]! - c.mean) / (c.sigma * c.sigma);
      // Shape parameters: central differences of the NLL itself.
      for (const j of shapeIdx) {
        pw.set(p);
        const h = 1e-6 * Math.max(1e-3, Math.abs(p[j]!));
        pw[j] = p[j]! + h;
        const fp = value(pw);
        pw[j] = p[j]! - h;
        const fm = value(pw);
        grad[j] = (fp - fm) / (2 * h);
      }
    }
    return f;
  };
  return { n: np, value };
}

function prodFactors(c: ModelComponent, p: Float64Array): number {
  let v = 1;
  for (const f of c.factors ?? []) v *= 1 + f.delta * p[f.index]!;
  return v;
}
