/** Interpretation of cross-section limits: couplings, (g-2)_mu bands, excluded mass ranges. */
export {
  couplingLimit,
  type InvisibleModel,
  invisibleBranchingFraction,
  invisibleCouplingLimits,
} from "./couplingLimit.ts";
export { excludedRanges, type MassRange } from "./excludedRanges.ts";
export { type Gm2Band, gm2Band } from "./gm2Band.ts";
