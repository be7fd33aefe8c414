/**
 * Everything the Punzi loss needs besides the network outputs (arXiv:2110.00810 sec. 3,
 * spec physics.md 6.2): for mass hypothesis (window) i,
 *   eps_i = f_trig * sum_{j in signal_i} o_j / N_gen,i,
 *   B_i   = f_trig * sum_{j in background_i} w_j o_j,
 * and the loss is the mean over i of the Punzi sensitivity sigma_min,i(eps_i, B_i).
 */
import { ConfigError } from "../core/errors.ts";
import type { PunziConstants } from "./punziSensitivity.ts";
import { checkMembership, type WindowMembership } from "./windowMembership.ts";

/** Inputs of the Punzi loss and of the hard-cut window evaluation. */
export interface PunziProblem extends PunziConstants {
  /** Signal events of hypothesis i inside window i (see signalWindowMembership). */
  signal: WindowMembership;
  /** Background events inside window i (see windowMembership). */
  background: WindowMembership;
  /** Per-event weight for background yields: L_target / L_MC of its sample (dimensionless). */
  weights: ArrayLike<number>;
  /** Generated signal events of hypothesis i (per window, > 0). */
  nGen: ArrayLike<number>;
  /** Overall efficiency factor f_trig (trigger etc.; the Punzi-net example uses 0.9), default 1. */
  fTrig?: number;
}

/** Throws ConfigError if `p` is inconsistent or does not describe `nEvents` events. */
export function checkPunziProblem(p: PunziProblem, nEvents: number): void {
  checkMembership(p.signal, "punzi.signal");
  checkMembership(p.background, "punzi.background");
  const nW = p.signal.nWindows;
  if (p.background.nWindows !== nW)
    throw new ConfigError(`signal has ${nW} windows, background ${p.background.nWindows}`, "punzi");
  if (p.signal.nEvents !== nEvents || p.background.nEvents !== nEvents)
    throw new ConfigError(
      `memberships describe ${p.signal.nEvents}/${p.background.nEvents} events, outputs ${nEvents}`,
      "punzi",
    );
  if (p.weights.length < nEvents)
    throw new ConfigError(`${p.weights.length} weights for ${nEvents} events`, "punzi.weights");
  if (p.nGen.length !== nW)
    throw new ConfigError(`nGen has ${p.nGen.length} entries for ${nW} windows`, "punzi.nGen");
  for (let i = 0; i < nW; i++)
    if (!(p.nGen[i]! > 0)) throw new ConfigError(`must be > 0, got ${p.nGen[i]}`, `punzi.nGen[${i}]`);
  if (nW === 0) throw new ConfigError("no windows", "punzi");
}
