import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../bin/mumux.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mumux-bumphunt-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function mumux(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

// 600 events spread evenly over 1-3 GeV (deterministic, no randomness needed for input checks)
const events = join(dir, "events.csv");
writeFileSync(
  events,
  `mR,weight\n${Array.from({ length: 600 }, (_, i) => `${1 + (2 * (i + 0.5)) / 600},1`).join("\n")}\n`,
);
const out = join(dir, "out");
const base = ["bumphunt", events, "--column", "mR", "--from", "1.5", "--to", "2.5", "--out", out];

function expectUsageError(r: ReturnType<typeof mumux>, re: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, re);
}

test("bumphunt with an unknown column exits 2 with one line naming the available columns", () => {
  expectUsageError(
    mumux(...base.map((a) => (a === "mR" ? "mass" : a)), "--sigma", "0.02"),
    /unknown column "mass".*mR, weight/,
  );
});

test("bumphunt with NaN in the column exits 2 with one line naming the row", () => {
  const f = join(dir, "nan.csv");
  writeFileSync(f, "mR\n1.7\nnan\n2.1\n");
  expectUsageError(
    mumux("bumphunt", f, "--column", "mR", "--from", "1.5", "--to", "2.5", "--sigma", "0.02", "--out", out),
    /non-finite.*row 2/,
  );
});

test("bumphunt over an empty window exits 2 with one line", () => {
  expectUsageError(
    mumux("bumphunt", events, "--column", "mR", "--from", "7", "--to", "8", "--sigma", "0.02", "--out", out),
    /no events/,
  );
  expectUsageError(
    mumux("bumphunt", events, "--column", "mR", "--from", "2", "--to", "1", "--sigma", "0.02", "--out", out),
    /--to must be a number >= --from/,
  );
});

test("bumphunt with a resolution file with a gap (empty cell, or not covering the range) exits 2 with one line", () => {
  const gap = join(dir, "gap.csv");
  writeFileSync(gap, "mass,sigma\n1,0.01\n2,\n3,0.02\n");
  expectUsageError(mumux(...base, "--resolution", gap), /empty value in column "sigma"/);
  const short = join(dir, "short.csv");
  writeFileSync(short, "mass,sigma\n1.8,0.01\n3,0.02\n");
  expectUsageError(mumux(...base, "--resolution", short), /covers 1.8-3 GeV but the scan needs 1.5-2.5/);
});

test("bumphunt writes scan.jsonl and summary.json with the documented keys (--json)", () => {
  const r = mumux(...base, "--sigma", "0.02", "--workers", "1", "--json", "--quiet");
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const k of [
    "max_z_local",
    "max_z_local_mass",
    "z_global",
    "z_global_upcrossings",
    "z_global_toys",
    "n_upcrossings",
    "n_failed_fits",
  ])
    assert.ok(k in s, k);
  const lines = readFileSync(join(out, "scan.jsonl"), "utf8").trim().split("\n");
  assert.equal(lines.length, s.n_points);
  const p = JSON.parse(lines[0]!) as Record<string, unknown>;
  for (const k of [
    "mass",
    "window",
    "n_events",
    "signal_yield",
    "signal_yield_error",
    "z_local",
    "ul_obs",
    "ul_exp",
    "status",
  ])
    assert.ok(k in p, k);
  assert.equal((p.ul_exp as number[]).length, 5);
});
