/**
 * The options every pyhf-workspace command shares (`--patch`, `--measurement`,
 * `--normsys-code`, `--histosys-code`) and the one way to turn them into a compiled model.
 */
import type { Command } from "commander";
import { loadWorkspace } from "../pipeline/workspaceFiles.ts";
import { compileModel } from "../stats/histfactory/compileModel.ts";
import type { HistFactoryModel } from "../stats/histfactory/model.ts";
import { modifierSettingsFrom } from "../stats/infer/modelOptions.ts";
import type { Workspace } from "../stats/workspace/types.ts";

/** Parsed values of the shared options. */
export interface WorkspaceOptions {
  patch: string[];
  measurement?: string;
  normsysCode?: string;
  histosysCode?: string;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** Add `--patch`, `--measurement`, `--normsys-code`, `--histosys-code` to a command. */
export function withWorkspaceOptions(cmd: Command): Command {
  return cmd
    .option(
      "--patch <file[:name]>",
      "apply a JSON patch (or one patch of a patchset); repeatable",
      collect,
      [],
    )
    .option("--measurement <name>", "measurement to use (default: the first)")
    .option("--normsys-code <code>", "normsys interpolation: 1 or 4 (default 4)")
    .option("--histosys-code <code>", "histosys interpolation: 0, 2 or 4p (default 4p)");
}

/**
 * Load, patch, validate and compile the workspace named on the command line.
 * @throws InputError / ConfigError (exit 2) naming the file and JSON path of the first problem
 */
export function loadModel(
  file: string,
  o: WorkspaceOptions,
): { workspace: Workspace; model: HistFactoryModel } {
  const modifierSettings = modifierSettingsFrom(o.normsysCode, o.histosysCode);
  const { workspace } = loadWorkspace(file, o.patch);
  const model = compileModel(workspace, {
    modifierSettings,
    file,
    ...(o.measurement !== undefined ? { measurement: o.measurement } : {}),
  });
  return { workspace, model };
}
