/**
 * Punzi sensitivity and figure of merit (G. Punzi, "Sensitivity of searches for new signals and
 * its optimization", arXiv:physics/0308063, eqs. 7 and 10; the form implemented by the Punzi-net,
 * arXiv:2110.00810 eq. 3, and spec physics.md 6.1):
 *
 *   sigma_min(eps, B) = [ a^2/8 + 9 b^2/13 + a sqrt(B) + (b/2) sqrt(b^2 + 4 a sqrt(B) + 4 B) ] / (eps L)
 *
 * the smallest cross section [fb for L in fb^-1] discoverable at a sigma AND excludable at b sigma
 * (a = 3, b = 1.28155 = one-sided 90%), and the simple figure of merit eps / (a/2 + sqrt(B)).
 *
 * Edge cases (as in the Punzi-net code): eps <= 0 is replaced by 1e-6 (finite, huge sensitivity,
 * zero gradient); B < 0 (negative MC weights) is treated as 0. At B = 0 the derivative in B is
 * +infinity (sqrt cusp); it is reported as 0 there, since B = 0 exactly only occurs for a window
 * with no background at all, whose B does not depend on the network.
 */

/** Discovery significance a (sigma) of the Punzi-net, arXiv:2110.00810. */
export const PUNZI_A = 3;
/** Exclusion significance b (sigma): one-sided 90% CL, the normal quantile of 0.9. */
export const PUNZI_B = 1.28155;
/** Floor replacing eps <= 0. */
export const PUNZI_EPS_FLOOR = 1e-6;

/** Constants of the sensitivity; defaults a = 3, b = 1.28155, lumi = 1 fb^-1. */
export interface PunziConstants {
  /** Discovery significance [sigma], default 3. */
  a?: number;
  /** Exclusion significance [sigma], default 1.28155. */
  b?: number;
  /** Target integrated luminosity L [fb^-1], default 1. */
  lumi?: number;
}

/**
 * Punzi sensitivity sigma_min [fb if lumi in fb^-1] for efficiency `eps` and expected background
 * `bkg` (events). @example punziSensitivity(0.1, 0) // (9/8 + 9*1.28155^2/13 + 1.28155^2/2)/0.1
 */
export function punziSensitivity(eps: number, bkg: number, c: PunziConstants = {}): number {
  const a = c.a ?? PUNZI_A;
  const b = c.b ?? PUNZI_B;
  const L = c.lumi ?? 1;
  const B = Math.max(bkg, 0);
  const e = eps > 0 ? eps : PUNZI_EPS_FLOOR;
  const sB = Math.sqrt(B);
  const num = (a * a) / 8 + (9 * b * b) / 13 + a * sB + (b / 2) * Math.sqrt(b * b + 4 * a * sB + 4 * B);
  return num / (e * L);
}

/**
 * Value and partial derivatives of {@link punziSensitivity}: writes dS/deps into out[0] and dS/dB
 * into out[1], returns S.
 *   dS/deps = -S / eps,
 *   dS/dB = [ a / (2 sqrt B) + b (a / sqrt B + 2) / (2 sqrt(b^2 + 4 a sqrt B + 4 B)) ] / (eps L).
 */
export function punziSensitivityGradient(
  eps: number,
  bkg: number,
  out: Float64Array,
  c: PunziConstants = {},
): number {
  const a = c.a ?? PUNZI_A;
  const b = c.b ?? PUNZI_B;
  const L = c.lumi ?? 1;
  const B = Math.max(bkg, 0);
  const floored = !(eps > 0);
  const e = floored ? PUNZI_EPS_FLOOR : eps;
  const sB = Math.sqrt(B);
  const root = Math.sqrt(b * b + 4 * a * sB + 4 * B);
  const num = (a * a) / 8 + (9 * b * b) / 13 + a * sB + (b / 2) * root;
  const S = num / (e * L);
  out[0] = floored ? 0 : -S / e;
  out[1] = B > 0 ? (a / (2 * sB) + (b * (a / sB + 2)) / (2 * root)) / (e * L) : 0;
  return S;
}

/**
 * Simple Punzi figure of merit eps / (a/2 + sqrt(B)) (arXiv:physics/0308063 eq. 10; larger is
 * better). Negative B is treated as 0. @example punziFom(0.5, 4) // 0.5 / 3.5
 */
export function punziFom(eps: number, bkg: number, a: number = PUNZI_A): number {
  return eps / (a / 2 + Math.sqrt(Math.max(bkg, 0)));
}
