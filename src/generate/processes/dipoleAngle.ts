/**
 * Polar angle of a soft photon radiated by a pair of opposite charges flying back to back with
 * velocity beta (the eikonal "dipole" antenna), relative to the direction of the first charge:
 *
 *   dN/dcos ~ D(c) = 2(1+beta^2)/(1-beta^2 c^2) - (1-beta^2)/(1-beta c)^2 - (1-beta^2)/(1+beta c)^2
 *
 * (soft-photon current -(q1/(q1.k) - q2/(q2.k))^2 for q1 = E(1, beta n), q2 = E(1, -beta n);
 * e.g. Peskin & Schroeder eq. 6.17; Berends & Kleiss, Nucl. Phys. B177 (1981) 237). It peaks along
 * both charges at angles ~ 1/gamma, with the mass terms emptying the cone below ~ 1/gamma.
 * Integrated: int D dc = 2 (1+beta^2) L/beta - 4, L = ln((1+beta)/(1-beta)).
 *
 * Sampling: envelope 2(1+beta^2)/(1-beta^2 c^2), drawn exactly as beta c = tanh(v), v uniform in
 * [-atanh beta, atanh beta]; accept with D/envelope (efficiency ~ 1 - 2/L). `oneMinusBeta2` is
 * passed separately so electrons (1 - beta^2 ~ 1e-8) lose no precision.
 */
import type { Stream } from "../../core/random.ts";
import { PDG } from "../../core/units.ts";
import type { EventScratch } from "./eventScratch.ts";

/** atanh(beta) computed from 1 - beta^2 without cancellation. */
export function atanhBeta(oneMinusBeta2: number): number {
  const beta = Math.sqrt(1 - oneMinusBeta2);
  // (1+beta)/(1-beta) = (1+beta)^2 / (1 - beta^2)
  return 0.5 * Math.log(((1 + beta) * (1 + beta)) / oneMinusBeta2);
}

/**
 * Draw cos(theta) of a dipole photon (see module doc) relative to charge 1.
 *
 * @param oneMinusBeta2 1 - beta^2 = m^2/E^2 of the charges, > 0
 * @returns cos(theta) in [-1, 1]
 */
export function sampleDipoleCos(rng: Stream, oneMinusBeta2: number): number {
  const beta = Math.sqrt(1 - oneMinusBeta2);
  const A = atanhBeta(oneMinusBeta2);
  for (;;) {
    const v = A * (2 * rng.uniform() - 1);
    // 1 - tanh v and 1 + tanh v without cancellation
    const e2 = Math.exp(2 * v);
    const omt = 2 / (1 + e2);
    const opt = 2 - omt;
    const t = opt - 1; // beta c
    const den = omt * opt; // 1 - beta^2 c^2
    // D / envelope = 1 - (1-b^2) den (1/(1-bc)^2 + 1/(1+bc)^2) / (2 (1+b^2))
    const acc = 1 - (oneMinusBeta2 * den * (1 / (omt * omt) + 1 / (opt * opt))) / (2 * (2 - oneMinusBeta2));
    if (rng.uniform() < acc) return Math.max(-1, Math.min(1, t / beta));
  }
}

/** Integral of D(c) over c in [-1, 1] (see module doc): the dipole's collinear log. */
export function dipoleIntegral(oneMinusBeta2: number): number {
  const beta = Math.sqrt(1 - oneMinusBeta2);
  return (2 * (2 - oneMinusBeta2) * 2 * atanhBeta(oneMinusBeta2)) / beta - 4;
}

/**
 * Append a photon of energy `e` [GeV] at a dipole angle ({@link sampleDipoleCos}, relative to +z)
 * and uniform azimuth to `ev` (status 1, mother -1); draws cos(theta), then phi.
 *
 * @returns the photon's index in `ev`
 */
export function addDipolePhoton(rng: Stream, ev: EventScratch, e: number, oneMinusBeta2: number): number {
  const c = sampleDipoleCos(rng, oneMinusBeta2);
  const st = Math.sqrt(Math.max(0, 1 - c * c));
  const phi = 2 * Math.PI * rng.uniform();
  return ev.add(PDG.photon, 1, -1, e * st * Math.cos(phi), e * st * Math.sin(phi), e * c, e);
}
