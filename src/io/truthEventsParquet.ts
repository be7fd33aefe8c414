/**
 * Truth events <-> Parquet. Layout: one flat table, one row per particle, so that pandas users
 * get a plain DataFrame (`df.groupby("event")`) and awkward users can regroup with
 * `ak.run_lengths`:
 *
 * | column | type | meaning |
 * |---|---|---|
 * | event  | int64   | global event index, 0-based, non-decreasing; rows of one event are contiguous |
 * | pdg    | int32   | PDG id (0 marks the placeholder row of an event with no particles) |
 * | status | int8    | 1 final, 2 decayed, 3 incoming (0 on the placeholder row) |
 * | mother | int16   | mother row within the event, -1 for none |
 * | px, py, pz, e | float64 | four-momentum [GeV] |
 * | weight | float64 | event weight, repeated on every row of the event |
 *
 * Key-value metadata: `mumux.format = truth-events/1`, plus the caller's
 * provenance (mumux version, command, seed, ...). Values round-trip bit-exactly (float64 stored
 * as PLAIN doubles, zstd is lossless).
 */
import { InputError } from "../core/errors.ts";
import { concatTruthEvents, type TruthEvents, TruthEventsBuilder } from "../physics/truthEvents.ts";
import {
  type ColumnBatch,
  flatColumn,
  readParquetColumns,
  readParquetInfo,
  toFloat64,
  toInt32,
  type WriteParquetSummary,
  writeParquetColumns,
} from "./parquet.ts";

/** Format tag stored under `mumux.format`. */
export const TRUTH_FORMAT = "truth-events/1";

/** Columns of the truth table, in file order. */
export const TRUTH_COLUMNS = ["event", "pdg", "status", "mother", "px", "py", "pz", "e", "weight"] as const;

/** One chunk of events as one column batch; `firstEvent` is the global index of its event 0. */
function truthToBatch(t: TruthEvents, firstEvent: number): ColumnBatch {
  let empty = 0;
  for (let i = 0; i < t.nEvents; i++) if (t.offsets[i + 1] === t.offsets[i]) empty++;
  const nRows = t.pdg.length + empty;
  const event = new BigInt64Array(nRows);
  const weight = new Float64Array(nRows);
  let pdg = t.pdg;
  let status = t.status;
  let mother = t.mother;
  let px = t.px;
  let py = t.py;
  let pz = t.pz;
  let e = t.e;
  if (empty > 0) {
    // rare path: an event without particles still needs a row to keep its index and weight
    pdg = new Int32Array(nRows);
    status = new Int8Array(nRows);
    mother = new Int16Array(nRows);
    px = new Float64Array(nRows);
    py = new Float64Array(nRows);
    pz = new Float64Array(nRows);
    e = new Float64Array(nRows);
  }
  let row = 0;
  for (let i = 0; i < t.nEvents; i++) {
    const a = t.offsets[i]!;
    const b = t.offsets[i + 1]!;
    const id = BigInt(firstEvent + i);
    const w = t.weight[i]!;
    if (empty > 0) {
      if (a === b) {
        mother[row] = -1;
        event[row] = id;
        weight[row++] = w;
        continue;
      }
      for (let k = a; k < b; k++, row++) {
        pdg[row] = t.pdg[k]!;
        status[row] = t.status[k]!;
        mother[row] = t.mother[k]!;
        px[row] = t.px[k]!;
        py[row] = t.py[k]!;
        pz[row] = t.pz[k]!;
        e[row] = t.e[k]!;
        event[row] = id;
        weight[row] = w;
      }
    } else {
      for (let k = a; k < b; k++) {
        event[k] = id;
        weight[k] = w;
      }
    }
  }
  return { nRows, columns: { event, pdg, status, mother, px, py, pz, e, weight } };
}

