/**
 * `mumux widths --model zprime|scalar --mass M [--json]`: partial and total widths per coupling
 * squared and branching fractions (src/physics/models/). For the Z' also the fully invisible
 * benchmark: Gamma(Z' -> chi chibar) per alpha_D (complex-scalar chi, m_chi = M/3) and the alpha_D
 * giving Gamma = 0.1 M.
 */
import type { Command } from "commander";
import { alphaDForWidth, darkZprimeWidth } from "../../physics/models/darkZprimeWidth.ts";
import { scalarWidths } from "../../physics/models/scalarWidths.ts";
import { modelKind, parseMass } from "../../physics/models/signalModel.ts";
import { zprimeWidths } from "../../physics/models/zprimeWidths.ts";
import type { CommandContext } from "../context.ts";

/** `mumux widths`. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("widths")
    .description("widths per coupling squared and branching fractions of the Z' or S")
    .requiredOption("--model <name>", "zprime or scalar")
    .requiredOption("--mass <GeV>", "boson mass [GeV]")
    .action((o: { model: string; mass: string }) => {
      const c = ctx();
      const kind = modelKind(o.model, "--model");
      const mass = parseMass(o.mass, "--mass");
      if (kind === "vector") {
        const w = zprimeWidths(mass);
        const value = {
          model: o.model,
          mass,
          widths_per_gsq_GeV: {
            mumu: w.mumu,
            tautau: w.tautau,
            nu_per_flavour: w.nuPerFlavour,
            invisible: w.invisible,
            total: w.total,
          },
          branching_fractions: {
            mumu: w.mumu / w.total,
            tautau: w.tautau / w.total,
            invisible: w.invisible / w.total,
          },
          dark_sector: {
            chi: "complex-scalar, m_chi = M/3",
            width_per_alphaD_GeV: darkZprimeWidth(mass, 1),
            alphaD_for_width_0p1M: alphaDForWidth(0.1),
          },
        };
        c.result(
          value,
          `Z' (L_mu - L_tau), M = ${mass} GeV; widths per g'^2 [GeV]:\n` +
            `  mu mu ${w.mumu.toExponential(5)}  tau tau ${w.tautau.toExponential(5)}  nu nu (both) ${w.invisible.toExponential(5)}  total ${w.total.toExponential(5)}\n` +
            `  B(mu mu) = ${value.branching_fractions.mumu.toFixed(6)}  B(tau tau) = ${value.branching_fractions.tautau.toFixed(6)}  B(inv) = ${value.branching_fractions.invisible.toFixed(6)}\n` +
            `  dark chi chibar: Gamma = ${value.dark_sector.width_per_alphaD_GeV.toExponential(5)} GeV x alpha_D; Gamma = 0.1 M at alpha_D = ${value.dark_sector.alphaD_for_width_0p1M.toFixed(4)}`,
        );
      } else {
        const w = scalarWidths(mass);
        const value = {
          model: o.model,
          mass,
          widths_per_gsq_GeV: { mumu: w.mumu, gammagamma: w.gammagamma, total: w.total },
          branching_fractions: { mumu: w.bMumu, gammagamma: w.bGammagamma },
        };
        c.result(
          value,
          `scalar S, m = ${mass} GeV; widths per g_S^2 [GeV]: mu mu ${w.mumu.toExponential(5)}  gamma gamma ${w.gammagamma.toExponential(5)}\n` +
            `  B(mu mu) = ${w.bMumu.toFixed(6)}  B(gamma gamma) = ${w.bGammagamma.toExponential(3)}`,
        );
      }
    });
}
