/**
 * Test helper: read a reference table from ../shared/reference (beside the checkout) and give the
 * rounding unit of each printed value, so that comparisons can be "equal to the table to 1e-6
 * relative or to half a unit of its last printed digit, whichever is larger".
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of a file in ../shared/reference relative to the repository root. */
export function referencePath(name: string): string {
  const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
  return path.resolve(repoRoot, "../shared/reference", name);
}

/** Rows of a CSV (comment lines starting with # skipped) as records of raw strings. */
export function readReferenceCsv(name: string): Record<string, string>[] {
  const lines = readFileSync(referencePath(name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const head = lines[0]!.split(",");
  return lines.slice(1).map((l) => {
    const cells = l.split(",");
    const r: Record<string, string> = {};
    head.forEach((h, i) => {
      r[h] = cells[i] ?? "";
    });
    return r;
  });
}

/** Half a unit in the last printed digit of a decimal string such as "4.51577e-04" or "0.470000". */
export function halfUlp(text: string): number {
  const [mant, exp] = text.toLowerCase().split("e");
  const dot = mant!.indexOf(".");
  const decimals = dot < 0 ? 0 : mant!.length - dot - 1;
  return 0.5 * 10 ** (Number(exp ?? 0) - decimals);
}

/**
 * |ours - ref| allowed: half a unit of the printed last digit (rounding of the table) plus
 * rel * |ref| (the 1e-6 relative target), plus 1e-15.
 */
export function tableTolerance(text: string, rel = 1e-6): number {
  return halfUlp(text) + rel * Math.abs(Number(text)) + 1e-15;
}
