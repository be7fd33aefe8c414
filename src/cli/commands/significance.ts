import type { Command } from "commander";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { significance } from "../../stats/infer/significance.ts";
import type { CommandContext } from "../context.ts";
import { loadModel, withWorkspaceOptions } from "../workspaceModel.ts";

/** `mumux significance WS.json`: observed and expected discovery p0 and Z (asymptotic q0). */
export function register(program: Command, ctx: () => CommandContext): void {
  withWorkspaceOptions(program.command("significance"))
    .description("discovery significance: observed and expected (POI = 1) p0 and Z (asymptotic, q0)")
    .argument("<workspace>", "pyhf JSON workspace")
    .action(
      (
        file: string,
        o: { patch: string[]; measurement?: string; normsysCode?: string; histosysCode?: string },
      ) => {
        const c = ctx();
        const { model } = loadModel(file, o);
        const s = significance(new ModelFitter(model), model.data());
        c.result(
          { p0_obs: s.p0Obs, Z_obs: s.zObs, p0_exp: s.p0Exp, Z_exp: s.zExp, p0_exp_band: s.p0ExpBand },
          `observed: p0 = ${s.p0Obs.toPrecision(4)}, Z = ${s.zObs.toFixed(3)}\nexpected: p0 = ${s.p0Exp.toPrecision(4)}, Z = ${s.zExp.toFixed(3)}`,
        );
      },
    );
}
