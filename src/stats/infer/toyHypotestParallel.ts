/**
 * Toy-based hypothesis test on worker threads (piscina). Toys are split into chunks of
 * consecutive indices; toy j always draws from `stream(seed, j)`, so the result is identical to
 * {@link toyHypotest} for any number of workers.
 */
import { Piscina } from "piscina";
import type { ModelFitter } from "./modelFitter.ts";
import { type ToyHypotestResult, type ToyOptions, toyResult, toySetup } from "./toyCalculator.ts";
import type { ToyTask } from "./toyWorker.ts";

/** Options: those of the in-thread calculator plus the pool. */
export interface ParallelToyOptions extends ToyOptions {
  /** Worker threads (default 2). */
  workers?: number;
  /** Toys per task (default 100). */
  chunk?: number;
}

/**
 * @example
 * const r = await toyHypotestParallel(new ModelFitter(model), model.data(), 1, { ntoys: 2000, seed: 1, workers: 2 });
 */
export async function toyHypotestParallel(
  fitter: ModelFitter,
  data: ArrayLike<number>,
  mu: number,
  opts: ParallelToyOptions = {},
): Promise<ToyHypotestResult> {
  const stat = opts.testStat ?? "qtilde";
  const ntoys = opts.ntoys ?? 2000;
  const seed = opts.seed ?? 0;
  const chunk = Math.max(1, opts.chunk ?? 100);
  const workers = Math.max(1, opts.workers ?? 2);
  const { sbPars, bPars, tObs } = toySetup(fitter, data, mu, stat);
  const pool = new Piscina({
    filename: new URL("./toyWorker.mjs", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  const arrays = fitter.model.a;
  const run = async (pars: Float64Array, base: number): Promise<Float64Array> => {
    const out = new Float64Array(ntoys);
    const jobs: Promise<void>[] = [];
    for (let o = 0; o < ntoys; o += chunk) {
      const count = Math.min(chunk, ntoys - o);
      const task: ToyTask = { arrays, pars, mu, stat, seed, offset: base + o, count };
      jobs.push(
        (pool.run(task) as Promise<Float64Array>).then((v) => {
          out.set(v, o);
          for (let i = 0; i < count; i++) opts.onToy?.();
        }),
      );
    }
    await Promise.all(jobs);
    return out;
  };
  try {
    const [sb, b] = await Promise.all([run(sbPars, 0), run(bPars, ntoys)]);
    return toyResult(mu, stat, tObs, sb, b);
  } finally {
    await pool.destroy();
  }
}
