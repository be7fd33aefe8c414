import type { Command } from "commander";
import type { CommandContext } from "../context.ts";

/** `mumux run`: the full analysis chain on the embedded default. Not built yet (issue 8). */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("run")
    .description("run the whole analysis chain on the embedded simulated data set (not built yet)")
    .option("--out <dir>", "output directory", "mumux-out")
    .action(() => {
      const c = ctx();
      c.result(
        { status: "not-built", message: "the end-to-end analysis is not built yet" },
        "mumux run: the end-to-end analysis is not built yet; the foundation (core kernels, histograms,\n" +
          "CLI) is in place. See README.md for what exists today.",
      );
    });
}
