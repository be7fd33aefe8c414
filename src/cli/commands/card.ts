import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { readCard } from "../../detector/card.ts";
import type { CommandContext } from "../context.ts";

/** `mumux card --print` writes the built-in detector card; `mumux card --check FILE` validates one. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("card")
    .description("print the built-in Belle II detector card (JSON) or validate a card file")
    .option("--print", "write the default card to stdout")
    .option("--check <file>", "validate a card file (one line naming the bad key, exit 2)")
    .action((o: { print?: boolean; check?: string }) => {
      const c = ctx();
      if (o.check) {
        const card = readCard(o.check);
        c.result(
          { file: o.check, valid: true, name: card.name },
          `${o.check}: valid detector card "${card.name}"`,
        );
        return;
      }
      if (!o.print) throw new ConfigError("give --print or --check <file>", "card");
      process.stdout.write(`${JSON.stringify(belle2DefaultCard(), null, 2)}\n`);
    });
}
