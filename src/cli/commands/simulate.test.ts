import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { stream } from "../../core/random.ts";
import { deg, M_MU } from "../../core/units.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { readAllRecoEventsParquet, readRecoEventsMetadata } from "../../io/recoEventsParquet.ts";
import { writeTruthEventsParquet } from "../../io/truthEventsParquet.ts";
import { TruthEventsBuilder } from "../../physics/truthEvents.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary card keys
type Json = Record<string, any>;

const bin = fileURLToPath(new URL("../../../bin/mumux.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mumux-sim-cli-"));

function mumux(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

async function truthFile(): Promise<string> {
  const rng = stream(2, 0);
  const b = new TruthEventsBuilder(3000, 3);
  for (let i = 0; i < 3000; i++) {
    const p = 0.5 + 4 * rng.uniform();
    const th = deg(20 + 120 * rng.uniform());
    const ph = Math.PI * (2 * rng.uniform() - 1);
    const [x, y, z] = [p * Math.sin(th) * Math.cos(ph), p * Math.sin(th) * Math.sin(ph), p * Math.cos(th)];
    b.particle(13, 1, -1, x, y, z, Math.hypot(p, M_MU));
    b.particle(-13, 1, -1, -x, -y, -z, Math.hypot(p, M_MU));
    b.particle(22, 1, -1, 0.2 * x, 0.2 * z, 0.2 * y, 0.2 * p);
    b.endEvent(0.5);
  }
  const path = join(dir, "truth.parquet");
  await writeTruthEventsParquet(path, [b.build()], { "mumux.seed": "2" });
  return path;
}

test("mumux simulate gives identical events for --workers 1 and --workers 2 with the same seed", async () => {
  const input = await truthFile();
  const o1 = join(dir, "w1.parquet");
  const o2 = join(dir, "w2.parquet");
  // 1000 rows per chunk: about 10 chunks, so two workers really interleave
  const r1 = mumux(
    "simulate",
    input,
    "--out",
    o1,
    "--seed",
    "17",
    "--chunk-rows",
    "1000",
    "--workers",
    "1",
    "-q",
  );
  assert.equal(r1.status, 0, r1.stderr);
  const r2 = mumux(
    "simulate",
    input,
    "--out",
    o2,
    "--seed",
    "17",
    "--chunk-rows",
    "1000",
    "--workers",
    "2",
    "-q",
    "--json",
  );
  assert.equal(r2.status, 0, r2.stderr);
  assert.ok(JSON.parse(r2.stdout).chunks >= 9);
  const a = await readAllRecoEventsParquet(o1);
  const b = await readAllRecoEventsParquet(o2);
  assert.equal(a.nEvents, 3000);
  assert.ok(a.charge.length > 5000, "most muons tracked");
  assert.deepEqual(a, b);
  const md = await readRecoEventsMetadata(o1);
  assert.equal(md["mumux.seed"], "17");
  assert.equal(md["input.mumux.seed"], "2");
  assert.equal(md["mumux.card.name"], "belle2-default");
  // another seed gives other events
  const o3 = join(dir, "s18.parquet");
  assert.equal(mumux("simulate", input, "--out", o3, "--seed", "18", "--chunk-rows", "1000", "-q").status, 0);
  assert.notDeepEqual((await readAllRecoEventsParquet(o3)).px, a.px);
});

test("a bad card (unknown key, negative resolution, overlapping regions) gives one line naming the key and exit 2", async () => {
  const input = await truthFile();
  const cases: [string, (c: Json) => void, RegExp][] = [
    ["unknown", (c) => (c.tracking.smearing = 2), /tracking\.smearing: unknown key/],
    ["negative", (c) => (c.tracking.d0Resolution.slope = -0.1), /tracking\.d0Resolution\.slope/],
    [
      "overlap",
      (c) => (c.ecl.regions[2].thetaMin = 120),
      /ecl\.regions\.2\.thetaMin: overlaps ecl\.regions\.1/,
    ],
  ];
  for (const [name, edit, re] of cases) {
    const card = structuredClone(belle2DefaultCard()) as Json;
    edit(card);
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(card));
    const r = mumux("simulate", input, "--out", join(dir, "x.parquet"), "--seed", "1", "--card", path);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.ok(r.stderr.includes(path), "names the file");
  }
});

test("a missing or non-Parquet input and a bad --seed give one line and exit 2", () => {
  const notParquet = join(dir, "notes.txt");
  writeFileSync(notParquet, "hello\n".repeat(10));
  for (const args of [
    ["simulate", join(dir, "missing.parquet"), "--out", join(dir, "y.parquet"), "--seed", "1"],
    ["simulate", notParquet, "--out", join(dir, "y.parquet"), "--seed", "1"],
    ["simulate", notParquet, "--out", join(dir, "y.parquet"), "--seed", "-3"],
    ["card", "--check", join(dir, "no-such-card.json")],
  ]) {
    const r = mumux(...args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

test("mumux card --print writes the default card, which --check accepts", () => {
  const r = mumux("card", "--print");
  assert.equal(r.status, 0);
  const card = JSON.parse(r.stdout);
  assert.deepEqual(card, belle2DefaultCard());
  const path = join(dir, "default.json");
  writeFileSync(path, r.stdout);
  const c = mumux("card", "--check", path);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /valid detector card/);
});
