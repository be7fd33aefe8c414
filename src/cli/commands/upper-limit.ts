import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { Hypotester } from "../../stats/infer/hypotester.ts";
import { ModelFitter } from "../../stats/infer/modelFitter.ts";
import { intOption, levelFromCl } from "../../stats/infer/modelOptions.ts";
import { parseTestStat } from "../../stats/infer/testStatistic.ts";
import { ToyHypotester, toyUpperLimit } from "../../stats/infer/toyUpperLimit.ts";
import { upperLimit } from "../../stats/infer/upperLimit.ts";
import type { CommandContext } from "../context.ts";
import { loadModel, withWorkspaceOptions } from "../workspaceModel.ts";

interface UpperLimitOpts {
  patch: string[];
  measurement?: string;
  cl: string;
  testStat: string;
  calctype: string;
  ntoys: string;
  seed: string;
  gridPoints: string;
  normsysCode?: string;
  histosysCode?: string;
}

/**
 * `mumux upper-limit WS.json [--cl 0.90] [--calctype toybased]`: observed and expected CLs upper
 * limits on the POI. Toy-based limits scan CLs on a geometric grid from 0.9 x the asymptotic
 * -2 sigma limit to 2.2 x the larger of the asymptotic observed and +2 sigma limits (extended
 * where a curve is not bracketed; toyUpperLimit.ts), every point with the same toys.
 */
export function register(program: Command, ctx: () => CommandContext): void {
  withWorkspaceOptions(program.command("upper-limit"))
    .description("CLs upper limit on the POI, observed and expected -2..+2 sigma (asymptotic or toy-based)")
    .argument("<workspace>", "pyhf JSON workspace")
    .option("--cl <level>", "confidence level, e.g. 0.90 (Belle II) or 0.95", "0.95")
    .option("--test-stat <name>", "qtilde or q", "qtilde")
    .option("--calctype <type>", "asymptotics or toybased", "asymptotics")
    .option("--ntoys <n>", "toys per hypothesis and set (toybased)", "1000")
    .option("--seed <s>", "random seed (toybased)", "0")
    .option("--grid-points <n>", "POI values of the toy scan (toybased, >= 2)", "10")
    .action((file: string, o: UpperLimitOpts) => {
      const c = ctx();
      const level = levelFromCl(o.cl);
      const stat = parseTestStat(o.testStat);
      if (o.calctype !== "asymptotics" && o.calctype !== "toybased")
        throw new ConfigError(`invalid calctype "${o.calctype}" (use asymptotics or toybased)`, "--calctype");
      const toys = o.calctype === "toybased";
      const ntoys = intOption(o.ntoys, "--ntoys");
      const seed = intOption(o.seed, "--seed", 0);
      const nGrid = intOption(o.gridPoints, "--grid-points", 2);
      const { model } = loadModel(file, o);
      const fitter = new ModelFitter(model);
      const asym = upperLimit(new Hypotester(fitter, model.data(), stat), { level });
      const cl = Math.round((1 - level) * 1e6) / 1e4;
      const poi = model.parNames[model.poiIndex];
      if (!toys) {
        if (asym.fitFailures > 0)
          c.note(`warning: ${asym.fitFailures} fit(s) did not converge; their best attempts were used`);
        c.result(
          { obs: asym.obs, exp: asym.exp },
          `${cl}% CL upper limit on ${poi}: obs ${asym.obs.toPrecision(6)}\n` +
            `expected -2s..+2s: [${asym.exp.map((v) => v.toPrecision(6)).join(", ")}] (${asym.tested.length} hypothesis tests)`,
        );
        return;
      }
      const lo = 0.9 * asym.exp[0]!;
      const hi = 2.2 * Math.max(asym.obs, asym.exp[4]!);
      if (!(lo > 0 && hi > lo))
        throw new ConfigError(`no toy grid from the asymptotic limits [${lo}, ${hi}]`, file);
      const grid = Array.from({ length: nGrid }, (_, i) => lo * (hi / lo) ** (i / (nGrid - 1)));
      const tester = new ToyHypotester(fitter, model.data(), { testStat: stat, ntoys, seed });
      c.note(
        `toy-based limit: ${nGrid} POI values from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}, ${ntoys} toys each`,
      );
      let lim: ReturnType<typeof toyUpperLimit>;
      try {
        lim = toyUpperLimit(tester, grid, { level });
      } catch (e) {
        if (e instanceof RangeError)
          throw new ConfigError(
            `${e.message}: the toy scan did not bracket CLs = ${level}; try more --ntoys`,
            file,
          );
        throw e;
      }
      if (lim.failedToys > 0) c.note(`warning: ${lim.failedToys} toy(s) dropped because a fit failed`);
      c.result(
        {
          obs: lim.obs,
          obs_toy_error: lim.obsError,
          exp: lim.exp,
          asymptotic: { obs: asym.obs, exp: asym.exp },
          failed_toys: lim.failedToys,
        },
        `${cl}% CL upper limit on ${poi} (toys): obs ${lim.obs.toPrecision(4)}${Number.isFinite(lim.obsError) ? ` +- ${lim.obsError.toPrecision(2)} (toy statistics)` : ""}\n` +
          `expected -2s..+2s: [${lim.exp.map((v) => v.toPrecision(4)).join(", ")}] (${lim.tested.length} POI values, ${tester.fits} fits)\n` +
          `asymptotic: obs ${asym.obs.toPrecision(4)}, expected median ${asym.exp[2]!.toPrecision(4)}`,
      );
    });
}
