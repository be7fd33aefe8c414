/**
 * `mumux gm2 --model zprime|scalar --mass M [--json]`: one-loop Delta a_mu per coupling squared
 * and the couplings reproducing the measured anomaly (central, -2 sigma, +2 sigma) for the 2021,
 * 2023 and 2025 inputs (src/physics/models/gminus2.ts). null = no positive coupling (the band
 * reaches zero).
 */
import type { Command } from "commander";
import { deltaAmuPerCouplingSq, favouredCouplings, GM2_INPUTS } from "../../physics/models/gminus2.ts";
import { modelKind, parseMass } from "../../physics/models/signalModel.ts";
import type { CommandContext } from "../context.ts";

/** `mumux gm2`. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("gm2")
    .description("(g-2)_mu: Delta a_mu per coupling squared and the favoured couplings")
    .requiredOption("--model <name>", "zprime or scalar")
    .requiredOption("--mass <GeV>", "boson mass [GeV]")
    .action((o: { model: string; mass: string }) => {
      const c = ctx();
      const kind = modelKind(o.model, "--model");
      const mass = parseMass(o.mass, "--mass");
      const per = deltaAmuPerCouplingSq(kind, mass);
      const fav = favouredCouplings(kind, mass);
      const value = {
        model: o.model,
        mass,
        delta_a_mu_per_gsq: per,
        favoured: fav.map((f, i) => ({
          year: f.year,
          delta_a_mu: GM2_INPUTS[i]!.central,
          delta_a_mu_sigma: GM2_INPUTS[i]!.sigma,
          input: GM2_INPUTS[i]!.description,
          central: f.central,
          minus2sigma: f.minus2sigma,
          plus2sigma: f.plus2sigma,
        })),
      };
      const fmt = (g: number | null): string => (g === null ? "   none   " : g.toExponential(4));
      c.result(
        value,
        `(g-2)_mu, ${o.model}, M = ${mass} GeV: Delta a_mu / g^2 = ${per.toExponential(6)}\n` +
          value.favoured
            .map(
              (f) =>
                `  ${f.year} (Delta a = ${(f.delta_a_mu * 1e11).toFixed(0)} +- ${(f.delta_a_mu_sigma * 1e11).toFixed(0)} e-11): g = ${fmt(f.central)}  [-2 sigma ${fmt(f.minus2sigma)}, +2 sigma ${fmt(f.plus2sigma)}]`,
            )
            .join("\n"),
      );
    });
}
