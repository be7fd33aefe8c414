/**
 * `mumux xsec --model zprime|scalar --mass M [--isr] [--sqrts-min X] [--sqrts E] [--json]`:
 * sigma(e+e- -> mu+ mu- X) for coupling 1 (Born, or with leading-log ISR), by quadrature
 * (src/generate/mumuXCrossSection.ts). Prints {"model", "mass", "sigma_fb", "sigma_err_fb", "isr",
 * "sqrts", "sqrts_min"}.
 *
 * Extension point: cross sections are looked up in {@link XSEC_PROVIDERS} by name; a
 * `--process NAME` option (background processes, issue 6) adds its own table and branches before
 * the model lookup (see the comment in the action).
 */
import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { M_MU } from "../../core/units.ts";
import { bornCrossSection, type CrossSection, isrCrossSection } from "../../generate/mumuXCrossSection.ts";
import { modelKind, parseMass } from "../../physics/models/signalModel.ts";
import type { CommandContext } from "../context.ts";
import { backgroundCrossSection } from "./generateBackground.ts";

/** What a cross-section provider gets. */
export interface XsecRequest {
  /** Boson mass [GeV] (signal models). */
  readonly mass: number;
  /** sqrt(s) [GeV]. */
  readonly sqrtS: number;
  /** Leading-log ISR on. */
  readonly isr: boolean;
  /** Lowest sqrt(s') with ISR [GeV]. */
  readonly sqrtsMin: number;
}

/** Cross-section providers by model name (coupling 1). */
export const XSEC_PROVIDERS: Readonly<Record<string, (r: XsecRequest) => CrossSection>> = {
  zprime: (r) =>
    r.isr
      ? isrCrossSection("vector", r.sqrtS, r.mass, { sqrtsMin: r.sqrtsMin })
      : bornCrossSection("vector", r.sqrtS, r.mass),
  scalar: (r) =>
    r.isr
      ? isrCrossSection("scalar", r.sqrtS, r.mass, { sqrtsMin: r.sqrtsMin })
      : bornCrossSection("scalar", r.sqrtS, r.mass),
};

function positive(text: string, where: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || !(v > 0))
    throw new ConfigError(`must be a positive number, got "${text}"`, where);
  return v;
}

/** Options of `mumux xsec` as commander hands them over. */
interface XsecCliOptions {
  model?: string;
  mass?: string;
  isr: boolean;
  sqrtsMin: string;
  sqrts: string;
  /** A background process (issue 6) instead of a signal model. */
  process?: string;
  preselect?: boolean;
}

/** `mumux xsec`. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("xsec")
    .description(
      "signal cross section e+e- -> mu+ mu- X for coupling 1 (Born or ISR), or a background: --process NAME",
    )
    .option("--model <name>", "zprime (L_mu-L_tau vector) or scalar (muonphilic S)")
    .option("--mass <GeV>", "boson mass [GeV]")
    .option("--process <name>", "a background process instead of a signal model (mumu, tautau, eemumu, ...)")
    .option("--preselect", "with --process: apply the documented generator-level preselection", false)
    .option("--isr", "include initial-state radiation (Kuraev-Fadin, leading log)", false)
    .option("--sqrts-min <GeV>", "with --isr: lowest sqrt(s') kept [GeV]", "2")
    .option("--sqrts <GeV>", "centre-of-mass energy [GeV]", "10.58")
    .action((o: XsecCliOptions) => {
      const c = ctx();
      if (o.process !== undefined) {
        const v = backgroundCrossSection(o.process, !!o.preselect);
        const f = (x: unknown) => (x as number).toPrecision(6);
        return c.result(
          v,
          `sigma(${o.process}${o.preselect ? ", preselected" : ""}) = ${f(v.sigma_fb)} +- ${f(v.sigma_err_fb)} fb`,
        );
      }
      if (o.model === undefined) throw new ConfigError("is required (or give --process NAME)", "--model");
      if (o.mass === undefined) throw new ConfigError("is required with --model", "--mass");
      modelKind(o.model, "--model");
      const provider = XSEC_PROVIDERS[o.model];
      if (!provider) throw new ConfigError(`unknown model "${o.model}"`, "--model");
      const sqrtS = positive(o.sqrts, "--sqrts");
      const mass = parseMass(o.mass, "--mass", sqrtS - 2 * M_MU);
      const sqrtsMin = Number(o.sqrtsMin);
      if (!Number.isFinite(sqrtsMin) || sqrtsMin < 0 || sqrtsMin >= sqrtS)
        throw new ConfigError(`must be in [0, sqrt(s)) GeV, got "${o.sqrtsMin}"`, "--sqrts-min");
      const xs = provider({ mass, sqrtS, isr: o.isr, sqrtsMin });
      const value = {
        model: o.model,
        mass,
        sigma_fb: xs.sigma,
        sigma_err_fb: xs.error,
        isr: o.isr,
        sqrts: sqrtS,
        sqrts_min: o.isr ? Math.max(sqrtsMin, mass + 2 * M_MU) : null,
      };
      c.result(
        value,
        `sigma(e+e- -> mu+ mu- ${o.model === "zprime" ? "Z'" : "S"}) at sqrt(s) = ${sqrtS} GeV, M = ${mass} GeV, g = 1` +
          `${o.isr ? `, ISR (sqrt(s') > ${value.sqrts_min!.toFixed(3)} GeV)` : ", Born"}:\n` +
          `  ${xs.sigma.toPrecision(6)} +- ${xs.error.toPrecision(2)} fb   (scales as g^2)`,
      );
    });
}
