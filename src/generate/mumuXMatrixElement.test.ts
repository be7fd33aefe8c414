import assert from "node:assert/strict";
import { test } from "node:test";
import { M_MU } from "../core/units.ts";
import { beamAveragedT, orientedT, scalarCoefficients, vectorCoefficients } from "./mumuXMatrixElement.ts";
import { vectorTensorAB } from "./zprimeSpinCorrelation.ts";

// A fixed configuration (sqrt s = 10.58 GeV, M = 0.5 GeV, m = m_mu, e- beam along +z) and its
// |M|^2 from explicit 4x4 Dirac-matrix traces (numpy, Dirac representation; independent of the
// trace engine): python3 src/generate/tools/checkMatrixElements.py (after deriveMatrixElements.py)
// T_vector = 8911.873981713125, T_scalar = 3249.5414295536193, P(k3, k4) = -117.38673742961475.
const K1 = [3.409620399182596, -1.8033894408404816, -2.330330153295309, 1.7122194589235638]; // (E, px, py, pz)
const K2 = [3.676172315781049, 0.7476033013886836, 3.2991511452482523, 1.4351899621867434];
const Q = [3.494207285036355, 1.055786139451798, -0.9688209919529435, -3.147409421110307];
const K3 = [0.961245384852775, 0.3888303276014219, -0.40823319943118674, -0.7713531155100163];
const dot = (a: number[], b: number[]): number =>
  a[0]! * b[0]! - a[1]! * b[1]! - a[2]! * b[2]! - a[3]! * b[3]!;
const add = (a: number[], b: number[]): number[] => a.map((x, i) => x + b[i]!);
const sub = (a: number[], b: number[]): number[] => a.map((x, i) => x - b[i]!);

test("full-mass |M|^2 with beam direction equals explicit Dirac-matrix traces (vector, scalar, spin correlation) to 1e-10", () => {
  const rs = 10.58;
  const s = rs * rs;
  const m2 = M_MU * M_MU;
  const M2 = 0.25;
  const P1 = [rs / 2, 0, 0, rs / 2];
  const P2 = [rs / 2, 0, 0, -rs / 2];
  const D1 = dot(add(K1, Q), add(K1, Q)) - m2;
  const D2 = dot(add(K2, Q), add(K2, Q)) - m2;
  const u1 = dot(P1, K1);
  const u2 = dot(P1, K2);
  const c = new Float64Array(6);
  vectorCoefficients(s, D1, D2, m2, M2, c);
  const tv = orientedT(c, u1, u2);
  assert.ok(Math.abs(tv / 8911.873981713125 - 1) < 1e-10, `vector ${tv}`);
  const K4 = sub(Q, K3);
  const pab = vectorTensorAB(
    s,
    D1,
    D2,
    m2,
    M2,
    u1,
    u2,
    dot(K3, P1),
    dot(K3, P2),
    dot(K3, K1),
    dot(K3, K2),
    dot(K3, Q),
    dot(K4, P1),
    dot(K4, P2),
    dot(K4, K1),
    dot(K4, K2),
    dot(K4, Q),
    dot(K3, K4),
  );
  assert.ok(Math.abs(pab / -117.38673742961475 - 1) < 1e-9, `P(k3,k4) ${pab}`);
  scalarCoefficients(s, D1, D2, m2, M2, c);
  const ts = orientedT(c, u1, u2);
  assert.ok(Math.abs(ts / 3249.5414295536193 - 1) < 1e-10, `scalar ${ts}`);
});

/** (1/sigma0) d^2 sigma / dx1 dx2 from T for massless muons (beam-averaged), coupling g = 1. */
function dalitzOverSigma0(spin: "vector" | "scalar", x1: number, x2: number, mu: number, m2 = 0): number {
  const s = 10.58 ** 2;
  const M2 = mu * s;
  // D1 = s1 - m^2 = s (1 - x2) (+ m^2 - m^2), D2 = s (1 - x1) for m = 0
  const D1 = s * (1 - x2);
  const D2 = s * (1 - x1);
  const c = new Float64Array(6);
  if (spin === "vector") vectorCoefficients(s, D1, D2, m2, M2, c);
  else scalarCoefficients(s, D1, D2, m2, M2, c);
  const T = beamAveragedT(c, s, D1 + m2, D2 + m2, m2, M2);
  // ds1 ds2 = s^2 dx1 dx2, so d2sigma/dx1dx2 = (4 pi alpha)^2 T / (1024 pi^3 s^2); divided by
  // sigma0 = 4 pi alpha^2 / (3 s) this is 3 T / (64 pi^2 s) ... times 1/4 from (4 pi)^2/(64 pi):
  // (16 pi^2 * 3 s) / (1024 pi^3 s^2 * 4 pi) = 3 / (256 pi^2 s)
  return (3 * T) / (256 * Math.PI * Math.PI * s);
}

