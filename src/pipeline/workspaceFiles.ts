/**
 * Load a pyhf workspace file and apply `--patch` arguments, validating each step.
 * A patch argument is `FILE` (a bare RFC 6902 patch, or a patchset with one patch) or
 * `FILE:NAME` (the patch named NAME of a patchset). The patched workspace is validated again,
 * so a patch that breaks bin counts is reported as well.
 */
import { readJsonFile } from "../io/readJson.ts";
import { applyPatch, parseWorkspace, selectPatch, type Workspace } from "../stats/workspace/index.ts";

/** Split `FILE:NAME` (the name is optional; a Windows drive letter is not a name). */
export function splitPatchArg(arg: string): { file: string; name?: string } {
  const i = arg.lastIndexOf(":");
  if (i <= 1 || arg.slice(i + 1).includes("/")) return { file: arg };
  return { file: arg.slice(0, i), name: arg.slice(i + 1) };
}

/**
 * @param file path of the workspace JSON
 * @param patches `--patch` arguments, applied in order
 * @returns the validated (patched) workspace and a label naming its sources
 * @throws InputError with the file and JSON path of the first problem
 */
export function loadWorkspace(
  file: string,
  patches: readonly string[] = [],
): { workspace: Workspace; label: string } {
  let ws = parseWorkspace(readJsonFile(file), file);
  const labels = [file];
  for (const arg of patches) {
    const { file: pfile, name } = splitPatchArg(arg);
    const { patch, path } = selectPatch(readJsonFile(pfile), pfile, name);
    const patched = applyPatch(ws, patch, pfile, path);
    labels.push(arg);
    ws = parseWorkspace(patched, `${file} patched by ${arg}`);
  }
  return { workspace: ws, label: labels.join(" + ") };
}
