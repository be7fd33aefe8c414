/**
 * Lorentz kernels on a range of particles of an {@link EventScratch}: boosts, rotations and the
 * two-body decay that every background process needs. Scalar loops, no allocation.
 *
 * Conventions: active boost by velocity beta (a particle at rest acquires velocity beta), done by
 * src/physics/boost.ts boostRowRange (Jackson eq. 11.19); rotations are active and map +z onto a unit vector u
 * via R = Rz(phi) Ry(theta), theta and phi being the polar and azimuthal angles of u.
 */
import { boostRowRange } from "../../physics/boost.ts";
import type { EventScratch } from "./eventScratch.ts";

/**
 * Boost particles [i0, i1) of `ev` in place by velocity (bx, by, bz), |beta| < 1.
 * beta = 0 is a no-op (skipped without dividing by zero).
 */
export function boostRange(
  ev: EventScratch,
  i0: number,
  i1: number,
  bx: number,
  by: number,
  bz: number,
): void {
  boostRowRange(ev.px, ev.py, ev.pz, ev.e, i0, i1, bx, by, bz);
}

/**
 * Boost particles [i0, i1) from the rest frame of a system with four-momentum (Px, Py, Pz, E)
 * into the frame where it has that momentum: beta = P/E. Requires E > |P| (massive system).
 */
export function boostRangeToSystem(
  ev: EventScratch,
  i0: number,
  i1: number,
  Px: number,
  Py: number,
  Pz: number,
  E: number,
): void {
  boostRange(ev, i0, i1, Px / E, Py / E, Pz / E);
}

/**
 * Rotate the three-momenta of particles [i0, i1) of `ev` by the rotation that maps +z onto the
 * direction of (ux, uy, uz) (need not be normalised; a zero vector is a no-op).
 */
export function rotateRangeToAxis(
  ev: EventScratch,
  i0: number,
  i1: number,
  ux: number,
  uy: number,
  uz: number,
): void {
  const norm = Math.sqrt(ux * ux + uy * uy + uz * uz);
  if (norm === 0) return;
  const ct = uz / norm;
  const st = Math.sqrt(ux * ux + uy * uy) / norm;
  let cp = 1;
  let sp = 0;
  if (st > 0) {
    const r = Math.sqrt(ux * ux + uy * uy);
    cp = ux / r;
    sp = uy / r;
  }
  const { px, py, pz } = ev;
  for (let i = i0; i < i1; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    // Ry(theta) then Rz(phi)
    const x1 = x * ct + z * st;
    const z1 = -x * st + z * ct;
    px[i] = x1 * cp - y * sp;
    py[i] = x1 * sp + y * cp;
    pz[i] = z1;
  }
}

/**
 * Momentum of either daughter in the rest frame of a parent of mass M decaying to masses m1, m2
 * [GeV]; 0 at or below threshold (never NaN).
 */
export function twoBodyP(M: number, m1: number, m2: number): number {
  const a = M * M - (m1 + m2) * (m1 + m2);
  if (a <= 0) return 0;
  const b = M * M - (m1 - m2) * (m1 - m2);
  return Math.sqrt(a * b) / (2 * M);
}

/**
 * Two-body decay of a parent with four-momentum (Px, Py, Pz, E) and mass M into particles of mass
 * m1 and m2, daughter 1 at (cosTheta, phi) in the parent rest frame, measured from the parent's
 * flight direction (helicity frame; from +z if the parent is at rest). Appends both daughters to
 * `ev` (pdg1/pdg2, status, mother) and returns the index of daughter 1 (daughter 2 follows).
 */
export function addTwoBodyDecay(
  ev: EventScratch,
  Px: number,
  Py: number,
  Pz: number,
  E: number,
  M: number,
  m1: number,
  pdg1: number,
  m2: number,
  pdg2: number,
  cosTheta: number,
  phi: number,
  status: number,
  mother: number,
): number {
  const p = twoBodyP(M, m1, m2);
  const st = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  const x = p * st * Math.cos(phi);
  const y = p * st * Math.sin(phi);
  const z = p * cosTheta;
  const i1 = ev.add(pdg1, status, mother, x, y, z, Math.sqrt(p * p + m1 * m1));
  ev.add(pdg2, status, mother, -x, -y, -z, Math.sqrt(p * p + m2 * m2));
  if (Px !== 0 || Py !== 0 || Pz !== 0) {
    rotateRangeToAxis(ev, i1, i1 + 2, Px, Py, Pz);
    boostRange(ev, i1, i1 + 2, Px / E, Py / E, Pz / E);
  }
  return i1;
}
