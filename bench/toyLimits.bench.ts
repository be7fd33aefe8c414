/**
 * Toy-based CLs upper limits (stats/infer/toyUpperLimit.ts): the one-bin counting model of the
 * tests (b = 3, n = 2; 4000 toys, 10 POI values) and the Belle II-like invisible Z' model (105
 * parameters; 200 toys, 8 POI values). Every fit starts from the model's init (exact ties), so
 * these figures are the cost per fit of cold starts times the number of fits printed.
 */
import { readFileSync } from "node:fs";
import { compileModel } from "../src/stats/histfactory/compileModel.ts";
import { Hypotester } from "../src/stats/infer/hypotester.ts";
import { ModelFitter } from "../src/stats/infer/modelFitter.ts";
import { ToyHypotester, toyUpperLimit } from "../src/stats/infer/toyUpperLimit.ts";
import { upperLimit } from "../src/stats/infer/upperLimit.ts";
import { countingWorkspace } from "../src/stats/testdata/countingWorkspace.ts";
import type { Workspace } from "../src/stats/workspace/types.ts";
import { type BenchResult, measure } from "./harness.ts";

const SHARED = new URL("../../shared/validation/pyhf/belle2_like/", import.meta.url);

const counting = countingWorkspace(3, 2);

/** Toy limit on a grid spanning the asymptotic band (as `mumux upper-limit --calctype toybased`). */
function toyLimit(ws: Workspace, ntoys: number, points: number) {
  const m = compileModel(ws);
  const f = new ModelFitter(m);
  const a = upperLimit(new Hypotester(f, m.data()), { level: 0.1 });
  const lo = 0.9 * a.exp[0]!;
  const hi = 2.2 * Math.max(a.obs, a.exp[4]!);
  const grid = Array.from({ length: points }, (_, i) => lo * (hi / lo) ** (i / (points - 1)));
  const t = new ToyHypotester(f, m.data(), { ntoys, seed: 1 });
  const lim = toyUpperLimit(t, grid, { level: 0.1 });
  return { fits: t.fits, points: lim.tested.length };
}

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const c = toyLimit(counting, 4000, 10);
  out.push(
    await measure("counting 1 bin: toy 90% CL limit, 4000 toys", "s", () => toyLimit(counting, 4000, 10), {
      runs: 5,
      toValue: (ms) => ms / 1000,
      note: `${c.fits} fits, ${c.points} POI values`,
    }),
  );
  const b2 = JSON.parse(
    readFileSync(new URL("zprime_invisible_staterror.json", SHARED), "utf8"),
  ) as Workspace;
  const b = toyLimit(b2, 200, 8);
  out.push(
    await measure("belle2-like: toy 90% CL limit, 200 toys", "s", () => toyLimit(b2, 200, 8), {
      runs: 3,
      toValue: (ms) => ms / 1000,
      note: `${b.fits} fits, ${b.points} POI values`,
    }),
  );
  return out;
}
