import assert from "node:assert/strict";
import { test } from "node:test";
import { fourVectorColumns } from "./fourVector.ts";
import { gatherColumns } from "./gatherColumns.ts";
import { TruthEventsBuilder } from "./truthEvents.ts";

test("gather truth rows by index copies the four-vectors; -1 gives a zero vector", () => {
  const b = new TruthEventsBuilder(2, 2);
  b.particle(13, 1, -1, 1, 2, 2, 5);
  b.particle(-13, 1, -1, -1, -2, 2, 5);
  b.endEvent(1);
  b.particle(13, 1, -1, 0, 0, 3, 4);
  b.endEvent(1);
  const ev = b.build();
  const out = gatherColumns(ev, Int32Array.of(1, 2, -1), fourVectorColumns(3));
  assert.deepEqual([out.px[0], out.py[0], out.pz[0], out.e[0]], [-1, -2, 2, 5]);
  assert.deepEqual([out.px[1], out.py[1], out.pz[1], out.e[1]], [0, 0, 3, 4]);
  assert.deepEqual([out.px[2], out.py[2], out.pz[2], out.e[2]], [0, 0, 0, 0]);
});

test("with a mass hypothesis E = sqrt(p^2 + m^2): p = (2, 3, 6), m = sqrt(15) gives E = 8", () => {
  const tracks = { px: Float64Array.of(2), py: Float64Array.of(3), pz: Float64Array.of(6) };
  const out = gatherColumns(tracks, Int32Array.of(0), fourVectorColumns(1), Math.sqrt(15));
  assert.equal(out.e[0], 8);
  assert.throws(() => gatherColumns(tracks, Int32Array.of(0), fourVectorColumns(1)), /give a mass/);
  assert.throws(
    () => gatherColumns(tracks, Int32Array.of(1), fourVectorColumns(1), 0),
    /beyond 1 source rows/,
  );
  assert.throws(() => gatherColumns(tracks, Int32Array.of(0, 0), fourVectorColumns(1), 0), RangeError);
});
