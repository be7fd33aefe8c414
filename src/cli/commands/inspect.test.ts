import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const bin = join(root, "bin/mumux.js");
const shared = resolve(root, "../shared/validation/pyhf");
const dir = mkdtempSync(join(tmpdir(), "mumux-inspect-"));

const good = {
  channels: [
    {
      name: "SR",
      samples: [
        { name: "signal", data: [5, 10], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        { name: "bkg", data: [50, 60], modifiers: [{ name: "stat", type: "staterror", data: [3, 4] }] },
      ],
    },
  ],
  observations: [{ name: "SR", data: [52, 65] }],
  measurements: [{ name: "meas", config: { poi: "mu", parameters: [] } }],
  version: "1.0.0",
};

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function mumux(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

/** Bad input: exit 2, exactly one line on stderr naming the file and the JSON path. */
function expectBadInput(args: string[], fileName: string, path: string): void {
  const r = mumux(...args);
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.includes(fileName), lines[0]);
  assert.ok(lines[0]!.includes(`${path}:`), `expected path ${path} in: ${lines[0]}`);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
}

test("inspect summarises a valid workspace and exits 0", () => {
  const r = mumux("inspect", join(shared, "belle2_like/zprime_invisible_staterror.json"), "--json");
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as { channels: { bins: number }[] };
  assert.equal(v.channels.length, 5);
  assert.equal(v.channels[0]!.bins, 20);
});

test("a wrong type gives one line with the JSON path and exit 2", () => {
  const ws = structuredClone(good) as { channels: { samples: { data: unknown[] }[] }[] };
  ws.channels[0]!.samples[0]!.data[0] = "five";
  const p = file("wrongtype.json", JSON.stringify(ws));
  expectBadInput(["inspect", p], "wrongtype.json", "/channels/0/samples/0/data/0");
});

test("a non-finite number (Python's NaN) gives one line with the JSON path and exit 2", () => {
  const p = file("nan.json", JSON.stringify(good).replace("[50,60]", "[50,NaN]"));
  expectBadInput(["inspect", p], "nan.json", "/channels/0/samples/1/data/1");
  const q = file("inf.json", JSON.stringify(good).replace("[3,4]", "[3,1e999]"));
  expectBadInput(["inspect", q], "inf.json", "/channels/0/samples/1/modifiers/0/data/1");
});

test("mismatched bin counts give one line with the JSON path and exit 2", () => {
  const ws = structuredClone(good);
  ws.observations[0]!.data.push(1);
  const p = file("bins.json", JSON.stringify(ws));
  expectBadInput(["inspect", p], "bins.json", "/observations/0/data");
});

test("a missing measurement gives one line naming /measurements and exit 2", () => {
  const p = file("ok.json", JSON.stringify(good));
  expectBadInput(["inspect", p, "--measurement", "nope"], "ok.json", "/measurements");
});

test("a patch that does not apply gives one line naming the patch operation and exit 2", () => {
  const p = file("ok2.json", JSON.stringify(good));
  const patch = file(
    "patch.json",
    JSON.stringify([{ op: "replace", path: "/channels/1/samples/0/data", value: [1, 2] }]),
  );
  expectBadInput(["inspect", p, "--patch", patch], "patch.json", "/0/path");
});

test("invalid JSON syntax and a missing file give one line and exit 2", () => {
  const p = file("broken.json", '{"channels": [\n  {"name": "SR",, }]}');
  const r = mumux("inspect", p);
  assert.equal(r.status, 2);
  assert.match(r.stderr.trim(), /^mumux: .*broken\.json: line 2, column \d+: not valid JSON/);
  const m = mumux("inspect", join(dir, "absent.json"));
  assert.equal(m.status, 2);
  assert.match(m.stderr.trim(), /absent\.json: file not found$/);
});
