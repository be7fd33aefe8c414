/**
 * `mumux bumphunt`: a complete unbinned bump hunt over a spectrum in one command (issue 7), and
 * `mumux bumphunt merge DIR... --out DIR` to join shards. Parses arguments, reads the column,
 * and calls pipeline/bumphunt (scheduling, files) and stats/scan (statistics).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { ConfigError, InputError } from "../../core/errors.ts";
import { MUMUX_VERSION } from "../../core/version.ts";
import { readCsvColumns } from "../../io/csvColumns.ts";
import { flatColumn, readParquetColumns, readParquetInfo, toFloat64 } from "../../io/parquet.ts";
import { readJsonFile } from "../../io/readJson.ts";
import { mergeBumpHunt } from "../../pipeline/bumphunt/mergeBumpHunt.ts";
import { runBumpHunt } from "../../pipeline/bumphunt/runBumpHunt.ts";
import { type BumpHuntConfig, makeBumpHuntConfig } from "../../stats/scan/bumpHuntConfig.ts";
import { massGrid } from "../../stats/scan/massGrid.ts";
import type { ResolutionSpec } from "../../stats/scan/resolution.ts";
import type { SignalShapeSpec } from "../../stats/scan/signalShape.ts";
import type { CommandContext } from "../context.ts";

interface BumpHuntOptions {
  column?: string;
  from?: string;
  to?: string;
  sigma?: string;
  resolution?: string;
  signal?: string;
  shape?: string;
  windowSigmas: string;
  stepSigmas: string;
  poly: string;
  cl: string;
  leeToys: string;
  u0: string;
  limitToys: string;
  seed: string;
  workers?: string;
  shard?: string;
  out?: string;
}

function number(v: string | undefined, flag: string): number {
  const x = Number(v);
  if (v === undefined || v.trim() === "" || !Number.isFinite(x))
    throw new ConfigError(`${flag} needs a number, got "${v}"`);
  return x;
}

async function fileDigest(path: string): Promise<string> {
  const h = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, path);
  }
  return h.digest("hex").slice(0, 16);
}

/** Read one numeric column of a Parquet or CSV file; every value must be finite. */
async function readColumn(path: string, column: string): Promise<Float64Array> {
  let values: Float64Array;
  if (/\.parquet$/i.test(path)) {
    const info = await readParquetInfo(path);
    if (!info.columns.includes(column))
      throw new InputError(`unknown column "${column}" (columns: ${info.columns.join(", ")})`, path);
    const parts: Float64Array[] = [];
    for await (const b of readParquetColumns(path, { columns: [column] }))
      parts.push(toFloat64(flatColumn(b, column, path)));
    values = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
    let off = 0;
    for (const p of parts) {
      values.set(p, off);
      off += p.length;
    }
  } else if (/\.csv$/i.test(path)) {
    values = readCsvColumns(path, [column]).columns[column]!;
  } else throw new InputError("events must be a .parquet or .csv file", path);
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i]!))
      throw new InputError(`column "${column}" has a non-finite value (${values[i]}) at row ${i + 1}`, path);
  return values;
}

function readResolution(path: string): ResolutionSpec {
  const t = readCsvColumns(path);
  const find = (re: RegExp): string | undefined => t.names.find((n) => re.test(n));
  const m = find(/^(mass|m)\b/i) ?? t.names[0];
  const s = find(/^(sigma|resolution|width)\b/i) ?? t.names[1];
  if (!m || !s || m === s) throw new InputError("resolution file needs two columns: mass, sigma", path);
  const cols = readCsvColumns(path, [m, s]).columns;
  return { kind: "table", mass: Array.from(cols[m]!), sigma: Array.from(cols[s]!) };
}

function readShape(path: string | undefined, type: string | undefined): SignalShapeSpec {
  if (!path) {
    const t = type ?? "dcb";
    if (!["gauss", "dcb", "cb2"].includes(t))
      throw new ConfigError(`--signal must be dcb, cb2 or gauss, got "${t}"`);
    return { type: t as SignalShapeSpec["type"] };
  }
  const j = readJsonFile(path) as Partial<SignalShapeSpec> | null;
  if (!j || typeof j !== "object" || Array.isArray(j))
    throw new InputError("shape file must hold a JSON object", path);
  const t = j.type ?? type ?? "dcb";
  if (type && j.type && type !== j.type)
    throw new ConfigError(`--signal ${type} but ${path} describes "${j.type}"`);
  return { ...j, type: t } as SignalShapeSpec;
}

