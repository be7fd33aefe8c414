/**
 * Generic columnar Parquet I/O shared by every mumux table (truth events, reconstructed events,
 * ntuples). A table is streamed as a sequence of {@link ColumnBatch}es: each column is either a
 * flat typed array (one value per row) or a {@link ListColumn} (a variable-length list per row,
 * awkward-array style offsets + values). Batches go to disk as they come (bounded memory), are
 * compressed with zstd, and become visible under their final name only when the whole file is
 * written (temp file + rename), so an interrupted run never leaves a half file.
 *
 * Writing goes through parquet-wasm (the Rust `parquet` crate compiled to WebAssembly), reading
 * through hyparquet (pure JavaScript). Files carry the Arrow schema, REQUIRED (non-null) columns
 * and PLAIN encoding (no dictionary: doubles do not repeat, and zstd catches repeated ids), so pandas/pyarrow, polars, awkward (`ak.from_parquet`) and uproot
 * users read them with the same dtypes (int8 stays int8, lists stay lists).
 *
 * @example
 * await writeParquetColumns("x.parquet", [{ nRows: 2, columns: { e: new Float64Array([1, 2]) } }], { tool: "mumux" });
 * for await (const b of readParquetColumns("x.parquet")) console.log(b.nRows, b.columns.e);
 */

import { createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Writable } from "node:stream";
import * as arrow from "apache-arrow";
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type SchemaElement,
} from "hyparquet";
import { compressors } from "hyparquet-compressors";
import * as pw from "parquet-wasm";
import { InputError } from "../core/errors.ts";

/** A flat numeric column: one value per row. BigInt64Array stands for int64. */
export type ColumnArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | BigInt64Array;

/**
 * A list column: row r holds `values[offsets[r] .. offsets[r+1]-1]`; `offsets.length = nRows + 1`,
 * `offsets[0] = 0`. Stored as a Parquet LIST of non-null values.
 */
export interface ListColumn {
  readonly offsets: Int32Array;
  readonly values: ColumnArray;
}

/** One column's data in a batch. */
export type ColumnValue = ColumnArray | ListColumn;

/** A block of rows: every column has `nRows` rows. */
export interface ColumnBatch {
  readonly nRows: number;
  readonly columns: Readonly<Record<string, ColumnValue>>;
}

/** Options for {@link writeParquetColumns}. */
export interface WriteParquetOptions {
  /** Rows per Parquet row group (default 131072): the unit readers decompress at once. */
  rowGroupSize?: number;
  /** zstd level (default 3, the library default; 1..22). */
  zstdLevel?: number;
}

/** What {@link writeParquetColumns} wrote. */
export interface WriteParquetSummary {
  /** Total rows written. */
  rows: number;
  /** File size in bytes. */
  bytes: number;
}

/** True when a column value is a {@link ListColumn}. */
export function isListColumn(v: ColumnValue): v is ListColumn {
  return !ArrayBuffer.isView(v);
}

function arrowTypeOf(a: ColumnArray): arrow.DataType {
  if (a instanceof Float64Array) return new arrow.Float64();
  if (a instanceof Float32Array) return new arrow.Float32();
  if (a instanceof Int32Array) return new arrow.Int32();
  if (a instanceof Int16Array) return new arrow.Int16();
  if (a instanceof Int8Array) return new arrow.Int8();
  if (a instanceof Uint32Array) return new arrow.Uint32();
  if (a instanceof Uint16Array) return new arrow.Uint16();
  if (a instanceof Uint8Array) return new arrow.Uint8();
  if (a instanceof BigInt64Array) return new arrow.Int64();
  throw new TypeError("unsupported column array type");
}

/** Arrow Data for a flat typed array (no nulls, no copy). */
function flatData(a: ColumnArray): arrow.Data {
  return arrow.makeData({ type: arrowTypeOf(a), length: a.length, nullCount: 0, data: a } as never);
}

