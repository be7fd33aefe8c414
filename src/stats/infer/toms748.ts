/**
 * Bracketing root finder: Algorithm 4.2 of G. E. Alefeld, F. A. Potra, Y. Shi, "Algorithm 748:
 * Enclosing zeros of continuous functions", ACM TOMS 21 (1995) 327 (inverse cubic interpolation
 * with Newton-quadratic fallbacks, a double-length secant step and bisection safeguard).
 * The step sequence and stopping rule follow the same choices as scipy.optimize.toms748 (first
 * step secant; stop when |b - a| <= xtol + rtol |b|; return the bracket midpoint) so that, with
 * pyhf's settings (k = 2, xtol = 2e-12, rtol = 1e-4), it lands where pyhf's upper limits land.
 * Private to stats/ until src/core/roots.ts provides one.
 */

/** Options of {@link toms748}. */
export interface Toms748Options {
  /** Newton-quadratic steps per iteration (1 or 2; pyhf uses 2). */
  k?: number;
  xtol?: number;
  rtol?: number;
  maxIter?: number;
}

const EPS = 2.220446049250313e-16;

function isClose(a: number, b: number, rtol: number, atol: number): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Value at 0 of the inverse cubic through (fa,a), (fb,b), (fc,c), (fd,d) (Neville). */
function inverseCubicZero(x: number[], f: number[]): number {
  // interpolate x as a polynomial in f, evaluate at f = 0
  const n = 4;
  const Q = new Array<number>(16).fill(0);
  const D = new Array<number>(16).fill(0);
  for (let i = 0; i < n; i++) {
    Q[i * n] = x[i]!;
    D[i * n] = x[i]!;
  }
  for (let k = 1; k < n; k++) {
    for (let i = k; i < n; i++) {
      const alpha = D[i * n + k - 1]! - Q[(i - 1) * n + k - 1]!;
      const diff = f[i - k]! - f[i]!;
      Q[i * n + k] = ((f[i]! - 0) / diff) * alpha;
      D[i * n + k] = ((f[i - k]! - 0) / diff) * alpha;
    }
  }
  let s = Q[(n - 1) * n]!;
  for (let k = 1; k < n; k++) s += Q[(n - 1) * n + k]!;
  return s;
}

/** Newton steps on the quadratic through (a,fa), (b,fb), (d,fd). */
function newtonQuadratic(
  a: number,
  b: number,
  fa: number,
  fb: number,
  d: number,
  fd: number,
  k: number,
): number {
  const B = (fb - fa) / (b - a);
  const A = ((fd - fb) / (d - b) - B) / (d - a);
  const P = (x: number) => (A * (x - b) + B) * (x - a) + fa;
  if (A === 0) return a - fa / B;
  let r = Math.sign(A) * Math.sign(fa) > 0 ? a : b;
  for (let i = 0; i < k; i++) {
    const r1 = r - P(r) / (B + A * (2 * r - a - b));
    if (!(a < r1 && r1 < b)) {
      if (a < r && r < b) return r;
      return (a + b) / 2;
    }
    r = r1;
  }
  return r;
}

/**
 * A root of f in [a, b] (f(a), f(b) of opposite signs; a < b). Throws RangeError if the
 * interval does not bracket a root or f returns a non-finite value.
 */
