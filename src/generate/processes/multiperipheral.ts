/**
 * Exact tree-level matrix element of e-(p1) e+(p2) -> e-(p3) e+(p4) l-(q1) l+(q2) through the two
 * multiperipheral (two-photon) diagrams, with the full lepton masses and both photon virtualities:
 *
 *   M = e^4 / (k1^2 k2^2)  J1_mu J2_nu T^{mu nu},   k1 = p1 - p3,  k2 = p2 - p4,  Q_i^2 = -k_i^2,
 *   T^{mu nu} = ubar(q1) [ g^mu S(q1 - k1) g^nu + g^nu S(q1 - k2) g^mu ] v(q2),
 *   S(p) = (pslash + m) / (p^2 - m^2),
 *
 * J1 = ubar(p3) g u(p1) and J2 = vbar(p2) g v(p4) the beam currents. These are the diagrams that
 * dominate e+e- -> e+e- mu+mu- at a B factory (Berends, Daverveldt, Kleiss, Nucl. Phys. B253 (1985)
 * 421 and Comput. Phys. Commun. 40 (1986) 271, 285, 309: the AAFH/DIAG36 programs that Belle II
 * uses; the bremsstrahlung, conversion and annihilation diagrams are not included here). Unlike the
 * equivalent-photon approximation it keeps the longitudinal photons, the interference of the
 * photon polarisations and the region Q^2 > W^2 where a photon is far off shell (the "deep
 * inelastic" single-tag region of the QED photon structure functions).
 *
 * Spin sums: the beam lines enter through their traces,
 *   sum |J|^2 -> L^{mu nu} = 4 [p^mu p'^nu + p'^mu p^nu - g^{mu nu} (p.p' - m^2)],
 * which, since k_mu T^{mu nu} = 0 for either photon and any virtuality (checked in the tests),
 * may be replaced by L = 8 P P - 2 Q^2 g with P = p - (p.n / k.n) k for any vector n (here the other
 * beam). P is of order k_T / x, so the contraction has no large cancellation even at
 * Q^2 ~ m_e^2 x^2 (the equivalent-photon region, where p itself is ~10^4 times larger). The lepton
 * pair is summed over its four helicity states with explicit spinors (chiral representation,
 * Peskin & Schroeder conventions: u = (sqrt(p.sigma) xi, sqrt(p.sigmabar) xi),
 * v = (sqrt(p.sigma) eta, -sqrt(p.sigmabar) eta)).
 *
 * Units: GeV; |M|^2 in GeV^-4 (2 -> 4), averaged over the initial spins and summed over the final.
 */
import { ALPHA_EM } from "../../core/units.ts";

const E4 = (4 * Math.PI * ALPHA_EM) ** 2; // e^4

/** A four-vector (E, px, py, pz) [GeV]. */
export type FourVec = ArrayLike<number>;

/** Minkowski product a.b (metric +,-,-,-). */
export function mdot(a: FourVec, b: FourVec): number {
  return a[0]! * b[0]! - a[1]! * b[1]! - a[2]! * b[2]! - a[3]! * b[3]!;
}

// Complex 4-spinors are stored as 8 numbers: re0, im0, re1, im1, ... (components 0,1 = left, 2,3 = right).

/**
 * out = (a_mu gamma^mu) psi (chiral representation): left' = (a0 - a.sigma) right,
 * right' = (a0 + a.sigma) left. `a` contravariant (E, x, y, z). out must not alias psi.
 */