function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) throw new ConfigError(`--shard must look like i/N (0-based i), got "${s}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index < count)) throw new ConfigError(`--shard ${s}: need 0 <= i < N`);
  return { index, count };
}

function summaryText(s: Record<string, unknown>, out: string): string {
  const f = (v: unknown, d = 2): string => (typeof v === "number" ? v.toFixed(d) : "n/a");
  return [
    `largest local significance ${f(s.max_z_local)} sigma at ${f(s.max_z_local_mass, 4)} GeV`,
    `global significance ${s.z_global_toys_is_lower_bound ? "> " : ""}${f(s.z_global)} sigma (${s.z_global_method}); up-crossings ${f(s.z_global_upcrossings)}, toys ${s.z_global_toys_is_lower_bound ? "> " : ""}${f(s.z_global_toys)}`,
    `<N(u0 = ${s.u0})> = ${f(s.n_upcrossings)} up-crossings (${s.n_upcrossings_source}); ${s.n_failed_fits} of ${s.n_points} fits failed`,
    `wrote ${out}/scan.jsonl and ${out}/summary.json`,
  ].join("\n");
}

/** Register `mumux bumphunt`. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("bumphunt")
    .description(
      "unbinned bump hunt: peak + polynomial fits at every mass, CLs limits, local and global significance " +
        "(`bumphunt merge DIR... --out DIR` joins --shard outputs)",
    )
    .argument("<input...>", "EVENTS.parquet|EVENTS.csv, or: merge DIR...")
    .option("--column <name>", "column holding the observable (GeV)")
    .option("--from <GeV>", "first mass hypothesis")
    .option("--to <GeV>", "last mass hypothesis")
    .option("--sigma <GeV>", "constant mass resolution")
    .option("--resolution <csv>", "resolution table with columns mass, sigma (GeV), interpolated linearly")
    .option(
      "--signal <type>",
      "signal shape: dcb (double-sided Crystal Ball), cb2 (two CBs, shared mean) or gauss",
    )
    .option("--shape <json>", 'shape parameters: {"type": "dcb", "params": {...}} or a "table" in mass')
    .option("--window-sigmas <n>", "fit window width in resolutions", "60")
    .option("--step-sigmas <n>", "step between hypotheses in resolutions", "1")
    .option("--poly <degree>", "Bernstein background degree 0..3", "1")
    .option("--cl <level>", "confidence level of the CLs limits", "0.90")
    .option("--lee-toys <n>", "background-only toy scans for the global significance", "0")
    .option("--u0 <level>", "Gross-Vitells reference level on q0", "0.5")
    .option(
      "--limit-toys <n>",
      "toys per hypothesis for CLs limits in windows with < 30 events (0: asymptotic only)",
      "200",
    )
    .option("--seed <n>", "master seed", "1")
    .option("--workers <n>", "worker threads (default: all cores)")
    .option("--shard <i/N>", "run block i (0-based) of N; join with `bumphunt merge`")
    .option("--out <dir>", "output directory")
    .action(async (inputs: string[], o: BumpHuntOptions) => {
      const c = ctx();
      if (!o.out) throw new ConfigError("--out DIR is required");
      if (inputs[0] === "merge") {
        const dirs = inputs.slice(1);
        if (dirs.length === 0) throw new ConfigError("bumphunt merge needs the shard directories");
        const s = mergeBumpHunt(dirs, o.out, MUMUX_VERSION);
        c.result(s, summaryText(s, o.out));
        return;
      }
      if (inputs.length !== 1) throw new ConfigError(`bumphunt takes one events file, got ${inputs.length}`);
      const file = inputs[0]!;
      if (!o.column) throw new ConfigError("--column NAME is required");
      if ((o.sigma === undefined) === (o.resolution === undefined))
        throw new ConfigError("give exactly one of --sigma S or --resolution RES.csv");
      const from = number(o.from, "--from");
      const to = number(o.to, "--to");
      const resolution: ResolutionSpec =
        o.sigma !== undefined
          ? { kind: "constant", sigma: number(o.sigma, "--sigma") }
          : readResolution(o.resolution!);
      const cfg: BumpHuntConfig = makeBumpHuntConfig(
        {
          from,
          to,
          resolution,
          signal: readShape(o.shape, o.signal),
          windowSigmas: number(o.windowSigmas, "--window-sigmas"),
          stepSigmas: number(o.stepSigmas, "--step-sigmas"),
          poly: number(o.poly, "--poly"),
          cl: number(o.cl, "--cl"),
          leeToys: number(o.leeToys, "--lee-toys"),
          u0: number(o.u0, "--u0"),
          limitToys: number(o.limitToys, "--limit-toys"),
          seed: number(o.seed, "--seed"),
        },
        o.resolution,
      );
      const workers = o.workers === undefined ? availableParallelism() : number(o.workers, "--workers");
      if (!(Number.isInteger(workers) && workers >= 1))
        throw new ConfigError("--workers must be a positive integer");
      const shard = parseShard(o.shard);
      const all = await readColumn(file, o.column);
      const grid = massGrid(cfg);
      const lo = grid.lo[0]!;
      const hi = grid.hi[grid.lo.length - 1]!;
      const events = Float64Array.from(all.filter((x) => x >= lo && x < hi)).sort();
      if (events.length === 0)
        throw new InputError(`no events of column "${o.column}" in the scanned window ${lo}-${hi} GeV`, file);
      const digest = `${await fileDigest(file)}:${o.column}`;
      c.note(
        `bumphunt: ${grid.mass.length} hypotheses from ${from} to ${to} GeV, ${events.length} events, ${workers} worker(s)`,
      );
      let bar: ReturnType<CommandContext["progress"]> | undefined;
      let last = 0;
      const outcome = await runBumpHunt({
        events,
        cfg,
        outDir: o.out,
        workers,
        inputDigest: digest,
        version: MUMUX_VERSION,
        ...(shard ? { shard } : {}),
        onProgress: (done, total) => {
          bar ??= c.progress("bumphunt", total);
          bar.tick(done - last);
          last = done;
        },
      });
      (bar as ReturnType<CommandContext["progress"]> | undefined)?.done();
      if (outcome.summary) c.result(outcome.summary, summaryText(outcome.summary, o.out));
      else
        c.result(
          { shard, points: outcome.pointsDone, toys: outcome.toysDone, complete: outcome.complete },
          `shard ${shard?.index}/${shard?.count}: ${outcome.pointsDone} points and ${outcome.toysDone} toys in ${o.out}; join all shards with \`mumux bumphunt merge\``,
        );
    });
}
