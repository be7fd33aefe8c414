/**
 * Initial-state radiation for s-channel annihilation processes (mu mu, tau tau, pi pi):
 * the Kuraev-Fadin leading-log structure function (physics.md 4.3; E.A. Kuraev, V.S. Fadin,
 * Sov. J. Nucl. Phys. 41 (1985) 466)
 *
 *   W(s, x) = beta x^(beta-1) (1 + 3 beta/4) - beta (1 - x/2),  beta = (2 alpha/pi)(ln(s/m_e^2) - 1),
 *
 * importance-sampled together with the 1/s' = 1/(s(1-x)) rise of an s-channel Born cross section,
 * which produces the radiative-return tail. The radiated energy x sqrt(s)/2 is shared between
 * photons whose directions follow the e+e- dipole antenna (peaked along both beams with a
 * large-angle tail; see dipoleAngle.ts), so photons reach the calorimeter and its gaps
 * ({@link addIsrPhotons}).
 *
 * Envelope (c = 1 + 3 beta/4):  x <= xc = min(1/2, xMax): c (beta x^(beta-1) + 2 beta x^beta)
 * (since 1/(1-x) <= 1 + 2x there);  xc < x <= xMax: c beta xc^(beta-1)/(1-x).
 * Both pieces are sampled exactly; the acceptance ratio W(x)/((1-x) envelope) is <= 1.
 *
 * W and beta come from the shared src/generate/isr.ts; this file only holds the importance
 * sampling of W(x)/(1-x) that s-channel processes need (the radiative-return tail).
 */
import type { Stream } from "../../core/random.ts";
import { M_E } from "../../core/units.ts";
import { isrBeta, isrStructureFunction } from "../isr.ts";
import { addDipolePhoton } from "./dipoleAngle.ts";
import type { EventScratch } from "./eventScratch.ts";

/**
 * Sampler of the ISR energy fraction x in (0, xMax] with density proportional to the envelope of
 * W(x)/(1-x) (see module doc). `integral` is the envelope's integral: an s-channel process with
 * Born sigma_0 s/s' has sigma <= sigma_0 * integral.
 */
export class AnnihilationIsr {
  readonly beta: number;
  readonly xMax: number;
  /** Integral of the envelope over (0, xMax]. */
  readonly integral: number;
  private readonly xc: number;
  private readonly iA1: number;
  private readonly iA2: number;
  private readonly c: number;

  /**
   * @param s squared c.m. energy [GeV^2]
   * @param xMax largest energy fraction (1 - s'_min/s), in (0, 1)
   */
  constructor(s: number, xMax: number) {
    if (!(xMax > 0 && xMax < 1)) throw new RangeError(`AnnihilationIsr: xMax = ${xMax} not in (0, 1)`);
    const b = isrBeta(s);
    this.beta = b;
    this.xMax = xMax;
    this.c = 1 + 0.75 * b;
    this.xc = Math.min(0.5, xMax);
    this.iA1 = this.c * this.xc ** b;
    this.iA2 = this.c * ((2 * b) / (b + 1)) * this.xc ** (b + 1);
    const iB = xMax > this.xc ? this.c * b * this.xc ** (b - 1) * Math.log((1 - this.xc) / (1 - xMax)) : 0;
    this.integral = this.iA1 + this.iA2 + iB;
  }

  /**
   * Draw x from the envelope; writes x into out[0] and returns the acceptance ratio
   * W(x) / ((1 - x) envelope(x)) in [0, 1].
   */
  sample(rng: Stream, out: Float64Array): number {
    const b = this.beta;
    const u = rng.uniform() * this.integral;
    let x: number;
    let env: number;
    if (u < this.iA1 + this.iA2) {
      x =
        u < this.iA1 ? this.xc * rng.uniformOpen() ** (1 / b) : this.xc * rng.uniformOpen() ** (1 / (b + 1));
      // x = 0 underflows for tiny u: the soft limit, weight exactly 1 - O(x)
      if (x <= 0) x = Number.MIN_VALUE;
      env = this.c * b * x ** (b - 1) * (1 + 2 * x);
    } else {
      x = 1 - (1 - this.xc) * ((1 - this.xMax) / (1 - this.xc)) ** rng.uniform();
      env = (this.c * b * this.xc ** (b - 1)) / (1 - x);
    }
    out[0] = x;
    const f = isrStructureFunction(x, b) / (1 - x);
    return f > 0 ? Math.min(1, f / env) : 0;
  }
}

