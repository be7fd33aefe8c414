/**
 * mumux public API. A small, typed surface over the stages; everything else is internal and may
 * change. Units: GeV, c = 1, radians (src/core/units.ts).
 *
 * @example
 * import { compileModel, Hypotester, ModelFitter, parseWorkspace, upperLimit } from "mumux";
 * const model = compileModel(parseWorkspace(json));
 * const lim = upperLimit(new Hypotester(new ModelFitter(model), model.data(), "qtilde"), { level: 0.1 });
 */

// analyses and interpretation
export * as invisible from "./analyses/invisible/index.ts";
// core
export { ConfigError, FitError, InputError, MumuxError } from "./core/errors.ts";
export type { Progress } from "./core/progress.ts";
export { Stream, stream } from "./core/random.ts";
export * as special from "./core/special.ts";
export * as units from "./core/units.ts";
export { MUMUX_VERSION } from "./core/version.ts";
export { belle2DefaultCard } from "./detector/belle2DefaultCard.ts";
export { compileCard, parseCard } from "./detector/card.ts";
export { simulate } from "./detector/simulate.ts";
// generators and detector
export { PROCESSES } from "./generate/processes/index.ts";
export { generateSignalChunk, prepareSignal, signalCrossSection } from "./generate/signal.ts";
// histograms
export { regularAxis, variableAxis } from "./hist/axis.ts";
export { Hist1D } from "./hist/hist1D.ts";
export { Hist2D } from "./hist/hist2D.ts";
export * from "./interpret/index.ts";
// io
export { readRecoEventsMetadata, writeRecoEventsParquet } from "./io/recoEventsParquet.ts";
export { readTruthEventsParquet, writeTruthEventsParquet } from "./io/truthEventsParquet.ts";
// physics: events, beams, models
export { beamFrame, belle2Beams } from "./physics/beams.ts";
export { deltaAmuPerCouplingSq, favouredCouplings, GM2_INPUTS } from "./physics/models/gminus2.ts";
export { scalarWidths } from "./physics/models/scalarWidths.ts";
export { zprimeBranchingFractions, zprimeWidths } from "./physics/models/zprimeWidths.ts";
export type { RecoEvents } from "./physics/recoEvents.ts";
export { type TruthEvents, TruthEventsBuilder } from "./physics/truthEvents.ts";
// running things
export { mergeBumpHunt, runBumpHunt } from "./pipeline/bumphunt/index.ts";
export { loadWorkspace } from "./pipeline/workspaceFiles.ts";
// statistics: HistFactory (pyhf JSON), inference, unbinned fits and scans
export { minimize } from "./stats/fit/minimize.ts";
export { compileModel } from "./stats/histfactory/compileModel.ts";
export { hypotest } from "./stats/infer/hypotest.ts";
export { Hypotester } from "./stats/infer/hypotester.ts";
export { ModelFitter } from "./stats/infer/modelFitter.ts";
export { significance } from "./stats/infer/significance.ts";
export { upperLimit } from "./stats/infer/upperLimit.ts";
export * as scan from "./stats/scan/index.ts";
export * as unbinned from "./stats/unbinned/index.ts";
export * from "./stats/workspace/index.ts";
