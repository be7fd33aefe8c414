/**
 * Join the shard directories of one bump hunt into a complete scan: checks that they come from the
 * same settings and input, that together they hold every mass point and toy exactly once, and
 * writes meta.json, scan.jsonl, toys.jsonl and summary.json exactly as an unsharded run would.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../core/errors.ts";
import type { PointResult } from "../../stats/scan/fitMassPoint.ts";
import { summarizeBumpHunt } from "../../stats/scan/summarizeBumpHunt.ts";
import type { ToyResult } from "../../stats/scan/toyScan.ts";
import { readJsonLines, writeJsonFile, writeJsonLines } from "./jsonLines.ts";
import { type BumpHuntMeta, provenanceOf } from "./runBumpHunt.ts";

/**
 * @param dirs shard output directories
 * @param outDir where the merged scan goes (may be one of the inputs' parent, not an input)
 * @param version tool version for provenance
 * @returns the summary
 */
export function mergeBumpHunt(
  dirs: readonly string[],
  outDir: string,
  version: string,
): Record<string, unknown> {
  if (dirs.length === 0) throw new InputError("bumphunt merge: no shard directories given");
  let ref: BumpHuntMeta | undefined;
  const points = new Map<number, PointResult>();
  const toys = new Map<number, ToyResult>();
  for (const dir of dirs) {
    const mp = join(dir, "meta.json");
    if (!existsSync(mp)) throw new InputError("not a bumphunt output directory (no meta.json)", dir);
    let meta: BumpHuntMeta;
    try {
      meta = JSON.parse(readFileSync(mp, "utf8")) as BumpHuntMeta;
    } catch {
      throw new InputError("meta.json is not valid JSON", mp);
    }
    if (!ref) ref = meta;
    else if (meta.config_hash !== ref.config_hash || meta.input_digest !== ref.input_digest)
      throw new InputError(`shard comes from different settings or input than ${dirs[0]}`, dir);
    for (const r of readJsonLines<PointResult>(join(dir, "scan.jsonl"))) points.set(r.index, r);
    for (const r of readJsonLines<ToyResult>(join(dir, "toys.jsonl"))) toys.set(r.toy, r);
  }
  const meta = ref!;
  const missing: number[] = [];
  for (let k = 0; k < meta.n_points; k++) if (!points.has(k)) missing.push(k);
  if (missing.length)
    throw new InputError(
      `${missing.length} of ${meta.n_points} mass points missing (first: ${missing[0]}); run or resume the missing shards`,
    );
  let missingToys = 0;
  for (let t = 0; t < meta.config.leeToys; t++) if (!toys.has(t)) missingToys++;
  if (missingToys) throw new InputError(`${missingToys} of ${meta.config.leeToys} toy scans missing`);
  const pts = [...points.values()].sort((a, b) => a.index - b.index);
  const tys = [...toys.values()].filter((t) => t.toy < meta.config.leeToys).sort((a, b) => a.toy - b.toy);
  mkdirSync(outDir, { recursive: true });
  const merged: BumpHuntMeta = { ...meta, shard: { index: 0, count: 1 } };
  writeJsonFile(join(outDir, "meta.json"), merged);
  writeJsonLines(join(outDir, "scan.jsonl"), pts);
  if (meta.config.leeToys > 0) writeJsonLines(join(outDir, "toys.jsonl"), tys);
  const summary = summarizeBumpHunt(pts, tys, meta.config, provenanceOf(merged, version));
  writeJsonFile(join(outDir, "summary.json"), summary);
  return summary;
}
