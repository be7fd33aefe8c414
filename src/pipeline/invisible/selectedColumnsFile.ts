/**
 * Storage of selected-event columns: one little-endian float64 file holding the columns of
 * SELECTED_COLUMNS one after the other (n values each), next to a JSON sidecar written last (its
 * presence marks the unit of work complete; both are written atomically).
 */
import { readFileSync } from "node:fs";
import { InputError } from "../../core/errors.ts";
import { writeAtomic } from "../stage.ts";
import { SELECTED_COLUMNS, type SelectedColumns } from "./sampleChunk.ts";

/** Write columns of n rows to `path` (binary). */
export function writeSelectedColumns(path: string, cols: SelectedColumns): void {
  const n = cols.m2Recoil.length;
  const buf = new Float64Array(n * SELECTED_COLUMNS.length);
  SELECTED_COLUMNS.forEach((c, k) => {
    buf.set(cols[c], k * n);
  });
  writeAtomic(path, new Uint8Array(buf.buffer));
}

/** Read columns of n rows from `path`. @throws InputError if the size does not match */
export function readSelectedColumns(path: string, n: number): SelectedColumns {
  const bytes = readFileSync(path);
  if (bytes.byteLength !== n * SELECTED_COLUMNS.length * 8)
    throw new InputError(`expected ${n} rows of ${SELECTED_COLUMNS.length} columns`, path);
  const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return Object.fromEntries(
    SELECTED_COLUMNS.map((c, k) => [c, all.subarray(k * n, (k + 1) * n)]),
  ) as SelectedColumns;
}

/** Concatenate column sets. */
export function concatColumns(parts: readonly SelectedColumns[]): SelectedColumns {
  const n = parts.reduce((s, p) => s + p.m2Recoil.length, 0);
  const out = Object.fromEntries(SELECTED_COLUMNS.map((c) => [c, new Float64Array(n)])) as SelectedColumns;
  let off = 0;
  for (const p of parts) {
    for (const c of SELECTED_COLUMNS) out[c].set(p[c], off);
    off += p.m2Recoil.length;
  }
  return out;
}
