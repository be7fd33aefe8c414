import type { Command } from "commander";
import { loadWorkspace } from "../../pipeline/workspaceFiles.ts";
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { modifierSettingsFrom } from "../../stats/infer/modelOptions.ts";
import { significance } from "../../stats/infer/significance.ts";
import type { CommandContext } from "../context.ts";

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `mumux significance WS.json`: observed and expected discovery p0 and Z (asymptotic q0). */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("significance")
    .description("discovery significance: observed and expected (POI = 1) p0 and Z (asymptotic, q0)")
    .argument("<workspace>", "pyhf JSON workspace")
    .option(
      "--patch <file[:name]>",
      "apply a JSON patch (or one patch of a patchset); repeatable",
      collect,
      [],
    )
    .option("--measurement <name>", "measurement to use (default: the first)")
    .option("--normsys-code <code>", "normsys interpolation: 1 or 4 (default 4)")
    .option("--histosys-code <code>", "histosys interpolation: 0, 2 or 4p (default 4p)")
    .action(
      (
        file: string,
        o: { patch: string[]; measurement?: string; normsysCode?: string; histosysCode?: string },
      ) => {
        const c = ctx();
        const settings = modifierSettingsFrom(o.normsysCode, o.histosysCode);
        const { workspace } = loadWorkspace(file, o.patch);
        const model = compileModel(workspace, {
          modifierSettings: settings,
          file,
          ...(o.measurement !== undefined ? { measurement: o.measurement } : {}),
        });
        const s = significance(new ModelFitter(model), model.data());
        c.result(
          { p0_obs: s.p0Obs, Z_obs: s.zObs, p0_exp: s.p0Exp, Z_exp: s.zExp, p0_exp_band: s.p0ExpBand },
          `observed: p0 = ${s.p0Obs.toPrecision(4)}, Z = ${s.zObs.toFixed(3)}\nexpected: p0 = ${s.p0Exp.toPrecision(4)}, Z = ${s.zExp.toFixed(3)}`,
        );
      },
    );
}
