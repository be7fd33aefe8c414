import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { hypotest } from "../../stats/infer/hypotest.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { intOption, numberOption } from "../../stats/infer/modelOptions.ts";
import { parseTestStat } from "../../stats/infer/testStatistic.ts";
import { toyHypotestParallel } from "../../stats/infer/toyHypotestParallel.ts";
import type { CommandContext } from "../context.ts";
import { loadModel, withWorkspaceOptions } from "../workspaceModel.ts";

interface ClsOpts {
  patch: string[];
  measurement?: string;
  poiValue: string;
  testStat: string;
  calctype: string;
  ntoys: string;
  seed: string;
  workers: string;
  normsysCode?: string;
  histosysCode?: string;
}

/** `mumux cls WS.json`: CLs at one POI value (pyhf `cls`), output keys as pyhf's. */
export function register(program: Command, ctx: () => CommandContext): void {
  withWorkspaceOptions(program.command("cls"))
    .description("CLs of a pyhf workspace at one POI value, observed and expected (like `pyhf cls`)")
    .argument("<workspace>", "pyhf JSON workspace")
    .option("--poi-value <mu>", "POI value to test", "1")
    .option("--test-stat <name>", "qtilde, q or q0 (also tmu, tmu_tilde)", "qtilde")
    .option("--calctype <type>", "asymptotics or toybased", "asymptotics")
    .option("--ntoys <n>", "toys per hypothesis (toybased)", "2000")
    .option("--seed <s>", "random seed (toybased)", "0")
    .option("--workers <n>", "worker threads for toys (toybased; results do not depend on it)", "1")
    .action(async (file: string, o: ClsOpts) => {
      const c = ctx();
      const stat = parseTestStat(o.testStat);
      if (o.calctype !== "asymptotics" && o.calctype !== "toybased")
        throw new ConfigError(`invalid calctype "${o.calctype}" (use asymptotics or toybased)`, "--calctype");
      const mu = stat === "q0" ? 0 : numberOption(o.poiValue, "--poi-value");
      const ntoys = intOption(o.ntoys, "--ntoys");
      const seed = intOption(o.seed, "--seed", 0);
      const workers = intOption(o.workers, "--workers");
      const { model } = loadModel(file, o);
      const toys = o.calctype === "toybased";
      const bar = toys ? c.progress("toys", 2 * ntoys) : null;
      const r =
        toys && workers > 1
          ? await toyHypotestParallel(new ModelFitter(model), model.data(), mu, {
              testStat: stat,
              ntoys,
              seed,
              workers,
              ...(bar ? { onToy: () => bar.tick() } : {}),
            })
          : hypotest(model, model.data(), mu, {
              testStat: stat,
              calctype: toys ? "toybased" : "asymptotics",
              ntoys,
              seed,
              ...(bar ? { onToy: () => bar.tick() } : {}),
            });
      bar?.done();
      if (r.fitFailures > 0)
        c.note(`warning: ${r.fitFailures} fit(s) did not converge; their best attempts were used`);
      const out = { CLs_obs: r.clsObs, CLs_exp: r.clsExp };
      c.result(
        out,
        `${stat === "q0" ? "p0" : "CLs"}_obs = ${r.clsObs.toPrecision(6)}\n${stat === "q0" ? "p0" : "CLs"}_exp (+2s..-2s) = [${r.clsExp.map((v) => v.toPrecision(6)).join(", ")}]`,
      );
    });
}
