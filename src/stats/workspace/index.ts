/**
 * pyhf JSON workspaces: types, validation, patches. Reading files is not done here (stats/ does
 * no I/O): src/io/readJson.ts reads JSON text, src/pipeline/workspaceFiles.ts `loadWorkspace`
 * combines both for the CLI.
 */
export { applyPatch } from "./applyPatch.ts";
export { getMeasurement, parseWorkspace } from "./parseWorkspace.ts";
export { isPatchSet, type NamedPatch, patchesOf, selectPatch } from "./patchset.ts";
export * from "./types.ts";
