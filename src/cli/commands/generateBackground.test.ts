/** Background generation glue: resume after interruption, bad input, xsec table. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { readAllTruthEventsParquet } from "../../io/truthEventsParquet.ts";
import { makeContext } from "../context.ts";
import {
  backgroundCrossSection,
  chunkFile,
  generateBackgroundFile,
  runBackground,
} from "./generateBackground.ts";

const ctx = makeContext({ json: true, quiet: true, debug: false });

test("an interrupted generation keeps its complete chunks and the rerun resumes to the same file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-bkg-test-"));
  try {
    const base = { process: "tautau", events: 2500, seed: 7, preselect: false, chunkSize: 1000 };
    // reference: one uninterrupted run
    const ref = join(dir, "ref.parquet");
    await runBackground({ ...base, out: ref });
    // "interrupted" run: only chunks 0 and 1 were written
    const out = join(dir, "tt.parquet");
    const partial = await runBackground({ ...base, out, chunkRange: [0, 2] });
    assert.equal(partial.merged, false);
    assert.equal(partial.chunksWritten, 2);
    assert.ok(existsSync(chunkFile(`${out}.chunks`, 1)));
    assert.ok(!existsSync(out));
    // rerun: skips the two chunks, writes the third, merges
    const resumed = await runBackground({ ...base, out });
    assert.equal(resumed.chunksSkipped, 2);
    assert.equal(resumed.chunksWritten, 1);
    assert.equal(resumed.merged, true);
    assert.ok(!existsSync(`${out}.chunks`));
    const a = await readAllTruthEventsParquet(ref);
    const b = await readAllTruthEventsParquet(out);
    assert.equal(b.nEvents, 2500);
    assert.deepEqual(b.px, a.px);
    assert.deepEqual(b.pdg, a.pdg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a resume with other settings is refused with a configuration error", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-bkg-test-"));
  try {
    const out = join(dir, "mm.parquet");
    await runBackground({
      process: "mumu",
      events: 300,
      seed: 1,
      preselect: false,
      chunkSize: 100,
      out,
      chunkRange: [0, 1],
    });
    await assert.rejects(
      runBackground({ process: "mumu", events: 300, seed: 2, preselect: false, chunkSize: 100, out }),
      ConfigError,
    );
    assert.deepEqual(readdirSync(`${out}.chunks`).sort(), ["chunk-000000.parquet", "manifest.json"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad input: unknown process, negative or missing luminosity, unwritable output are ConfigErrors", async () => {
  const o = { seed: "1", out: join(tmpdir(), "x.parquet"), chunkSize: "1000" };
  await assert.rejects(generateBackgroundFile("nope", { ...o, events: "10" }, ctx), ConfigError);
  await assert.rejects(generateBackgroundFile("mumu", { ...o, lumi: "-1" }, ctx), ConfigError);
  await assert.rejects(generateBackgroundFile("mumu", { ...o }, ctx), ConfigError);
  await assert.rejects(generateBackgroundFile("mumu", { ...o, events: "10", lumi: "1" }, ctx), ConfigError);
  await assert.rejects(
    generateBackgroundFile("mumu", { ...o, events: "10", out: "/nonexistent-dir/x.parquet" }, ctx),
    ConfigError,
  );
  assert.throws(() => backgroundCrossSection("nope", false), ConfigError);
});

test("xsec table entry has the issue's keys", () => {
  const x = backgroundCrossSection("mumumumu", false);
  assert.deepEqual(Object.keys(x).sort(), ["preselect", "process", "sigma_err_fb", "sigma_fb"]);
  assert.ok((x.sigma_fb as number) > 200 && (x.sigma_fb as number) < 600);
});

test("weighted background samples sum to the cross section (mumu, 3 chunks, 4 sigma)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-bkg-test-"));
  try {
    const out = join(dir, "w.parquet");
    const s = await runBackground({
      process: "mumu",
      events: 60_000,
      seed: 4,
      preselect: false,
      chunkSize: 20_000,
      out,
      weighted: true,
    });
    const ref = backgroundCrossSection("mumu", false);
    const err = Math.hypot(
      ref.sigma_err_fb as number,
      (ref.sigma_err_fb as number) * Math.sqrt(400_000 / 60_000),
    );
    assert.ok(
      Math.abs(s.sumWeights - (ref.sigma_fb as number)) < 4 * err,
      `${s.sumWeights} vs ${ref.sigma_fb}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CLI: `mumux xsec --process NAME --json` prints the issue's keys; bad input is one line and exit 2", () => {
  const bin = new URL("../../../bin/mumux.js", import.meta.url).pathname;
  const ok = spawnSync(process.execPath, [bin, "xsec", "--process", "mumumumu", "--json"], {
    encoding: "utf8",
  });
  assert.equal(ok.status, 0, ok.stderr);
  const v = JSON.parse(ok.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(v).sort(), ["preselect", "process", "sigma_err_fb", "sigma_fb"]);
  for (const args of [
    ["generate", "nope", "--events", "10", "--seed", "1", "--out", join(tmpdir(), "x.parquet")],
    ["generate", "mumu", "--lumi", "-3", "--seed", "1", "--out", join(tmpdir(), "x.parquet")],
    ["generate", "mumu", "--events", "10", "--seed", "1", "--out", "/nonexistent-dir/x.parquet"],
    ["xsec", "--process", "nope"],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});
