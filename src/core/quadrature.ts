/**
 * Numerical integration in one dimension.
 *
 * - {@link gaussLegendre}: fixed n-point Gauss-Legendre rule; nodes and weights by Newton's method
 *   on the Legendre polynomial P_n (three-term recurrence), cached per n. Exact for polynomials of
 *   degree <= 2n - 1; the tool for smooth integrands evaluated many times (normalisations).
 * - {@link integrate}: globally adaptive Gauss-Kronrod 10-21 (the QAG strategy of QUADPACK:
 *   R. Piessens et al., "QUADPACK", Springer 1983, sec. 2.2 and 3.3): bisect the interval with the
 *   largest error estimate until the total estimate is below max(epsabs, epsrel |I|). Infinite
 *   limits are mapped to finite ones: x = a + t/(1 - t) on [a, inf), x = t/(1 - t^2) on
 *   (-inf, inf) (QUADPACK's QAGI uses the same idea with a different map).
 *
 * Both reach ~1e-14 relative on smooth integrands (tests: 1e-12 against closed forms).
 *
 * @example
 * gaussLegendre(Math.exp, 0, 1, 10)                   // e - 1
 * integrate((x) => Math.exp(-x * x), -Infinity, Infinity).value // sqrt(pi)
 */

/** Nodes x_i in (-1, 1) and weights w_i of an n-point Gauss-Legendre rule (ascending x). */
export interface GaussRule {
  nodes: Float64Array;
  weights: Float64Array;
}

// Module-level cache of pure constants (a rule depends only on n): not run state, safe to share.
const ruleCache = new Map<number, GaussRule>();

/**
 * The n-point Gauss-Legendre rule on [-1, 1] (cached; do not modify the arrays). Nodes from
 * Newton iteration on P_n(x) started at cos(pi (i - 1/4) / (n + 1/2)) (Abramowitz & Stegun
 * 22.16.6 asymptotics), weights w_i = 2 / ((1 - x_i^2) P_n'(x_i)^2) (A&S 25.4.29).
 *
 * @param n number of points, integer 1..10000
 * @example const { nodes, weights } = gaussLegendreRule(5);
 */
export function gaussLegendreRule(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 1 || n > 10000)
    throw new RangeError(`gaussLegendreRule: n must be an integer in 1..10000, got ${n}`);
  const cached = ruleCache.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 1; i <= half; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 1;
    let prev = Number.POSITIVE_INFINITY;
    for (let it = 0; it < 100; it++) {
      // P_n(x) and P_n'(x) by the recurrence (k+1) P_{k+1} = (2k+1) x P_k - k P_{k-1}
      let p0 = 1;
      let p1 = x;
      for (let k = 1; k < n; k++) {
        const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      // stop at convergence, or when roundoff stops the step from shrinking (quadratic
      // convergence from the asymptotic start takes 3-4 steps)
      if (Math.abs(dx) >= prev) break;
      x -= dx;
      prev = Math.abs(dx);
      if (prev <= 1e-17) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    // x is the i-th largest node; store ascending, mirrored
    nodes[n - i] = x;
    nodes[i - 1] = -x;
    weights[n - i] = w;
    weights[i - 1] = w;
  }
  if (n % 2 === 1) nodes[half - 1] = 0; // exact centre node
  const rule = { nodes, weights };
  ruleCache.set(n, rule);
  return rule;
}

/**
 * Integral of f over [a, b] by the n-point Gauss-Legendre rule (default n = 20). a > b gives
 * the negative; finite limits only.
 *
 * @param f integrand
 * @param a lower limit
 * @param b upper limit
 * @param n points (exact for polynomials of degree <= 2n - 1)
 * @example gaussLegendre((x) => x ** 5, 0, 2, 3) // 64 / 6
 */
export function gaussLegendre(f: (x: number) => number, a: number, b: number, n = 20): number {
  if (!Number.isFinite(a) || !Number.isFinite(b))
    throw new RangeError(`gaussLegendre: limits must be finite, got [${a}, ${b}]`);
  const { nodes, weights } = gaussLegendreRule(n);
  const hl = 0.5 * (b - a);
  const mid = 0.5 * (a + b);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(mid + hl * nodes[i]!);
  return s * hl;
}

