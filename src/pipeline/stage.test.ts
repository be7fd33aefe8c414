import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Stage } from "./stage.ts";

test("a complete stage is reused with the same key, cleared when the key changes, resumed when incomplete", () => {
  const root = mkdtempSync(join(tmpdir(), "mumux-stage-"));
  try {
    const a = new Stage<{ n: number }>(root, "s", "hash1", 1, { up: "d1" });
    assert.equal(a.result, undefined);
    writeFileSync(a.path("unit-0.json"), "{}");
    // interrupted: same key, not finished -> units kept, still to run
    const b = new Stage<{ n: number }>(root, "s", "hash1", 1, { up: "d1" });
    assert.equal(b.result, undefined);
    assert.ok(existsSync(b.path("unit-0.json")));
    b.finish({ n: 3 });
    assert.match(b.digest, /^[0-9a-f]{64}$/);
    const c = new Stage<{ n: number }>(root, "s", "hash1", 1, { up: "d1" });
    assert.deepEqual(c.result, { n: 3 });
    assert.equal(c.digest, b.digest);
    // other input digest (or seed, or config) -> cleared and recomputed
    const d = new Stage<{ n: number }>(root, "s", "hash1", 1, { up: "d2" });
    assert.equal(d.result, undefined);
    assert.ok(!existsSync(d.path("unit-0.json")));
    const e = new Stage<{ n: number }>(root, "s", "hash1", 2, { up: "d2" });
    assert.equal(e.result, undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