/**
 * Write chunks of truth events to `path` (zstd Parquet, atomic). Event indices continue across
 * chunks. `metadata` should carry provenance (`mumux.version`, `mumux.command`, `mumux.seed`, ...);
 * `mumux.format` is added.
 *
 * @returns rows (particles + placeholders), bytes written and the number of events
 */
export async function writeTruthEventsParquet(
  path: string,
  chunks: Iterable<TruthEvents> | AsyncIterable<TruthEvents>,
  metadata: Readonly<Record<string, string>>,
): Promise<WriteParquetSummary & { nEvents: number }> {
  let nEvents = 0;
  async function* batches(): AsyncGenerator<ColumnBatch> {
    let any = false;
    for await (const t of chunks as AsyncIterable<TruthEvents>) {
      yield truthToBatch(t, nEvents);
      nEvents += t.nEvents;
      any = true;
    }
    // zero events: one empty batch still fixes the schema
    if (!any) yield truthToBatch(new TruthEventsBuilder(1).build(), 0);
  }
  const summary = await writeParquetColumns(path, batches(), { ...metadata, "mumux.format": TRUTH_FORMAT });
  return { ...summary, nEvents };
}

/** Options for {@link readTruthEventsParquet}. */
export interface ReadTruthOptions {
  /** Rows read per step (default 65536): bounds memory; chunks hold about this many particles. */
  batchRows?: number;
}

/** Per-row columns of the truth table in memory (one read batch, plus the carried open event). */
interface TruthRows {
  n: number;
  event: Float64Array;
  pdg: Int32Array;
  status: Int32Array;
  mother: Int32Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  e: Float64Array;
  weight: Float64Array;
}

const ROW_KEYS = ["event", "pdg", "status", "mother", "px", "py", "pz", "e", "weight"] as const;

function batchRows(b: ColumnBatch, path: string): TruthRows {
  const ev = flatColumn(b, "event", path);
  if (ev instanceof Float64Array || ev instanceof Float32Array)
    throw new InputError("expected an integer column, found floating point", path, "event");
  return {
    n: b.nRows,
    event: toFloat64(ev),
    pdg: toInt32(flatColumn(b, "pdg", path), path, "pdg"),
    status: toInt32(flatColumn(b, "status", path), path, "status"),
    mother: toInt32(flatColumn(b, "mother", path), path, "mother"),
    px: toFloat64(flatColumn(b, "px", path)),
    py: toFloat64(flatColumn(b, "py", path)),
    pz: toFloat64(flatColumn(b, "pz", path)),
    e: toFloat64(flatColumn(b, "e", path)),
    weight: toFloat64(flatColumn(b, "weight", path)),
  };
}

/** Rows [from, to) of `r` (copies). */
function sliceRows(r: TruthRows, from: number, to: number): TruthRows {
  const out = { n: to - from } as TruthRows;
  for (const k of ROW_KEYS) (out as unknown as Record<string, unknown>)[k] = r[k].slice(from, to);
  return out;
}

/** `a` followed by `b` (copies). */
function concatRows(a: TruthRows, b: TruthRows): TruthRows {
  if (a.n === 0) return b;
  const out = { n: a.n + b.n } as TruthRows;
  for (const k of ROW_KEYS) {
    const x = a[k];
    const y = new (x.constructor as new (n: number) => typeof x)(a.n + b.n);
    y.set(x);
    y.set(b[k] as never, a.n);
    (out as unknown as Record<string, unknown>)[k] = y;
  }
  return out;
}

