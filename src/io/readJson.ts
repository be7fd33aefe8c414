/**
 * Read a JSON file with errors a physicist can act on: a missing or unreadable file, a syntax
 * error (with line and column), and non-finite numbers. Python's json module writes NaN,
 * Infinity and -Infinity, which are not JSON; they are reported with their JSON path instead of
 * a bare parse error, and so are numbers too large for a double (1e999).
 */
import { readFileSync } from "node:fs";
import { InputError } from "../core/errors.ts";

const SENTINEL = "\u0000mumux-nonfinite:";

/** Replace bare NaN / Infinity / -Infinity tokens outside strings by sentinel strings. */
function protectNonFinite(text: string): string {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const tok of ["-Infinity", "Infinity", "NaN"]) {
      if (text.startsWith(tok, i)) {
        out += `${text.slice(last, i)}"\\u0000mumux-nonfinite:${tok}"`; // JSON escape of SENTINEL
        i += tok.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const col = pos - before.lastIndexOf("\n");
  return `line ${line}, column ${col}`;
}

/** Throw if any number in `doc` is non-finite (or a protected NaN/Infinity token). */
function checkFinite(doc: unknown, file: string, path: string): void {
  if (typeof doc === "number") {
    if (!Number.isFinite(doc))
      throw new InputError(`non-finite number (${doc}); write a finite value`, file, path || "/");
  } else if (typeof doc === "string") {
    if (doc.startsWith(SENTINEL))
      throw new InputError(
        `non-finite number ${doc.slice(SENTINEL.length)}; write a finite value`,
        file,
        path || "/",
      );
  } else if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) checkFinite(doc[i], file, `${path}/${i}`);
  } else if (doc !== null && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc))
      checkFinite(v, file, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
}

/** Parse JSON text; `file` names the source in errors. */
export function parseJsonText(text: string, file: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(protectNonFinite(text));
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const where = m ? lineCol(text, Number(m[1])) : undefined;
    throw new InputError(`not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, "")})`, file, where);
  }
  checkFinite(doc, file, "");
  return doc;
}

/**
 * Read and parse a JSON file.
 * @throws InputError for a missing/unreadable file, invalid JSON (line, column) or a non-finite number (JSON path)
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory, not a JSON file"
          : `cannot read (${code ?? e})`,
      file,
    );
  }
  return parseJsonText(text, file);
}
