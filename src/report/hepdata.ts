/**
 * HEPData submission writer (https://hepdata.net format, "submission.yaml" plus one YAML data file
 * per table). submission.yaml is a multi-document YAML stream: first a document with the overall
 * `comment` and `additional_resources`, then one document per table (name, description, location,
 * keywords, data_file). Each data file holds `independent_variables` and `dependent_variables`,
 * each with a `header: {name, units}` and `values` ({value} or bins {low, high} for independent
 * variables; {value, errors: [{symerror} | {asymerror: {plus, minus}}]} for dependent ones), and
 * optional `qualifiers` on dependent variables (e.g. CL = 90%, SQRT(S) = 10.58 GeV).
 *
 * Numbers are written at full precision, and exponent forms always get a decimal point
 * ("1.0e-07"-style, here "1.0e-7"): HEPData reads YAML with PyYAML, whose YAML 1.1 float rule needs
 * the dot, so a bare "1e-7" would silently become the string "1e-7".
 *
 * Validation before anything is written: every column of a table has the same number of rows, no
 * NaN or infinite value or error, bins have low < high, names are unique. Errors are InputErrors
 * naming the table and the variable.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { InputError } from "../core/errors.ts";
import type { Hist1D } from "../hist/hist1D.ts";
import { writeFileAtomic } from "./writeFileAtomic.ts";

/** Variable header: name and units ("" or omitted for dimensionless). */
export interface HepdataHeader {
  name: string;
  units?: string;
}

/** An uncertainty on a dependent value; `minus` is signed as HEPData expects (usually negative). */
export type HepdataError =
  | { symerror: number; label?: string }
  | { asymerror: { plus: number; minus: number }; label?: string };

/** One value of an independent variable: a point or a bin. */
export type HepdataPoint = { value: number } | { low: number; high: number; value?: number };

/** An independent variable (x axis). */
export interface HepdataIndependent {
  header: HepdataHeader;
  values: readonly HepdataPoint[];
}

/** A qualifier of a dependent variable, e.g. { name: "CL", value: "90%" }. */
export interface HepdataQualifier {
  name: string;
  value: string | number;
  units?: string;
}

/** A dependent variable (y): values with optional errors. */
export interface HepdataDependent {
  header: HepdataHeader;
  qualifiers?: readonly HepdataQualifier[];
  values: readonly { value: number; errors?: readonly HepdataError[] }[];
}

/** One HEPData table (one figure or table of the paper). */
export interface HepdataTable {
  /** Unique table name, e.g. "Upper limits on σ × B". */
  name: string;
  /** What the table shows (free text). */
  description: string;
  /** Where in the paper, e.g. "Figure 5 (top)". */
  location?: string;
  /** Keywords: [{ name: "observables", values: ["SIG"] }, { name: "cmenergies", values: [10.58] }] (cmenergies in GeV). */
  keywords?: readonly { name: string; values: readonly (string | number)[] }[];
  /** Data file name (default: name lowercased, non-alphanumerics to "_", + ".yaml"). */
  dataFile?: string;
  independent: readonly HepdataIndependent[];
  dependent: readonly HepdataDependent[];
}

/** A whole submission. */
export interface HepdataSubmission {
  /** Overall comment (abstract-like text). */
  comment: string;
  /** Links or files, e.g. [{ description: "pyhf workspaces", location: "workspaces.tar.gz" }]. */
  additionalResources?: readonly { description: string; location: string }[];
  tables: readonly HepdataTable[];
}

/** Default data-file name of a table: "Upper limits (90% CL)" -> "upper_limits_90_cl.yaml". */
export function hepdataFileName(tableName: string): string {
  const base = tableName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `${base || "table"}.yaml`;
}

function checkNumber(v: unknown, table: string, what: string): void {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new InputError(
      `${what} is ${typeof v === "number" ? v : typeof v}, not a finite number`,
      `HEPData table "${table}"`,
    );
}

/** Validate one table; returns its number of rows. */
function validateHepdataTable(t: HepdataTable): number {
  const where = `HEPData table "${t.name}"`;
  const vars = [...t.independent, ...t.dependent];
  if (vars.length === 0) throw new InputError("has no variables", where);
  if (t.dependent.length === 0) throw new InputError("has no dependent variables", where);
  const n = vars[0]!.values.length;
  for (const v of vars) {
    if (!v.header.name) throw new InputError("a variable has an empty name", where);
    if (v.values.length !== n)
      throw new InputError(
        `variable "${v.header.name}" has ${v.values.length} values, "${vars[0]!.header.name}" has ${n}`,
        where,
      );
  }
  for (const iv of t.independent)
    iv.values.forEach((p, i) => {
      const what = `variable "${iv.header.name}" row ${i}`;
      if ("low" in p) {
        checkNumber(p.low, t.name, `${what} low`);
        checkNumber(p.high, t.name, `${what} high`);
        if (!(p.low < p.high)) throw new InputError(`${what}: bin low ${p.low} >= high ${p.high}`, where);
        if (p.value !== undefined) checkNumber(p.value, t.name, `${what} value`);
      } else checkNumber(p.value, t.name, `${what} value`);
    });
  for (const dv of t.dependent)
    dv.values.forEach((p, i) => {
      const what = `variable "${dv.header.name}" row ${i}`;
      checkNumber(p.value, t.name, `${what} value`);
      for (const e of p.errors ?? []) {
        if ("symerror" in e) checkNumber(e.symerror, t.name, `${what} symerror`);
        else {
          checkNumber(e.asymerror.plus, t.name, `${what} asymerror plus`);
          checkNumber(e.asymerror.minus, t.name, `${what} asymerror minus`);
        }
      }
    });
  return n;
}

