/**
 * Mass resolution sigma(m) for a scan: a constant or a table (mass, sigma) interpolated linearly.
 * Plain data, so it crosses to worker threads unchanged.
 */
import { ConfigError, InputError } from "../../core/errors.ts";

/** A resolution function: constant width or a (mass, sigma) table, both in GeV. */
export type ResolutionSpec =
  | { kind: "constant"; sigma: number }
  | { kind: "table"; mass: number[]; sigma: number[] };

/**
 * Check a resolution table: equal lengths, at least 2 rows, finite positive sigmas, strictly
 * increasing masses, and it covers [from, to] (no extrapolation). `file` names the source.
 */
export function checkResolution(spec: ResolutionSpec, from: number, to: number, file?: string): void {
  if (spec.kind === "constant") {
    if (!(spec.sigma > 0) || !Number.isFinite(spec.sigma))
      throw new ConfigError(`--sigma must be a positive number, got ${spec.sigma}`);
    return;
  }
  const { mass, sigma } = spec;
  if (mass.length !== sigma.length || mass.length < 2)
    throw new InputError("resolution table needs at least 2 rows of (mass, sigma)", file);
  for (let i = 0; i < mass.length; i++) {
    if (!Number.isFinite(mass[i]!) || !(sigma[i]! > 0) || !Number.isFinite(sigma[i]!))
      throw new InputError(
        `row ${i + 1}: mass ${mass[i]} / sigma ${sigma[i]} must be finite, sigma > 0`,
        file,
      );
    if (i > 0 && !(mass[i]! > mass[i - 1]!))
      throw new InputError(
        `row ${i + 1}: masses must be strictly increasing (${mass[i - 1]} then ${mass[i]})`,
        file,
      );
  }
  if (mass[0]! > from || mass[mass.length - 1]! < to)
    throw new InputError(
      `the table covers ${mass[0]}-${mass[mass.length - 1]} GeV but the scan needs ${from}-${to} GeV`,
      file,
    );
}

/** sigma(m) in GeV; tables are interpolated linearly and held constant beyond their ends. */
export function resolutionAt(spec: ResolutionSpec, m: number): number {
  if (spec.kind === "constant") return spec.sigma;
  const { mass, sigma } = spec;
  const last = mass.length - 1;
  if (m <= mass[0]!) return sigma[0]!;
  if (m >= mass[last]!) return sigma[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (mass[mid]! <= m) lo = mid;
    else hi = mid;
  }
  const f = (m - mass[lo]!) / (mass[hi]! - mass[lo]!);
  return sigma[lo]! + f * (sigma[hi]! - sigma[lo]!);
}
