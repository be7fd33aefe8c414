/**
 * One-dimensional root finding on a bracket [a, b] with f(a) f(b) < 0.
 *
 * - {@link brent}: Brent's method (R. P. Brent, "Algorithms for Minimization without Derivatives",
 *   1973, ch. 4): inverse quadratic interpolation / secant, safeguarded by bisection.
 * - {@link toms748}: Alefeld, Potra & Shi, "Algorithm 748: enclosing zeros of continuous
 *   functions", ACM TOMS 21 (1995) 327, algorithm 4.2 (k = 2) / 4.1 (k = 1): inverse cubic
 *   interpolation and Newton steps on a quadratic, a double-length secant step and a bisection
 *   safeguard; asymptotic efficiency index 1.65 per function call (k = 2), and the bracket
 *   always shrinks (at least halves every iteration). Same tolerance semantics as
 *   scipy.optimize.toms748. With tight tolerances it is not cheaper than Brent on the APS test
 *   set (measured: 631 calls against Brent's 578 and scipy toms748's 606, see roots.test.ts);
 *   its strength is the guaranteed bracket shrinkage.
 * - {@link bracketRoot}: expand an interval outward until f changes sign.
 *
 * Tolerances, as scipy: brent stops when |c - b| <= xtol + rtol |b| (b the best point, c the
 * contrapoint) and returns b; toms748 stops when the bracket [a, b] has b - a <= xtol + rtol |b|
 * and returns its midpoint. rtol must be >= 4 eps. Non-convergence within maxIter is reported
 * by `converged: false`, not thrown. A NaN from f throws a RangeError naming the argument.
 */

const EPS = 2.220446049250313e-16;

/** Options shared by {@link brent} and {@link toms748}. */
export interface RootOptions {
  /** Absolute tolerance on the root (default 2e-12, as scipy). */
  xtol?: number;
  /** Relative tolerance on the root (default 4 eps = 8.9e-16, the minimum allowed). */
  rtol?: number;
  /** Maximum iterations (default 100). */
  maxIter?: number;
  /** f(a) if already known (saves a call). */
  fa?: number;
  /** f(b) if already known (saves a call). */
  fb?: number;
}

/** Options of {@link toms748}. */
export interface Toms748Options extends RootOptions {
  /** Interpolation steps per iteration: 1 (algorithm 4.1) or 2 (algorithm 4.2, default). */
  k?: number;
}

/** Outcome of a root search. */
export interface RootResult {
  /**
   * Estimate of the root: for {@link brent} the bracket end with the smaller |f|, for
   * {@link toms748} the bracket midpoint (as scipy); an exact zero of f when one was hit.
   */
  root: number;
  /** Iterations done. */
  iterations: number;
  /** Function evaluations, including those of the end points. */
  fCalls: number;
  /** True when the tolerance was reached (or f(root) = 0 exactly). */
  converged: boolean;
  /** Final bracket [lo, hi] (lo = hi = root for an exact zero). */
  bracket: [number, number];
  /** f at the bracket ends [f(lo), f(hi)] (both 0 for an exact zero). */
  fBracket: [number, number];
}

function checkOptions(opts: RootOptions): { xtol: number; rtol: number; maxIter: number } {
  const xtol = opts.xtol ?? 2e-12;
  const rtol = opts.rtol ?? 4 * EPS;
  const maxIter = opts.maxIter ?? 100;
  if (!(xtol >= 0)) throw new RangeError(`root finding: xtol must be >= 0, got ${xtol}`);
  if (!(rtol >= 4 * EPS))
    throw new RangeError(`root finding: rtol must be >= 4 eps = ${4 * EPS}, got ${rtol}`);
  if (!(maxIter >= 1)) throw new RangeError(`root finding: maxIter must be >= 1, got ${maxIter}`);
  return { xtol, rtol, maxIter };
}

function evaluate(f: (x: number) => number, x: number, who: string): number {
  const y = f(x);
  if (Number.isNaN(y)) throw new RangeError(`${who}: f(${x}) is NaN`);
  return y;
}

