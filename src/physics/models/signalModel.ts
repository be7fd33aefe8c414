/**
 * Names of the new-boson models at the configuration / CLI edge and their Lorentz structure:
 * "zprime" = L_mu - L_tau Z' (vector), "scalar" = muonphilic scalar S.
 */
import { ConfigError } from "../../core/errors.ts";
import type { BosonKind } from "./gminus2.ts";

/** Model names accepted by the CLI and run configurations. */
export const SIGNAL_MODELS = ["zprime", "scalar"] as const;

/** One of {@link SIGNAL_MODELS}. */
export type SignalModelName = (typeof SIGNAL_MODELS)[number];

/**
 * The boson kind of a model name; ConfigError (with `where`) for anything else.
 *
 * @example modelKind("zprime") // "vector"
 */
export function modelKind(name: unknown, where = "model"): BosonKind {
  if (name === "zprime") return "vector";
  if (name === "scalar") return "scalar";
  throw new ConfigError(
    `unknown model "${String(name)}" (expected one of: ${SIGNAL_MODELS.join(", ")})`,
    where,
  );
}

/**
 * Parse a boson mass given as text [GeV]: a finite number > 0, and below `maxMass` when given;
 * ConfigError otherwise.
 */
export function parseMass(text: unknown, where = "mass", maxMass = Number.POSITIVE_INFINITY): number {
  const m = typeof text === "number" ? text : Number(String(text ?? "").trim() === "" ? Number.NaN : text);
  if (!Number.isFinite(m) || !(m > 0))
    throw new ConfigError(`must be a positive mass in GeV, got "${String(text)}"`, where);
  if (!(m < maxMass))
    throw new ConfigError(
      `${m} GeV is above the kinematic limit sqrt(s) - 2 m_mu = ${maxMass.toFixed(4)} GeV`,
      where,
    );
  return m;
}
