/**
 * Momentum of either daughter in the rest frame of a two-body decay M -> m1 m2 [GeV]:
 *   p* = sqrt[(M^2 - (m1+m2)^2)(M^2 - (m1-m2)^2)] / (2M)   (PDG Review of Particle Physics, "Kinematics", two-body decays).
 * The four-muon search scales its MLP inputs by p0 = p*(sqrt s; m0, 2 m_mu) (arXiv:2403.02841).
 * Below threshold (M < m1 + m2) there is no decay: returns 0 (not NaN) so that callers can test
 * `p > 0`.
 */

/**
 * Two-body decay momentum [GeV].
 *
 * @param M parent mass [GeV]; @param m1,m2 daughter masses [GeV]
 * @example twoBodyMomentum(10, 0, 0) // 5
 */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  const M2 = M * M;
  const sp = m1 + m2;
  const sm = m1 - m2;
  const x = (M2 - sp * sp) * (M2 - sm * sm);
  return M > sp && x > 0 ? Math.sqrt(x) / (2 * M) : 0;
}
