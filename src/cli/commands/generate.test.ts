import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { readAllTruthEventsParquet, readTruthEventsMetadata } from "../../io/truthEventsParquet.ts";

const bin = fileURLToPath(new URL("../../../bin/mumux.js", import.meta.url));
const run = promisify(execFile);

/** Run the CLI; never rejects: returns exit code, stdout, stderr. */
async function mumux(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, ...args], { encoding: "utf8" });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test("mumux generate signal writes a Parquet file (events, particles, metadata, cross section); two runs with the same seed are identical", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-gen-"));
  const a = join(dir, "a.parquet");
  const b = join(dir, "b.parquet");
  const common = [
    "generate",
    "signal",
    "--model",
    "zprime",
    "--mass",
    "2",
    "--decay",
    "mumu",
    "--events",
    "3000",
    "--seed",
    "11",
  ];
  const [ra, rb] = await Promise.all([
    mumux(...common, "--out", a, "--chunk-size", "1000", "--json", "-q"),
    mumux(...common, "--out", b, "--chunk-size", "1000", "--json", "-q"),
  ]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);
  const summary = JSON.parse(ra.stdout) as { events: number; sigma_fb: number; sigma_err_fb: number };
  assert.equal(summary.events, 3000);
  // sigma(ISR, 2 GeV) = 3.41e4 fb at 10.58 GeV (xsec_mumuX_10p58.csv); the Belle II sqrt(s) is 10.5796
  assert.ok(Math.abs(summary.sigma_fb / 3.41262e4 - 1) < 0.02, `${summary.sigma_fb}`);
  const ea = await readAllTruthEventsParquet(a);
  const eb = await readAllTruthEventsParquet(b);
  assert.equal(ea.nEvents, 3000);
  assert.deepEqual(ea.px, eb.px);
  // per event: 2 beams + mu mu + Z' + mu mu (+ ISR photon)
  for (let i = 0; i < 50; i++) {
    const n = ea.offsets[i + 1]! - ea.offsets[i]!;
    assert.ok(n === 7 || n === 8);
  }
  const meta = await readTruthEventsMetadata(a);
  assert.equal(meta["mumux.seed"], "11");
  assert.equal(meta["mumux.signal.model"], "zprime");
});
