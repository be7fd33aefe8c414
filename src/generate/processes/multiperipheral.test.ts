import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { M_E, M_MU } from "../../core/units.ts";
import { diracSpinor, type FourVec, MultiperipheralME, mdot } from "./multiperipheral.ts";

// Independent reference: explicit 4x4 complex Dirac matrices (chiral representation, Peskin &
// Schroeder 3.25), generic matrix algebra, and the 64 helicity amplitudes summed by brute force.
type C = [number, number];
type Mat = C[][];
const cz = (): C => [0, 0];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const zeros = (): Mat => Array.from({ length: 4 }, () => Array.from({ length: 4 }, cz));
const PAULI: Mat[] = [
  [
    [
      [1, 0],
      [0, 0],
    ],
    [
      [0, 0],
      [1, 0],
    ],
  ],
  [
    [
      [0, 0],
      [1, 0],
    ],
    [
      [1, 0],
      [0, 0],
    ],
  ],
  [
    [
      [0, 0],
      [0, -1],
    ],
    [
      [0, 1],
      [0, 0],
    ],
  ],
  [
    [
      [1, 0],
      [0, 0],
    ],
    [
      [0, 0],
      [-1, 0],
    ],
  ],
] as unknown as Mat[];
function gammaMat(mu: number): Mat {
  const g = zeros();
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      const s = PAULI[mu]![i]![j]!;
      g[i]![j + 2] = [s[0], s[1]]; // sigma^mu
      g[i + 2]![j] = mu === 0 ? [s[0], s[1]] : [-s[0], -s[1]]; // sigmabar^mu
    }
  return g;
}
const GAMMA = [0, 1, 2, 3].map(gammaMat);
const METRIC = [1, -1, -1, -1];
function slash(p: FourVec): Mat {
  const out = zeros();
  for (let mu = 0; mu < 4; mu++)
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const g = GAMMA[mu]![i]![j]!;
        const f = METRIC[mu]! * p[mu]!;
        out[i]![j] = cadd(out[i]![j]!, [f * g[0], f * g[1]]);
      }
  return out;
}
const matVec = (m: Mat, v: C[]): C[] =>
  m.map((row) => row.reduce((acc, x, j) => cadd(acc, cmul(x, v[j]!)), cz()));
const rowMat = (r: C[], m: Mat): C[] =>
  [0, 1, 2, 3].map((j) => r.reduce((acc, x, i) => cadd(acc, cmul(x, m[i]![j]!)), cz()));
const rowDot = (r: C[], v: C[]): C => r.reduce((acc, x, i) => cadd(acc, cmul(x, v[i]!)), cz());
function spinor(p: FourVec, m: number, h: number, kind: "u" | "v"): C[] {
  const s = new Float64Array(8);
  diracSpinor(p, m, h, kind, s);
  return [0, 1, 2, 3].map((k) => [s[2 * k]!, s[2 * k + 1]!] as C);
}
const bar = (u: C[]): C[] =>
  rowMat(
    u.map((x) => [x[0], -x[1]] as C),
    GAMMA[0]!,
  );
function propagator(p: FourVec, m: number): Mat {
  const d = 1 / (mdot(p, p) - m * m);
  const s = slash(p);
  return s.map((row, i) => row.map((x, j) => [(x[0] + (i === j ? m : 0)) * d, x[1] * d] as C));
}

