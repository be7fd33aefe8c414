/**
 * Schema checking with ajv, turned into one-line InputErrors that name the JSON path.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { InputError } from "../../core/errors.ts";

const ajv = new Ajv({ allErrors: false, strict: false });
const cache = new Map<object, ValidateFunction>();

function compiled(schema: object): ValidateFunction {
  let v = cache.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    cache.set(schema, v);
  }
  return v;
}

/** Value at a JSON pointer (for quoting what was found). */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Short description of a JSON value for an error message. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function message(e: ErrorObject, doc: unknown): { path: string; text: string } {
  const found = atPointer(doc, e.instancePath);
  switch (e.keyword) {
    case "required":
      return {
        path: e.instancePath || "/",
        text: `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`,
      };
    case "additionalProperties":
      return {
        path: `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`,
        text: `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}" (check its spelling)`,
      };
    case "type":
      return { path: e.instancePath || "/", text: `${e.message}, found ${describe(found)}` };
    case "const":
      return {
        path: e.instancePath || "/",
        text: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, found ${describe(found)}`,
      };
    case "enum":
      return {
        path: e.instancePath || "/",
        text: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((x) => JSON.stringify(x)).join(", ")}, found ${describe(found)}`,
      };
    default:
      return { path: e.instancePath || "/", text: `${e.message}, found ${describe(found)}` };
  }
}

/**
 * Validate `doc` against `schema`; throw an InputError naming `file` and the JSON path of the
 * first problem. `pathPrefix` is prepended to paths (for documents nested in a larger file).
 */
export function checkSchema(schema: object, doc: unknown, file: string | undefined, pathPrefix = ""): void {
  const v = compiled(schema);
  if (v(doc)) return;
  const e = v.errors?.[0];
  if (!e) throw new InputError("does not match the expected format", file, pathPrefix || "/");
  const { path, text } = message(e, doc);
  throw new InputError(text, file, `${pathPrefix}${path === "/" && pathPrefix ? "" : path}`);
}
