/**
 * Atomic file writes for report outputs: write to a temporary sibling, then rename over the target,
 * so an interrupted run never leaves a half-written plot, table or HEPData file (rename within one
 * directory is atomic on POSIX file systems).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Write `data` to `path` atomically, creating parent directories. The temporary name carries the
 * process id so two processes writing the same target never share a temporary file.
 *
 * @example writeFileAtomic("out/invisible/limits.csv", csvText)
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