/** Plain-object form of a header (units always present, as hepdata_validator's schema expects). */
function headerObj(h: HepdataHeader): { name: string; units: string } {
  return { name: h.name, units: h.units ?? "" };
}

/** Data-file document of a table. */
function dataFileObject(t: HepdataTable): unknown {
  return {
    independent_variables: t.independent.map((iv) => ({
      header: headerObj(iv.header),
      values: iv.values.map((p) =>
        "low" in p
          ? { low: p.low, high: p.high, ...(p.value !== undefined ? { value: p.value } : {}) }
          : { value: p.value },
      ),
    })),
    dependent_variables: t.dependent.map((dv) => ({
      header: headerObj(dv.header),
      ...(dv.qualifiers?.length
        ? {
            qualifiers: dv.qualifiers.map((q) => ({
              name: q.name,
              value: q.value,
              ...(q.units ? { units: q.units } : {}),
            })),
          }
        : {}),
      values: dv.values.map((p) => ({
        value: p.value,
        ...(p.errors?.length
          ? {
              errors: p.errors.map((e) =>
                "symerror" in e
                  ? { symerror: e.symerror, ...(e.label ? { label: e.label } : {}) }
                  : {
                      asymerror: { plus: e.asymerror.plus, minus: e.asymerror.minus },
                      ...(e.label ? { label: e.label } : {}),
                    },
              ),
            }
          : {}),
      })),
    })),
  };
}

/**
 * YAML text of one document, block style, no line folding, and PyYAML-safe exponents: a plain
 * scalar `1e-7` (the only unquoted form `yaml` gives numbers with an exponent and no dot) becomes
 * `1.0e-7`. Strings that look like numbers are quoted by `yaml`, so they are never touched.
 */
function yamlText(obj: unknown): string {
  const text = YAML.stringify(obj, { lineWidth: 0 });
  return text.replace(/(^|: |- )(-?\d+)(e[-+]\d+)$/gm, "$1$2.0$3");
}

/**
 * All files of a submission as name -> text, in a stable order: "submission.yaml" first, then the
 * data files in table order. Validates everything first (InputError naming table and variable).
 *
 * @example const files = hepdataFiles({ comment: "...", tables: [limitsTable] }); files.get("submission.yaml")
 */
export function hepdataFiles(sub: HepdataSubmission): Map<string, string> {
  const names = new Set<string>();
  const fileNames = new Set<string>(["submission.yaml"]);
  const docs: string[] = [];
  const head: Record<string, unknown> = {};
  if (sub.additionalResources?.length)
    head.additional_resources = sub.additionalResources.map((r) => ({
      description: r.description,
      location: r.location,
    }));
  head.comment = sub.comment;
  docs.push(yamlText(head));
  const data: [string, string][] = [];
  for (const t of sub.tables) {
    if (names.has(t.name)) throw new InputError("two tables have this name", `HEPData table "${t.name}"`);
    names.add(t.name);
    validateHepdataTable(t);
    const file = t.dataFile ?? hepdataFileName(t.name);
    if (!/^[A-Za-z0-9_.-]+\.yaml$/.test(file))
      throw new InputError(
        `data file name "${file}" must be a plain *.yaml name`,
        `HEPData table "${t.name}"`,
      );
    if (fileNames.has(file))
      throw new InputError(`data file "${file}" is used twice`, `HEPData table "${t.name}"`);
    fileNames.add(file);
    const doc: Record<string, unknown> = { name: t.name };
    if (t.location) doc.location = t.location;
    doc.description = t.description;
    if (t.keywords?.length) doc.keywords = t.keywords.map((k) => ({ name: k.name, values: [...k.values] }));
    doc.data_file = file;
    docs.push(yamlText(doc));
    data.push([file, yamlText(dataFileObject(t))]);
  }
  return new Map([["submission.yaml", docs.map((d) => `---\n${d}`).join("")], ...data]);
}

/**
 * Validate and write a submission into `dir` (created if needed), each file atomically. Returns the
 * written paths, submission.yaml first. Zip the directory to upload it to hepdata.net.
 *
 * @example writeHepdata("mumux-out/invisible/hepdata", submission)
 */
export function writeHepdata(dir: string, sub: HepdataSubmission): string[] {
  const files = hepdataFiles(sub); // validates before touching the disk
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const [name, text] of files) {
    const p = join(dir, name);
    writeFileAtomic(p, text);
    paths.push(p);
  }
  return paths;
}

/**
 * Table columns from a Hist1D: the bins as an independent variable {low, high} and the contents as
 * a dependent variable with symmetric errors sqrt(sum of w²) labelled "stat" (bins with zero
 * variance get no error entry).
 *
 * @example const { independent, dependent } = hepdataFromHist1D(h, { name: "M²_recoil", units: "GeV²" }, { name: "Events" })
 */
export function hepdataFromHist1D(
  h: Hist1D,
  x: HepdataHeader,
  y: HepdataHeader,
  qualifiers?: readonly HepdataQualifier[],
): { independent: HepdataIndependent[]; dependent: HepdataDependent[] } {
  const e = h.edges();
  const v = h.values();
  const s = h.errors();
  const dep: HepdataDependent = {
    header: y,
    values: Array.from(v, (value, i) =>
      s[i]! > 0 ? { value, errors: [{ symerror: s[i]!, label: "stat" }] } : { value },
    ),
  };
  if (qualifiers) dep.qualifiers = qualifiers;
  return {
    independent: [{ header: x, values: Array.from(v, (_, i) => ({ low: e[i]!, high: e[i + 1]! })) }],
    dependent: [dep],
  };
}