/** A point of e+e- -> e+e- mu+mu- phase space at sqrt(s) = 10.58 GeV (c.m., e- along +z). */
function point(x1: number, x2: number, Q1: number, Q2: number, u: () => number) {
  const E = 10.58 / 2;
  const p = Math.sqrt(E * E - M_E * M_E);
  const scatter = (x: number, Q2v: number, dir: number) => {
    const E1 = E * (1 - x);
    const p1 = Math.sqrt(E1 * E1 - M_E * M_E);
    const cosT = (2 * (E * E1 - M_E * M_E) - Q2v) / (2 * p * p1);
    const sinT = Math.sqrt(1 - cosT * cosT);
    const phi = 2 * Math.PI * u();
    return [E1, p1 * sinT * Math.cos(phi), p1 * sinT * Math.sin(phi), dir * p1 * cosT];
  };
  const p1 = [E, 0, 0, p];
  const p2 = [E, 0, 0, -p];
  const p3 = scatter(x1, Q1, 1);
  const p4 = scatter(x2, Q2, -1);
  const P = [0, 1, 2, 3].map((i) => p1[i]! + p2[i]! - p3[i]! - p4[i]!);
  const W = Math.sqrt(mdot(P, P));
  const pm = Math.sqrt((W * W) / 4 - M_MU * M_MU);
  const c = 2 * u() - 1;
  const st = Math.sqrt(1 - c * c);
  const ph = 2 * Math.PI * u();
  const rest = [W / 2, pm * st * Math.cos(ph), pm * st * Math.sin(ph), pm * c];
  // boost the rest-frame muon by beta = P/E
  const b = [P[1]! / P[0]!, P[2]! / P[0]!, P[3]! / P[0]!];
  const b2 = b[0]! ** 2 + b[1]! ** 2 + b[2]! ** 2;
  const g = 1 / Math.sqrt(1 - b2);
  const boost = (v: number[]) => {
    const bp = b[0]! * v[1]! + b[1]! * v[2]! + b[2]! * v[3]!;
    const f = ((g - 1) * bp) / b2 + g * v[0]!;
    return [g * (v[0]! + bp), v[1]! + f * b[0]!, v[2]! + f * b[1]!, v[3]! + f * b[2]!];
  };
  const q1 = boost(rest);
  const q2 = boost([rest[0]!, -rest[1]!, -rest[2]!, -rest[3]!]);
  return { p1, p2, p3, p4, q1, q2, W };
}

/** Brute-force sum over the 64 helicity amplitudes with explicit matrices (reference). */
function bruteForceMe2(k: ReturnType<typeof point>, Q1: number, Q2: number): number {
  const { p1, p2, p3, p4, q1, q2 } = k;
  const k1 = [0, 1, 2, 3].map((i) => p1[i]! - p3[i]!);
  const k2 = [0, 1, 2, 3].map((i) => p2[i]! - p4[i]!);
  const S1 = propagator(
    [0, 1, 2, 3].map((i) => q1[i]! - k1[i]!),
    M_MU,
  );
  const S2 = propagator(
    [0, 1, 2, 3].map((i) => q1[i]! - k2[i]!),
    M_MU,
  );
  let sum = 0;
  for (const h1 of [1, -1])
    for (const h3 of [1, -1])
      for (const h2 of [1, -1])
        for (const h4 of [1, -1])
          for (const s1 of [1, -1])
            for (const s2 of [1, -1]) {
              const u1 = spinor(p1, M_E, h1, "u");
              const ub3 = bar(spinor(p3, M_E, h3, "u"));
              const vb2 = bar(spinor(p2, M_E, h2, "v"));
              const v4 = spinor(p4, M_E, h4, "v");
              const J1 = GAMMA.map((g) => rowDot(ub3, matVec(g, u1)));
              const J2 = GAMMA.map((g) => rowDot(vb2, matVec(g, v4)));
              // contract the currents into slashed matrices: J_mu gamma^mu
              const J1s = zeros();
              const J2s = zeros();
              for (let mu = 0; mu < 4; mu++)
                for (let i = 0; i < 4; i++)
                  for (let j = 0; j < 4; j++) {
                    const f: C = [METRIC[mu]! * J1[mu]![0], METRIC[mu]! * J1[mu]![1]];
                    const h: C = [METRIC[mu]! * J2[mu]![0], METRIC[mu]! * J2[mu]![1]];
                    J1s[i]![j] = cadd(J1s[i]![j]!, cmul(f, GAMMA[mu]![i]![j]!));
                    J2s[i]![j] = cadd(J2s[i]![j]!, cmul(h, GAMMA[mu]![i]![j]!));
                  }
              const ubq = bar(spinor(q1, M_MU, s1, "u"));
              const vq = spinor(q2, M_MU, s2, "v");
              const a1 = rowDot(ubq, matVec(J1s, matVec(S1, matVec(J2s, vq))));
              const a2 = rowDot(ubq, matVec(J2s, matVec(S2, matVec(J1s, vq))));
              const a = cadd(a1, a2);
              sum += a[0] * a[0] + a[1] * a[1];
            }
  const e2 = 4 * Math.PI * (1 / 137.035999084);
  return (0.25 * e2 ** 4 * sum) / (Q1 * Q1 * Q2 * Q2);
}

