/**
 * Unbinned pdfs with analytic window normalisation, extended likelihoods, fits and asymptotic CLs
 * (statistics.md 2.3, physics.md 6.3 and 6.5).
 */
export { asymptoticCls, expectedClsLimit } from "./asymptoticCls.ts";
export { bernsteinBasis, bernsteinPdf } from "./bernsteinPdf.ts";
export { chebyshevPdf } from "./chebyshevPdf.ts";
export { type ClsLimitProblem, clsExpectedLimit, clsObservedLimit } from "./clsUpperLimit.ts";
export { crystalBallPdf } from "./crystalBallPdf.ts";
export { type DcbParams, doubleCrystalBallPdf } from "./doubleCrystalBallPdf.ts";
export { exponentialPdf } from "./exponentialPdf.ts";
export { type ExtendedModel, extendedNll, type GaussConstraint, type ModelComponent } from "./extendedNll.ts";
export { type ExtendedSum, extendedSum } from "./extendedSum.ts";
export { fitUnbinned, type UnbinnedFitResult } from "./fitUnbinned.ts";
export { gaussianPdf } from "./gaussianPdf.ts";
export { histogramPdf } from "./histogramPdf.ts";
export { fitMixtureYields, type MixtureFitOptions, type MixtureFitResult } from "./mixtureYieldFit.ts";
export type { Pdf } from "./pdf.ts";
export { sumPdf } from "./sumPdf.ts";
export { type TwoCbParams, twoCrystalBallPdf } from "./twoCrystalBallPdf.ts";
export { voigtPdf } from "./voigtPdf.ts";
