import assert from "node:assert/strict";
import { test } from "node:test";
import { readJson } from "../testdata/pyhfCases.ts";
import type { PatchOp, Workspace } from "../workspace/types.ts";
import { scanUpperLimits } from "./limitScan.ts";

test("a limit scan over 4 Belle II-like mass patches gives identical results on 1 and 2 worker threads", async () => {
  const base = readJson<Workspace>("belle2_like/zprime_invisible_staterror.json");
  const patches = readJson<{ patches: { metadata: { name: string }; patch: PatchOp[] }[] }>(
    "belle2_like/zprime_invisible_scan_patches.json",
  ).patches.slice(10, 14);
  const list = patches.map((p) => ({ name: p.metadata.name, patch: p.patch }));
  const one = await scanUpperLimits(base, list, { level: 0.1, workers: 1 });
  const two = await scanUpperLimits(base, list, { level: 0.1, workers: 2 });
  assert.equal(one.length, 4);
  for (let i = 0; i < 4; i++) {
    assert.equal(one[i]!.error, undefined);
    assert.equal(one[i]!.name, list[i]!.name);
    assert.equal(two[i]!.obs, one[i]!.obs);
    assert.deepEqual(two[i]!.exp, one[i]!.exp);
    assert.ok(one[i]!.obs > 0 && one[i]!.exp[0]! < one[i]!.exp[4]!);
  }
});

test("a point whose patch does not apply is reported with an error, the others still run", async () => {
  const base = readJson<Workspace>("simple/uncorrelated_background_2bin.json");
  const pts = await scanUpperLimits(base, [
    { name: "bad", patch: [{ op: "replace", path: "/channels/7/samples/0/data", value: [1, 2] }] },
    { name: "ok", patch: [] },
  ]);
  assert.ok(pts[0]!.error && Number.isNaN(pts[0]!.obs));
  assert.equal(pts[1]!.error, undefined);
  assert.ok(pts[1]!.obs > 0);
});
