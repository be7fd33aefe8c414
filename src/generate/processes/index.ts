/**
 * The standard-model background processes by CLI name (issue 6). Each entry gives its cross
 * section with uncertainty, unweighted and weighted event chunks and a documented preselection
 * (see process.ts for the contract; preselection.ts for the cuts).
 *
 * | name | process | sigma (this code, MC error < 0.5%) | reference (physics.md 8.1) |
 * |---|---|---|---|
 * | mumu | e+e- -> mu mu (gamma...) | 1.145 nb | KKMC 1.148 nb |
 * | tautau | e+e- -> tau tau (gamma...), decays | 0.909 nb | KKMC 0.919 nb |
 * | eemumu | two-photon (exact multiperipheral), W(mu mu) > 0.5 GeV | 18.6 nb | AAFH 18.9 nb (all diagrams) |
 * | eeee | two-photon (equivalent photons), W(e e) > 0.5 GeV | 42.0 nb | AAFH 39.7 nb |
 * | mumumumu | conversion + annihilation | 0.296 pb | estimate 0.25-0.5 pb |
 * | ee | Bhabha, 10-170 deg, E > 0.15 GeV | 313 nb | BabaYaga@NLO 300 nb |
 * | pipi | radiative return, sqrt(s') < 2 GeV | 0.143 nb | none |
 *
 * With the preselection (--preselect; default trials, MC errors 1-4%): mumu 18.6 pb, tautau 116 pb,
 * eemumu 77 pb, eeee 79 pb, ee 0.93 nb, pipi 0.017 pb (invisible-search preselection) and
 * mumumumu 0.099 pb (four-track preselection).
 *
 * @example
 * import { PROCESSES } from "./generate/processes/index.ts";
 * const { sigma_fb } = PROCESSES.mumu!.crossSection({ preselect: true });
 */
import { ee } from "./ee.ts";
import { eeee } from "./eeee.ts";
import { eemumu } from "./eemumu.ts";
import { mumu } from "./mumu.ts";
import { mumumumu } from "./mumumumu.ts";
import { pipi } from "./pipi.ts";
import type { Process } from "./process.ts";
import { tautau } from "./tautau.ts";

export type { CrossSection, GenerateOptions, Process, ProcessOptions } from "./process.ts";

/**
 * Revision of the generators' physics models: part of the key of every stage that stores generated
 * events, so a changed model never reuses samples made by the old one. Bump it with any change
 * that alters generated events.
 */
export const GENERATOR_MODELS = "3: multi-photon ISR in mu mu and tau tau; exact multiperipheral e e mu mu";

/** All background processes, keyed by name. */
export const PROCESSES: Readonly<Record<string, Process>> = {
  mumu,
  tautau,
  eemumu,
  eeee,
  mumumumu,
  ee,
  pipi,
};