// Gauss-Kronrod 10-21 on [-1, 1], computed from scratch with mpmath 1.3 at 40 digits: Kronrod
// nodes are the zeros of the Stieltjes polynomial E_11 (orthogonal to x^k, k <= 10, with weight
// P_10); weights from exactness on even monomials. Decreasing nodes, centre last.
const XGK = [
  0.9956571630258081, 0.9739065285171717, 0.9301574913557082, 0.8650633666889845, 0.7808177265864169,
  0.6794095682990244, 0.5627571346686047, 0.4333953941292472, 0.2943928627014602, 0.14887433898163122, 0,
];
const WGK = [
  0.011694638867371874, 0.032558162307964725, 0.054755896574351995, 0.07503967481091996, 0.0931254545836976,
  0.10938715880229764, 0.12349197626206584, 0.13470921731147334, 0.14277593857706009, 0.14773910490133849,
  0.1494455540029169,
];
/** 10-point Gauss weights for the nodes XGK[1], XGK[3], ..., XGK[9]. */
const WG = [
  0.06667134430868814, 0.1494513491505806, 0.21908636251598204, 0.26926671930999635, 0.29552422471475287,
];

const EPS = 2.220446049250313e-16;
const TINY = 2.2250738585072014e-308;

/** Outputs of one 21-point panel (one object per integrate call, reused across panels). */
interface Panel {
  value: number;
  error: number;
}

/**
 * One GK21 panel on [a, b]: the Kronrod value, and QUADPACK's error estimate (Piessens et al.
 * 1983, qk21): |K - G| scaled by resasc min(1, (200 |K - G| / resasc)^1.5), with a roundoff
 * floor 50 eps resabs.
 */
function gk21(g: (x: number) => number, a: number, b: number, out: Panel, fv: Float64Array): void {
  const hl = 0.5 * (b - a);
  const c = 0.5 * (a + b);
  const fc = g(c);
  let resk = fc * WGK[10]!;
  let resg = 0;
  let resabs = Math.abs(resk);
  for (let j = 0; j < 10; j++) {
    const dx = hl * XGK[j]!;
    const f1 = g(c - dx);
    const f2 = g(c + dx);
    fv[j] = f1;
    fv[10 + j] = f2;
    resk += WGK[j]! * (f1 + f2);
    resabs += WGK[j]! * (Math.abs(f1) + Math.abs(f2));
    if (j % 2 === 1) resg += WG[(j - 1) / 2]! * (f1 + f2);
  }
  const reskh = 0.5 * resk;
  let resasc = WGK[10]! * Math.abs(fc - reskh);
  for (let j = 0; j < 10; j++) resasc += WGK[j]! * (Math.abs(fv[j]! - reskh) + Math.abs(fv[10 + j]! - reskh));
  const ahl = Math.abs(hl);
  resasc *= ahl;
  resabs *= ahl;
  let err = Math.abs((resk - resg) * hl);
  if (resasc !== 0 && err !== 0) err = resasc * Math.min(1, ((200 * err) / resasc) ** 1.5);
  if (resabs > TINY / (50 * EPS)) err = Math.max(50 * EPS * resabs, err);
  out.value = resk * hl;
  out.error = err;
}

/** Options of {@link integrate}. */
export interface IntegrateOptions {
  /** Absolute error goal (default 1e-12). */
  epsabs?: number;
  /** Relative error goal (default 1e-10). */
  epsrel?: number;
  /** Maximum number of subintervals (default 200). */
  limit?: number;
}

/** Result of {@link integrate}. */
export interface IntegrateResult {
  /** Estimate of the integral. */
  value: number;
  /** Estimate of the absolute error. */
  error: number;
  /** Integrand evaluations. */
  evaluations: number;
  /** Subintervals used. */
  intervals: number;
  /** True when error <= max(epsabs, epsrel |value|). */
  converged: boolean;
}