function slashTimes(a: FourVec, psi: Float64Array, out: Float64Array): void {
  const a0 = a[0]!;
  const ax = a[1]!;
  const ay = a[2]!;
  const az = a[3]!;
  // left' = [(a0 - az) r0 - (ax - i ay) r1, (a0 + az) r1 - (ax + i ay) r0]
  const r0 = psi[4]!;
  const r0i = psi[5]!;
  const r1 = psi[6]!;
  const r1i = psi[7]!;
  out[0] = (a0 - az) * r0 - (ax * r1 + ay * r1i);
  out[1] = (a0 - az) * r0i - (ax * r1i - ay * r1);
  out[2] = (a0 + az) * r1 - (ax * r0 - ay * r0i);
  out[3] = (a0 + az) * r1i - (ax * r0i + ay * r0);
  // right' = [(a0 + az) l0 + (ax - i ay) l1, (a0 - az) l1 + (ax + i ay) l0]
  const l0 = psi[0]!;
  const l0i = psi[1]!;
  const l1 = psi[2]!;
  const l1i = psi[3]!;
  out[4] = (a0 + az) * l0 + (ax * l1 + ay * l1i);
  out[5] = (a0 + az) * l0i + (ax * l1i - ay * l1);
  out[6] = (a0 - az) * l1 + (ax * l0 - ay * l0i);
  out[7] = (a0 - az) * l1i + (ax * l0i + ay * l0);
}

/**
 * out = row (a_mu gamma^mu) for a row spinor `row` (same storage): (r_L, r_R) slash =
 * (r_R (a0 + a.sigma), r_L (a0 - a.sigma)). out must not alias row.
 */
function rowTimesSlash(row: Float64Array, a: FourVec, out: Float64Array): void {
  const a0 = a[0]!;
  const ax = a[1]!;
  const ay = a[2]!;
  const az = a[3]!;
  // left' = r_R (a0 + a.sigma): [r0 (a0 + az) + r1 (ax + i ay), r0 (ax - i ay) + r1 (a0 - az)]
  const r0 = row[4]!;
  const r0i = row[5]!;
  const r1 = row[6]!;
  const r1i = row[7]!;
  out[0] = r0 * (a0 + az) + (r1 * ax - r1i * ay);
  out[1] = r0i * (a0 + az) + (r1i * ax + r1 * ay);
  out[2] = r0 * ax + r0i * ay + r1 * (a0 - az);
  out[3] = r0i * ax - r0 * ay + r1i * (a0 - az);
  // right' = r_L (a0 - a.sigma): [r0 (a0 - az) - r1 (ax + i ay), -r0 (ax - i ay) + r1 (a0 + az)]
  const l0 = row[0]!;
  const l0i = row[1]!;
  const l1 = row[2]!;
  const l1i = row[3]!;
  out[4] = l0 * (a0 - az) - (l1 * ax - l1i * ay);
  out[5] = l0i * (a0 - az) - (l1i * ax + l1 * ay);
  out[6] = -(l0 * ax + l0i * ay) + l1 * (a0 + az);
  out[7] = -(l0i * ax - l0 * ay) + l1i * (a0 + az);
}

/**
 * Two-component helicity spinor xi_lambda of the direction of p (lambda = +1 or -1), as 4 numbers
 * (re0, im0, re1, im1): xi_+ = (cos t/2, e^{i phi} sin t/2), xi_- = (-e^{-i phi} sin t/2, cos t/2).
 * Half-angles from the components without cancellation near either pole.
 */
function helicityXi(px: number, py: number, pz: number, lambda: number, out: Float64Array): void {
  const p = Math.sqrt(px * px + py * py + pz * pz);
  const pt = Math.sqrt(px * px + py * py);
  let c: number;
  let s: number;
  if (p === 0) {
    c = 1;
    s = 0;
  } else if (pz >= 0) {
    c = Math.sqrt((p + pz) / (2 * p));
    s = pt / (2 * p * c);
  } else {
    s = Math.sqrt((p - pz) / (2 * p));
    c = pt / (2 * p * s);
  }
  const ephR = pt > 0 ? px / pt : 1;
  const ephI = pt > 0 ? py / pt : 0;
  if (lambda > 0) {
    out[0] = c;
    out[1] = 0;
    out[2] = ephR * s;
    out[3] = ephI * s;
  } else {
    out[0] = -ephR * s;
    out[1] = ephI * s;
    out[2] = c;
    out[3] = 0;
  }
}

