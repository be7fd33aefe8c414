import type { Command } from "commander";
import { goodnessOfFit } from "../../stats/infer/goodnessOfFit.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import type { CommandContext } from "../context.ts";
import { loadModel, withWorkspaceOptions } from "../workspaceModel.ts";

/** `mumux fit WS.json`: maximum-likelihood fit with HESSE uncertainties (like `pyhf fit --value`). */
export function register(program: Command, ctx: () => CommandContext): void {
  withWorkspaceOptions(program.command("fit"))
    .description("maximum-likelihood fit of a pyhf workspace: best-fit values, uncertainties, twice_nll")
    .argument("<workspace>", "pyhf JSON workspace")
    .action(
      (
        file: string,
        o: { patch: string[]; measurement?: string; normsysCode?: string; histosysCode?: string },
      ) => {
        const c = ctx();
        const { model } = loadModel(file, o);
        const data = model.data();
        const r = new ModelFitter(model).fit(data, { hesse: true });
        const errors = r.errors ? [...r.errors] : model.parNames.map(() => Number.NaN);
        // pyhf's `mle_parameters`: values grouped by parameter set, in par_order
        const mle: Record<string, number[]> = {};
        const unc: Record<string, number[]> = {};
        model.parNames.forEach((name, i) => {
          const set = name.replace(/\[\d+\]$/, "");
          (mle[set] ??= []).push(r.pars[i]!);
          (unc[set] ??= []).push(errors[i]!);
        });
        const gof = goodnessOfFit(model, r.pars, data);
        const out = {
          par_names: model.parNames,
          bestfit: [...r.pars],
          uncertainties: errors,
          mle_parameters: mle,
          mle_uncertainties: unc,
          twice_nll: r.twiceNll,
          goodness_of_fit: { chi2: gof.chi2, ndof: gof.ndof, p_value: gof.pValue },
        };
        const w = Math.max(...model.parNames.map((n) => n.length));
        c.result(
          out,
          [
            ...model.parNames.map(
              (n, i) =>
                `${n.padEnd(w)}  ${r.pars[i]!.toPrecision(6).padStart(12)} +- ${errors[i]!.toPrecision(3)}`,
            ),
            `twice_nll = ${r.twiceNll.toPrecision(10)}; saturated chi2 = ${gof.chi2.toPrecision(4)} / ${gof.ndof} (p = ${gof.pValue.toPrecision(3)})`,
          ].join("\n"),
        );
      },
    );
}
