/**
 * Direction angles of three-vectors [rad]: polar angle theta in [0, pi] from +z, azimuth phi in
 * (-pi, pi] from +x towards +y, opening angle between two vectors in [0, pi], and the azimuthal
 * separation wrapped to [0, pi].
 *
 * theta and the opening angle use atan2(|cross|, dot) rather than acos(dot/|a||b|): acos loses
 * half the digits near 0 and pi (at 179 deg, the c.m. opening-angle cut of the invisible
 * analysis, acos would resolve only ~1e-8 rad). A zero vector has theta = 0, cos theta = 1 and
 * phi = 0 (ROOT's convention); an opening angle with a zero vector is 0.
 */
import { assertRows } from "./fourVector.ts";

/** Polar angle [rad] in [0, pi] of (px, py, pz) w.r.t. +z. @example theta(1, 0, 0) // pi/2 */
export function theta(px: number, py: number, pz: number): number {
  return Math.atan2(Math.sqrt(px * px + py * py), pz + 0); // + 0 maps -0 to +0: theta(0,0,-0) = 0
}

/** cos(theta) of (px, py, pz); 1 for the zero vector. @example cosTheta(0, 3, 4) // 0.8 */
export function cosTheta(px: number, py: number, pz: number): number {
  const p = Math.sqrt(px * px + py * py + pz * pz);
  return p > 0 ? pz / p : 1;
}

/** Azimuth [rad] in (-pi, pi] from +x towards +y; 0 for px = py = 0. @example phi(0, 1, 0) // pi/2 */
export function phi(px: number, py: number): number {
  return Math.atan2(py, px);
}

/**
 * Opening angle [rad] in [0, pi] between a and b, accurate near 0 and pi.
 *
 * @example openingAngle(1, 0, 0, 0, 1, 0) // pi/2
 */
export function openingAngle(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  // + 0 turns a -0 dot product (zero vector against negative components) into +0, so the angle is 0, not pi
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz + 0);
}

/** cos of the opening angle between a and b; 1 if either is the zero vector. */
export function cosOpeningAngle(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const d = Math.sqrt((ax * ax + ay * ay + az * az) * (bx * bx + by * by + bz * bz));
  return d > 0 ? (ax * bx + ay * by + az * bz) / d : 1;
}

/**
 * |phi1 - phi2| wrapped to [0, pi] [rad]; inputs may be any real angles in radians.
 *
 * @example deltaPhi(3, -3) // 2 pi - 6 = 0.283...
 */
export function deltaPhi(phi1: number, phi2: number): number {
  let d = Math.abs(phi1 - phi2) % (2 * Math.PI);
  if (d > Math.PI) d = 2 * Math.PI - d;
  return d;
}

/** Per-row polar angle [rad] of three-vector columns into `out` (length = rows); returns `out`. */
export function thetaColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "thetaColumns", px, py, pz);
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    out[i] = Math.atan2(Math.sqrt(x * x + y * y), pz[i]! + 0);
  }
  return out;
}

/** Per-row cos(theta) of three-vector columns into `out` (1 for zero vectors); returns `out`. */
export function cosThetaColumns(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "cosThetaColumns", px, py, pz);
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    const p = Math.sqrt(x * x + y * y + z * z);
    out[i] = p > 0 ? z / p : 1;
  }
  return out;
}

/** Per-row azimuth [rad] in (-pi, pi] into `out`; returns `out`. */
export function phiColumns(px: Float64Array, py: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  assertRows(n, "phiColumns", px, py);
  for (let i = 0; i < n; i++) out[i] = Math.atan2(py[i]!, px[i]!);
  return out;
}

/**
 * Per-row opening angle [rad] in [0, pi] between row i of a and row i of b; returns `out`.
 *
 * @example openingAngleColumns(muP.px, muP.py, muP.pz, muM.px, muM.py, muM.pz, out)
 */
export function openingAngleColumns(
  ax: Float64Array,
  ay: Float64Array,
  az: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  bz: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "openingAngleColumns", ax, ay, az, bx, by, bz);
  for (let i = 0; i < n; i++) {
    const x1 = ax[i]!;
    const y1 = ay[i]!;
    const z1 = az[i]!;
    const x2 = bx[i]!;
    const y2 = by[i]!;
    const z2 = bz[i]!;
    const cx = y1 * z2 - z1 * y2;
    const cy = z1 * x2 - x1 * z2;
    const cz = x1 * y2 - y1 * x2;
    out[i] = Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), x1 * x2 + y1 * y2 + z1 * z2 + 0);
  }
  return out;
}

/**
 * Per-row azimuthal separation [rad] in [0, pi] of two three-vector columns (computed from the
 * vectors, no phi columns needed); returns `out`. 0 if either vector has no transverse part.
 */
export function deltaPhiColumns(
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  assertRows(n, "deltaPhiColumns", ax, ay, bx, by);
  for (let i = 0; i < n; i++) {
    const x1 = ax[i]!;
    const y1 = ay[i]!;
    const x2 = bx[i]!;
    const y2 = by[i]!;
    // angle between the transverse projections: atan2(|a x b|_z, a.b) is already in [0, pi]
    out[i] = Math.atan2(Math.abs(x1 * y2 - y1 * x2), x1 * x2 + y1 * y2 + 0);
  }
  return out;
}