function checkBracket(a: number, b: number, fa: number, fb: number, who: string): void {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b)
    throw new RangeError(`${who}: invalid bracket [${a}, ${b}]`);
  // sign tests, not fa * fb > 0, which underflows to 0 for tiny values of equal sign
  if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0) || Number.isNaN(fa) || Number.isNaN(fb))
    throw new RangeError(
      `${who}: f has the same sign at both ends of the bracket [${a}, ${b}] (f = ${fa}, ${fb})`,
    );
}

function done(
  root: number,
  iterations: number,
  fCalls: number,
  converged: boolean,
  lo: number,
  hi: number,
  flo: number,
  fhi: number,
): RootResult {
  return lo <= hi
    ? { root, iterations, fCalls, converged, bracket: [lo, hi], fBracket: [flo, fhi] }
    : { root, iterations, fCalls, converged, bracket: [hi, lo], fBracket: [fhi, flo] };
}

/**
 * Brent's root finder on [a, b] (f(a) and f(b) of opposite sign or zero; RangeError otherwise).
 *
 * @param f continuous function
 * @param a one end of the bracket
 * @param b other end
 * @param opts tolerances, see {@link RootOptions}
 * @example brent((x) => x * x - 2, 0, 2).root // 1.4142135623730951
 */
export function brent(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const { xtol, rtol, maxIter } = checkOptions(opts);
  let fa = opts.fa ?? evaluate(f, a, "brent");
  let fb = opts.fb ?? evaluate(f, b, "brent");
  let fCalls = (opts.fa === undefined ? 1 : 0) + (opts.fb === undefined ? 1 : 0);
  checkBracket(a, b, fa, fb, "brent");
  if (fa === 0) return done(a, 0, fCalls, true, a, a, 0, 0);
  if (fb === 0) return done(b, 0, fCalls, true, b, b, 0, 0);
  // b: best estimate; a: previous b; c: contrapoint (f(b) f(c) < 0); d: last step, e: the one before
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIter; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      // keep b the better end
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 0.5 * (xtol + rtol * Math.abs(b));
    const m = 0.5 * (c - b);
    if (fb === 0) return done(b, iter - 1, fCalls, true, b, b, 0, 0);
    if (Math.abs(m) <= tol) return done(b, iter - 1, fCalls, true, b, c, fb, fc);
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        // secant
        p = 2 * m * s;
        q = 1 - s;
      } else {
        // inverse quadratic interpolation through (a, fa), (b, fb), (c, fc)
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // accept the interpolation only if it falls well inside and shrinks faster than bisection
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = evaluate(f, b, "brent");
    fCalls++;
  }
  return done(b, maxIter, fCalls, false, b, c, fb, fc);
}

/**
 * Zero at y = 0 of the polynomial x(y) interpolating the four points (y_i, x_i), by Neville's
 * scheme (inverse cubic interpolation; APS 1995 eq. (2.4) computes the same value).
 */
function inverseCubic(
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y0: number,
  y1: number,
  y2: number,
  y3: number,
): number {
  // level 1
  const p01 = (y0 * x1 - y1 * x0) / (y0 - y1);
  const p12 = (y1 * x2 - y2 * x1) / (y1 - y2);
  const p23 = (y2 * x3 - y3 * x2) / (y2 - y3);
  // level 2
  const p012 = (y0 * p12 - y2 * p01) / (y0 - y2);
  const p123 = (y1 * p23 - y3 * p12) / (y1 - y3);
  // level 3
  return (y0 * p123 - y3 * p012) / (y0 - y3);
}

/**
 * APS 1995 "Newton-Quadratic": `steps` Newton iterations on the quadratic through (a, fa),
 * (b, fb), (d, fd), started at the end where the quadratic is convex towards the root
 * (a if A fa > 0), which keeps the iterates inside [a, b]. Falls back to the secant.
 */
function newtonQuadratic(
  a: number,
  b: number,
  d: number,
  fa: number,
  fb: number,
  fd: number,
  steps: number,
): number {
  const B = (fb - fa) / (b - a);
  const A = ((fd - fb) / (d - b) - B) / (d - a);
  const secant = a - fa / B;
  if (A === 0 || !Number.isFinite(A)) return secant;
  let r = A * fa > 0 ? a : b;
  for (let i = 0; i < steps; i++) {
    const p = fa + (B + A * (r - b)) * (r - a);
    const dp = B + A * (2 * r - a - b);
    if (dp === 0 || !Number.isFinite(dp)) break;
    r -= p / dp;
  }
  return r > a && r < b ? r : secant;
}

