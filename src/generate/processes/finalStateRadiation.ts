/**
 * Final-state radiation off a pair of opposite charges of equal mass m, produced back to back in
 * their rest frame (mu+ mu-, tau+ tau-, pi+ pi-, e+ e-), with any number of photons, collinear and
 * at large angle.
 *
 * Model (exponentiated eikonal emission with the collinear splitting-function correction, the
 * scheme of PHOTOS: E. Barberio, Z. Was, Comput. Phys. Commun. 79 (1994) 291; soft-photon
 * exponentiation: D.R. Yennie, S.C. Frautschi, H. Suura, Ann. Phys. 13 (1961) 379):
 * photons with energy fractions z = 2 omega/sqrt(s') above z_min form a Poisson process of density
 *
 *   dN = (alpha/pi) A(beta) (dz/z) (1 + (1-z)^2)/2,   A = (1+beta^2)/beta ln((1+beta)/(1-beta)) - 2,
 *
 * with directions from the dipole antenna (dipoleAngle.ts). The probability of no photon above
 * z_min is exp(-<N>): real and virtual corrections cancel in the total rate (up to 3 alpha/4pi),
 * so FSR redistributes events without changing the cross section.
 *
 * Kinematics: the photons keep their sampled momenta; the charged pair takes the remaining
 * four-momentum (sqrt(s') - K0, -K), with the charges back to back along their original axis in the
 * pair's new rest frame. Configurations without room for the pair are redrawn.
 */
import type { Stream } from "../../core/random.ts";
import { ALPHA_EM, PDG } from "../../core/units.ts";
import { dipoleIntegral, sampleDipoleCos } from "./dipoleAngle.ts";
import type { EventScratch } from "./eventScratch.ts";
import { boostRange } from "./scratchKinematics.ts";

/** Photons softer than this [GeV] are not generated (far below any calorimeter threshold). */
export const FSR_MIN_ENERGY = 1e-3;

const MAX_PHOTONS = 12;

/**
 * Radiate FSR photons off particles iMinus (charge -1) and iPlus (charge +1) of `ev`, which must be
 * back to back with equal energies sqrt(sPrime)/2 in the current frame (the pair rest frame).
 * Updates both momenta in place and appends the photons (status 1, mother = nearer charge).
 *
 * @param mass mass of each charged particle [GeV]
 * @returns number of photons added
 */
export function addFinalStateRadiation(
  rng: Stream,
  ev: EventScratch,
  iMinus: number,
  iPlus: number,
  mass: number,
  sPrime: number,
): number {
  const rs = Math.sqrt(sPrime);
  const oneMinusB2 = (4 * mass * mass) / sPrime;
  if (oneMinusB2 >= 1) return 0;
  const zMin = (2 * FSR_MIN_ENERGY) / rs;
  const zMax = 1 - oneMinusB2;
  if (zMax <= zMin) return 0;
  const logRange = Math.log(zMax / zMin);
  const mean = (ALPHA_EM / Math.PI) * 0.5 * dipoleIntegral(oneMinusB2) * logRange;
  // unit vector of the negative charge
  const p0 = Math.hypot(ev.px[iMinus]!, ev.py[iMinus]!, ev.pz[iMinus]!);
  const nx = ev.px[iMinus]! / p0;
  const ny = ev.py[iMinus]! / p0;
  const nz = ev.pz[iMinus]! / p0;
  // two unit vectors orthogonal to n
  let ax = 0;
  const ay = 0;
  let az = 0;
  if (Math.abs(nz) < 0.9) az = 1;
  else ax = 1;
  // e1 = normalise(a x n), e2 = n x e1
  let e1x = ay * nz - az * ny;
  let e1y = az * nx - ax * nz;
  let e1z = ax * ny - ay * nx;
  const l1 = Math.hypot(e1x, e1y, e1z);
  e1x /= l1;
  e1y /= l1;
  e1z /= l1;
  const e2x = ny * e1z - nz * e1y;
  const e2y = nz * e1x - nx * e1z;
  const e2z = nx * e1y - ny * e1x;

  const first = ev.n;
  for (let attempt = 0; attempt < 100; attempt++) {
    ev.n = first;
    const nPhot = Math.min(rng.poisson(mean), MAX_PHOTONS);
    let K0 = 0;
    let Kx = 0;
    let Ky = 0;
    let Kz = 0;
    for (let k = 0; k < nPhot; k++) {
      // thinning of the Poisson process dz/z by the splitting-function factor (1 + (1-z)^2)/2:
      // a rejected photon is dropped (not redrawn), so the rate follows the radiator exactly
      const z = zMin * Math.exp(logRange * rng.uniform());
      if (rng.uniform() * 2 >= 1 + (1 - z) * (1 - z)) continue;
      const c = sampleDipoleCos(rng, oneMinusB2);
      const s = Math.sqrt(Math.max(0, 1 - c * c));
      const phi = 2 * Math.PI * rng.uniform();
      const w = 0.5 * z * rs;
      const cp = Math.cos(phi) * s;
      const sp = Math.sin(phi) * s;
      const gx = w * (c * nx + cp * e1x + sp * e2x);
      const gy = w * (c * ny + cp * e1y + sp * e2y);
      const gz = w * (c * nz + cp * e1z + sp * e2z);
      ev.add(PDG.photon, 1, c > 0 ? iMinus : iPlus, gx, gy, gz, w);
      K0 += w;
      Kx += gx;
      Ky += gy;
      Kz += gz;
    }
    if (ev.n === first) return 0;
    const E = rs - K0;
    const M2 = E * E - (Kx * Kx + Ky * Ky + Kz * Kz);
    if (E <= 0 || M2 <= 4 * mass * mass) continue;
    const M = Math.sqrt(M2);
    const p = Math.sqrt(0.25 * M2 - mass * mass);
    const em = 0.5 * M;
    ev.set(iMinus, p * nx, p * ny, p * nz, em);
    ev.set(iPlus, -p * nx, -p * ny, -p * nz, em);
    // pair system has momentum -K: boost the two charges by beta = -K/E
    boostTwo(ev, iMinus, iPlus, -Kx / E, -Ky / E, -Kz / E);
    return ev.n - first;
  }
  ev.n = first;
  return 0;
}

function boostTwo(ev: EventScratch, i: number, j: number, bx: number, by: number, bz: number): void {
  if (j === i + 1) boostRange(ev, i, i + 2, bx, by, bz);
  else {
    boostRange(ev, i, i + 1, bx, by, bz);
    boostRange(ev, j, j + 1, bx, by, bz);
  }
}
