import type { Command } from "commander";
import { loadWorkspace } from "../../pipeline/workspaceFiles.ts";
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import { Hypotester } from "../../stats/infer/hypotester.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { levelFromCl, modifierSettingsFrom } from "../../stats/infer/modelOptions.ts";
import { parseTestStat } from "../../stats/infer/testStatistic.ts";
import { upperLimit } from "../../stats/infer/upperLimit.ts";
import type { CommandContext } from "../context.ts";

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `mumux upper-limit WS.json [--cl 0.90]`: observed and expected CLs upper limits on the POI. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("upper-limit")
    .description("CLs upper limit on the POI, observed and expected -2..+2 sigma (asymptotic, qtilde)")
    .argument("<workspace>", "pyhf JSON workspace")
    .option(
      "--patch <file[:name]>",
      "apply a JSON patch (or one patch of a patchset); repeatable",
      collect,
      [],
    )
    .option("--measurement <name>", "measurement to use (default: the first)")
    .option("--cl <level>", "confidence level, e.g. 0.90 (Belle II) or 0.95", "0.95")
    .option("--test-stat <name>", "qtilde or q", "qtilde")
    .option("--normsys-code <code>", "normsys interpolation: 1 or 4 (default 4)")
    .option("--histosys-code <code>", "histosys interpolation: 0, 2 or 4p (default 4p)")
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
        const settings = modifierSettingsFrom(o.normsysCode, o.histosysCode);
        const { workspace } = loadWorkspace(file, o.patch);
        const model = compileModel(workspace, {
          modifierSettings: settings,
          file,
          ...(o.measurement !== undefined ? { measurement: o.measurement } : {}),
        });
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
