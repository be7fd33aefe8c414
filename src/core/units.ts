/**
 * Units and physical constants. mumux works in natural units: energies, momenta and masses in GeV,
 * c = hbar = 1, lengths only where a detector needs them (cm), angles in radians. Degrees appear
 * only at the configuration and report edge (see {@link deg} and {@link toDeg}).
 *
 * Masses: PDG 2024 (R.L. Workman et al., PTEP 2022 083C01 and 2024 update).
 */

/** Electron mass [GeV] (PDG 2024). */
export const M_E = 0.51099895e-3;
/** Muon mass [GeV] (PDG 2024). */
export const M_MU = 0.1056583755;
/** Tau mass [GeV] (PDG 2024). */
export const M_TAU = 1.77686;
/** Charged pion mass [GeV] (PDG 2024). */
export const M_PI = 0.13957039;
/** Neutral pion mass [GeV] (PDG 2024). */
export const M_PI0 = 0.1349768;
/** Fine-structure constant at q^2 = 0, alpha(0) = 1/137.035999084 (CODATA 2018). */
export const ALPHA_EM = 1 / 137.035999084;
/** Fermi constant [GeV^-2] (PDG 2024). */
export const G_FERMI = 1.1663788e-5;
/** (hbar c)^2 in GeV^2 mb: 1 GeV^-2 = 0.3893793721 mb (PDG 2024). */
export const HBARC2_GEV2_MB = 0.3893793721;
/** Conversion of a cross section in GeV^-2 to femtobarn: 1 GeV^-2 = 3.893793721e11 fb. */
export const GEV2_TO_FB = HBARC2_GEV2_MB * 1e12;
/** Conversion of a cross section in GeV^-2 to picobarn. */
export const GEV2_TO_PB = HBARC2_GEV2_MB * 1e9;
/** Conversion of a cross section in GeV^-2 to nanobarn. */
export const GEV2_TO_NB = HBARC2_GEV2_MB * 1e6;
/** Speed of light [cm/ns], for detector timing only. */
export const C_CM_PER_NS = 29.9792458;

/** PDG particle identifiers used across mumux (PDG Monte Carlo numbering scheme). */
export const PDG = {
  electron: 11,
  nu_e: 12,
  muon: 13,
  nu_mu: 14,
  tau: 15,
  nu_tau: 16,
  photon: 22,
  pi0: 111,
  pi: 211,
  zprime: 9900023,
  scalar: 9900025,
  chi: 9900050,
} as const;

/** Degrees to radians: `deg(90) === Math.PI / 2`. Use only when reading configs. */
export function deg(x: number): number {
  return (x * Math.PI) / 180;
}

/** Radians to degrees. Use only when writing reports. */
export function toDeg(x: number): number {
  return (x * 180) / Math.PI;
}
