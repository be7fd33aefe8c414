/**
 * RFC 6902 JSON Patch, applied to a copy of a document (the input is never modified).
 * A failing operation throws an InputError naming the patch file and the operation's path in it
 * (`/3/path` = the fourth operation's target), plus what was missing in the document.
 */
import { InputError } from "../../core/errors.ts";
import { JSONPATCH_SCHEMA } from "./schema.ts";
import type { PatchOp } from "./types.ts";
import { checkSchema } from "./validate.ts";

type Json = unknown;

function decode(pointer: string, file: string | undefined, where: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/"))
    throw new InputError(`JSON pointer "${pointer}" must start with "/"`, file, where);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  return (
    ka.length === kb.length &&
    ka.every(
      (k, i) => k === kb[i] && deepEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]),
    )
  );
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

/** Resolve the parent container of a pointer's last token. */
function parentOf(doc: Json, tokens: string[], fail: (msg: string) => never): [Json, string] {
  let cur = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (Array.isArray(cur)) {
      const k = Number(t);
      if (!/^\d+$/.test(t) || k >= cur.length) fail(`/${tokens.slice(0, i + 1).join("/")} does not exist`);
      cur = cur[k];
    } else if (cur !== null && typeof cur === "object") {
      if (!(t in (cur as object))) fail(`/${tokens.slice(0, i + 1).join("/")} does not exist`);
      cur = (cur as Record<string, Json>)[t];
    } else fail(`/${tokens.slice(0, i + 1).join("/")} is not an object or array`);
  }
  return [cur, tokens[tokens.length - 1]!];
}

function get(doc: Json, tokens: string[], fail: (msg: string) => never): Json {
  if (tokens.length === 0) return doc;
  const [parent, key] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) {
    const k = Number(key);
    if (!/^\d+$/.test(key) || k >= parent.length) fail(`/${tokens.join("/")} does not exist`);
    return parent[k];
  }
  if (parent === null || typeof parent !== "object" || !(key in (parent as object)))
    fail(`/${tokens.join("/")} does not exist`);
  return (parent as Record<string, Json>)[key];
}

function remove(doc: Json, tokens: string[], fail: (msg: string) => never): Json {
  const [parent, key] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) {
    const k = Number(key);
    if (!/^\d+$/.test(key) || k >= parent.length) fail(`/${tokens.join("/")} does not exist`);
    return parent.splice(k, 1)[0];
  }
  if (parent === null || typeof parent !== "object" || !(key in (parent as object)))
    fail(`/${tokens.join("/")} does not exist`);
  const v = (parent as Record<string, Json>)[key];
  delete (parent as Record<string, Json>)[key];
  return v;
}

function add(doc: Json, tokens: string[], value: Json, fail: (msg: string) => never): Json {
  if (tokens.length === 0) return value;
  const [parent, key] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) {
    if (key === "-") parent.push(value);
    else {
      const k = Number(key);
      if (!/^\d+$/.test(key) || k > parent.length)
        fail(`index ${key} is out of range for /${tokens.slice(0, -1).join("/")} (length ${parent.length})`);
      parent.splice(k, 0, value);
    }
  } else if (parent !== null && typeof parent === "object") (parent as Record<string, Json>)[key] = value;
  else fail(`/${tokens.slice(0, -1).join("/")} is not an object or array`);
  return doc;
}

/**
 * Apply the operations of one patch to a copy of `doc`.
 * @param file the patch file's name for error messages
 * @param prefix JSON path of the patch inside its file (e.g. `/patches/4/patch`)
 */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[], file?: string, prefix = ""): T {
  checkSchema(JSONPATCH_SCHEMA, ops, file, prefix);
  let out: Json = clone(doc);
  ops.forEach((op, i) => {
    const where = `${prefix}/${i}`;
    const fail = (msg: string): never => {
      throw new InputError(
        `patch operation "${op.op}" ${op.path} cannot be applied: ${msg} in the workspace`,
        file,
        `${where}/path`,
      );
    };
    const path = decode(op.path, file, `${where}/path`);
    switch (op.op) {
      case "add":
        out = add(out, path, clone(op.value), fail);
        break;
      case "remove":
        if (path.length === 0) fail("the whole document cannot be removed");
        remove(out, path, fail);
        break;
      case "replace":
        get(out, path, fail);
        if (path.length === 0) out = clone(op.value);
        else {
          remove(out, path, fail);
          out = add(out, path, clone(op.value), fail);
        }
        break;
      case "move": {
        const from = decode(op.from, file, `${where}/from`);
        const v = remove(out, from, fail);
        out = add(out, path, v, fail);
        break;
      }
      case "copy": {
        const from = decode(op.from, file, `${where}/from`);
        out = add(out, path, clone(get(out, from, fail)), fail);
        break;
      }
      case "test":
        if (!deepEqual(get(out, path, fail), op.value))
          throw new InputError(`patch test at ${op.path} failed: the value differs`, file, `${where}/value`);
        break;
    }
  });
  return out as T;
}
