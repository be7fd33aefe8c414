/**
 * Validate a parsed pyhf JSON document and return it as a typed {@link Workspace}.
 *
 * Beyond the schema (./schema.ts) this checks what pyhf checks when it builds a model, so that a
 * bad workspace fails here with a JSON path rather than deep inside a fit:
 * unique channel, sample and observation names; every sample, observation and per-bin modifier
 * (staterror, shapesys, histosys hi/lo) has the channel's bin count; a name is not reused across
 * incompatible modifier types (normsys + histosys may share a name: a coupled shape and norm
 * variation); shapesys names are not shared; every channel has an observation.
 */
import { InputError } from "../../core/errors.ts";
import { MODIFIER_SCHEMAS, WORKSPACE_SCHEMA } from "./schema.ts";
import type { Measurement, ModifierType, Workspace } from "./types.ts";
import { checkSchema } from "./validate.ts";

/** Which modifier types may share one parameter name (pyhf: normsys with histosys). */
function compatible(a: ModifierType, b: ModifierType): boolean {
  if (a === b) return a !== "shapesys";
  return (a === "normsys" && b === "histosys") || (a === "histosys" && b === "normsys");
}

/**
 * @param doc a JSON value (e.g. from `JSON.parse` or io's `readJsonFile`)
 * @param file the file name, used in error messages
 * @throws InputError naming the file and the JSON path of the first problem
 * @example
 * const ws = parseWorkspace(JSON.parse(text), "ws.json");
 */
export function parseWorkspace(doc: unknown, file?: string): Workspace {
  checkSchema(WORKSPACE_SCHEMA, doc, file);
  const ws = doc as Workspace;
  const channelBins = new Map<string, number>();
  const firstUse = new Map<string, { type: ModifierType; path: string }>();

  ws.channels.forEach((ch, c) => {
    const cpath = `/channels/${c}`;
    if (channelBins.has(ch.name))
      throw new InputError(
        `channel name "${ch.name}" is used twice; channel names must be unique`,
        file,
        `${cpath}/name`,
      );
    const nbins = ch.samples[0]!.data.length;
    channelBins.set(ch.name, nbins);
    const sampleNames = new Set<string>();
    ch.samples.forEach((s, i) => {
      const spath = `${cpath}/samples/${i}`;
      if (sampleNames.has(s.name))
        throw new InputError(
          `sample "${s.name}" appears twice in channel "${ch.name}"`,
          file,
          `${spath}/name`,
        );
      sampleNames.add(s.name);
      if (s.data.length !== nbins)
        throw new InputError(
          `sample "${s.name}" has ${s.data.length} bins but channel "${ch.name}" has ${nbins} (sample "${ch.samples[0]!.name}"); all samples of a channel need the same bins`,
          file,
          `${spath}/data`,
        );
      const seenHere = new Set<string>();
      s.modifiers.forEach((m, j) => {
        const mpath = `${spath}/modifiers/${j}`;
        checkSchema(MODIFIER_SCHEMAS[m.type], m, file, mpath);
        const key = `${m.type}/${m.name}`;
        if (seenHere.has(key))
          throw new InputError(
            `modifier "${m.name}" (${m.type}) appears twice on sample "${s.name}"`,
            file,
            mpath,
          );
        seenHere.add(key);
        const perBin =
          m.type === "staterror" || m.type === "shapesys"
            ? ([["data", m.data]] as const)
            : m.type === "histosys"
              ? ([
                  ["data/hi_data", m.data.hi_data],
                  ["data/lo_data", m.data.lo_data],
                ] as const)
              : [];
        for (const [sub, arr] of perBin) {
          if (arr.length !== nbins)
            throw new InputError(
              `${m.type} "${m.name}" has ${arr.length} entries but sample "${s.name}" has ${nbins} bins`,
              file,
              `${mpath}/${sub}`,
            );
        }
        const prev = firstUse.get(m.name);
        if (!prev) firstUse.set(m.name, { type: m.type, path: mpath });
        else if (!compatible(prev.type, m.type))
          throw new InputError(
            m.type === "shapesys" && prev.type === "shapesys"
              ? `shapesys "${m.name}" is also used at ${prev.path}; shapesys names cannot be shared (pyhf), rename one`
              : `modifier name "${m.name}" is used as ${m.type} here and as ${prev.type} at ${prev.path}; a parameter name can carry only one type (normsys and histosys may share)`,
            file,
            `${mpath}/name`,
          );
        if (m.type === "lumi" && m.name !== "lumi") {
          // pyhf accepts any name for the lumi modifier; measurement config must then use that name.
        }
      });
    });
  });

  const obsNames = new Set<string>();
  ws.observations.forEach((o, i) => {
    const opath = `/observations/${i}`;
    if (obsNames.has(o.name))
      throw new InputError(`observation "${o.name}" appears twice`, file, `${opath}/name`);
    obsNames.add(o.name);
    const nb = channelBins.get(o.name);
    if (nb !== undefined && nb !== o.data.length)
      throw new InputError(
        `observation for channel "${o.name}" has ${o.data.length} bins but the channel has ${nb}`,
        file,
        `${opath}/data`,
      );
    o.data.forEach((n, b) => {
      if (n < 0) throw new InputError(`observed count ${n} is negative`, file, `${opath}/data/${b}`);
    });
  });
  ws.channels.forEach((ch, c) => {
    if (!obsNames.has(ch.name))
      throw new InputError(
        `channel "${ch.name}" has no observation; add {"name": "${ch.name}", "data": [...]} to /observations`,
        file,
        `/channels/${c}/name`,
      );
  });

  const measNames = new Set<string>();
  ws.measurements.forEach((m, i) => {
    const mpath = `/measurements/${i}`;
    if (measNames.has(m.name))
      throw new InputError(`measurement "${m.name}" appears twice`, file, `${mpath}/name`);
    measNames.add(m.name);
    m.config.parameters.forEach((p, j) => {
      const ppath = `${mpath}/config/parameters/${j}`;
      p.bounds?.forEach((b, k) => {
        if (!(b[0] < b[1]))
          throw new InputError(
            `bounds [${b[0]}, ${b[1]}] are empty: the lower bound must be below the upper`,
            file,
            `${ppath}/bounds/${k}`,
          );
      });
      p.sigmas?.forEach((s, k) => {
        if (!(s > 0)) throw new InputError(`sigma ${s} must be positive`, file, `${ppath}/sigmas/${k}`);
      });
    });
  });
  return ws;
}

/**
 * The measurement to use: by name, or the first one (pyhf's default).
 * @throws InputError naming /measurements and the names available
 */
export function getMeasurement(ws: Workspace, name?: string, file?: string): Measurement {
  const i = name === undefined ? 0 : ws.measurements.findIndex((x) => x.name === name);
  const m = ws.measurements[i];
  if (!m)
    throw new InputError(
      `no measurement named "${name}"; the workspace has ${ws.measurements.map((x) => `"${x.name}"`).join(", ")}`,
      file,
      "/measurements",
    );
  // Checked here, not in parseWorkspace: a background-only workspace names a POI that only a
  // signal patch adds.
  const names = new Set(
    ws.channels.flatMap((ch) => ch.samples.flatMap((s) => s.modifiers.map((x) => x.name))),
  );
  if (!names.has(m.config.poi))
    throw new InputError(
      `the POI "${m.config.poi}" is not a modifier of any sample (add a normfactor named "${m.config.poi}", or apply the signal patch)`,
      file,
      `/measurements/${i}/config/poi`,
    );
  return m;
}
