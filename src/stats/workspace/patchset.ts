/**
 * Patch files as pyhf users write them: a bare RFC 6902 patch (a JSON array of operations), or a
 * pyhf patchset (`{"patches": [{"metadata": {"name", "values"}, "patch": [...]}, ...]}`) from
 * which one patch is chosen by name.
 */
import { InputError } from "../../core/errors.ts";
import { PATCHSET_SCHEMA } from "./schema.ts";
import type { PatchOp } from "./types.ts";
import { checkSchema } from "./validate.ts";

/** One named patch of a patchset. */
export interface NamedPatch {
  name: string;
  values: unknown[];
  patch: PatchOp[];
  /** JSON path of the patch inside its file, for error messages. */
  path: string;
}

/** True if the document looks like a patchset rather than a bare patch. */
export function isPatchSet(doc: unknown): boolean {
  return doc !== null && typeof doc === "object" && !Array.isArray(doc) && "patches" in (doc as object);
}

/** All patches of a patchset document, validated. */
export function patchesOf(doc: unknown, file?: string): NamedPatch[] {
  checkSchema(PATCHSET_SCHEMA, doc, file);
  const ps = doc as { patches: { metadata: { name: string; values?: unknown[] }; patch: PatchOp[] }[] };
  return ps.patches.map((p, i) => ({
    name: p.metadata.name,
    values: p.metadata.values ?? [],
    patch: p.patch,
    path: `/patches/${i}/patch`,
  }));
}

/**
 * The patch a `--patch` argument means: a bare patch file, or `name` chosen from a patchset.
 * @throws InputError when a patchset is given without a name, or the name is not in it
 */
export function selectPatch(
  doc: unknown,
  file: string | undefined,
  name?: string,
): { patch: PatchOp[]; path: string } {
  if (!isPatchSet(doc)) {
    if (name !== undefined)
      throw new InputError(
        `is a plain patch, not a patchset: remove ":${name}" from the --patch argument`,
        file,
      );
    return { patch: doc as PatchOp[], path: "" };
  }
  const all = patchesOf(doc, file);
  if (name === undefined) {
    if (all.length === 1) return all[0]!;
    throw new InputError(
      `is a patchset with ${all.length} patches; choose one with --patch FILE:NAME (e.g. ${file ?? "FILE"}:${all[0]!.name})`,
      file,
      "/patches",
    );
  }
  const p = all.find((x) => x.name === name);
  if (!p)
    throw new InputError(
      `no patch named "${name}" (there are ${all.length}, e.g. ${all
        .slice(0, 3)
        .map((x) => `"${x.name}"`)
        .join(", ")})`,
      file,
      "/patches",
    );
  return p;
}