const XI = new Float64Array(4);

/**
 * Dirac spinor u(p, lambda) (kind "u") or v(p, lambda) (kind "v") of mass m in the chiral
 * representation, helicity basis; E -+ |p| without cancellation.
 */
export function diracSpinor(p: FourVec, m: number, lambda: number, kind: "u" | "v", out: Float64Array): void {
  const xi = XI;
  helicityXi(p[1]!, p[2]!, p[3]!, lambda, xi);
  const E = p[0]!;
  const a = Math.sqrt(p[1]! ** 2 + p[2]! ** 2 + p[3]! ** 2);
  const big = Math.sqrt(E + a);
  const small = m > 0 ? m / big : 0; // sqrt(E - a) = m / sqrt(E + a)
  // p.sigma xi_lambda = (E - lambda a) xi_lambda, p.sigmabar xi_lambda = (E + lambda a) xi_lambda
  const fl = lambda > 0 ? small : big;
  const fr = (lambda > 0 ? big : small) * (kind === "u" ? 1 : -1);
  for (let k = 0; k < 4; k++) {
    out[k] = fl * xi[k]!;
    out[4 + k] = fr * xi[k]!;
  }
}

/** ubar = u^dagger gamma^0 as a row: (conj right, conj left). */
function barOf(u: Float64Array, out: Float64Array): void {
  out[0] = u[4]!;
  out[1] = -u[5]!;
  out[2] = u[6]!;
  out[3] = -u[7]!;
  out[4] = u[0]!;
  out[5] = -u[1]!;
  out[6] = u[2]!;
  out[7] = -u[3]!;
}

/** Complex row . column, added into (acc[k], acc[k+1]). */
function dotInto(row: Float64Array, col: Float64Array, acc: Float64Array, k: number): void {
  let re = 0;
  let im = 0;
  for (let j = 0; j < 8; j += 2) {
    const a = row[j]!;
    const ai = row[j + 1]!;
    const b = col[j]!;
    const bi = col[j + 1]!;
    re += a * b - ai * bi;
    im += a * bi + ai * b;
  }
  acc[k] = acc[k]! + re;
  acc[k + 1] = acc[k + 1]! + im;
}

/** Basis vectors e_(mu) with (e_(mu))^nu = g^{nu mu}, so slash(e_(mu)) = gamma^mu. */
const GAMMA_BASIS: readonly Float64Array[] = [
  Float64Array.of(1, 0, 0, 0),
  Float64Array.of(0, -1, 0, 0),
  Float64Array.of(0, 0, -1, 0),
  Float64Array.of(0, 0, 0, -1),
];
const METRIC = [1, -1, -1, -1];

/** Two helicities x four Lorentz indices of complex 4-spinors. */
function spinorSets(): Float64Array[][] {
  return [0, 1].map(() => Array.from({ length: 4 }, () => new Float64Array(8)));
}

/**
 * The multiperipheral |M|^2 of e+e- -> e+e- l+l- (module doc). Holds scratch buffers: one
 * instance per thread, not re-entrant.
 *
 * @example const me = new MultiperipheralME(M_MU); me.me2(p1, p2, p3, p4, q1, q2, Q1sq, Q2sq)
 */
export class MultiperipheralME {
  private readonly ml: number;
  private readonly u = new Float64Array(8);
  private readonly v = new Float64Array(8);
  private readonly ub = new Float64Array(8);
  // per helicity (index 0: +1, 1: -1) of the l- (rows, r2) and of the l+ (cols, c1)
  private readonly rows = spinorSets(); // ubar gamma^mu
  private readonly r2 = spinorSets(); // ubar gamma^nu S2
  private readonly cols = spinorSets(); // gamma^nu v
  private readonly c1 = spinorSets(); // S1 gamma^nu v
  private readonly tmp = new Float64Array(8);
  /** T^{mu nu} of the current lepton helicities: (re, im) at 2 (4 mu + nu). */
  private readonly T = new Float64Array(32);
  private readonly k1 = new Float64Array(4);
  private readonly k2 = new Float64Array(4);
  private readonly s1 = new Float64Array(4);
  private readonly s2 = new Float64Array(4);
  private readonly a = new Float64Array(4);
  private readonly b = new Float64Array(4);
  private readonly am = new Float64Array(4);
  private readonly bm = new Float64Array(4);

