/**
 * Beam configuration of an asymmetric e+e- collider with a crossing angle, the initial state
 * P_init it implies, and the lab <-> c.m. transformations.
 *
 * Geometry (Belle II / SuperKEKB, basf2 `beamparameters.py` presets "SuperKEKB"/"Y4S", see
 * ../shared/spec/physics.md section 7.1): the detector z axis is the solenoid axis; each beam's
 * momentum direction is +z rotated about y by its polar angle theta, i.e. (sin theta, 0, cos theta).
 * HER (e-, 7.004 GeV) at theta = +41.5 mrad, LER (e+, 4.002 GeV) at theta = pi - 41.5 mrad, so both
 * beams lean towards +x and the full crossing angle is 83 mrad. Energy spreads 5.13 MeV (HER) and
 * 2.375 MeV (LER). Derived: P_init = (px, py, pz, E) = (0.4566, 0, 2.9994, 11.006) GeV,
 * sqrt(s) = 10.5796 GeV, beta gamma = 0.2868, boost direction 0.151 rad from +z towards +x.
 *
 * c.m. frame: a pure boost with beta = P_init/E_init makes P_init = (0, 0, 0, sqrt s), but leaves the
 * incoming e- at a small angle to z. Belle II's c.m. frame (basf2 MCInitialParticles, used for every
 * "cms" variable of the papers) additionally rotates so that the incoming e- is along +z; that is the
 * default here (`cmAxes: "electron-z"`). `cmAxes: "boost"` gives the pure boost. At Belle II the
 * rotation is by 5.77 mrad (the e- direction after the pure boost); it shifts c.m. polar angles by up
 * to that much and leaves invariants unchanged.
 *
 * Units: GeV and radians inside; {@link beamsFromConfig} takes angles in mrad (config edge).
 */
import { ConfigError } from "../core/errors.ts";
import type { Stream } from "../core/random.ts";
import { M_E } from "../core/units.ts";
import { boost } from "./boost.ts";
import { assertRows, type FourVector, type FourVectorColumns, type MutableFourVector } from "./fourVector.ts";

/** Beam parameters (inputs only; everything derived lives in {@link BeamFrame}). */
export interface Beams {
  /** Label for reports, e.g. "SuperKEKB (Belle II)". */
  readonly name: string;
  /** e- (HER at SuperKEKB) beam energy [GeV]. */
  readonly herEnergy: number;
  /** e+ (LER at SuperKEKB) beam energy [GeV]. */
  readonly lerEnergy: number;
  /** Polar angle of the e- momentum from +z, rotation about y (positive towards +x) [rad]. */
  readonly herTheta: number;
  /** Polar angle of the e+ momentum from +z, rotation about y [rad] (pi - 41.5 mrad at SuperKEKB). */
  readonly lerTheta: number;
  /** Gaussian spread of the e- energy [GeV]. */
  readonly herEnergySpread: number;
  /** Gaussian spread of the e+ energy [GeV]. */
  readonly lerEnergySpread: number;
}

/**
 * The Belle II nominal beams (SuperKEKB, Upsilon(4S) running): HER 7.004 GeV at +41.5 mrad,
 * LER 4.002 GeV at pi - 41.5 mrad, spreads 5.13 / 2.375 MeV (basf2 beamparameters.py).
 *
 * @example const frame = beamFrame(belle2Beams()); frame.sqrtS // 10.5796
 */
export function belle2Beams(): Beams {
  return {
    name: "SuperKEKB (Belle II)",
    herEnergy: 7.004,
    lerEnergy: 4.002,
    herTheta: 41.5e-3,
    lerTheta: Math.PI - 41.5e-3,
    herEnergySpread: 5.13e-3,
    lerEnergySpread: 2.375e-3,
  };
}

/**
 * Beam parameters as written in a run configuration (angles in mrad, energies in GeV).
 * `herAngleMrad` is the e- angle from +z towards +x; `lerAngleMrad` the e+ angle from -z towards +x
 * (both 41.5 at SuperKEKB; 0 and 0 for a head-on collider). Spreads default to 0.
 */