/**
 * Adaptive Gauss-Kronrod (10-21) integral of f over [a, b]; a and/or b may be infinite. Never
 * throws for a difficult integrand: reports `converged: false` with its best estimate instead
 * (e.g. non-integrable singularities, `limit` reached). NaN from f throws a RangeError.
 *
 * @param f integrand
 * @param a lower limit (may be -Infinity)
 * @param b upper limit (may be +Infinity)
 * @param opts epsabs (1e-12), epsrel (1e-10), limit (200 subintervals)
 * @example integrate((x) => 1 / (1 + x * x), -Infinity, Infinity).value // pi
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: IntegrateOptions = {},
): IntegrateResult {
  const epsabs = opts.epsabs ?? 1e-12;
  const epsrel = opts.epsrel ?? 1e-10;
  const limit = opts.limit ?? 200;
  if (!(epsabs >= 0) || !(epsrel >= 0) || (epsabs === 0 && epsrel === 0))
    throw new RangeError(`integrate: need epsabs >= 0, epsrel >= 0, not both 0 (got ${epsabs}, ${epsrel})`);
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`integrate: limit must be a positive integer, got ${limit}`);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`integrate: NaN limit [${a}, ${b}]`);
  if (a === b) return { value: 0, error: 0, evaluations: 0, intervals: 0, converged: true };
  if (a > b) {
    const r = integrate(f, b, a, opts);
    return { ...r, value: -r.value };
  }
  let evaluations = 0;
  const call = (x: number): number => {
    evaluations++;
    const y = f(x);
    if (Number.isNaN(y)) throw new RangeError(`integrate: integrand is NaN at x = ${x}`);
    return y;
  };
  // Map to a finite interval [lo, hi] of t with integrand g(t).
  let g: (t: number) => number;
  let lo: number;
  let hi: number;
  const aInf = a === Number.NEGATIVE_INFINITY;
  const bInf = b === Number.POSITIVE_INFINITY;
  if (aInf && bInf) {
    // x = t / (1 - t^2), dx/dt = (1 + t^2) / (1 - t^2)^2
    g = (t) => {
      const u = 1 - t * t;
      const y = call(t / u);
      return y === 0 ? 0 : (y * (1 + t * t)) / (u * u);
    };
    lo = -1;
    hi = 1;
  } else if (bInf) {
    // x = a + t / (1 - t), dx/dt = 1 / (1 - t)^2
    g = (t) => {
      const u = 1 - t;
      const y = call(a + t / u);
      return y === 0 ? 0 : y / (u * u);
    };
    lo = 0;
    hi = 1;
  } else if (aInf) {
    // x = b - t / (1 - t)
    g = (t) => {
      const u = 1 - t;
      const y = call(b - t / u);
      return y === 0 ? 0 : y / (u * u);
    };
    lo = 0;
    hi = 1;
  } else {
    g = call;
    lo = a;
    hi = b;
  }

  const ia = new Float64Array(limit);
  const ib = new Float64Array(limit);
  const iv = new Float64Array(limit);
  const ie = new Float64Array(limit);
  const panel: Panel = { value: 0, error: 0 };
  // per-call scratch (not module-level: an integrand may itself call integrate)
  const fv = new Float64Array(20);
  gk21(g, lo, hi, panel, fv);
  ia[0] = lo;
  ib[0] = hi;
  iv[0] = panel.value;
  ie[0] = panel.error;
  let count = 1;
  let value = panel.value;
  let error = panel.error;
  let converged = error <= Math.max(epsabs, epsrel * Math.abs(value));
  while (!converged && count < limit) {
    // worst interval (linear scan: limit is small)
    let w = 0;
    for (let i = 1; i < count; i++) if (ie[i]! > ie[w]!) w = i;
    const l = ia[w]!;
    const r = ib[w]!;
    const m = 0.5 * (l + r);
    // cannot bisect further: the interval is at the resolution of doubles
    if (!(m > l && m < r) || r - l <= 4 * EPS * Math.max(Math.abs(l), Math.abs(r))) break;
    gk21(g, l, m, panel, fv);
    const v1 = panel.value;
    const e1 = panel.error;
    gk21(g, m, r, panel, fv);
    ib[w] = m;
    iv[w] = v1;
    ie[w] = e1;
    ia[count] = m;
    ib[count] = r;
    iv[count] = panel.value;
    ie[count] = panel.error;
    count++;
    // re-sum (compensated) instead of updating, so roundoff does not accumulate
    let s = 0;
    let comp = 0;
    error = 0;
    for (let i = 0; i < count; i++) {
      const y = iv[i]! - comp;
      const t = s + y;
      comp = t - s - y;
      s = t;
      error += ie[i]!;
    }
    value = s;
    converged = error <= Math.max(epsabs, epsrel * Math.abs(value));
  }
  return { value, error, evaluations, intervals: count, converged };
}
