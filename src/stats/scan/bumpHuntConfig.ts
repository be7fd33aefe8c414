/**
 * The settings of a bump hunt (plain JSON: it goes to worker threads, into meta.json and into the
 * provenance hash). Units: GeV for masses and widths; window and step in units of sigma(m).
 */
import { createHash } from "node:crypto";
import { ConfigError } from "../../core/errors.ts";
import { checkResolution, type ResolutionSpec } from "./resolution.ts";
import { normalizeShape, type SignalShapeSpec } from "./signalShape.ts";

export interface BumpHuntConfig {
  /** First mass hypothesis [GeV]. */
  from: number;
  /** Last mass hypothesis is the largest grid point <= to [GeV]. */
  to: number;
  /** Resolution sigma(m). */
  resolution: ResolutionSpec;
  /** Signal model. */
  signal: SignalShapeSpec;
  /** Full fit-window width in units of sigma(m) (default 60: m +- 30 sigma). */
  windowSigmas: number;
  /** Step between hypotheses in units of sigma(m) (default 1). */
  stepSigmas: number;
  /** Degree of the Bernstein background polynomial, 0..3 (default 1: a straight line). */
  poly: number;
  /** Confidence level of the CLs limits (default 0.90). */
  cl: number;
  /** Master seed for toys. */
  seed: number;
  /** Background-only toy scans for the look-elsewhere effect (0: up-crossings on the data scan). */
  leeToys: number;
  /** Gross-Vitells reference level u0 on q0 (default 0.5). */
  u0: number;
  /** Toys per point for toy-based CLs limits when a window has fewer than `smallCount` events (0: never). */
  limitToys: number;
  /** Event count below which limits use toys (when limitToys > 0). */
  smallCount: number;
}

/** Defaults for everything except the range, resolution and signal. */
export const BUMPHUNT_DEFAULTS = {
  windowSigmas: 60,
  stepSigmas: 1,
  poly: 1,
  cl: 0.9,
  seed: 1,
  leeToys: 0,
  u0: 0.5,
  limitToys: 200,
  smallCount: 30,
} as const;

/** Validate and fill defaults; throws ConfigError (exit 2) on a bad value. */
export function makeBumpHuntConfig(
  c: Pick<BumpHuntConfig, "from" | "to" | "resolution" | "signal"> & Partial<BumpHuntConfig>,
  resolutionFile?: string,
): BumpHuntConfig {
  const cfg: BumpHuntConfig = { ...BUMPHUNT_DEFAULTS, ...c };
  const num = (v: number, name: string, ok: (v: number) => boolean, what: string): void => {
    if (!Number.isFinite(v) || !ok(v)) throw new ConfigError(`${name} must be ${what}, got ${v}`);
  };
  num(cfg.from, "--from", () => true, "a number");
  num(cfg.to, "--to", (v) => v >= cfg.from, "a number >= --from");
  num(cfg.windowSigmas, "--window-sigmas", (v) => v > 2, "> 2");
  num(cfg.stepSigmas, "--step-sigmas", (v) => v > 0, "> 0");
  num(cfg.poly, "--poly", (v) => Number.isInteger(v) && v >= 0 && v <= 3, "an integer 0..3");
  num(cfg.cl, "--cl", (v) => v > 0 && v < 1, "in (0, 1)");
  num(cfg.seed, "--seed", (v) => Number.isSafeInteger(v) && v >= 0, "a non-negative integer");
  num(cfg.leeToys, "--lee-toys", (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
  num(cfg.u0, "--u0", (v) => v >= 0, ">= 0");
  num(cfg.limitToys, "--limit-toys", (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
  checkResolution(cfg.resolution, cfg.from, cfg.to, resolutionFile);
  cfg.signal = normalizeShape(cfg.signal);
  return cfg;
}

/** Stable SHA-256 (hex, 16 chars) of a JSON value with sorted keys: config and input identity. */
export function stableHash(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canon(value)))
    .digest("hex")
    .slice(0, 16);
}