function distinct4(y0: number, y1: number, y2: number, y3: number): boolean {
  // relative separation, so that the interpolation divides by nothing tiny
  const sep = (u: number, v: number) => Math.abs(u - v) > 32 * EPS * Math.max(Math.abs(u), Math.abs(v));
  return sep(y0, y1) && sep(y0, y2) && sep(y0, y3) && sep(y1, y2) && sep(y1, y3) && sep(y2, y3);
}

/**
 * Alefeld-Potra-Shi TOMS 748 root finder on [a, b] (f(a) and f(b) of opposite sign or zero;
 * RangeError naming the bracket otherwise). Semantics of scipy.optimize.toms748: the result is
 * within xtol + rtol |root| of a sign change of f; k = 2 interpolation steps per iteration.
 *
 * @param f continuous function
 * @param a one end of the bracket
 * @param b other end
 * @param opts k (1 or 2, default 2), xtol (2e-12), rtol (4 eps), maxIter (100), see {@link Toms748Options}
 * @example toms748((x) => Math.exp(x) - 2, 0, 1).root // ln 2
 */
export function toms748(
  f: (x: number) => number,
  a0: number,
  b0: number,
  opts: Toms748Options = {},
): RootResult {
  const { xtol, rtol, maxIter } = checkOptions(opts);
  const k = opts.k ?? 2;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`toms748: k must be a positive integer, got ${k}`);
  let a = Math.min(a0, b0);
  let b = Math.max(a0, b0);
  let fa = opts.fa ?? evaluate(f, a0, "toms748");
  let fb = opts.fb ?? evaluate(f, b0, "toms748");
  if (a0 > b0) [fa, fb] = [fb, fa];
  let fCalls = (opts.fa === undefined ? 1 : 0) + (opts.fb === undefined ? 1 : 0);
  checkBracket(a, b, fa, fb, "toms748");
  if (fa === 0) return done(a, 0, fCalls, true, a, a, 0, 0);
  if (fb === 0) return done(b, 0, fCalls, true, b, b, 0, 0);

  // scipy's test np.isclose(a, b, rtol, atol): |b - a| <= xtol + rtol |b|, b the upper end
  const width = () => xtol + rtol * Math.abs(b);
  let d = Number.NaN;
  let fd = Number.NaN;
  let e = Number.NaN;
  let fe = Number.NaN;
  let zero = Number.NaN; // set when f(c) = 0 exactly

  // APS subroutine "bracket": evaluate f at c (kept at least delta inside (a, b)), shrink the
  // bracket to the side with the sign change; the discarded end becomes d.
  const shrink = (c0: number): void => {
    const delta = 0.25 * width();
    let c = c0;
    if (!(c > a + delta)) c = a + delta;
    if (!(c < b - delta)) c = b - delta;
    if (!(c > a && c < b)) c = 0.5 * (a + b); // b - a ~ delta: plain bisection
    const fc = evaluate(f, c, "toms748");
    fCalls++;
    if (fc === 0) {
      zero = c;
      return;
    }
    if ((fa < 0 && fc > 0) || (fa > 0 && fc < 0)) {
      d = b;
      fd = fb;
      b = c;
      fb = fc;
    } else {
      d = a;
      fd = fa;
      a = c;
      fa = fc;
    }
  };
  const finished = (iter: number): RootResult | undefined => {
    if (!Number.isNaN(zero)) return done(zero, iter, fCalls, true, zero, zero, 0, 0);
    // the midpoint is within (b - a) / 2 of every sign change in the bracket
    if (b - a <= width()) return done(0.5 * (a + b), iter, fCalls, true, a, b, fa, fb);
    return undefined;
  };

  // step 4.2.1: secant
  shrink(a - (fa * (b - a)) / (fb - fa));
  let r = finished(0);
  if (r) return r;

  for (let iter = 1; iter <= maxIter; iter++) {
    const w0 = b - a;
    for (let s = 1; s <= k; s++) {
      let c = Number.NaN;
      if (!Number.isNaN(fe) && distinct4(fa, fb, fd, fe)) {
        c = inverseCubic(a, b, d, e, fa, fb, fd, fe);
        if (!(c > a && c < b)) c = Number.NaN;
      }
      if (Number.isNaN(c)) c = newtonQuadratic(a, b, d, fa, fb, fd, s + 1);
      e = d;
      fe = fd;
      shrink(c);
      r = finished(iter);
      if (r) return r;
    }
    // double-length secant step from the better end
    const useA = Math.abs(fa) < Math.abs(fb);
    const u = useA ? a : b;
    const fu = useA ? fa : fb;
    let c = u - (2 * fu * (b - a)) / (fb - fa);
    if (!(Math.abs(c - u) <= 0.5 * (b - a))) c = 0.5 * (a + b);
    e = d;
    fe = fd;
    shrink(c);
    r = finished(iter);
    if (r) return r;
    // bisection safeguard if the iteration did not halve the bracket (mu = 1/2)
    if (b - a > 0.5 * w0) {
      e = d;
      fe = fd;
      shrink(0.5 * (a + b));
      r = finished(iter);
      if (r) return r;
    }
  }
  return done(0.5 * (a + b), maxIter, fCalls, false, a, b, fa, fb);
}