function listData(c: ListColumn, nRows: number): arrow.Data {
  const child = flatData(c.values);
  const type = new arrow.List(new arrow.Field("item", child.type, false));
  return arrow.makeData({ type, length: nRows, nullCount: 0, valueOffsets: c.offsets, child });
}

/** Signature of a column ("f64", "list<i8>", ...) to check that batches agree. */
function columnSignature(v: ColumnValue): string {
  const t = (a: ColumnArray) => arrowTypeOf(a).toString();
  return isListColumn(v) ? `list<${t(v.values)}>` : t(v);
}

function batchToArrowTable(b: ColumnBatch, names: readonly string[]): arrow.Table {
  const fields: arrow.Field[] = [];
  const children: arrow.Data[] = [];
  for (const name of names) {
    const v = b.columns[name]!;
    let d: arrow.Data;
    if (isListColumn(v)) {
      if (v.offsets.length !== b.nRows + 1 || v.offsets[0] !== 0 || v.offsets[b.nRows] !== v.values.length)
        throw new RangeError(`column ${name}: list offsets do not match ${b.nRows} rows`);
      d = listData(v, b.nRows);
    } else {
      if (v.length !== b.nRows)
        throw new RangeError(`column ${name}: ${v.length} values for ${b.nRows} rows`);
      d = flatData(v);
    }
    // non-nullable fields become REQUIRED Parquet columns: smaller, and readers decode them
    // straight into typed arrays
    fields.push(new arrow.Field(name, d.type, false));
    children.push(d);
  }
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: b.nRows, nullCount: 0, children });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}

/**
 * Stream batches into a zstd-compressed Parquet file at `path`, atomically.
 * Every batch must have the same column names and types as the first. Key-value `metadata`
 * (provenance: tool version, command, seed, format tag) is stored in the file footer.
 * The column set comes from the first batch, so an empty table needs one zero-row batch; an
 * empty iterable is an error.
 *
 * @throws RangeError for inconsistent batches (a programming error, not bad user input)
 */
export async function writeParquetColumns(
  path: string,
  batches: Iterable<ColumnBatch> | AsyncIterable<ColumnBatch>,
  metadata: Readonly<Record<string, string>>,
  options: WriteParquetOptions = {},
): Promise<WriteParquetSummary> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(options.rowGroupSize ?? 131072)
    .setKeyValueMetadata(new Map(Object.entries(metadata)))
    .setCreatedBy("mumux (parquet-wasm)")
    .build();
  const it =
    Symbol.asyncIterator in batches
      ? (batches as AsyncIterable<ColumnBatch>)[Symbol.asyncIterator]()
      : (batches as Iterable<ColumnBatch>)[Symbol.iterator]();
  let names: string[] | undefined;
  let signature = "";
  let rows = 0;
  let sawBatch = false;
  const source = new ReadableStream<pw.RecordBatch>({
    async pull(controller) {
      try {
        const r = await it.next();
        if (r.done) {
          if (!sawBatch) throw new RangeError("writeParquetColumns: no batch given (schema unknown)");
          controller.close();
          return;
        }
        const b = r.value;
        if (!names) {
          names = Object.keys(b.columns);
          signature = names.map((n) => `${n}:${columnSignature(b.columns[n]!)}`).join(",");
        } else {
          const sig = Object.keys(b.columns)
            .map((n) => `${n}:${columnSignature(b.columns[n]!)}`)
            .join(",");
          if (sig !== signature)
            throw new RangeError(`writeParquetColumns: batch columns ${sig} != ${signature}`);
        }
        sawBatch = true;
        rows += b.nRows;
        const table = batchToArrowTable(b, names);
        const wasmTable = pw.Table.fromIPCStream(arrow.tableToIPC(table, "stream"));
        const recordBatches = wasmTable.recordBatches();
        // a zero-row batch still fixes the schema: send it so an empty table is a valid file
        for (const rb of recordBatches) controller.enqueue(rb);
        wasmTable.free();
      } catch (e) {
        controller.error(e);
      }
    },
  });
  try {
    const bytes = await pw.transformParquetStream(source, props);
    await bytes.pipeTo(Writable.toWeb(createWriteStream(tmp)) as WritableStream<Uint8Array>);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    // an unwritable destination is the user's to fix: one line naming the file
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code))
      throw new InputError(`cannot write (${code})`, path);
    throw e;
  }
  return { rows, bytes: (await stat(path)).size };
}