/** Build whole events from rows [0, to) of `r`; `rowBase` is the file row of r's row 0 (for messages). */
function rowsToTruth(r: TruthRows, to: number, path: string, rowBase: number): TruthEvents {
  let nEv = 0;
  let nPart = 0;
  for (let i = 0; i < to; i++) {
    if (i === 0 || r.event[i] !== r.event[i - 1]) nEv++;
    if (!(r.pdg[i] === 0 && r.status[i] === 0)) nPart++;
  }
  const out = {
    nEvents: nEv,
    offsets: new Int32Array(nEv + 1),
    weight: new Float64Array(nEv),
    pdg: new Int32Array(nPart),
    status: new Int8Array(nPart),
    mother: new Int16Array(nPart),
    px: new Float64Array(nPart),
    py: new Float64Array(nPart),
    pz: new Float64Array(nPart),
    e: new Float64Array(nPart),
  };
  let ev = -1;
  let k = 0;
  for (let i = 0; i < to; i++) {
    if (i === 0 || r.event[i] !== r.event[i - 1]) {
      ev++;
      out.offsets[ev] = k;
      out.weight[ev] = r.weight[i]!;
    }
    const s = r.status[i]!;
    if (r.pdg[i] === 0 && s === 0) continue; // placeholder row of an event without particles
    const m = r.mother[i]!;
    if (s < -128 || s > 127)
      throw new InputError(`status ${s} out of int8 range at row ${rowBase + i}`, path, "status");
    if (m < -32768 || m > 32767)
      throw new InputError(`mother ${m} out of int16 range at row ${rowBase + i}`, path, "mother");
    out.pdg[k] = r.pdg[i]!;
    out.status[k] = s;
    out.mother[k] = m;
    out.px[k] = r.px[i]!;
    out.py[k] = r.py[i]!;
    out.pz[k] = r.pz[i]!;
    out.e[k] = r.e[i]!;
    k++;
  }
  out.offsets[nEv] = k;
  return out;
}

/**
 * Stream truth events from a Parquet file written by {@link writeTruthEventsParquet} (or any file
 * with the same columns; integer types may be wider, e.g. pandas' int64). Each yielded chunk
 * holds whole events; an event split across read batches is carried to the next chunk, so
 * memory stays bounded by about `batchRows` rows plus one event.
 *
 * @throws InputError naming the file for a missing file, a non-Parquet file, a missing column,
 *   a decreasing event index or values out of range
 */
export async function* readTruthEventsParquet(
  path: string,
  options: ReadTruthOptions = {},
): AsyncGenerator<TruthEvents> {
  let carry: TruthRows | undefined;
  let rowBase = 0; // file row of carry's (or the batch's) first row
  for await (const b of readParquetColumns(path, {
    batchRows: options.batchRows ?? 65536,
    columns: TRUTH_COLUMNS,
  })) {
    const r = carry ? concatRows(carry, batchRows(b, path)) : batchRows(b, path);
    if (r.n === 0) continue;
    for (let i = 1; i < r.n; i++)
      if (r.event[i]! < r.event[i - 1]!)
        throw new InputError(`event index decreases at row ${rowBase + i}`, path, "event");
    // the last event may continue in the next batch: keep it open
    let last = r.n - 1;
    while (last > 0 && r.event[last - 1] === r.event[r.n - 1]) last--;
    if (last > 0) yield rowsToTruth(r, last, path, rowBase);
    carry = sliceRows(r, last, r.n);
    rowBase += last;
  }
  if (carry && carry.n > 0) yield rowsToTruth(carry, carry.n, path, rowBase);
}

/** Read a whole file into one {@link TruthEvents} (small samples and tests only). */
export async function readAllTruthEventsParquet(path: string): Promise<TruthEvents> {
  const parts: TruthEvents[] = [];
  for await (const c of readTruthEventsParquet(path)) parts.push(c);
  return concatTruthEvents(parts);
}

/** Provenance metadata of a truth file (footer only, no columns read). */
export async function readTruthEventsMetadata(path: string): Promise<Record<string, string>> {
  const info = await readParquetInfo(path);
  if (info.metadata["mumux.format"] !== undefined && info.metadata["mumux.format"] !== TRUTH_FORMAT)
    throw new InputError(`not a truth-event file (format ${info.metadata["mumux.format"]})`, path);
  return info.metadata;
}
