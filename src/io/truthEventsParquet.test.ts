import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InputError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { concatTruthEvents, type TruthEvents, TruthEventsBuilder } from "../physics/truthEvents.ts";
import {
  readAllTruthEventsParquet,
  readTruthEventsMetadata,
  readTruthEventsParquet,
  writeTruthEventsParquet,
} from "./truthEventsParquet.ts";

const dir = mkdtempSync(join(tmpdir(), "mumux-truth-"));

/** Random events with awkward values: tiny/huge doubles, negative zero, an empty event. */
function sample(seed: number, nEvents: number, withEmpty: boolean): TruthEvents {
  const rng = stream(seed, 0);
  const b = new TruthEventsBuilder(nEvents, 4);
  for (let i = 0; i < nEvents; i++) {
    const n = withEmpty && i % 97 === 5 ? 0 : 1 + rng.int(6);
    for (let k = 0; k < n; k++) {
      const pdg = [13, -13, 22, 11, -11, 211, 9900023][rng.int(7)]!;
      b.particle(
        pdg,
        1 + rng.int(3),
        k === 0 ? -1 : rng.int(k),
        rng.normal(),
        rng.normal() * 1e-300,
        -0,
        rng.exponential(5),
      );
    }
    b.endEvent(rng.uniform() * 1e-3 + (i === 3 ? Number.MIN_VALUE : 0));
  }
  return b.build();
}

/** Bit-exact equality of every column (Object.is on each value, so -0 and NaN count). */
function assertSameEvents(a: TruthEvents, b: TruthEvents): void {
  assert.equal(a.nEvents, b.nEvents);
  for (const k of ["offsets", "weight", "pdg", "status", "mother", "px", "py", "pz", "e"] as const) {
    const x = a[k];
    const y = b[k];
    assert.equal(x.constructor, y.constructor, `${k} type`);
    assert.equal(x.length, y.length, `${k} length`);
    for (let i = 0; i < x.length; i++)
      if (!Object.is(x[i], y[i])) assert.fail(`${k}[${i}]: ${x[i]} != ${y[i]}`);
  }
}

test("truth events round-trip bit-exactly through Parquet, across chunks and an empty event", async () => {
  const chunks = [sample(1, 500, true), sample(2, 1, false), sample(3, 700, true)];
  const path = join(dir, "rt.parquet");
  const s = await writeTruthEventsParquet(path, chunks, { "mumux.version": "test", "mumux.seed": "7" });
  assert.equal(s.nEvents, 1201);
  // small read batches force events to be split across batches and carried
  const parts: TruthEvents[] = [];
  for await (const c of readTruthEventsParquet(path, { batchRows: 37 })) parts.push(c);
  assert.ok(parts.length > 10, "streamed in many chunks");
  assertSameEvents(concatTruthEvents(parts), concatTruthEvents(chunks));
  assertSameEvents(await readAllTruthEventsParquet(path), concatTruthEvents(chunks));
  const md = await readTruthEventsMetadata(path);
  assert.equal(md["mumux.seed"], "7");
  assert.equal(md["mumux.format"], "truth-events/1");
  // atomic write: no temp file left beside the output
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes(".tmp")),
    [],
  );
});

test("an async iterable of chunks is accepted and zero events give a readable empty file", async () => {
  async function* gen() {
    yield sample(4, 10, false);
  }
  const p1 = join(dir, "async.parquet");
  assert.equal((await writeTruthEventsParquet(p1, gen(), {})).nEvents, 10);
  assert.equal((await readAllTruthEventsParquet(p1)).nEvents, 10);
  const p0 = join(dir, "empty.parquet");
  await writeTruthEventsParquet(p0, [], {});
  assert.equal((await readAllTruthEventsParquet(p0)).nEvents, 0);
});