  /** @param ml produced lepton mass [GeV] (the beam mass enters through the momenta only) */
  constructor(ml: number) {
    this.ml = ml;
  }

  /**
   * Spin-averaged |M|^2 [GeV^-4]. p1 = incoming e-, p2 = incoming e+, p3/p4 the scattered ones,
   * q1 = l-, q2 = l+ (four-vectors (E, px, py, pz) in any one frame, momentum conserved).
   * Q1sq = -(p1 - p3)^2 and Q2sq = -(p2 - p4)^2 are passed in because the caller knows them
   * exactly (from the momenta they cancel badly when a photon is nearly real). n1, n2: the gauge
   * vectors of the two beam tensors (default the other beam; any choice gives the same result).
   */
  me2(
    p1: FourVec,
    p2: FourVec,
    p3: FourVec,
    p4: FourVec,
    q1: FourVec,
    q2: FourVec,
    Q1sq: number,
    Q2sq: number,
    n1: FourVec = p2,
    n2: FourVec = p1,
  ): number {
    const { k1, k2, a, b } = this;
    for (let i = 0; i < 4; i++) {
      k1[i] = p1[i]! - p3[i]!;
      k2[i] = p2[i]! - p4[i]!;
    }
    // gauge-shifted beam vectors P~ = p - (p.n / k.n) k (module doc)
    const c1 = mdot(p1, n1) / mdot(k1, n1);
    const c2 = mdot(p2, n2) / mdot(k2, n2);
    for (let i = 0; i < 4; i++) {
      a[i] = p1[i]! - c1 * k1[i]!;
      b[i] = p2[i]! - c2 * k2[i]!;
    }
    this.prepare(q1, q2, k1, k2);
    let sum = 0;
    for (let i1 = 0; i1 < 2; i1++)
      for (let i2 = 0; i2 < 2; i2++) {
        this.fillT(i1, i2);
        sum += this.contract(Q1sq, Q2sq);
      }
    return (0.25 * E4 * E4 * sum) / (Q1sq * Q1sq * Q2sq * Q2sq);
  }

  /**
   * T^{mu nu} (module doc) for lepton helicities h1 (l-) and h2 (l+), each +1 or -1, and photon
   * momenta k1, k2 (q1 + q2 = k1 + k2); returned as (re, im) pairs at 2 (4 mu + nu), a view into
   * scratch space valid until the next call.
   */
  tensor(q1: FourVec, q2: FourVec, k1: FourVec, k2: FourVec, h1: number, h2: number): Float64Array {
    this.prepare(q1, q2, k1, k2);
    this.fillT(h1 > 0 ? 0 : 1, h2 > 0 ? 0 : 1);
    return this.T;
  }