/** What {@link readParquetInfo} returns: the footer of a Parquet file. */
export interface ParquetInfo {
  /** Key-value metadata (provenance); the Arrow schema entry `ARROW:schema` is omitted. */
  metadata: Record<string, string>;
  /** Total number of rows. */
  nRows: number;
  /** Rows of each row group. */
  rowGroups: number[];
  /** Top-level column names, in file order. */
  columns: string[];
}

function oneLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split("\n")[0]!.slice(0, 200);
}

interface OpenedParquet {
  file: AsyncBuffer;
  meta: FileMetaData;
}

// Reading goes through hyparquet (pure JavaScript): a corrupt file raises a catchable error,
// whereas a WebAssembly reader can abort the process on malformed input.
async function openParquet(path: string): Promise<OpenedParquet> {
  let file: AsyncBuffer;
  try {
    file = await asyncBufferFromFile(path);
  } catch (e) {
    throw new InputError(`cannot open: ${(e as NodeJS.ErrnoException).code ?? oneLine(e)}`, path);
  }
  if (file.byteLength < 12) throw new InputError("not a Parquet file (too short)", path);
  try {
    return { file, meta: await parquetMetadataAsync(file) };
  } catch (e) {
    throw new InputError(`not a readable Parquet file (${oneLine(e)})`, path);
  }
}

/** Read the footer (metadata, row counts, column names) without reading any column data. */
export async function readParquetInfo(path: string): Promise<ParquetInfo> {
  const { meta } = await openParquet(path);
  const metadata: Record<string, string> = {};
  for (const kv of meta.key_value_metadata ?? [])
    if (kv.key !== "ARROW:schema") metadata[kv.key] = kv.value ?? "";
  return {
    metadata,
    nRows: Number(meta.num_rows),
    rowGroups: meta.row_groups.map((g) => Number(g.num_rows)),
    columns: parquetSchema(meta).children.map((c) => c.element.name),
  };
}

/** Options for {@link readParquetColumns}. */
export interface ReadParquetOptions {
  /** Maximum rows per yielded batch (default 65536). Memory is bounded by one row group. */
  batchRows?: number;
  /** Read only these columns (default: all). */
  columns?: readonly string[];
}

type ArrayCtor = new (n: number) => ColumnArray;

/** Typed-array constructor for a leaf column, or a reason why it is not supported. */
function leafCtor(el: SchemaElement): ArrayCtor | string {
  const lt = el.logical_type;
  switch (el.type) {
    case "DOUBLE":
      return Float64Array;
    case "FLOAT":
      return Float32Array;
    case "BOOLEAN":
      return Uint8Array;
    case "INT64":
      if (lt?.type === "INTEGER" && !lt.isSigned) return "unsigned int64";
      if (el.converted_type === "UINT_64") return "unsigned int64";
      if (lt && lt.type !== "INTEGER") return `int64 ${lt.type}`;
      return BigInt64Array;
    case "INT32": {
      if (lt && lt.type !== "INTEGER") return `int32 ${lt.type}`;
      const bits = lt?.type === "INTEGER" ? lt.bitWidth : 32;
      const signed =
        lt?.type === "INTEGER" ? lt.isSigned : !String(el.converted_type ?? "").startsWith("UINT");
      if (bits === 8) return signed ? Int8Array : Uint8Array;
      if (bits === 16) return signed ? Int16Array : Uint16Array;
      return signed ? Int32Array : Uint32Array;
    }
    default:
      return String(el.type ?? "group");
  }
}

