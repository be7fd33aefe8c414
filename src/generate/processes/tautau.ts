/**
 * e+e- -> tau+ tau- (gamma ...): the same production as mu mu (Born with the tau mass, vacuum
 * polarisation, Kuraev-Fadin ISR with photon angles, multi-photon FSR; mumu.ts) followed by tau
 * decays (tauDecay.ts: V-A leptonic spectra, pi nu, K nu, rho nu, inclusive multi-pion modes).
 *
 * Reference: KKMC 0.919 nb (Belle II Physics Book, physics.md 8.1; accepted 0.88-0.96 nb).
 * Relevant for the invisible search: tau tau -> mu mu + 4 nu and mu pi + 3 nu (pi -> mu mis-ID);
 * for the e-mu control sample: tau tau -> e mu + 4 nu.
 */
import type { Stream } from "../../core/random.ts";
import { M_TAU, PDG } from "../../core/units.ts";
import type { BeamFrame } from "../../physics/beams.ts";
import type { EventScratch } from "./eventScratch.ts";
import { FermionPairSampler } from "./mumu.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition, type Sampler } from "./process.ts";
import { decayTau } from "./tauDecay.ts";

/** Tau-pair sampler: production then both decays. */
export class TauPairSampler implements Sampler {
  readonly sigmaEnvelopeFb: number;
  private readonly production: FermionPairSampler;

  constructor(frame: BeamFrame) {
    this.production = new FermionPairSampler(frame, M_TAU, PDG.tau);
    this.sigmaEnvelopeFb = this.production.sigmaEnvelopeFb;
  }

  trial(rng: Stream, ev: EventScratch): number {
    const r = this.production.trial(rng, ev);
    if (!(r > 0)) return r;
    const i = this.production.fIndex;
    decayTau(rng, ev, i);
    decayTau(rng, ev, i + 1);
    return r;
  }
}

/** Definition of the tau tau process (see module doc). */
export const tautauDefinition: ProcessDefinition = {
  name: "tautau",
  description:
    "e+e- -> tau+ tau- (gamma...) with tau decays (V-A leptonic, pi, K, rho, inclusive multi-pion)",
  reference: "KKMC 0.919 nb (Belle II Physics Book); accepted 0.88-0.96 nb",
  preselectionDoc: INVISIBLE_PRESELECTION_DOC,
  defaultTrials: 200_000,
  makeSampler: (frame) => new TauPairSampler(frame),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** e+e- -> tau+ tau- (gamma ...) with decays. */
export const tautau = makeProcess(tautauDefinition);
