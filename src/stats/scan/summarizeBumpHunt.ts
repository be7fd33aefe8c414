/**
 * summary.json of a finished bump hunt: the largest local significance and the global one by both
 * look-elsewhere methods (physics.md 6.4), counts of failed fits, and provenance.
 */
import type { BumpHuntConfig } from "./bumpHuntConfig.ts";
import type { PointResult } from "./fitMassPoint.ts";
import { countUpcrossings, grossVitells, pToZ, toyGlobalPValue } from "./lookElsewhere.ts";
import type { ToyResult } from "./toyScan.ts";

/** Provenance carried by every output (architecture.md "Conventions"). */
export interface Provenance {
  tool: string;
  version: string;
  config_hash: string;
  input_digest: string;
  seed: number;
}

/** Build summary.json from all points (sorted by index) and all toys (sorted by toy). */
export function summarizeBumpHunt(
  points: readonly PointResult[],
  allToys: readonly ToyResult[],
  cfg: BumpHuntConfig,
  provenance: Provenance,
): Record<string, unknown> {
  // Toys written as JSON have null for NaN; a failed toy carries a status and is left out.
  const toys = allToys.filter((t) => t.status === "ok" && typeof t.max_q0 === "number");
  let maxZ = 0;
  let maxMass = Number.NaN;
  let failed = 0;
  const q0 = points.map((p) => (p.status === "ok" ? p.q0 : Number.NaN));
  for (const p of points) {
    if (p.status !== "ok") {
      failed++;
      continue;
    }
    if (p.z_local > maxZ || Number.isNaN(maxMass)) {
      maxZ = p.z_local;
      maxMass = p.mass;
    }
  }
  const u = maxZ * maxZ;
  const nData = countUpcrossings(q0, cfg.u0);
  const counts = toys.length ? toys.map((t) => t.n_upcrossings) : [nData];
  const gv = grossVitells(u, counts, cfg.u0);
  const direct = toys.length
    ? toyGlobalPValue(
        u,
        toys.map((t) => t.max_q0),
      )
    : undefined;
  // No toy reached the observed level: p < 1/T, so the toy Z is only a lower bound.
  const toyBound = direct !== undefined && direct.nAbove === 0;
  const zToys = direct ? (toyBound ? pToZ(1 / direct.nToys) : direct.z) : null;
  return {
    max_z_local: maxZ,
    max_z_local_mass: maxMass,
    z_global: zToys ?? gv.z,
    z_global_method: direct
      ? toyBound
        ? "toys (lower bound: no toy reached the observed level)"
        : "toys"
      : "upcrossings",
    z_global_upcrossings: gv.z,
    p_global_upcrossings: gv.p,
    p_global_upcrossings_error: gv.pError,
    z_global_toys: zToys,
    z_global_toys_is_lower_bound: toyBound,
    p_global_toys: direct ? direct.p : null,
    p_global_toys_error: direct ? direct.pError : null,
    n_toys_above: direct ? direct.nAbove : null,
    n_upcrossings: gv.nMean,
    n_upcrossings_error: gv.nError,
    n_upcrossings_source: toys.length ? "background-only toy scans" : "data scan",
    n_upcrossings_data: nData,
    u0: cfg.u0,
    n_points: points.length,
    n_failed_fits: failed,
    n_toys: toys.length,
    n_failed_toys: allToys.length - toys.length,
    n_failed_toy_fits: toys.reduce((a, t) => a + t.n_failed_fits, 0),
    cl: cfg.cl,
    provenance,
  };
}
