/**
 * Pion electromagnetic form factor: Gounaris-Sakurai rho (G.J. Gounaris, J.J. Sakurai,
 * Phys. Rev. Lett. 21 (1968) 244) with rho-omega mixing,
 *
 *   F(s) = BW_GS(s) (1 + delta s/(m_w^2 - s - i m_w G_w)) / (1 + delta),
 *   BW_GS = (m^2 + d m G) / (m^2 - s + f(s) - i m G(s)),  G(s) = G (k/k_m)^3 (m/sqrt s),
 *   f(s) = G m^2/k_m^3 [k^2 (h(s) - h(m^2)) + (m^2 - s) k_m^2 h'(m^2)],
 *   h(s) = (2/pi)(k/sqrt s) ln((sqrt s + 2k)/(2 m_pi)),  k = sqrt(s/4 - m_pi^2),
 *   d = (3/pi) m_pi^2/k_m^2 ln((m + 2 k_m)/(2 m_pi)) + m/(2 pi k_m) - m_pi^2 m/(pi k_m^3).
 * Parameters (PDG 2024 / typical fits): m_rho = 0.7755, G_rho = 0.1494, m_omega = 0.78266,
 * G_omega = 0.00868 GeV, delta = 1.9e-3. Higher rho' states are omitted (|F|^2 is then low above
 * ~1.3 GeV). Used by pipi.ts for the radiative-return pi+ pi- background.
 */
import { M_PI } from "../../core/units.ts";

const MR = 0.7755;
const GR = 0.1494;
const MW = 0.78266;
const GW = 0.00868;
const DELTA = 1.9e-3;

function kOf(s: number): number {
  return Math.sqrt(Math.max(0, 0.25 * s - M_PI * M_PI));
}
function h(s: number): number {
  const k = kOf(s);
  const rs = Math.sqrt(s);
  return (2 / Math.PI) * (k / rs) * Math.log((rs + 2 * k) / (2 * M_PI));
}
const S_R = MR * MR;
const K_R = kOf(S_R);
const H_R = h(S_R);
const DH_R = (h(S_R * (1 + 1e-6)) - h(S_R * (1 - 1e-6))) / (2e-6 * S_R);
const D =
  (((3 / Math.PI) * (M_PI * M_PI)) / (K_R * K_R)) * Math.log((MR + 2 * K_R) / (2 * M_PI)) +
  MR / (2 * Math.PI * K_R) -
  (M_PI * M_PI * MR) / (Math.PI * K_R ** 3);

/** |F_pi(s)|^2 for time-like s > 4 m_pi^2 [GeV^2] (0 below threshold). */
export function pionFormFactor2(s: number): number {
  if (s <= 4 * M_PI * M_PI) return 0;
  const k = kOf(s);
  const f = ((GR * S_R) / K_R ** 3) * (k * k * (h(s) - H_R) + (S_R - s) * K_R * K_R * DH_R);
  const g = GR * (k / K_R) ** 3 * (MR / Math.sqrt(s));
  // BW_GS = num / (re - i im)
  const num = S_R + D * MR * GR;
  const re = S_R - s + f;
  const im = MR * g;
  // omega factor 1 + delta s / (mw^2 - s - i mw gw)
  const wr = MW * MW - s;
  const wi = MW * GW;
  const wd = wr * wr + wi * wi;
  const oRe = 1 + (DELTA * s * wr) / wd;
  const oIm = (DELTA * s * wi) / wd;
  const bw2 = (num * num) / (re * re + im * im);
  return (bw2 * (oRe * oRe + oIm * oIm)) / ((1 + DELTA) * (1 + DELTA));
}
