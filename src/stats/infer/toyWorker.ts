/**
 * Worker-thread side of toy generation: rebuild the model from its compiled arrays (structured
 * clone keeps typed arrays and Maps; building is cheap next to the fits) and return the toys'
 * test statistics.
 */
import { HistFactoryModel, type ModelArrays } from "../histfactory/model.ts";
import { ModelFitter } from "./modelFitter.ts";
import type { TestStatName } from "./testStatistic.ts";
import { toyTeststats } from "./toyCalculator.ts";

/** One chunk of toys. */
export interface ToyTask {
  arrays: ModelArrays;
  pars: Float64Array;
  mu: number;
  stat: TestStatName;
  seed: number;
  offset: number;
  count: number;
}

/** piscina entry point: test statistics of toys [offset, offset + count). */
export default function toyWorker(t: ToyTask): Float64Array {
  const fitter = new ModelFitter(new HistFactoryModel(t.arrays));
  return toyTeststats(fitter, t.pars, t.mu, t.stat, t.seed, t.offset, t.count);
}