export function toms748(f: (x: number) => number, a: number, b: number, opts: Toms748Options = {}): number {
  const k = Math.max(1, opts.k ?? 2);
  const xtol = opts.xtol ?? 2e-12;
  const rtol = opts.rtol ?? 4 * EPS;
  const maxIter = opts.maxIter ?? 100;
  const call = (x: number): number => {
    const v = f(x);
    if (!Number.isFinite(v)) throw new RangeError(`toms748: f(${x}) = ${v}`);
    return v;
  };
  const fa0 = call(a);
  if (fa0 === 0) return a;
  const fb0 = call(b);
  if (fb0 === 0) return b;
  if (Math.sign(fa0) * Math.sign(fb0) > 0)
    throw new RangeError(
      `toms748: f(a) and f(b) must have different signs (f(${a}) = ${fa0}, f(${b}) = ${fb0})`,
    );
  const ab = [a, b];
  const fab = [fa0, fb0];
  // replace the endpoint on c's side; return the discarded point
  const update = (c: number, fc: number): [number, number] => {
    const idx = Math.sign(fab[0]!) * Math.sign(fc) > 0 ? 0 : 1;
    const rx = ab[idx]!;
    const rf = fab[idx]!;
    ab[idx] = c;
    fab[idx] = fc;
    return [rx, rf];
  };
  // first step: secant
  let c: number;
  {
    const [x0, x1] = ab as [number, number];
    const [f0, f1] = fab as [number, number];
    if (f0 === f1) c = Number.NaN;
    else if (Math.abs(f1) > Math.abs(f0)) c = ((-f0 / f1) * x1 + x0) / (1 - f0 / f1);
    else c = ((-f1 / f0) * x0 + x1) / (1 - f1 / f0);
  }
  if (!(ab[0]! < c && c < ab[1]!)) c = (ab[0]! + ab[1]!) / 2;
  let fc = call(c);
  if (fc === 0) return c;
  let [d, fd] = update(c, fc);
  let e = Number.NaN;
  let fe = Number.NaN;
  let haveE = false;
  for (let iter = 1; iter < maxIter; iter++) {
    const width0 = ab[1]! - ab[0]!;
    let cc: number | null = null;
    for (let nsteps = 2; nsteps < k + 2; nsteps++) {
      const fs = [fab[0]!, fab[1]!, fd, fe];
      let distinct = haveE && fs.every((v) => v !== 0 && Number.isFinite(v));
      if (distinct)
        for (let i = 0; i < 4 && distinct; i++)
          for (let j = i + 1; j < 4; j++) if (isClose(fs[i]!, fs[j]!, 0, 32 * EPS)) distinct = false;
      cc = null;
      if (distinct) {
        const c0 = inverseCubicZero([ab[0]!, ab[1]!, d, e], fs);
        if (ab[0]! < c0 && c0 < ab[1]!) cc = c0;
      }
      if (cc === null) cc = newtonQuadratic(ab[0]!, ab[1]!, fab[0]!, fab[1]!, d, fd, nsteps);
      fc = call(cc);
      if (fc === 0) return cc;
      e = d;
      fe = fd;
      haveE = true;
      [d, fd] = update(cc, fc);
    }
    // double-length secant step from the endpoint with the smaller |f|
    const uix = Math.abs(fab[0]!) < Math.abs(fab[1]!) ? 0 : 1;
    const u = ab[uix]!;
    const fu = fab[uix]!;
    const A = (fab[1]! - fab[0]!) / (ab[1]! - ab[0]!);
    c = u - (2 * fu) / A;
    if (Math.abs(c - u) > 0.5 * (ab[1]! - ab[0]!)) c = (ab[0]! + ab[1]!) / 2;
    else if (isClose(c, u, EPS, 0)) {
      const e0 = Math.floor(Math.log2(Math.abs(fab[uix]!))) + 1;
      const e1 = Math.floor(Math.log2(Math.abs(fab[1 - uix]!))) + 1;
      if (e0 < e1 - 50) c = (31 * ab[uix]! + ab[1 - uix]!) / 32;
      else {
        const mm = uix === 0 ? 1 : -1;
        c = u + mm * Math.abs(c) * rtol + mm * xtol;
      }
      if (!(ab[0]! < c && c < ab[1]!)) c = (ab[0]! + ab[1]!) / 2;
    }
    fc = call(c);
    if (fc === 0) return c;
    e = d;
    fe = fd;
    [d, fd] = update(c, fc);
    if (ab[1]! - ab[0]! > 0.5 * width0) {
      e = d;
      fe = fd;
      const z = (ab[0]! + ab[1]!) / 2;
      const fz = call(z);
      if (fz === 0) return z;
      [d, fd] = update(z, fz);
    }
    if (isClose(ab[0]!, ab[1]!, rtol, xtol)) return (ab[0]! + ab[1]!) / 2;
  }
  return (ab[0]! + ab[1]!) / 2;
}
