/**
 * Parse the user-facing model options (interpolation codes, CL, test statistic) into library
 * values, with ConfigError for invalid input. Shared by the CLI commands and pipeline configs.
 */
import { ConfigError } from "../../core/errors.ts";
import type { ModifierSettings } from "../workspace/types.ts";

/** `--normsys-code 1|4` and `--histosys-code 0|2|4p` -> pyhf modifier settings (defaults 4, 4p). */
export function modifierSettingsFrom(normsys?: string, histosys?: string): ModifierSettings {
  const ns = normsys ?? "4";
  const hs = histosys ?? "4p";
  const nsOk = ["1", "4", "code1", "code4"];
  const hsOk = ["0", "2", "4p", "code0", "code2", "code4p"];
  if (!nsOk.includes(ns))
    throw new ConfigError(`invalid normsys code "${ns}" (use 1 or 4)`, "--normsys-code");
  if (!hsOk.includes(hs))
    throw new ConfigError(`invalid histosys code "${hs}" (use 0, 2 or 4p)`, "--histosys-code");
  const strip = (s: string) => s.replace(/^code/, "");
  return {
    normsys: { interpcode: `code${strip(ns)}` as "code1" | "code4" },
    histosys: { interpcode: `code${strip(hs)}` as "code0" | "code2" | "code4p" },
  };
}

/** A finite number from an option string, optionally within (lo, hi) exclusive. */
export function numberOption(
  s: string,
  where: string,
  lo = Number.NEGATIVE_INFINITY,
  hi = Number.POSITIVE_INFINITY,
): number {
  const v = Number(s);
  if (s.trim() === "" || !Number.isFinite(v) || v <= lo || v >= hi)
    throw new ConfigError(
      `invalid value "${s}"${Number.isFinite(lo) || Number.isFinite(hi) ? ` (must be in (${lo}, ${hi}))` : ""}`,
      where,
    );
  return v;
}

/** A positive integer from an option string. */
export function intOption(s: string, where: string, min = 1): number {
  const v = Number(s);
  if (!Number.isSafeInteger(v) || v < min)
    throw new ConfigError(`invalid value "${s}" (an integer >= ${min})`, where);
  return v;
}

/**
 * Confidence level -> CLs threshold: accepts a fraction in (0, 1) (0.9, 0.95) or a percentage in
 * [50, 100) (90, 95). Returns level = 1 - CL.
 */
export function levelFromCl(s: string): number {
  let cl = numberOption(s, "--cl", 0, 100);
  if (cl >= 50) cl /= 100;
  if (!(cl > 0 && cl < 1))
    throw new ConfigError(
      `invalid confidence level "${s}" (a fraction such as 0.90, or a percentage such as 90)`,
      "--cl",
    );
  return 1 - cl;
}
