/**
 * Reconstructed events <-> Parquet. Layout: one row per event; tracks and photons are list
 * columns (awkward-array style), which `ak.from_parquet` reads as jagged arrays and pandas as
 * columns of arrays:
 *
 * | column | type | meaning |
 * |---|---|---|
 * | event | int64 | global event index (same as the truth event it came from) |
 * | weight | float64 | event weight |
 * | trigger | int32 | trigger bits: 1 twoTrack, 2 threeTrack, 4 singleMuon, 8 eclEnergy, 16 bhabha |
 * | trk_charge | list<int8> | track charge |
 * | trk_px, trk_py, trk_pz | list<float64> | track momentum [GeV], lab frame |
 * | trk_d0, trk_z0 | list<float64> | impact parameters [cm] |
 * | trk_muonLR, trk_electronLR | list<float32> | likelihood ratios (ID: > 0.5) |
 * | trk_eclEnergy | list<float64> | matched ECL cluster energy [GeV] |
 * | trk_truth | list<int16> | truth row within the event (-1 none) |
 * | gam_e, gam_theta, gam_phi | list<float64> | photon energy [GeV] and angles [rad] |
 * | gam_truth | list<int16> | truth row (-1 beam background) |
 *
 * Key-value metadata: `mumux.format = reco-events/1`, `mumux.trigger_bits`, plus the caller's
 * provenance. Values round-trip bit-exactly.
 */
import { InputError } from "../core/errors.ts";
import {
  concatRecoEvents,
  PHOTON_KEYS,
  type RecoEvents,
  RecoEventsBuilder,
  TRACK_KEYS,
  TRIGGER_BIT_NAMES,
} from "../physics/recoEvents.ts";
import {
  type ColumnArray,
  type ColumnBatch,
  type ColumnValue,
  flatColumn,
  type ListColumn,
  listColumn,
  readParquetColumns,
  readParquetInfo,
  toFloat64,
  toInt32,
  type WriteParquetSummary,
  writeParquetColumns,
} from "./parquet.ts";

/** Format tag stored under `mumux.format`. */
export const RECO_FORMAT = "reco-events/1";

/** File column of each per-track and per-photon field. */
const TRACK_COLUMN: Record<(typeof TRACK_KEYS)[number], string> = {
  charge: "trk_charge",
  px: "trk_px",
  py: "trk_py",
  pz: "trk_pz",
  d0: "trk_d0",
  z0: "trk_z0",
  muonLR: "trk_muonLR",
  electronLR: "trk_electronLR",
  eclEnergy: "trk_eclEnergy",
  trackTruth: "trk_truth",
};
const PHOTON_COLUMN: Record<(typeof PHOTON_KEYS)[number], string> = {
  photonE: "gam_e",
  photonTheta: "gam_theta",
  photonPhi: "gam_phi",
  photonTruth: "gam_truth",
};

/** Columns of the reco table, in file order. */
export const RECO_COLUMNS: readonly string[] = [
  "event",
  "weight",
  "trigger",
  ...Object.values(TRACK_COLUMN),
  ...Object.values(PHOTON_COLUMN),
];

function recoToBatch(r: RecoEvents, firstEvent: number): ColumnBatch {
  const event = new BigInt64Array(r.nEvents);
  for (let i = 0; i < r.nEvents; i++) event[i] = BigInt(firstEvent + i);
  const columns: Record<string, ColumnValue> = { event, weight: r.weight, trigger: r.trigger };
  for (const k of TRACK_KEYS) columns[TRACK_COLUMN[k]] = { offsets: r.trackOffsets, values: r[k] };
  for (const k of PHOTON_KEYS) columns[PHOTON_COLUMN[k]] = { offsets: r.photonOffsets, values: r[k] };
  return { nRows: r.nEvents, columns };
}

/**
 * Write chunks of reconstructed events to `path` (zstd Parquet, atomic; bounded memory).
 * Event indices continue across chunks.
 */
