/**
 * Analysis A: the invisible Z' search in e+e- -> mu+ mu- + missing energy (Belle II,
 * arXiv:2212.03066; spec invisible-zprime.md). Building blocks, in the order a run uses them:
 *
 *   computeVariables      RecoEvents -> per-event columns (recoil mass, angles, Punzi inputs, photons)
 *   selectionSteps        the 7 cut-based steps (and control regions) as named predicates;
 *   applySelection        pass mask + cut flow; punziCut appends step 8
 *   punziTrainingSet,     the Punzi-net problem over all simulated masses, training (mva/),
 *   trainPunziNet,        and per-event outputs
 *   applyPunziNet
 *   resolutionPoints,     sigma(M2_recoil) per simulated mass and its smooth model
 *   fitResolution
 *   m2BinEdges,           bins one resolution wide, the mass hypotheses, 20-bin windows,
 *   massHypotheses,       theta (c.m.) bins by M2 region
 *   searchWindow, thetaBinningFromSample
 *   selectedEvents,       2D templates per window; the signal interpolated between masses
 *   fillTemplate, signalModel, signalTemplate
 *   windowWorkspace       the per-window pyhf workspace with the paper's systematics
 *   hypothesisWorkspace   window + templates + workspace of one hypothesis from ScanInputs
 *   fitWindow             90% CL CLs limit, local significance, chi2 of one window (stats/)
 *   wideWidth*            the Gamma = 0.1 M benchmark (1D Breit-Wigner (x) Gaussian templates)
 */
export * from "./binning.ts";
export * from "./hypothesisWorkspace.ts";
export { pchip } from "./pchip.ts";
export * from "./punziNet.ts";
export * from "./resolution.ts";
export * from "./selection.ts";
export { PASSING_EVENT, syntheticVariables } from "./syntheticVariables.ts";
export * from "./templates.ts";
export * from "./variables.ts";
export * from "./wideWidth.ts";
export * from "./windowFit.ts";
export * from "./workspace.ts";
