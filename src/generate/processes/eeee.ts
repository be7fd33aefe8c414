/**
 * e+e- -> e+e- e+e- through two-photon collisions (as eemumu.ts with gamma gamma -> e+e-),
 * W(e e) > 0.5 GeV of the produced pair. Reference: AAFH 39.7 +- 0.1 nb at W > 0.5 GeV
 * (physics.md 8.1; accepted 32-48 nb). Identical-particle interference is neglected.
 */
import { M_E, PDG } from "../../core/units.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition } from "./process.ts";
import { TwoPhotonPairSampler } from "./twoPhotonPair.ts";

/** Definition of the e e e e process (see module doc). */
export const eeeeDefinition: ProcessDefinition = {
  name: "eeee",
  description: "e+e- -> e+e- e+e- (two-photon, EPA with sampled virtualities), W(e e) > 0.5 GeV",
  reference: "AAFH 39.7 +- 0.1 nb at W > 0.5 GeV (Belle II Physics Book); accepted 32-48 nb",
  preselectionDoc:
    INVISIBLE_PRESELECTION_DOC +
    " With the preselection a focused sampler is used (twoPhotonPair.ts): about 5% of the events carry " +
    "weights up to ~1.8 (partial unweighting), the rest weight 1: use the weight column.",
  defaultTrials: 400_000,
  makeSampler: (frame, preselect) =>
    new TwoPhotonPairSampler(frame, {
      mass: M_E,
      pdg: PDG.electron,
      wMin: 0.5,
      focus: preselect,
      focusScale: 0.024,
    }),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** e+e- -> e+e- e+e- (two-photon). */
export const eeee = makeProcess(eeeeDefinition);
