/**
 * The list of subcommands. Each file in this folder exports `register(program, ctx)`;
 * add one line here per command.
 */
import type { Command } from "commander";
import type { CommandContext } from "../context.ts";
import { register as inspect } from "./inspect.ts";
import { register as run } from "./run.ts";

export const commands: ReadonlyArray<(program: Command, ctx: () => CommandContext) => void> = [run, inspect];