test("spinors: sum over helicities of u ubar = pslash + m and v vbar = pslash - m (Peskin 3.66-3.67)", () => {
  const p = [Math.sqrt(1.3 ** 2 + M_MU ** 2), 0.3, -1.1, -0.62];
  p[0] = Math.sqrt(0.3 ** 2 + 1.1 ** 2 + 0.62 ** 2 + M_MU ** 2);
  for (const [kind, sign] of [
    ["u", 1],
    ["v", -1],
  ] as const) {
    const sum = zeros();
    for (const h of [1, -1]) {
      const s = spinor(p, M_MU, h, kind);
      const sb = bar(s);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) sum[i]![j] = cadd(sum[i]![j]!, cmul(s[i]!, sb[j]!));
    }
    const ref = slash(p);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const r = ref[i]![j]!;
        const want: C = [r[0] + (i === j ? sign * M_MU : 0), r[1]];
        assert.ok(
          Math.abs(sum[i]![j]![0] - want[0]) < 1e-12 && Math.abs(sum[i]![j]![1] - want[1]) < 1e-12,
          `${kind} ${i}${j}`,
        );
      }
  }
});

test("multiperipheral |M|^2 equals the brute-force sum of the 64 helicity amplitudes (1e-9 relative)", () => {
  const rng = stream(5, 0);
  const u = () => rng.uniform();
  const me = new MultiperipheralME(M_MU);
  // from nearly real photons to both far off shell
  for (const [x1, x2, Q1, Q2] of [
    [0.3, 0.2, 1e-3, 2e-4],
    [0.5, 0.4, 0.8, 1e-5],
    [0.6, 0.7, 2.5, 1.7],
    [0.2, 0.9, 0.05, 3.0],
  ] as const) {
    const k = point(x1, x2, Q1, Q2, u);
    assert.ok(k.W > 2 * M_MU);
    const ref = bruteForceMe2(k, Q1, Q2);
    const got = me.me2(k.p1, k.p2, k.p3, k.p4, k.q1, k.q2, Q1, Q2);
    assert.ok(ref > 0);
    assert.ok(Math.abs(got / ref - 1) < 1e-9, `x ${x1},${x2} Q2 ${Q1},${Q2}: ${got} vs ${ref}`);
  }
});

test("multiperipheral |M|^2 is gauge invariant: any gauge vector n gives the same value (1e-9 relative)", () => {
  const rng = stream(6, 0);
  const u = () => rng.uniform();
  const me = new MultiperipheralME(M_MU);
  const k = point(0.4, 0.3, 0.02, 0.3, u);
  const ref = me.me2(k.p1, k.p2, k.p3, k.p4, k.q1, k.q2, 0.02, 0.3);
  const n1 = [3, 0.4, -1, 2];
  const n2 = [5, -2, 1, 0.5];
  const got = me.me2(k.p1, k.p2, k.p3, k.p4, k.q1, k.q2, 0.02, 0.3, n1, n2);
  assert.ok(Math.abs(got / ref - 1) < 1e-9, `${got} vs ${ref}`);
  // and k1_mu T^{mu nu} = 0 for every lepton helicity
  const k1 = [0, 1, 2, 3].map((i) => k.p1[i]! - k.p3[i]!);
  const k2 = [0, 1, 2, 3].map((i) => k.p2[i]! - k.p4[i]!);
  for (const h1 of [1, -1])
    for (const h2 of [1, -1]) {
      const T = me.tensor(k.q1, k.q2, k1, k2, h1, h2);
      let norm = 0;
      for (let j = 0; j < 32; j++) norm = Math.max(norm, Math.abs(T[j]!));
      for (let nu = 0; nu < 4; nu++) {
        let re = 0;
        let im = 0;
        for (let mu = 0; mu < 4; mu++) {
          re += METRIC[mu]! * k1[mu]! * T[2 * (4 * mu + nu)]!;
          im += METRIC[mu]! * k1[mu]! * T[2 * (4 * mu + nu) + 1]!;
        }
        assert.ok(Math.hypot(re, im) < 1e-12 * norm * 10, `k1.T nu=${nu}: ${Math.hypot(re, im)} vs ${norm}`);
      }
    }
});
