import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { concatRecoEvents, type RecoEvents, RecoEventsBuilder } from "../physics/recoEvents.ts";
import { writeParquetColumns } from "./parquet.ts";
import {
  readAllRecoEventsParquet,
  readRecoEventsMetadata,
  readRecoEventsParquet,
  writeRecoEventsParquet,
} from "./recoEventsParquet.ts";

const dir = mkdtempSync(join(tmpdir(), "mumux-reco-"));

/** Random reco events, including events with no tracks and no photons. */
function sample(seed: number, n: number): RecoEvents {
  const rng = stream(seed, 0);
  const b = new RecoEventsBuilder(n);
  for (let i = 0; i < n; i++) {
    const nt = rng.int(5);
    for (let k = 0; k < nt; k++)
      b.track(
        rng.uniform() < 0.5 ? -1 : 1,
        rng.normal(),
        rng.normal(),
        rng.normal() * 1e-200,
        rng.normal() * 1e-3,
        -0,
        Math.fround(rng.uniform()),
        Math.fround(rng.uniform()),
        rng.exponential(0.2),
        k - 1,
      );
    const ng = rng.int(3);
    for (let k = 0; k < ng; k++) b.photon(rng.exponential(0.3), rng.uniform() * Math.PI, rng.normal(), -1);
    b.endEvent(rng.uniform(), rng.int(32));
  }
  return b.build();
}

test("reco events round-trip bit-exactly through Parquet, including empty events and -0", async () => {
  const chunks = [sample(1, 300), sample(2, 0), sample(3, 451)];
  const path = join(dir, "reco.parquet");
  const s = await writeRecoEventsParquet(path, chunks, { "mumux.seed": "3" });
  assert.equal(s.nEvents, 751);
  const parts: RecoEvents[] = [];
  for await (const r of readRecoEventsParquet(path, { batchRows: 100 })) parts.push(r);
  assert.ok(parts.length >= 8);
  const a = concatRecoEvents(parts);
  const b = concatRecoEvents(chunks);
  for (const k of Object.keys(b) as (keyof RecoEvents)[]) {
    const x = a[k];
    const y = b[k];
    if (typeof y === "number") assert.equal(x, y, k);
    else {
      assert.equal((x as ArrayLike<number>).constructor, y.constructor, `${k} type`);
      assert.equal((x as ArrayLike<number>).length, y.length, `${k} length`);
      for (let i = 0; i < y.length; i++)
        if (!Object.is((x as ArrayLike<number>)[i], y[i])) assert.fail(`${k}[${i}]`);
    }
  }
  const md = await readRecoEventsMetadata(path);
  assert.equal(md["mumux.format"], "reco-events/1");
  assert.match(md["mumux.trigger_bits"]!, /1:twoTrack,2:threeTrack,4:singleMuon,8:eclEnergy,16:bhabha/);
  assert.equal((await readAllRecoEventsParquet(path)).nEvents, 751);
});

test("a truth file or a file with inconsistent list lengths is an InputError naming the file", async () => {
  const other = join(dir, "other.parquet");
  await writeParquetColumns(other, [{ nRows: 1, columns: { x: new Float64Array([1]) } }], {});
  await assert.rejects(
    readAllRecoEventsParquet(other),
    (e: unknown) => e instanceof InputError && e.message.includes(other),
  );
  // trk_px has a different list length than trk_charge
  const r = sample(4, 3);
  const cols: Record<string, unknown> = {};
  const good = join(dir, "good.parquet");
  await writeRecoEventsParquet(good, [r], {});
  const bad = join(dir, "bad.parquet");
  const { readParquetColumns } = await import("./parquet.ts");
  for await (const b of readParquetColumns(good)) Object.assign(cols, b.columns);
  cols.trk_px = { offsets: new Int32Array([0, 0, 0, 1]), values: new Float64Array([1]) };
  await writeParquetColumns(bad, [{ nRows: 3, columns: cols as never }], {});
  await assert.rejects(
    readAllRecoEventsParquet(bad),
    (e: unknown) => e instanceof InputError && e.message.includes(bad) && e.message.includes("trk_px"),
  );
});

test("a second Parquet implementation (arrow-rs via parquet-wasm) reads the reco file with the Arrow types pandas/awkward get", async () => {
  const { readFileSync } = await import("node:fs");
  const arrow = await import("apache-arrow");
  const pw = await import("parquet-wasm");
  const path = join(dir, "interop.parquet");
  const r = sample(9, 50);
  await writeRecoEventsParquet(path, [r], {});
  const table = arrow.tableFromIPC(pw.readParquet(readFileSync(path)).intoIPCStream());
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  assert.equal(types.event, "Int64");
  assert.equal(types.trigger, "Int32");
  assert.equal(types.trk_charge, "List<Int8>");
  assert.equal(types.trk_muonLR, "List<Float32>");
  assert.equal(types.gam_e, "List<Float64>");
  assert.equal(table.numRows, 50);
  const px = table.getChild("trk_px")!.get(1);
  const n1 = r.trackOffsets[2]! - r.trackOffsets[1]!;
  assert.equal(px?.length ?? 0, n1);
  if (n1 > 0) assert.equal(px!.get(0), r.px[r.trackOffsets[1]!]);
});