/** Largest number of ISR photons written per event (the stick-breaking stops earlier in practice). */
const MAX_ISR_PHOTONS = 8;

/**
 * Multi-photon initial-state radiation: share the radiated energy fraction x (drawn from the
 * structure function, so s' = s (1 - x) and the cross section are untouched) between several
 * photons, each with its own dipole direction, and append them to `ev` (status 1, mother -1).
 *
 * In the soft-photon (YFS) picture the ISR photons are an independent Poisson process of density
 * beta dx/x in their energy fractions (D.R. Yennie, S.C. Frautschi, H. Suura, Ann. Phys. 13 (1961)
 * 379; the multi-photon ISR of KKMC: S. Jadach, B.F.L. Ward, Z. Was, Comput. Phys. Commun. 130
 * (2000) 260), whose sum has the x^(beta-1) law of W(s, x). Conditioned on their sum, the
 * fractions of such a scale-invariant process follow the Poisson-Dirichlet law PD(beta)
 * (J.F.C. Kingman, J. R. Stat. Soc. B 37 (1975) 1), drawn here in size-biased order by stick
 * breaking: each photon takes a Beta(1, beta) share of what is left (J. Pitman, M. Yor, Ann.
 * Probab. 25 (1997) 855). With beta = 0.088 the first photon carries 92% of the energy on average
 * and in 1 - f^beta of the events the rest is more than a fraction f of the total (13% for f = 0.2):
 * the configuration of a hard photon along a beam plus a second one at large angle, which a single
 * ISR photon cannot give (invisible-zprime.md: the mu mu gamma gamma events between 1 and 50 GeV^2).
 *
 * Photons below `eMin` [GeV] end the splitting. Since photons in different directions have an
 * invariant mass, the photon momenta are finally scaled by one common factor so that
 * (P - K)^2 = s (1 - x) holds exactly (P = (sqrt(s), 0)); for one photon the factor is 1.
 *
 * @param x radiated energy fraction in (0, 1); the photons carry x sqrt(s)/2 before the scaling
 * @param rs sqrt(s) [GeV]
 * @param beta ISR exponent ({@link isrBeta})
 * @param eMin smallest photon energy written [GeV]
 * @param kOut receives the photons' total (Kx, Ky, Kz, K0) after the scaling
 * @returns number of photons appended (at least 1)
 */
export function addIsrPhotons(
  rng: Stream,
  ev: EventScratch,
  x: number,
  rs: number,
  beta: number,
  eMin: number,
  kOut: Float64Array,
): number {
  const first = ev.n;
  const eTot = 0.5 * x * rs;
  const oneMinusBe2 = (M_E / (0.5 * rs)) ** 2;
  let left = eTot;
  let kx = 0;
  let ky = 0;
  let kz = 0;
  let k0 = 0;
  for (let i = 0; i < MAX_ISR_PHOTONS; i++) {
    // share V ~ Beta(1, beta): 1 - V = U^(1/beta); the last allowed photon takes all that is left
    const w = i === MAX_ISR_PHOTONS - 1 ? left : left * (1 - rng.uniformOpen() ** (1 / beta));
    if (i > 0 && w < eMin) break;
    const j = addDipolePhoton(rng, ev, w, oneMinusBe2);
    kx += ev.px[j]!;
    ky += ev.py[j]!;
    kz += ev.pz[j]!;
    k0 += w;
    left -= w;
    if (left < eMin) break;
  }
  // common scale lambda with (P - lambda K)^2 = s (1 - x):
  // lambda^2 K^2 - 2 lambda rs K0 + s x = 0, smaller root written without cancellation
  const k2 = Math.max(0, k0 * k0 - (kx * kx + ky * ky + kz * kz));
  const s = rs * rs;
  const lambda = (s * x) / (rs * k0 + Math.sqrt(Math.max(0, s * k0 * k0 - s * x * k2)));
  if (lambda !== 1) {
    for (let i = first; i < ev.n; i++)
      ev.set(i, ev.px[i]! * lambda, ev.py[i]! * lambda, ev.pz[i]! * lambda, ev.e[i]! * lambda);
  }
  kOut[0] = kx * lambda;
  kOut[1] = ky * lambda;
  kOut[2] = kz * lambda;
  kOut[3] = k0 * lambda;
  return ev.n - first;
}
