/**
 * Tree-level spin-summed |M|^2 for e+e- -> gamma* -> mu-(k1) mu+(k2) X(q), X = vector Z' (pure
 * vector coupling g') or scalar S (Yukawa g_S) radiated off either muon, full muon mass, massless
 * electrons, beam direction kept (physics.md 4.1):
 *
 *   M = (e^2 g / s) [vbar(p2) g_n u(p1)] ubar(k1) [G S(k1+q) g^n + g^n S(-k2-q) G] v(k2)
 *
 * Sum over all spins and X polarisations (-g_ab for the Z': the q_a q_b / M^2 part drops because
 * the muon current is conserved), the 1/4 average NOT included:
 *
 *   sum |M|^2 = (4 pi alpha)^2 g^2 / s^2 * T,
 *   T = c0 + c1 u1 + c2 u2 + c11 u1^2 + c12 u1 u2 + c22 u2^2,   u_i = p1 . k_i  (p1 = e-)
 *
 * with c_j rational functions of s, s1 = (k1+q)^2, s2 = (k2+q)^2, m^2, M^2, written with the
 * propagator denominators D1 = s1 - m^2, D2 = s2 - m^2. The coefficients were derived with a
 * self-written Dirac-trace engine (src/generate/tools/deriveMatrixElements.py), checked there
 * against explicit 4x4 Dirac-matrix traces to 1e-14, and the massless limit is checked in the tests
 * against (alpha'/2 pi)(x1^2 + x2^2)/((1-x1)(1-x2)) and the scalar formula of physics.md 4.1.
 *
 * Cross section: d sigma = sum|M|^2 ds1 ds2 / (1024 pi^3 s^2) (beam orientation integrated, the
 * 1/4 spin average and 1/(2s) flux inside).
 */

/** Lorentz structure of the radiated boson. */
export type BosonSpin = "vector" | "scalar";

/**
 * Fill out[0..5] = (c0, c1, c2, c11, c12, c22) for the vector (Z') matrix element.
 *
 * @param s (p1+p2)^2 [GeV^2]
 * @param D1 s1 - m^2 = (k1+q)^2 - m^2 [GeV^2] (> 0)
 * @param D2 s2 - m^2 [GeV^2] (> 0)
 * @param m2 muon mass squared [GeV^2]
 * @param M2 boson mass squared [GeV^2]
 * @param out receives the 6 coefficients (T is dimensionless: c0 ~ GeV^0, c1 ~ GeV^-2, c11 ~ GeV^-4)
 */
export function vectorCoefficients(
  s: number,
  D1: number,
  D2: number,
  m2: number,
  M2: number,
  out: Float64Array,
): void {
  const t0 = 1 / D2;
  const t1 = 16 * s;
  const t2 = 32 * s;
  const t3 = M2 * t2;
  const t4 = 64 * s;
  const t5 = m2 * t4;
  const t6 = s * s;
  const t7 = 32 * t6;
  const t8 = 1 / (D1 * D1);
  const t9 = M2 * t6;
  const t10 = m2 * m2;
  const t11 = -m2 * t3 - m2 * t7 - t10 * t4 - 16 * t9;
  const t12 = 1 / (D2 * D2);
  const t13 = 1 / D1;
  const t14 = 64 * t0;
  const t15 = t14 * t6;
  const t16 = 128 * s;
  const t17 = t0 * t16;
  const t18 = M2 * t4;
  const t19 = m2 * t16;
  const t20 = t18 + t19;
  const t21 = t0 * t18 + t0 * t19 + t15;
  const t22 = t13 * t17;
  const t23 = -128 * M2 - 256 * m2;
  out[0] =
    D1 * t0 * t1 +
    t0 * (-t3 - t5 - t7) +
    t11 * t12 +
    t11 * t8 +
    t13 *
      (D2 * t1 + M2 * M2 * t0 * t2 + m2 * t15 + 32 * (s * s * s) * t0 - t10 * t17 + t14 * t9 - t3 - t5 - t7);
  out[1] = t12 * t20 + t13 * (64 * s - t21);
  out[2] = t0 * t4 - t13 * t21 + t20 * t8;
  out[3] = t12 * t23 + t22;
  out[4] = t13 * (256 * M2 * t0 + 512 * m2 * t0);
  out[5] = t22 + t23 * t8;
}