test("massless muons: vector Dalitz density equals (alpha'/2pi){[(x1+mu)^2+(x2+mu)^2]/(ab) - mu/a^2 - mu/b^2} (physics.md 4.1) to 1e-9", () => {
  const ap2pi = 1 / (4 * Math.PI) / (2 * Math.PI); // alpha' / 2 pi for g' = 1
  for (const mu of [0, 1e-4, 0.01, 0.2]) {
    for (const [x1, x2] of [
      [0.9, 0.8],
      [0.5, 0.95],
      [0.99, 0.3],
      [0.7, 0.7],
    ] as const) {
      const a = 1 - x1;
      const b = 1 - x2;
      if (2 - x1 - x2 < 2 * Math.sqrt(mu)) continue;
      const spec = ap2pi * (((x1 + mu) ** 2 + (x2 + mu) ** 2) / (a * b) - mu / (a * a) - mu / (b * b));
      const ours = dalitzOverSigma0("vector", x1, x2, mu);
      assert.ok(Math.abs(ours / spec - 1) < 1e-9, `mu=${mu} x=(${x1},${x2}): ${ours} vs ${spec}`);
      if (mu === 0) {
        // textbook e+e- -> q qbar g form: (alpha'/2pi)(x1^2 + x2^2)/((1-x1)(1-x2))
        assert.ok(Math.abs(ours / ((ap2pi * (x1 * x1 + x2 * x2)) / (a * b)) - 1) < 1e-9);
      }
    }
  }
});

test("massless muons: scalar Dalitz density equals (alpha_S/2pi){(ab-mu)(a^2+b^2)/(2a^2b^2) + (a-mu)(b-mu)/(ab)} to 1e-9", () => {
  const as2pi = 1 / (4 * Math.PI) / (2 * Math.PI);
  for (const mu of [0, 1e-3, 0.05]) {
    for (const [x1, x2] of [
      [0.9, 0.8],
      [0.6, 0.9],
      [0.8, 0.5],
    ] as const) {
      const a = 1 - x1;
      const b = 1 - x2;
      const spec =
        as2pi * (((a * b - mu) * (a * a + b * b)) / (2 * a * a * b * b) + ((a - mu) * (b - mu)) / (a * b));
      const ours = dalitzOverSigma0("scalar", x1, x2, mu);
      assert.ok(Math.abs(ours / spec - 1) < 1e-9, `mu=${mu}: ${ours} vs ${spec}`);
      if (mu === 0) assert.ok(Math.abs(ours / (((as2pi / 2) * (2 - x1 - x2) ** 2) / (a * b)) - 1) < 1e-9);
    }
  }
});

test("beam-orientation average of T equals beamAveragedT and T <= 1.5 <T> (vector and scalar, full mass)", () => {
  const rs = 10.58;
  const s = rs * rs;
  const m2 = M_MU * M_MU;
  const E = rs / 2;
  const c = new Float64Array(6);
  for (const spin of ["vector", "scalar"] as const) {
    for (const [M, x1, x2] of [
      [0.5, 0.9, 0.85],
      [0.01, 0.999, 0.5],
      [3, 0.6, 0.7],
    ] as const) {
      const M2 = M * M;
      const E1 = (x1 * rs) / 2;
      const E2 = (x2 * rs) / 2;
      const a1 = Math.sqrt(E1 * E1 - m2);
      const a2 = Math.sqrt(E2 * E2 - m2);
      const E3 = rs - E1 - E2;
      const a3sq = E3 * E3 - M2;
      const c12 = (a3sq - a1 * a1 - a2 * a2) / (2 * a1 * a2);
      assert.ok(Math.abs(c12) <= 1);
      const s12 = Math.sqrt(1 - c12 * c12);
      const s1 = s - 2 * rs * E2 + m2;
      const s2 = s - 2 * rs * E1 + m2;
      if (spin === "vector") vectorCoefficients(s, s1 - m2, s2 - m2, m2, M2, c);
      else scalarCoefficients(s, s1 - m2, s2 - m2, m2, M2, c);
      const tBar = beamAveragedT(c, s, s1, s2, m2, M2);
      // mu- along n = (sin t cos p, sin t sin p, cos t); mu+ in a fixed plane: average over the beam
      // direction = average over n and the azimuth psi, by a product Gauss rule (exact: T is a
      // polynomial of degree 2 in the direction cosines)
      let sum = 0;
      let maxT = 0;
      const nc = 8;
      const np = 8;
      const gl = [
        -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
        0.525532409916329, 0.7966664774136267, 0.9602898564975363,
      ];
      const wl = [
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362,
        0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
      ];
      for (let i = 0; i < nc; i++) {
        const ct = gl[i]!;
        const st = Math.sqrt(1 - ct * ct);
        for (let j = 0; j < np; j++) {
          const psi = (2 * Math.PI * (j + 0.5)) / np;
          // k1 = a1 (st, 0, ct) after fixing phi = 0; k2 in the plane rotated by psi around k1
          const n2z = c12 * ct - s12 * Math.cos(psi) * st;
          const u1 = E * (E1 - a1 * ct);
          const u2 = E * (E2 - a2 * n2z);
          const T = orientedT(c, u1, u2);
          sum += (wl[i]! / 2) * (1 / np) * T;
          maxT = Math.max(maxT, T);
        }
      }
      assert.ok(Math.abs(sum / tBar - 1) < 1e-10, `${spin} M=${M}: <T> ${sum} vs ${tBar}`);
      assert.ok(maxT <= 1.5 * tBar * (1 + 1e-12), `${spin} M=${M}: max T ${maxT} > 1.5 <T>`);
      assert.ok(tBar > 0);
    }
  }
});
