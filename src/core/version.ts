/**
 * The mumux version, read once from package.json: written into every output file's provenance
 * and printed by `mumux --version`.
 */
import { readFileSync } from "node:fs";

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** Version string of this mumux checkout, e.g. "0.1.0" ("unknown" if package.json is unreadable). */
export const MUMUX_VERSION: string = readVersion();
