/**
 * JSON-lines files of a scan: one result per line, appended as results finish, read back on
 * resume (a torn last line from a kill is dropped), rewritten sorted when a scan completes.
 * NaN and infinities are written as null (JSON has no NaN).
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

/** JSON.stringify with non-finite numbers as null, no whitespace. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
}

/** Parse every complete line of a JSON-lines file; lines that do not parse are dropped. */
export function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // torn line from an interrupted write: recomputed on resume
    }
  }
  return out;
}

/** Append one record (one line). */
export function appendJsonLine(path: string, value: unknown): void {
  appendFileSync(path, `${toJsonLine(value)}\n`);
}

/** Replace `path` atomically with the given records, one per line. */
export function writeJsonLines(path: string, values: readonly unknown[]): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, values.map((v) => `${toJsonLine(v)}\n`).join(""));
  renameSync(tmp, path);
}

/** Write a JSON document atomically (2-space indent, non-finite numbers as null). */
export function writeJsonFile(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  writeFileSync(
    tmp,
    `${JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  renameSync(tmp, path);
}
