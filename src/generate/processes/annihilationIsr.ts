/**
 * Initial-state radiation for s-channel annihilation processes (mu mu, tau tau, pi pi):
 * the Kuraev-Fadin leading-log structure function (physics.md 4.3; E.A. Kuraev, V.S. Fadin,
 * Sov. J. Nucl. Phys. 41 (1985) 466)
 *
 *   W(s, x) = beta x^(beta-1) (1 + 3 beta/4) - beta (1 - x/2),  beta = (2 alpha/pi)(ln(s/m_e^2) - 1),
 *
 * importance-sampled together with the 1/s' = 1/(s(1-x)) rise of an s-channel Born cross section,
 * which produces the radiative-return tail. The radiated energy goes into one photon of energy
 * x sqrt(s)/2 whose direction follows the e+e- dipole antenna (peaked along both beams with a
 * large-angle tail; see dipoleAngle.ts), so photons reach the calorimeter and its gaps.
 *
 * Envelope (c = 1 + 3 beta/4):  x <= xc = min(1/2, xMax): c (beta x^(beta-1) + 2 beta x^beta)
 * (since 1/(1-x) <= 1 + 2x there);  xc < x <= xMax: c beta xc^(beta-1)/(1-x).
 * Both pieces are sampled exactly; the acceptance ratio W(x)/((1-x) envelope) is <= 1.
 *
 * W and beta come from the shared src/generate/isr.ts; this file only holds the importance
 * sampling of W(x)/(1-x) that s-channel processes need (the radiative-return tail).
 */
import type { Stream } from "../../core/random.ts";
import { isrBeta, isrStructureFunction } from "../isr.ts";

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
