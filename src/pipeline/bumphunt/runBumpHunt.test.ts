import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { stream } from "../../core/random.ts";
import { type BumpHuntConfig, makeBumpHuntConfig } from "../../stats/scan/bumpHuntConfig.ts";
import { bernsteinPdf } from "../../stats/unbinned/bernsteinPdf.ts";
import { gaussianPdf } from "../../stats/unbinned/gaussianPdf.ts";
import { mergeBumpHunt } from "./mergeBumpHunt.ts";
import { runBumpHunt } from "./runBumpHunt.ts";

const root = mkdtempSync(join(tmpdir(), "mumux-bumphunt-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** 3000 background events on [0.5, 3.5] rising linearly plus a 40-event peak at 2.0 GeV. */
function spectrum(): Float64Array {
  const rng = stream(77, 0);
  const b = bernsteinPdf(0.5, 3.5, [1, 2]).sample(rng, new Float64Array(3000));
  const s = gaussianPdf(0.5, 3.5, 2.0, 0.01).sample(rng, new Float64Array(40));
  const all = new Float64Array(3040);
  all.set(b);
  all.set(s, 3000);
  return all.sort();
}

const events = spectrum();
const cfg: BumpHuntConfig = makeBumpHuntConfig({
  from: 1.2,
  to: 2.8,
  resolution: { kind: "table", mass: [1, 3], sigma: [0.008, 0.012] },
  signal: { type: "dcb" },
  leeToys: 4,
});
const files = ["meta.json", "scan.jsonl", "toys.jsonl", "summary.json"];
const read = (dir: string): string[] => files.map((f) => readFileSync(join(dir, f), "utf8"));
const base = { events, cfg, inputDigest: "test", version: "test" };

test("one thread and two worker threads write byte-identical scans, toys and summaries", async () => {
  const a = await runBumpHunt({ ...base, outDir: join(root, "w1"), workers: 1 });
  const b = await runBumpHunt({ ...base, outDir: join(root, "w2"), workers: 2 });
  assert.ok(a.complete && b.complete);
  assert.deepEqual(read(join(root, "w1")), read(join(root, "w2")));
  const s = a.summary as Record<string, number>;
  assert.ok(s.max_z_local! > 3, `the injected peak is found: Z = ${s.max_z_local}`);
  assert.ok(Math.abs(s.max_z_local_mass! - 2.0) < 0.02, `at ${s.max_z_local_mass}`);
  for (const key of [
    "max_z_local",
    "max_z_local_mass",
    "z_global",
    "z_global_upcrossings",
    "z_global_toys",
    "n_upcrossings",
    "n_failed_fits",
  ])
    assert.ok(key in s, key);
});

test("a scan interrupted halfway and resumed writes a result identical to an uninterrupted one", async () => {
  const dir = join(root, "resumed");
  const first = await runBumpHunt({ ...base, outDir: dir, workers: 1, stopAfter: 70 });
  assert.equal(first.complete, false);
  // a torn last line, as a kill during a write leaves it
  const { appendFileSync } = await import("node:fs");
  appendFileSync(join(dir, "scan.jsonl"), '{"index": 99, "mass": 1.');
  const second = await runBumpHunt({ ...base, outDir: dir, workers: 2 });
  assert.ok(second.complete);
  assert.deepEqual(read(dir), read(join(root, "w1")));
});

test("three shards merged equal the unsharded scan byte for byte", async () => {
  const dirs = [0, 1, 2].map((i) => join(root, `shard${i}`));
  for (let i = 0; i < 3; i++) {
    const r = await runBumpHunt({ ...base, outDir: dirs[i]!, workers: 1, shard: { index: i, count: 3 } });
    assert.ok(r.complete && r.summary === undefined);
  }
  mergeBumpHunt(dirs, join(root, "merged"), "test");
  assert.deepEqual(read(join(root, "merged")), read(join(root, "w1")));
});

test("merging with a shard missing fails with an input error naming the gap", async () => {
  assert.throws(
    () => mergeBumpHunt([join(root, "shard0"), join(root, "shard2")], join(root, "bad"), "test"),
    /missing/,
  );
});

test("resuming into a directory of another scan is refused", async () => {
  await assert.rejects(
    runBumpHunt({ ...base, cfg: { ...cfg, poly: 2 }, outDir: join(root, "w1"), workers: 1 }),
    /different scan/,
  );
});
