import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/mumux.js", import.meta.url));

function mumux(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

test("mumux --help lists the subcommands and exits 0", () => {
  const r = mumux("--help");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Commands:/);
  assert.match(r.stdout, /\brun\b/);
});

test("an unknown subcommand gives exactly one line on stderr and exit 2", () => {
  const r = mumux("frobnicate");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /unknown command 'frobnicate'/);
});

test("an unknown option gives exactly one line on stderr and exit 2", () => {
  const r = mumux("widths", "--model", "zprime", "--mass", "1", "--no-such-option");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /unknown option/);
});

test("--version prints the package version", () => {
  const r = mumux("--version");
  assert.equal(r.status, 0);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test("--json after a subcommand gives parseable JSON on stdout and nothing else", () => {
  const r = mumux("widths", "--model", "zprime", "--mass", "1", "--json");
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.ok(Object.keys(v).length > 0);
});