test("the file is a flat zstd per-particle table with int64 event ids, as a generic Parquet reader sees it", async () => {
  const path = join(dir, "hyp.parquet");
  const t = sample(5, 20, false);
  await writeTruthEventsParquet(path, [t], { "mumux.command": "test" });
  const file = await asyncBufferFromFile(path);
  const meta = await parquetMetadataAsync(file);
  const codecs = new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
  assert.deepEqual([...codecs], ["ZSTD"]);
  const { compressors } = await import("hyparquet-compressors");
  const rows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
  assert.equal(rows.length, t.pdg.length);
  assert.equal(rows[0]!.event, 0n);
  assert.equal(rows[0]!.pdg, t.pdg[0]);
  assert.equal(rows[rows.length - 1]!.px, t.px[t.px.length - 1]);
});

test("a bad file gives an InputError naming the file", async () => {
  const bad = join(dir, "bad.parquet");
  writeFileSync(bad, "this is not parquet at all, just some text\n".repeat(3));
  await assert.rejects(
    readAllTruthEventsParquet(bad),
    (e: unknown) => e instanceof InputError && e.message.includes(bad),
  );
  const missing = join(dir, "missing.parquet");
  await assert.rejects(
    readAllTruthEventsParquet(missing),
    (e: unknown) => e instanceof InputError && e.message.includes(missing),
  );
  // a valid Parquet file without the truth columns
  const { writeParquetColumns } = await import("./parquet.ts");
  const other = join(dir, "other.parquet");
  await writeParquetColumns(other, [{ nRows: 1, columns: { x: new Float64Array([1]) } }], {});
  await assert.rejects(
    readAllTruthEventsParquet(other),
    (e: unknown) => e instanceof InputError && e.message.includes(other),
  );
  // a truncated file (interrupted copy) and a file with garbage in its data pages
  const good = join(dir, "good.parquet");
  await writeTruthEventsParquet(good, [sample(6, 300, false)], {});
  const bytes = readFileSync(good);
  const cut = join(dir, "cut.parquet");
  writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
  await assert.rejects(
    readAllTruthEventsParquet(cut),
    (e: unknown) => e instanceof InputError && e.message.includes(cut),
  );
  const garbled = join(dir, "garbled.parquet");
  const g = Buffer.from(bytes);
  for (let i = 200; i < Math.min(g.length - 2000, 4000); i++) g[i] = (i * 7919) & 255;
  writeFileSync(garbled, g);
  await assert.rejects(
    readAllTruthEventsParquet(garbled),
    (e: unknown) => e instanceof InputError && e.message.includes(garbled),
  );
});

test("an unwritable destination is an InputError naming the file", async () => {
  const path = join(dir, "no", "such", "dir", "out.parquet");
  await assert.rejects(
    writeTruthEventsParquet(path, [sample(8, 3, false)], {}),
    (e: unknown) => e instanceof InputError && e.message.includes(path),
  );
});

test("a pandas-style file (nullable int64 columns, dictionary pages, snappy) reads the same events", async () => {
  const arrow = await import("apache-arrow");
  const pw = await import("parquet-wasm");
  const t = sample(9, 40, false);
  const n = t.pdg.length;
  const event = new BigInt64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < t.nEvents; i++)
    for (let k = t.offsets[i]!; k < t.offsets[i + 1]!; k++) {
      event[k] = BigInt(i);
      weight[k] = t.weight[i]!;
    }
  const wide = (a: ArrayLike<number>) => BigInt64Array.from(Array.from(a, (x) => BigInt(x)));
  // what df.to_parquet() gives: every integer as int64, nullable fields, dictionary encoding
  const table = new arrow.Table({
    event: arrow.makeVector(event),
    pdg: arrow.makeVector(wide(t.pdg)),
    status: arrow.makeVector(wide(t.status)),
    mother: arrow.makeVector(wide(t.mother)),
    px: arrow.makeVector(t.px),
    py: arrow.makeVector(t.py),
    pz: arrow.makeVector(t.pz),
    e: arrow.makeVector(t.e),
    weight: arrow.makeVector(weight),
  });
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
  const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, "stream")), props);
  const path = join(dir, "pandas.parquet");
  writeFileSync(path, bytes);
  assertSameEvents(await readAllTruthEventsParquet(path), t);
});