  /** The spinor chains of both helicities of each lepton (no T yet). */
  private prepare(q1: FourVec, q2: FourVec, k1: FourVec, k2: FourVec): void {
    const { tmp, s1, s2 } = this;
    const m = this.ml;
    for (let i = 0; i < 4; i++) {
      s1[i] = q1[i]! - k1[i]!;
      s2[i] = q1[i]! - k2[i]!;
    }
    const d1 = 1 / (mdot(s1, s1) - m * m);
    const d2 = 1 / (mdot(s2, s2) - m * m);
    for (let ih = 0; ih < 2; ih++) {
      const h = ih === 0 ? 1 : -1;
      diracSpinor(q1, m, h, "u", this.u);
      barOf(this.u, this.ub);
      const rows = this.rows[ih]!;
      const r2 = this.r2[ih]!;
      for (let mu = 0; mu < 4; mu++) {
        const row = rows[mu]!;
        rowTimesSlash(this.ub, GAMMA_BASIS[mu]!, row);
        // ubar gamma^mu S2 = ubar gamma^mu (s2slash + m) d2
        rowTimesSlash(row, s2, tmp);
        const r = r2[mu]!;
        for (let j = 0; j < 8; j++) r[j] = (tmp[j]! + m * row[j]!) * d2;
      }
      diracSpinor(q2, m, h, "v", this.v);
      const cols = this.cols[ih]!;
      const c1 = this.c1[ih]!;
      for (let nu = 0; nu < 4; nu++) {
        const col = cols[nu]!;
        slashTimes(GAMMA_BASIS[nu]!, this.v, col);
        // S1 gamma^nu v = (s1slash + m) gamma^nu v d1
        slashTimes(s1, col, tmp);
        const c = c1[nu]!;
        for (let j = 0; j < 8; j++) c[j] = (tmp[j]! + m * col[j]!) * d1;
      }
    }
  }

  /** T^{mu nu} = ubar g^mu S1 g^nu v + ubar g^nu S2 g^mu v for helicity indices i1, i2 (0: +, 1: -). */
  private fillT(i1: number, i2: number): void {
    const T = this.T;
    const rows = this.rows[i1]!;
    const r2 = this.r2[i1]!;
    const cols = this.cols[i2]!;
    const c1 = this.c1[i2]!;
    T.fill(0);
    for (let mu = 0; mu < 4; mu++)
      for (let nu = 0; nu < 4; nu++) {
        const k = 2 * (4 * mu + nu);
        dotInto(rows[mu]!, c1[nu]!, T, k);
        dotInto(r2[nu]!, cols[mu]!, T, k);
      }
  }

  /** L1eff_{mu mu'} L2eff_{nu nu'} T^{mu nu} T*^{mu' nu'} for the tensor in scratch (module doc). */
  private contract(Q1sq: number, Q2sq: number): number {
    const { T, a, b } = this;
    // covariant a_mu, b_nu
    const am = this.am;
    const bm = this.bm;
    for (let i = 0; i < 4; i++) {
      am[i] = METRIC[i]! * a[i]!;
      bm[i] = METRIC[i]! * b[i]!;
    }
    // Tab = a_mu T^{mu nu} b_nu; Ta^nu = a_mu T^{mu nu}; Tb^mu = T^{mu nu} b_nu
    let tabR = 0;
    let tabI = 0;
    let sumTa = 0; // g_{nu nu} |Ta^nu|^2
    let sumTb = 0;
    let sumTT = 0;
    for (let nu = 0; nu < 4; nu++) {
      let re = 0;
      let im = 0;
      for (let mu = 0; mu < 4; mu++) {
        const k = 2 * (4 * mu + nu);
        re += am[mu]! * T[k]!;
        im += am[mu]! * T[k + 1]!;
      }
      sumTa += METRIC[nu]! * (re * re + im * im);
      tabR += re * bm[nu]!;
      tabI += im * bm[nu]!;
    }
    for (let mu = 0; mu < 4; mu++) {
      let re = 0;
      let im = 0;
      for (let nu = 0; nu < 4; nu++) {
        const k = 2 * (4 * mu + nu);
        re += T[k]! * bm[nu]!;
        im += T[k + 1]! * bm[nu]!;
        sumTT += METRIC[mu]! * METRIC[nu]! * (T[k]! ** 2 + T[k + 1]! ** 2);
      }
      sumTb += METRIC[mu]! * (re * re + im * im);
    }
    return 64 * (tabR * tabR + tabI * tabI) - 16 * Q2sq * sumTa - 16 * Q1sq * sumTb + 4 * Q1sq * Q2sq * sumTT;
  }
}