interface ColumnPlan {
  name: string;
  ctor: ArrayCtor;
  list: boolean;
}

function planColumns(meta: FileMetaData, path: string, want?: readonly string[]): ColumnPlan[] {
  const top = parquetSchema(meta).children;
  const names = want ?? top.map((c) => c.element.name);
  return names.map((name) => {
    const node = top.find((c) => c.element.name === name);
    if (!node) throw new InputError("missing column", path, name);
    const isList = node.element.logical_type?.type === "LIST" || node.element.converted_type === "LIST";
    const leaf = isList ? node.children[0]?.children[0] : node;
    if (!leaf || leaf.children.length > 0)
      throw new InputError("unsupported nested column (only numbers and lists of numbers)", path, name);
    const ctor = leafCtor(leaf.element);
    if (typeof ctor === "string") throw new InputError(`unsupported column type ${ctor}`, path, name);
    return { name, ctor, list: isList };
  });
}

function checkedValue(x: unknown, name: string, path: string, row: number): number | bigint {
  if (typeof x === "number" || typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  throw new InputError(
    `${x === null || x === undefined ? "null" : typeof x} value at row ${row}`,
    path,
    name,
  );
}

/** Assemble one column of one row range from hyparquet's decoded chunks. */
function assemble(
  plan: ColumnPlan,
  chunks: readonly { rowStart: number; rowEnd: number; data: ArrayLike<unknown> }[],
  start: number,
  n: number,
  path: string,
): ColumnValue {
  const isBig = plan.ctor === BigInt64Array;
  if (!plan.list) {
    const out = new plan.ctor(n);
    for (const c of chunks) {
      const a = Math.max(c.rowStart, start);
      const b = Math.min(c.rowEnd, start + n);
      if (b <= a) continue;
      const d = c.data;
      // fast path: a typed array of the same numeric family (BigInt or not) copies in one call
      if (ArrayBuffer.isView(d) && d instanceof BigInt64Array === isBig && !(d instanceof BigUint64Array)) {
        out.set((d as ColumnArray).subarray(a - c.rowStart, b - c.rowStart) as never, a - start);
        continue;
      }
      for (let r = a; r < b; r++) {
        const v = checkedValue(d[r - c.rowStart], plan.name, path, r);
        out[r - start] = (isBig ? BigInt(v) : Number(v)) as never;
      }
    }
    return out;
  }
  const offsets = new Int32Array(n + 1);
  const rows: ArrayLike<unknown>[] = new Array(n);
  for (const c of chunks) {
    const a = Math.max(c.rowStart, start);
    const b = Math.min(c.rowEnd, start + n);
    for (let r = a; r < b; r++) {
      const row = c.data[r - c.rowStart];
      if (!Array.isArray(row) && !ArrayBuffer.isView(row))
        throw new InputError(`null list at row ${r}`, path, plan.name);
      rows[r - start] = row as ArrayLike<unknown>;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + (rows[i]?.length ?? 0);
  const values = new plan.ctor(offsets[n]!);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row) continue;
    const o = offsets[i]!;
    for (let k = 0; k < row.length; k++) {
      const v = checkedValue(row[k], plan.name, path, start + i);
      values[o + k] = (isBig ? BigInt(v) : Number(v)) as never;
    }
  }
  return { offsets, values };
}

/**
 * Stream a Parquet file as {@link ColumnBatch}es of at most `batchRows` rows (fresh arrays, safe
 * to keep). Row groups are decoded one at a time, so memory is bounded by the largest row group.
 * Reads files from pandas/pyarrow too: integer widths follow the file's logical types, nullable
 * columns are accepted as long as they hold no null.
 *
 * @throws InputError naming the file when it is missing, not Parquet, corrupt, or has unsupported
 *   or null values
 */
export async function* readParquetColumns(
  path: string,
  options: ReadParquetOptions = {},
): AsyncGenerator<ColumnBatch> {
  const { file, meta } = await openParquet(path);
  const plans = planColumns(meta, path, options.columns);
  const batchRows = Math.max(1, options.batchRows ?? 65536);
  let groupStart = 0;
  for (const g of meta.row_groups) {
    const nGroup = Number(g.num_rows);
    const chunks = new Map<string, { rowStart: number; rowEnd: number; data: ArrayLike<unknown> }[]>();
    for (const p of plans) chunks.set(p.name, []);
    if (nGroup > 0) {
      try {
        await parquetRead({
          file,
          metadata: meta,
          compressors,
          columns: plans.map((p) => p.name),
          rowStart: groupStart,
          rowEnd: groupStart + nGroup,
          onChunk: (c) => {
            chunks.get(c.columnName)?.push({ rowStart: c.rowStart, rowEnd: c.rowEnd, data: c.columnData });
          },
        });
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`corrupt data in row group at row ${groupStart} (${oneLine(e)})`, path);
      }
    }
    for (let s = 0; s < nGroup; s += batchRows) {
      const n = Math.min(batchRows, nGroup - s);
      const columns: Record<string, ColumnValue> = {};
      for (const p of plans) columns[p.name] = assemble(p, chunks.get(p.name)!, groupStart + s, n, path);
      yield { nRows: n, columns };
    }
    groupStart += nGroup;
  }
  if (meta.row_groups.length === 0 || groupStart === 0) {
    // keep the schema visible for an empty table
    const columns: Record<string, ColumnValue> = {};
    for (const p of plans)
      columns[p.name] = p.list ? { offsets: new Int32Array(1), values: new p.ctor(0) } : new p.ctor(0);
    yield { nRows: 0, columns };
  }
}