export async function writeRecoEventsParquet(
  path: string,
  chunks: Iterable<RecoEvents> | AsyncIterable<RecoEvents>,
  metadata: Readonly<Record<string, string>>,
): Promise<WriteParquetSummary & { nEvents: number }> {
  let nEvents = 0;
  async function* batches(): AsyncGenerator<ColumnBatch> {
    let any = false;
    for await (const r of chunks as AsyncIterable<RecoEvents>) {
      yield recoToBatch(r, nEvents);
      nEvents += r.nEvents;
      any = true;
    }
    if (!any) yield recoToBatch(new RecoEventsBuilder(1).build(), 0);
  }
  const md = {
    ...metadata,
    "mumux.format": RECO_FORMAT,
    "mumux.trigger_bits": TRIGGER_BIT_NAMES.map((n, i) => `${1 << i}:${n}`).join(","),
  };
  const summary = await writeParquetColumns(path, batches(), md, { rowGroupSize: 65536 });
  return { ...summary, nEvents };
}

type Ctor = new (n: number) => ColumnArray;

/** Convert the values of a list column to the in-memory type, checking integer ranges. */
function listValues(c: ListColumn, ctor: Ctor, path: string, name: string): ColumnArray {
  if (c.values instanceof ctor) return c.values;
  if (ctor === Float64Array || ctor === Float32Array) {
    const v = c.values instanceof BigInt64Array ? toFloat64(c.values) : c.values;
    const out = new ctor(v.length);
    out.set(v as never);
    return out;
  }
  const ints = toInt32(c.values, path, name);
  const out = new ctor(ints.length);
  const lim = ctor === Int8Array ? 127 : 32767;
  for (let i = 0; i < ints.length; i++) {
    if (ints[i]! > lim || ints[i]! < -lim - 1)
      throw new InputError(`value ${ints[i]} out of range`, path, name);
    out[i] = ints[i]!;
  }
  return out;
}

function sameOffsets(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function batchToReco(b: ColumnBatch, path: string): RecoEvents {
  const weight = toFloat64(flatColumn(b, "weight", path));
  const trigger = toInt32(flatColumn(b, "trigger", path), path, "trigger");
  const out: Record<string, unknown> = { nEvents: b.nRows, weight: weight.slice(), trigger: trigger.slice() };
  const part = (
    keys: readonly string[],
    names: Record<string, string>,
    proto: RecoEvents,
    offsetsKey: string,
  ) => {
    let offsets: Int32Array | undefined;
    for (const k of keys) {
      const name = names[k]!;
      const col = listColumn(b, name, path);
      if (!offsets) offsets = col.offsets;
      else if (!sameOffsets(offsets, col.offsets))
        throw new InputError(`list lengths differ from ${names[keys[0]!]}`, path, name);
      out[k] = listValues(
        col,
        (proto as unknown as Record<string, ColumnArray>)[k]!.constructor as Ctor,
        path,
        name,
      );
    }
    out[offsetsKey] = offsets;
  };
  part(TRACK_KEYS, TRACK_COLUMN, EMPTY, "trackOffsets");
  part(PHOTON_KEYS, PHOTON_COLUMN, EMPTY, "photonOffsets");
  return out as unknown as RecoEvents;
}

const EMPTY = new RecoEventsBuilder(1).build();

/** Options for {@link readRecoEventsParquet}. */
export interface ReadRecoOptions {
  /** Events per yielded chunk (default 65536). */
  batchRows?: number;
}

/**
 * Stream reconstructed events from a Parquet file written by {@link writeRecoEventsParquet}.
 *
 * @throws InputError naming the file for a missing or non-Parquet file, missing columns or
 *   inconsistent list lengths
 */
export async function* readRecoEventsParquet(
  path: string,
  options: ReadRecoOptions = {},
): AsyncGenerator<RecoEvents> {
  for await (const b of readParquetColumns(path, {
    batchRows: options.batchRows ?? 65536,
    columns: RECO_COLUMNS,
  })) {
    yield batchToReco(b, path);
  }
}

/** Read a whole reco file into one {@link RecoEvents} (small samples and tests only). */
export async function readAllRecoEventsParquet(path: string): Promise<RecoEvents> {
  const parts: RecoEvents[] = [];
  for await (const r of readRecoEventsParquet(path)) parts.push(r);
  return concatRecoEvents(parts);
}

/** Provenance metadata of a reco file (footer only). */
export async function readRecoEventsMetadata(path: string): Promise<Record<string, string>> {
  const info = await readParquetInfo(path);
  const f = info.metadata["mumux.format"];
  if (f !== undefined && f !== RECO_FORMAT) throw new InputError(`not a reco-event file (format ${f})`, path);
  return info.metadata;
}
