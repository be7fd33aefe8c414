/**
 * e+e- -> e+e- mu+mu- through two-photon collisions with the exact multiperipheral matrix
 * element (twoPhotonExact.ts, multiperipheral.ts), W(mu mu) > 0.5 GeV as in Belle II's AAFH
 * samples. Reference: AAFH 18.9 +- 0.1 nb at W > 0.5 GeV (physics.md 8.1; all diagrams, of
 * which the multiperipheral ones give 18.6 nb here). Dominates the invisible search at the
 * largest recoil masses, where both electrons escape along the beam pipe and the pair's
 * transverse momentum, that of the scattered e+-, can exceed the pair mass (Q^2 > W^2, outside
 * the equivalent-photon approximation that an earlier version used).
 */
import type { BeamFrame } from "../../physics/beams.ts";
import { EventScratch } from "./eventScratch.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition, toLab } from "./process.ts";
import { TwoPhotonExactSampler } from "./twoPhotonExact.ts";

/** The invisible-search preselection on a c.m. event (checked before the costly matrix element). */
function preselectionGate(frame: BeamFrame): (cm: EventScratch) => boolean {
  const lab = new EventScratch();
  const tmp = new Float64Array(4);
  return (cm) => {
    if (!invisiblePrefilter(cm)) return false;
    toLab(frame, cm, lab, tmp);
    return invisiblePreselection(cm, lab, frame);
  };
}

/** Definition of the e e mu mu process (see module doc). */
export const eemumuDefinition: ProcessDefinition = {
  name: "eemumu",
  description: "e+e- -> e+e- mu+mu- (two-photon, exact multiperipheral matrix element), W(mu mu) > 0.5 GeV",
  reference: "AAFH 18.9 +- 0.1 nb at W(mu mu) > 0.5 GeV (Belle II Physics Book); accepted 15-23 nb",
  preselectionDoc:
    INVISIBLE_PRESELECTION_DOC +
    " With the preselection a focused sampler is used (twoPhotonExact.ts): a few percent of the events " +
    "carry weights above 1 (partial unweighting), the rest weight 1: use the weight column.",
  defaultTrials: 400_000,
  makeSampler: (frame, preselect) =>
    new TwoPhotonExactSampler(frame, {
      wMin: 0.5,
      focus: preselect,
      ...(preselect ? { gate: preselectionGate(frame) } : {}),
    }),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** e+e- -> e+e- mu+mu- (two-photon). */
export const eemumu = makeProcess(eemumuDefinition);