/** Options of {@link bracketRoot}. */
export interface BracketOptions {
  /** Growth factor of the interval per expansion (default 1.6). */
  factor?: number;
  /** Maximum expansions (default 60). */
  maxIter?: number;
  /** Lower limit the interval may not cross (default -Infinity), e.g. 0 for a signal strength. */
  lower?: number;
  /** Upper limit (default +Infinity). */
  upper?: number;
}

/** A bracket with a sign change, from {@link bracketRoot}. */
export interface Bracket {
  a: number;
  b: number;
  fa: number;
  fb: number;
  /** Function evaluations used. */
  fCalls: number;
}

/**
 * Expand [x0, x1] outward until f changes sign (Press et al., Numerical Recipes 3rd ed., sec.
 * 9.1 "zbrac"): move the end with the smaller |f| away from the other by `factor` times the
 * width, never beyond [lower, upper]. Throws a RangeError naming the last interval when no sign
 * change is found. The result feeds {@link brent} or {@link toms748} (pass fa, fb along).
 *
 * @example
 * const br = bracketRoot((x) => x - 100, 0, 1);
 * toms748((x) => x - 100, br.a, br.b, { fa: br.fa, fb: br.fb }).root // 100
 */
export function bracketRoot(
  f: (x: number) => number,
  x0: number,
  x1: number,
  opts: BracketOptions = {},
): Bracket {
  const factor = opts.factor ?? 1.6;
  const maxIter = opts.maxIter ?? 60;
  const lower = opts.lower ?? Number.NEGATIVE_INFINITY;
  const upper = opts.upper ?? Number.POSITIVE_INFINITY;
  if (!(factor > 0)) throw new RangeError(`bracketRoot: factor must be > 0, got ${factor}`);
  let a = Math.max(lower, Math.min(x0, x1));
  let b = Math.min(upper, Math.max(x0, x1));
  if (!(a < b))
    throw new RangeError(`bracketRoot: empty start interval [${a}, ${b}] within [${lower}, ${upper}]`);
  let fa = evaluate(f, a, "bracketRoot");
  let fb = evaluate(f, b, "bracketRoot");
  let fCalls = 2;
  for (let i = 0; ; i++) {
    if (fa === 0 || fb === 0 || fa < 0 !== fb < 0) return { a, b, fa, fb, fCalls };
    if (i >= maxIter) break;
    const w = b - a;
    const moveA = (Math.abs(fa) < Math.abs(fb) && a > lower) || b >= upper;
    if (moveA) {
      if (a <= lower) break;
      a = Math.max(lower, a - factor * w);
      fa = evaluate(f, a, "bracketRoot");
    } else {
      b = Math.min(upper, b + factor * w);
      fb = evaluate(f, b, "bracketRoot");
    }
    fCalls++;
  }
  throw new RangeError(
    `bracketRoot: no sign change of f found in [${a}, ${b}] (f = ${fa}, ${fb}) after ${fCalls} calls`,
  );
}
