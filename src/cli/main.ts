/**
 * The `mumux` command line. Parses arguments, builds the output context, dispatches to a
 * subcommand, and maps errors to exit codes: 0 ok, 1 failure, 2 bad usage or bad input.
 * Bad input prints one line (no stack trace unless --debug).
 */
import { Command, CommanderError } from "commander";
import { FitError, isUsageError } from "../core/errors.ts";
import { MUMUX_VERSION } from "../core/version.ts";
import { commands } from "./commands/index.ts";
import { type CommandContext, type GlobalOptions, makeContext } from "./context.ts";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Build the commander program (exported for tests). */
export function buildProgram(): { program: Command; context: () => CommandContext } {
  const program = new Command();
  program
    .name("mumux")
    .description("Searches for new light bosons in e+e- -> mu+ mu- X at B factories")
    .version(MUMUX_VERSION, "-V, --version")
    .option("--json", "print results as JSON on stdout", false)
    .option("-q, --quiet", "no progress or notes on stderr", false)
    .option("--debug", "show stack traces and extra diagnostics", false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // commander's own error text is already one line; we print it ourselves below
      writeErr: () => {},
    });
  let ctx: CommandContext | undefined;
  const context = (): CommandContext => {
    if (!ctx) {
      const o = program.opts<GlobalOptions>();
      ctx = makeContext({ json: !!o.json, quiet: !!o.quiet, debug: !!o.debug });
    }
    return ctx;
  };
  for (const register of commands) register(program, context);
  // global options are accepted after the subcommand too
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeErr: () => {} });
    sub.option("--json", "print results as JSON on stdout").option("-q, --quiet", "no progress on stderr");
    sub.option("--debug", "show stack traces");
    sub.hook("preAction", (_this, action) => {
      const o = action.opts<Partial<GlobalOptions>>();
      const g = program.opts<GlobalOptions>();
      if (o.json) g.json = true;
      if (o.quiet) g.quiet = true;
      if (o.debug) g.debug = true;
    });
  }
  return { program, context };
}

/** Run the CLI on `argv` (node-style, argv[0..1] are node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { program } = buildProgram();
  try {
    if (argv.length <= 2) {
      process.stdout.write(program.helpInformation());
      return EXIT_OK;
    }
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (e) {
    const debug = program.opts<GlobalOptions>().debug || argv.includes("--debug");
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0)
        return EXIT_OK;
      if (e.code === "commander.help") return EXIT_OK;
      process.stderr.write(`mumux: ${e.message.replace(/^error: /, "").split("\n")[0]}\n`);
      return EXIT_USAGE;
    }
    if (isUsageError(e)) {
      process.stderr.write(`mumux: ${e.message}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof FitError) {
      process.stderr.write(`mumux: fit failed: ${e.message}\n`);
      if (debug) process.stderr.write(`${JSON.stringify(e.state)}\n${e.stack}\n`);
      return EXIT_FAILURE;
    }
    const err = e as Error;
    process.stderr.write(`mumux: ${err?.message ?? String(e)}\n`);
    if (debug) process.stderr.write(`${err?.stack}\n`);
    else process.stderr.write("mumux: (run with --debug for the stack trace)\n");
    return EXIT_FAILURE;
  }
}