export interface BeamsConfig {
  name?: string;
  herEnergy: number;
  lerEnergy: number;
  herAngleMrad?: number;
  lerAngleMrad?: number;
  herEnergySpread?: number;
  lerEnergySpread?: number;
}

/**
 * Validate a {@link BeamsConfig} and convert it to {@link Beams} (mrad -> rad).
 * Throws ConfigError (with `where` = "<where>.<key>") for non-finite, non-positive or unphysical values.
 *
 * @example beamsFromConfig({ herEnergy: 9.0, lerEnergy: 3.1 }) // PEP-II-like, head-on
 */
export function beamsFromConfig(cfg: BeamsConfig, where = "beams"): Beams {
  const num = (key: keyof BeamsConfig, v: unknown, lo: number, hi: number, what: string): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi)
      throw new ConfigError(`${what}, got ${JSON.stringify(v)}`, `${where}.${key}`);
    return v;
  };
  if (typeof cfg !== "object" || cfg === null) throw new ConfigError("expected an object", where);
  const herEnergy = num(
    "herEnergy",
    cfg.herEnergy,
    M_E * (1 + 1e-9),
    1e4,
    "must be an energy in GeV above m_e",
  );
  const lerEnergy = num(
    "lerEnergy",
    cfg.lerEnergy,
    M_E * (1 + 1e-9),
    1e4,
    "must be an energy in GeV above m_e",
  );
  // |angle| < 90 deg: each beam keeps its side (e- towards +z, e+ towards -z)
  const ha = num("herAngleMrad", cfg.herAngleMrad ?? 0, -1570, 1570, "must be in mrad within (-1570, 1570)");
  const la = num("lerAngleMrad", cfg.lerAngleMrad ?? 0, -1570, 1570, "must be in mrad within (-1570, 1570)");
  const hs = num(
    "herEnergySpread",
    cfg.herEnergySpread ?? 0,
    0,
    herEnergy / 10,
    "must be >= 0 GeV and < E/10",
  );
  const ls = num(
    "lerEnergySpread",
    cfg.lerEnergySpread ?? 0,
    0,
    lerEnergy / 10,
    "must be >= 0 GeV and < E/10",
  );
  if (cfg.name !== undefined && typeof cfg.name !== "string")
    throw new ConfigError("must be a string", `${where}.name`);
  return {
    name: cfg.name ?? "custom beams",
    herEnergy,
    lerEnergy,
    herTheta: ha * 1e-3,
    lerTheta: Math.PI - la * 1e-3,
    herEnergySpread: hs,
    lerEnergySpread: ls,
  };
}

/** Axes of the c.m. frame: basf2's (incoming e- along +z, default) or the pure boost. */
export type CmAxes = "electron-z" | "boost";

/** Everything derived from {@link Beams}: initial state, boost, c.m. axes. Build with {@link beamFrame}. */
export interface BeamFrame {
  readonly beams: Beams;
  readonly cmAxes: CmAxes;
  /** e- beam four-momentum in the lab [GeV]. */
  readonly pHer: FourVector;
  /** e+ beam four-momentum in the lab [GeV]. */
  readonly pLer: FourVector;
  /** Initial state P_init = p_her + p_ler in the lab [GeV]. */
  readonly pInit: FourVector;
  /** s = P_init^2 [GeV^2]. */
  readonly s: number;
  /** sqrt(s) [GeV]. */
  readonly sqrtS: number;
  /** Velocity of the c.m. system in the lab, P_init/E_init (c = 1). */
  readonly betaX: number;
  readonly betaY: number;
  readonly betaZ: number;
  /** |beta|. */
  readonly beta: number;
  /** gamma = E_init/sqrt(s). */
  readonly gamma: number;
  /** |beta| gamma = |P_init|/sqrt(s). */
  readonly betaGamma: number;
  /** Polar angle of the boost direction from +z [rad] (0.151 rad towards +x at Belle II). */
  readonly boostTheta: number;
  /** Azimuth of the boost direction [rad] (0 at Belle II: in the x-z plane towards +x). */
  readonly boostPhi: number;
  /**
   * Rotation applied after the boost lab -> c.m., row-major 3x3 (identity for cmAxes "boost").
   * cm = R . boost(-beta) . lab and lab = boost(+beta) . R^T . cm.
   */
  readonly rotation: Float64Array;
  /** Angle of that rotation [rad]: the incoming e- direction after the pure boost, from +z. */
  readonly rotationAngle: number;
}