/** As {@link vectorCoefficients} for the scalar S (vertex factor 1, no polarisation sum). */
export function scalarCoefficients(
  s: number,
  D1: number,
  D2: number,
  m2: number,
  M2: number,
  out: Float64Array,
): void {
  const t0 = 16 * s;
  const t1 = 1 / D2;
  const t2 = 8 * s;
  const t3 = M2 * t0;
  const t4 = s * s;
  const t5 = 16 * t4;
  const t6 = 1 / (D1 * D1);
  const t7 = m2 * m2;
  const t8 = -8 * M2 * t4 - m2 * t3 + 32 * m2 * t4 + 64 * s * t7;
  const t9 = 1 / (D2 * D2);
  const t10 = 1 / D1;
  const t11 = 64 * s;
  const t12 = m2 * t1;
  const t13 = M2 * t1;
  const t14 = 128 * s;
  const t15 = t1 * t14;
  const t16 = 32 * s;
  const t17 = M2 * t16;
  const t18 = m2 * t14;
  const t19 = t17 - t18;
  const t20 = t1 * t16 + t10 * (-t1 * t17 + t1 * t18 - 64 * t1 * t4 + t16);
  const t21 = t1 * t10 * t11;
  const t22 = -64 * M2 + 256 * m2;
  out[0] =
    D1 * t1 * t2 +
    t0 +
    t1 * (64 * m2 * s - t3 - t5) +
    t10 *
      (D2 * t2 +
        M2 * M2 * t0 * t1 -
        96 * M2 * s * t12 +
        m2 * t11 +
        16 * (s * s * s) * t1 +
        t13 * t5 +
        t15 * t7 -
        t3 -
        t5) +
    t6 * t8 +
    t8 * t9;
  out[1] = t19 * t9 + t20;
  out[2] = t19 * t6 + t20;
  out[3] = t21 + t22 * t9;
  out[4] = t10 * (-512 * t12 + 128 * t13 + t15);
  out[5] = t21 + t22 * t6;
}

/**
 * Beam-orientation average of T for unpolarised beams, from the c.m. kinematics: with
 * u_i = E (E_i - n.k_i), E = sqrt(s)/2, <n_a n_b> = delta_ab / 3:
 * <u_i> = E E_i and <u_i u_j> = E^2 (E_i E_j + k_i.k_j / 3) (3-vectors). Equivalent to the
 * replacement L_mn -> (4/3)(Q_m Q_n - s g_mn) of physics.md 4.1.
 *
 * @param c coefficients from {@link vectorCoefficients} / {@link scalarCoefficients}
 * @param s, s1, s2, m2, M2 invariants [GeV^2] (s1 = (k1+q)^2, s2 = (k2+q)^2)
 * @returns <T> (dimensionless, >= 0 inside the Dalitz region)
 */
export function beamAveragedT(
  c: Float64Array,
  s: number,
  s1: number,
  s2: number,
  m2: number,
  M2: number,
): number {
  const rs = Math.sqrt(s);
  const E = 0.5 * rs;
  const E1 = (s + m2 - s2) / (2 * rs);
  const E2 = (s + m2 - s1) / (2 * rs);
  const k1k2 = 0.5 * (s - s1 - s2 + M2); // four-vector product
  const p1sq = E1 * E1 - m2;
  const p2sq = E2 * E2 - m2;
  const p12 = E1 * E2 - k1k2; // three-vector product
  const EE = E * E;
  return (
    c[0]! +
    E * (c[1]! * E1 + c[2]! * E2) +
    EE * (c[3]! * (E1 * E1 + p1sq / 3) + c[4]! * (E1 * E2 + p12 / 3) + c[5]! * (E2 * E2 + p2sq / 3))
  );
}

/** T for given u1 = p1.k1, u2 = p1.k2 (p1 = incoming e-) [GeV^2]: the beam-direction-dependent |M|^2. */
export function orientedT(c: Float64Array, u1: number, u2: number): number {
  return c[0]! + c[1]! * u1 + c[2]! * u2 + c[3]! * u1 * u1 + c[4]! * u1 * u2 + c[5]! * u2 * u2;
}

/**
 * Coefficients for either boson (dispatch once per call; hot loops should call the specific one).
 */
export function mumuXCoefficients(
  spin: BosonSpin,
  s: number,
  D1: number,
  D2: number,
  m2: number,
  M2: number,
  out: Float64Array,
): void {
  if (spin === "vector") vectorCoefficients(s, D1, D2, m2, M2, out);
  else scalarCoefficients(s, D1, D2, m2, M2, out);
}
