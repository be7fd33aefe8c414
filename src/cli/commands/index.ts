/**
 * The list of subcommands. Each file in this folder exports `register(program, ctx)`;
 * add one line here per command.
 */
import type { Command } from "commander";
import type { CommandContext } from "../context.ts";
import { register as bumphunt } from "./bumphunt.ts";
import { register as card } from "./card.ts";
import { register as cls } from "./cls.ts";
import { register as fit } from "./fit.ts";
import { register as generate } from "./generate.ts";
import { register as gm2 } from "./gm2.ts";
import { register as inspect } from "./inspect.ts";
import { register as misid } from "./misid.ts";
import { register as run } from "./run.ts";
import { register as significance } from "./significance.ts";
import { register as simulate } from "./simulate.ts";
import { register as upperLimit } from "./upper-limit.ts";
import { register as widths } from "./widths.ts";
import { register as xsec } from "./xsec.ts";

export const commands: ReadonlyArray<(program: Command, ctx: () => CommandContext) => void> = [
  run,
  misid,
  inspect,
  simulate,
  card,
  xsec,
  widths,
  gm2,
  generate,
  cls,
  upperLimit,
  fit,
  significance,
  bumphunt,
];