function beamVector(energy: number, th: number): FourVector {
  // beams are electrons/positrons: |p| = sqrt(E^2 - m_e^2)
  const p = Math.sqrt(energy * energy - M_E * M_E);
  return { px: p * Math.sin(th), py: 0, pz: p * Math.cos(th), e: energy };
}

/**
 * Derive the initial state, boost and c.m. axes from beam parameters.
 *
 * @param beams beam energies and angles
 * @param opts.cmAxes "electron-z" (default, basf2 convention) or "boost" (pure boost)
 * @example
 * const f = beamFrame(belle2Beams());
 * f.pInit // { px: 0.4566, py: 0, pz: 2.9994, e: 11.006 }
 */
export function beamFrame(beams: Beams, opts: { cmAxes?: CmAxes } = {}): BeamFrame {
  const cmAxes = opts.cmAxes ?? "electron-z";
  const pHer = beamVector(beams.herEnergy, beams.herTheta);
  const pLer = beamVector(beams.lerEnergy, beams.lerTheta);
  const pInit: FourVector = {
    px: pHer.px + pLer.px,
    py: pHer.py + pLer.py,
    pz: pHer.pz + pLer.pz,
    e: pHer.e + pLer.e,
  };
  const P2 = pInit.px * pInit.px + pInit.py * pInit.py + pInit.pz * pInit.pz;
  const s = pInit.e * pInit.e - P2;
  const sqrtS = Math.sqrt(s);
  const betaX = pInit.px / pInit.e;
  const betaY = pInit.py / pInit.e;
  const betaZ = pInit.pz / pInit.e;
  const P = Math.sqrt(P2);
  const rotation = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  let rotationAngle = 0;
  if (cmAxes === "electron-z") {
    // direction of the incoming e- after the pure boost to the c.m.
    const b = new Float64Array(4);
    boost(pHer.px, pHer.py, pHer.pz, pHer.e, -betaX, -betaY, -betaZ, b);
    const n = Math.hypot(b[0]!, b[1]!, b[2]!);
    const ux = b[0]! / n;
    const uy = b[1]! / n;
    const uz = b[2]! / n;
    // rotate u onto +z about k = u x z / |u x z| by alpha = angle(u, z) (Rodrigues' formula)
    const kx0 = uy;
    const ky0 = -ux;
    const sinA = Math.hypot(kx0, ky0);
    rotationAngle = Math.atan2(sinA, uz);
    if (sinA > 0) {
      const kx = kx0 / sinA;
      const ky = ky0 / sinA;
      const c = uz;
      const t = 1 - c;
      // R = c I + sinA [k]x + t k k^T with k = (kx, ky, 0)
      rotation.set([
        c + t * kx * kx,
        t * kx * ky,
        sinA * ky,
        t * kx * ky,
        c + t * ky * ky,
        -sinA * kx,
        -sinA * ky,
        sinA * kx,
        c,
      ]);
    } else if (uz < 0) {
      // e- along -z after the boost: turn by pi about y
      rotation.set([-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    }
  }
  return {
    beams,
    cmAxes,
    pHer,
    pLer,
    pInit,
    s,
    sqrtS,
    betaX,
    betaY,
    betaZ,
    beta: P / pInit.e,
    gamma: pInit.e / sqrtS,
    betaGamma: P / sqrtS,
    boostTheta: Math.atan2(Math.hypot(pInit.px, pInit.py), pInit.pz),
    boostPhi: Math.atan2(pInit.py, pInit.px),
    rotation,
    rotationAngle,
  };
}

/**
 * Lab -> c.m. for four-vector columns (boost by -beta, then the frame's rotation). `out` defaults to
 * `cols` (in place). Rows = cols.px.length.
 *
 * @example labToCm(frame, muPlusLab, muPlusCm)
 */
export function labToCm(frame: BeamFrame, cols: FourVectorColumns, out: FourVectorColumns = cols): void {
  const { px, py, pz, e } = cols;
  const n = px.length;
  assertRows(n, "labToCm", py, pz, e, out.px, out.py, out.pz, out.e);
  const bx = -frame.betaX;
  const by = -frame.betaY;
  const bz = -frame.betaZ;
  const gamma = frame.gamma;
  const g2 = (gamma * gamma) / (gamma + 1);
  const r = frame.rotation;
  const r00 = r[0]!;
  const r01 = r[1]!;
  const r02 = r[2]!;
  const r10 = r[3]!;
  const r11 = r[4]!;
  const r12 = r[5]!;
  const r20 = r[6]!;
  const r21 = r[7]!;
  const r22 = r[8]!;
  const ox = out.px;
  const oy = out.py;
  const oz = out.pz;
  const oe = out.e;
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    const t = e[i]!;
    const bp = bx * x + by * y + bz * z;
    const f = g2 * bp + gamma * t;
    const qx = x + f * bx;
    const qy = y + f * by;
    const qz = z + f * bz;
    ox[i] = r00 * qx + r01 * qy + r02 * qz;
    oy[i] = r10 * qx + r11 * qy + r12 * qz;
    oz[i] = r20 * qx + r21 * qy + r22 * qz;
    oe[i] = gamma * (t + bp);
  }
}

/**
 * c.m. -> lab for four-vector columns (inverse rotation, then boost by +beta); inverse of
 * {@link labToCm}. `out` defaults to `cols` (in place).
 */
export function cmToLab(frame: BeamFrame, cols: FourVectorColumns, out: FourVectorColumns = cols): void {
  const { px, py, pz, e } = cols;
  const n = px.length;
  assertRows(n, "cmToLab", py, pz, e, out.px, out.py, out.pz, out.e);
  const bx = frame.betaX;
  const by = frame.betaY;
  const bz = frame.betaZ;
  const gamma = frame.gamma;
  const g2 = (gamma * gamma) / (gamma + 1);
  const r = frame.rotation;
  // R^T: transpose of the row-major matrix
  const r00 = r[0]!;
  const r01 = r[3]!;
  const r02 = r[6]!;
  const r10 = r[1]!;
  const r11 = r[4]!;
  const r12 = r[7]!;
  const r20 = r[2]!;
  const r21 = r[5]!;
  const r22 = r[8]!;
  const ox = out.px;
  const oy = out.py;
  const oz = out.pz;
  const oe = out.e;
  for (let i = 0; i < n; i++) {
    const x0 = px[i]!;
    const y0 = py[i]!;
    const z0 = pz[i]!;
    const t = e[i]!;
    const x = r00 * x0 + r01 * y0 + r02 * z0;
    const y = r10 * x0 + r11 * y0 + r12 * z0;
    const z = r20 * x0 + r21 * y0 + r22 * z0;
    const bp = bx * x + by * y + bz * z;
    const f = g2 * bp + gamma * t;
    ox[i] = x + f * bx;
    oy[i] = y + f * by;
    oz[i] = z + f * bz;
    oe[i] = gamma * (t + bp);
  }
}

/**
 * Lab -> c.m. for one four-vector; writes (px, py, pz, e) to out[offset .. offset+3].
 */
export function labToCmVector(
  frame: BeamFrame,
  px: number,
  py: number,
  pz: number,
  e: number,
  out: Float64Array | number[],
  offset = 0,
): void {
  const gamma = frame.gamma;
  const g2 = (gamma * gamma) / (gamma + 1);
  const bx = -frame.betaX;
  const by = -frame.betaY;
  const bz = -frame.betaZ;
  const bp = bx * px + by * py + bz * pz;
  const f = g2 * bp + gamma * e;
  const qx = px + f * bx;
  const qy = py + f * by;
  const qz = pz + f * bz;
  const r = frame.rotation;
  out[offset] = r[0]! * qx + r[1]! * qy + r[2]! * qz;
  out[offset + 1] = r[3]! * qx + r[4]! * qy + r[5]! * qz;
  out[offset + 2] = r[6]! * qx + r[7]! * qy + r[8]! * qz;
  out[offset + 3] = gamma * (e + bp);
}

/**
 * c.m. -> lab for one four-vector; writes (px, py, pz, e) to out[offset .. offset+3].
 */
export function cmToLabVector(
  frame: BeamFrame,
  px: number,
  py: number,
  pz: number,
  e: number,
  out: Float64Array | number[],
  offset = 0,
): void {
  const r = frame.rotation;
  const x = r[0]! * px + r[3]! * py + r[6]! * pz;
  const y = r[1]! * px + r[4]! * py + r[7]! * pz;
  const z = r[2]! * px + r[5]! * py + r[8]! * pz;
  boost(x, y, z, e, frame.betaX, frame.betaY, frame.betaZ, out, offset);
}

/**
 * Sample one event's initial state with Gaussian beam-energy spread (directions fixed) and write
 * P_init [GeV] into `out`. Uses two normal deviates from `rng`.
 *
 * @example
 * const p = mutableFourVector();
 * sampleBeams(stream(seed, chunk), belle2Beams(), p); // sqrt(s) varies by ~5.0 MeV r.m.s.
 */
export function sampleBeams(rng: Stream, beams: Beams, out: MutableFourVector): MutableFourVector {
  const eh = beams.herEnergy + beams.herEnergySpread * rng.normal();
  const el = beams.lerEnergy + beams.lerEnergySpread * rng.normal();
  const ph = Math.sqrt(Math.max(eh * eh - M_E * M_E, 0));
  const pl = Math.sqrt(Math.max(el * el - M_E * M_E, 0));
  out.px = ph * Math.sin(beams.herTheta) + pl * Math.sin(beams.lerTheta);
  out.py = 0;
  out.pz = ph * Math.cos(beams.herTheta) + pl * Math.cos(beams.lerTheta);
  out.e = eh + el;
  return out;
}

/**
 * Fill per-event initial-state columns with Gaussian beam-energy spread (rows = out.px.length),
 * drawing 2 normal deviates per row from `rng` in row order.
 */
export function sampleBeamsColumns(rng: Stream, beams: Beams, out: FourVectorColumns): FourVectorColumns {
  const n = out.px.length;
  assertRows(n, "sampleBeamsColumns", out.py, out.pz, out.e);
  const sh = Math.sin(beams.herTheta);
  const ch = Math.cos(beams.herTheta);
  const sl = Math.sin(beams.lerTheta);
  const cl = Math.cos(beams.lerTheta);
  const me2 = M_E * M_E;
  for (let i = 0; i < n; i++) {
    const eh = beams.herEnergy + beams.herEnergySpread * rng.normal();
    const el = beams.lerEnergy + beams.lerEnergySpread * rng.normal();
    const ph = Math.sqrt(Math.max(eh * eh - me2, 0));
    const pl = Math.sqrt(Math.max(el * el - me2, 0));
    out.px[i] = ph * sh + pl * sl;
    out.py[i] = 0;
    out.pz[i] = ph * ch + pl * cl;
    out.e[i] = eh + el;
  }
  return out;
}
