/**
 * e+e- -> e+e- mu+mu- through two-photon collisions (equivalent-photon approximation with sampled
 * virtualities and exact scattered-electron kinematics, twoPhotonPair.ts), W(mu mu) > 0.5 GeV by
 * default as in Belle II's AAFH samples. Reference: AAFH 18.9 +- 0.1 nb at W > 0.5 GeV
 * (physics.md 8.1; accepted 15-23 nb). Dominates the invisible search at the largest recoil masses,
 * where both electrons escape along the beam pipe.
 */
import { M_MU, PDG } from "../../core/units.ts";
import { INVISIBLE_PRESELECTION_DOC, invisiblePrefilter, invisiblePreselection } from "./preselection.ts";
import { makeProcess, type ProcessDefinition } from "./process.ts";
import { TwoPhotonPairSampler } from "./twoPhotonPair.ts";

/** Definition of the e e mu mu process (see module doc). */
export const eemumuDefinition: ProcessDefinition = {
  name: "eemumu",
  description: "e+e- -> e+e- mu+mu- (two-photon, EPA with sampled virtualities), W(mu mu) > 0.5 GeV",
  reference: "AAFH 18.9 +- 0.1 nb at W(mu mu) > 0.5 GeV (Belle II Physics Book); accepted 15-23 nb",
  preselectionDoc:
    INVISIBLE_PRESELECTION_DOC +
    " With the preselection a focused sampler is used (twoPhotonPair.ts): about 3% of the events carry " +
    "weights up to ~1.5 (partial unweighting), the rest weight 1: use the weight column.",
  defaultTrials: 400_000,
  makeSampler: (frame, preselect) =>
    new TwoPhotonPairSampler(frame, {
      mass: M_MU,
      pdg: PDG.muon,
      wMin: 0.5,
      focus: preselect,
      focusScale: 0.1,
    }),
  preselect: invisiblePreselection,
  prefilter: invisiblePrefilter,
};

/** e+e- -> e+e- mu+mu- (two-photon). */
export const eemumu = makeProcess(eemumuDefinition);
