import type { Command } from "commander";
import { Hypotester } from "../../stats/infer/hypotester.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { levelFromCl } from "../../stats/infer/modelOptions.ts";
import { parseTestStat } from "../../stats/infer/testStatistic.ts";
import { upperLimit } from "../../stats/infer/upperLimit.ts";
import type { CommandContext } from "../context.ts";
import { loadModel, withWorkspaceOptions } from "../workspaceModel.ts";

/** `mumux upper-limit WS.json [--cl 0.90]`: observed and expected CLs upper limits on the POI. */
export function register(program: Command, ctx: () => CommandContext): void {
  withWorkspaceOptions(program.command("upper-limit"))
    .description("CLs upper limit on the POI, observed and expected -2..+2 sigma (asymptotic, qtilde)")
    .argument("<workspace>", "pyhf JSON workspace")
    .option("--cl <level>", "confidence level, e.g. 0.90 (Belle II) or 0.95", "0.95")
    .option("--test-stat <name>", "qtilde or q", "qtilde")
    .action(
      (
        file: string,
        o: {
          patch: string[];
          measurement?: string;
          cl: string;
          testStat: string;
          normsysCode?: string;
          histosysCode?: string;
        },
      ) => {
        const c = ctx();
        const level = levelFromCl(o.cl);
        const stat = parseTestStat(o.testStat);
        const { model } = loadModel(file, o);
        const lim = upperLimit(new Hypotester(new ModelFitter(model), model.data(), stat), { level });
        if (lim.fitFailures > 0)
          c.note(`warning: ${lim.fitFailures} fit(s) did not converge; their best attempts were used`);
        const cl = Math.round((1 - level) * 1e6) / 1e4;
        c.result(
          { obs: lim.obs, exp: lim.exp },
          `${cl}% CL upper limit on ${model.parNames[model.poiIndex]}: obs ${lim.obs.toPrecision(6)}\n` +
            `expected -2s..+2s: [${lim.exp.map((v) => v.toPrecision(6)).join(", ")}] (${lim.tested.length} hypothesis tests)`,
        );
      },
    );
}