/** Convert any numeric column to Float64Array (copy). */
export function toFloat64(a: ColumnArray): Float64Array {
  if (a instanceof Float64Array) return a;
  const out = new Float64Array(a.length);
  if (a instanceof BigInt64Array) for (let i = 0; i < a.length; i++) out[i] = Number(a[i]!);
  else out.set(a);
  return out;
}

/**
 * Convert an integer column to Int32Array; throws InputError when a value does not fit or the
 * column is floating point (an id must be an integer in the file, not a rounded float).
 */
export function toInt32(a: ColumnArray, path: string, name: string): Int32Array {
  if (a instanceof Int32Array) return a;
  if (a instanceof Float64Array || a instanceof Float32Array)
    throw new InputError("expected an integer column, found floating point", path, name);
  const out = new Int32Array(a.length);
  if (a instanceof BigInt64Array) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x > 2147483647n || x < -2147483648n)
        throw new InputError(`value ${x} out of int32 range`, path, name);
      out[i] = Number(x);
    }
  } else if (a instanceof Uint32Array) {
    for (let i = 0; i < a.length; i++) {
      if (a[i]! > 2147483647) throw new InputError(`value ${a[i]} out of int32 range`, path, name);
      out[i] = a[i]!;
    }
  } else out.set(a);
  return out;
}

/** Fetch a flat column from a batch or throw InputError naming the file and column. */
export function flatColumn(b: ColumnBatch, name: string, path: string): ColumnArray {
  const v = b.columns[name];
  if (v === undefined) throw new InputError("missing column", path, name);
  if (isListColumn(v)) throw new InputError("expected a flat column, found a list", path, name);
  return v;
}

/** Fetch a list column from a batch or throw InputError naming the file and column. */
export function listColumn(b: ColumnBatch, name: string, path: string): ListColumn {
  const v = b.columns[name];
  if (v === undefined) throw new InputError("missing column", path, name);
  if (!isListColumn(v)) throw new InputError("expected a list column, found a flat column", path, name);
  return v;
}
