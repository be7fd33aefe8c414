/**
 * HistFactory engine benchmarks (issue 3): fit, hypotest and 90% CL upper limit with expected
 * band on the Belle II-like invisible Z' model (105 parameters; pyhf: 3.5 s, 11.3 s, 465 s), the
 * 50-patch mass scan of limits on 1 and 2 worker threads (targets: <= 0.1 s per limit, <= 5 s
 * for the scan on 2 cores), and a synthetic model with per-bin shapesys on every sample.
 */
import { readFileSync } from "node:fs";
import { compileModel } from "../src/stats/histfactory/compileModel.ts";
import { Hypotester } from "../src/stats/infer/hypotester.ts";
import { limitScanPool, scanUpperLimits } from "../src/stats/infer/limitScan.ts";
import { ModelFitter } from "../src/stats/infer/modelFitter.ts";
import { upperLimit } from "../src/stats/infer/upperLimit.ts";
import type { PatchOp, Workspace } from "../src/stats/workspace/types.ts";
import { type BenchResult, measure } from "./harness.ts";

const SHARED = new URL("../../shared/validation/pyhf/belle2_like/", import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, SHARED), "utf8")) as T;

/** 3 channels x 40 bins, signal + 2 backgrounds, shapesys on every sample (360 gammas) + 2 normsys. */
export function syntheticShapesys(): Workspace {
  const channels = [];
  const observations = [];
  for (let c = 0; c < 3; c++) {
    const nb = 40;
    const sig = Array.from({ length: nb }, (_, b) => 8 * Math.exp(-0.5 * ((b - 20) / 3) ** 2));
    const b1 = Array.from({ length: nb }, (_, b) => 60 * Math.exp(-b / 25) + 5 * (c + 1));
    const b2 = Array.from({ length: nb }, (_, b) => 20 + 0.3 * b);
    const unc = (xs: number[], f: number) => xs.map((x) => f * Math.sqrt(x + 1));
    channels.push({
      name: `ch${c}`,
      samples: [
        {
          name: "bkg1",
          data: b1,
          modifiers: [
            { name: `shapesys_b1_${c}`, type: "shapesys" as const, data: unc(b1, 0.5) },
            { name: "norm_b1", type: "normsys" as const, data: { hi: 1.1, lo: 0.9 } },
          ],
        },
        {
          name: "bkg2",
          data: b2,
          modifiers: [
            { name: `shapesys_b2_${c}`, type: "shapesys" as const, data: unc(b2, 0.4) },
            { name: "norm_b2", type: "normsys" as const, data: { hi: 1.05, lo: 0.95 } },
          ],
        },
        {
          name: "signal",
          data: sig,
          modifiers: [
            { name: "mu", type: "normfactor" as const, data: null },
            { name: `shapesys_s_${c}`, type: "shapesys" as const, data: unc(sig, 0.2) },
          ],
        },
      ],
    });
    // deterministic pseudo-data: background + a fluctuation pattern, rounded
    observations.push({
      name: `ch${c}`,
      data: b1.map((v, b) => Math.round(v + b2[b]! + 3 * Math.sin(b * 1.7 + c))),
    });
  }
  return {
    channels,
    observations,
    measurements: [{ name: "m", config: { poi: "mu", parameters: [{ name: "mu", bounds: [[0, 50]] }] } }],
    version: "1.0.0",
  };
}

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const base = readJson<Workspace>("zprime_invisible_staterror.json");
  const m = compileModel(base);
  const f = new ModelFitter(m);
  const data = m.data();
  const note = `${m.npars} pars, ${m.nMain} bins`;
  out.push(await measure("belle2-like: model build", "ms", () => compileModel(base), { runs: 21, note }));
  out.push(
    await measure(
      "belle2-like: twice_nll + grad + Hessian",
      "us",
      () => {
        const g = new Float64Array(m.npars);
        const H = new Float64Array(m.npars * m.npars);
        for (let i = 0; i < 1000; i++) m.twiceNllGradHess(m.init, data, g, H);
      },
      { runs: 7, toValue: (ms) => ms, note: "per evaluation (1000 per run)" },
    ),
  );
  out.push(
    await measure("belle2-like: MLE fit", "ms", () => f.fit(data), { runs: 21, note: "pyhf SLSQP: 3500 ms" }),
  );
  out.push(
    await measure(
      "belle2-like: hypotest (qtilde, expected set)",
      "ms",
      () => new Hypotester(f, data).test(1),
      {
        runs: 21,
        note: "pyhf: 11300 ms",
      },
    ),
  );
  out.push(
    await measure(
      "belle2-like: 90% CL upper limit + band",
      "ms",
      () => upperLimit(new Hypotester(f, data), { level: 0.1 }),
      {
        runs: 11,
        note: "target <= 100 ms; pyhf: 465000 ms",
      },
    ),
  );
  const patches = readJson<{ patches: { metadata: { name: string }; patch: PatchOp[] }[] }>(
    "zprime_invisible_scan_patches.json",
  ).patches.map((p) => ({ name: p.metadata.name, patch: p.patch }));
  out.push(
    await measure(
      "belle2-like: 50 patch limits, 1 thread",
      "s",
      () => scanUpperLimits(base, patches, { level: 0.1 }),
      {
        runs: 5,
        toValue: (ms) => ms / 1000,
      },
    ),
  );
  const pool = limitScanPool(2);
  try {
    out.push(
      await measure(
        "belle2-like: 50 patch limits, 2 workers",
        "s",
        () => scanUpperLimits(base, patches, { level: 0.1, pool }),
        {
          runs: 5,
          toValue: (ms) => ms / 1000,
          note: "target <= 5 s; pool started once",
        },
      ),
    );
  } finally {
    await pool.destroy();
  }
  const sws = syntheticShapesys();
  const sm = compileModel(sws);
  const sf = new ModelFitter(sm);
  const sd = sm.data();
  const snote = `${sm.npars} pars, ${sm.nMain} bins`;
  out.push(await measure("synthetic shapesys: MLE fit", "ms", () => sf.fit(sd), { runs: 11, note: snote }));
  out.push(
    await measure("synthetic shapesys: hypotest", "ms", () => new Hypotester(sf, sd).test(1), {
      runs: 11,
      note: snote,
    }),
  );
  out.push(
    await measure(
      "synthetic shapesys: 95% CL limit + band",
      "ms",
      () => upperLimit(new Hypotester(sf, sd), { level: 0.05 }),
      {
        runs: 5,
        note: snote,
      },
    ),
  );
  return out;
}
