import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import YAML from "yaml";
import { InputError } from "../core/errors.ts";
import { regularAxis } from "../hist/axis.ts";
import { Hist1D } from "../hist/hist1D.ts";
import { type HepdataSubmission, hepdataFiles, hepdataFromHist1D, writeHepdata } from "./hepdata.ts";
import { hepdataCurveTable, hepdataLimitTable } from "./hepdataLimitTable.ts";

const submission: HepdataSubmission = {
  comment: "Search for an invisibly decaying Z' in e+e- -> mu+ mu- + missing energy (mumux reproduction).",
  additionalResources: [{ description: "pyhf workspaces", location: "workspaces.tar.gz" }],
  tables: [
    {
      name: "Upper limits on cross section",
      location: "Figure 5",
      description: "90% CL upper limits on sigma x B(Z' -> invisible).",
      keywords: [
        { name: "observables", values: ["SIG"] },
        { name: "cmenergies", values: [10.58] },
      ],
      independent: [{ header: { name: "M_Z'", units: "GeV" }, values: [{ value: 0.1 }, { value: 1.5e-7 }] }],
      dependent: [
        {
          header: { name: "sigma x B", units: "fb" },
          qualifiers: [{ name: "CL", value: "90%" }],
          values: [
            { value: 0.25, errors: [{ symerror: 0.05, label: "stat" }] },
            { value: 1e-7, errors: [{ asymerror: { plus: 0.1, minus: -0.0625 } }] },
          ],
        },
      ],
    },
  ],
};

// "1.0e-7" (not "1e-7") matters: PyYAML, which hepdata.net uses, reads a bare 1e-7 as a string.
// Checked with python3 (PyYAML 6, Debian python3-yaml): yaml.safe_load("a: 1e-7\nb: 1.0e-7") gives
// {'a': '1e-7', 'b': 1e-07}, and safe_load of the data file written here gives floats throughout.
test("a small submission gives the exact expected submission.yaml and data file", () => {
  const files = hepdataFiles(submission);
  assert.deepEqual([...files.keys()], ["submission.yaml", "upper_limits_on_cross_section.yaml"]);
  assert.equal(
    files.get("submission.yaml"),
    `---
additional_resources:
  - description: pyhf workspaces
    location: workspaces.tar.gz
comment: Search for an invisibly decaying Z' in e+e- -> mu+ mu- + missing energy (mumux reproduction).
---
name: Upper limits on cross section
location: Figure 5
description: 90% CL upper limits on sigma x B(Z' -> invisible).
keywords:
  - name: observables
    values:
      - SIG
  - name: cmenergies
    values:
      - 10.58
data_file: upper_limits_on_cross_section.yaml
`,
  );
  assert.equal(
    files.get("upper_limits_on_cross_section.yaml"),
    `independent_variables:
  - header:
      name: M_Z'
      units: GeV
    values:
      - value: 0.1
      - value: 1.5e-7
dependent_variables:
  - header:
      name: sigma x B
      units: fb
    qualifiers:
      - name: CL
        value: 90%
    values:
      - value: 0.25
        errors:
          - symerror: 0.05
            label: stat
      - value: 1.0e-7
        errors:
          - asymerror:
              plus: 0.1
              minus: -0.0625
`,
  );
});

test("HEPData YAML parses back (yaml package) to the same numbers, one document per table plus the header", () => {
  const files = hepdataFiles(submission);
  const docs = YAML.parseAllDocuments(files.get("submission.yaml")!).map((d) => d.toJS());
  assert.equal(docs.length, 2);
  assert.equal(docs[1].data_file, "upper_limits_on_cross_section.yaml");
  const data = YAML.parse(files.get("upper_limits_on_cross_section.yaml")!);
  assert.deepEqual(
    data.independent_variables[0].values.map((v: { value: number }) => v.value),
    [0.1, 1.5e-7],
  );
  const dep = data.dependent_variables[0].values;
  assert.equal(
    dep[1].value,
    1e-7,
    "1.0e-7 reads back as the number 1e-7 (and PyYAML reads it as a float too)",
  );
  assert.equal(dep[1].errors[0].asymerror.minus, -0.0625);
});

test("hepdataFromHist1D writes bins as low/high and sqrt(sum w²) as stat errors", () => {
  const h = new Hist1D(regularAxis(2, 0, 2));
  h.fill(0.5, 2);
  h.fill(0.5, 2);
  const { independent, dependent } = hepdataFromHist1D(
    h,
    { name: "M²_recoil", units: "GeV²" },
    { name: "Events" },
  );
  assert.deepEqual(independent[0]!.values, [
    { low: 0, high: 1 },
    { low: 1, high: 2 },
  ]);
  assert.deepEqual(dependent[0]!.values, [
    { value: 4, errors: [{ symerror: Math.sqrt(8), label: "stat" }] },
    { value: 0 },
  ]);
});

test("unequal columns, NaN values and bad bins are rejected naming table and variable; nothing is written", () => {
  const bad = (mutate: (s: HepdataSubmission) => void): HepdataSubmission => {
    const s = structuredClone(submission) as HepdataSubmission;
    mutate(s);
    return s;
  };
  const unequal = bad((s) => {
    (s.tables[0]!.independent[0]!.values as unknown[]).push({ value: 3 });
  });
  assert.throws(
    () => hepdataFiles(unequal),
    (e: unknown) =>
      e instanceof InputError &&
      /HEPData table "Upper limits on cross section"/.test(e.message) &&
      /variable "sigma x B" has 2 values, "M_Z'" has 3/.test(e.message),
  );
  const nan = bad((s) => {
    (s.tables[0]!.dependent[0]!.values as { value: number }[])[0]!.value = Number.NaN;
  });
  assert.throws(() => hepdataFiles(nan), /variable "sigma x B" row 0 value is NaN, not a finite number/);
  const nanErr = bad((s) => {
    (s.tables[0]!.dependent[0]!.values[0]!.errors as { symerror: number }[])[0]!.symerror = Number.NaN;
  });
  assert.throws(() => hepdataFiles(nanErr), /row 0 symerror is NaN/);
  const bins = bad((s) => {
    (s.tables[0]!.independent[0]! as unknown as { values: unknown[] }).values = [
      { low: 1, high: 1 },
      { low: 1, high: 2 },
    ];
  });
  assert.throws(() => hepdataFiles(bins), /variable "M_Z'" row 0: bin low 1 >= high 1/);
  const dir = mkdtempSync(join(tmpdir(), "mumux-hepdata-"));
  try {
    assert.throws(() => writeHepdata(join(dir, "out"), nan));
    assert.deepEqual(readdirSync(dir), [], "validation happens before any file is written");
    const paths = writeHepdata(join(dir, "out"), submission);
    assert.equal(paths.length, 2);
    assert.equal(readFileSync(paths[0]!, "utf8"), hepdataFiles(submission).get("submission.yaml"));
    assert.deepEqual(readdirSync(join(dir, "out")).sort(), [
      "submission.yaml",
      "upper_limits_on_cross_section.yaml",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("hepdataLimitTable writes the Brazil band as median ± asymmetric 1σ/2σ errors and the observed limit", () => {
  const t = hepdataLimitTable(
    {
      mass: [1, 2],
      observed: [0.3, 0.5],
      expectedMinus2: [0.1, 0.2],
      expectedMinus1: [0.15, 0.3],
      expectedMedian: [0.25, 0.4],
      expectedPlus1: [0.375, 0.6],
      expectedPlus2: [0.5, 0.8],
    },
    {
      name: "Limits",
      description: "90% CL upper limits",
      x: { name: "M_Z'", units: "GeV" },
      qualifiers: [{ name: "SQRT(S)", value: 10.58, units: "GeV" }],
    },
    { name: "sigma x B", units: "fb" },
  );
  assert.equal(t.dependent.length, 2);
  assert.equal(t.dependent[0]!.header.name, "Observed sigma x B");
  assert.deepEqual(t.dependent[1]!.values[0], {
    value: 0.25,
    errors: [
      { asymerror: { plus: 0.125, minus: -0.1 }, label: "1 sigma" },
      { asymerror: { plus: 0.25, minus: -0.15 }, label: "2 sigma" },
    ],
  });
  assert.deepEqual(t.dependent[1]!.qualifiers, [
    { name: "CL", value: "90%" },
    { name: "SQRT(S)", value: 10.58, units: "GeV" },
  ]);
  const data = YAML.parse(hepdataFiles({ comment: "c", tables: [t] }).get("limits.yaml")!);
  assert.equal(data.dependent_variables[1].values[1].errors[1].asymerror.minus, 0.2 - 0.4);
  const curve = hepdataCurveTable(
    { name: "g", description: "d", x: { name: "M" } },
    [1, 2],
    [{ header: { name: "g'" }, values: [1e-3, Number.NaN] }],
  );
  assert.throws(
    () => hepdataFiles({ comment: "c", tables: [curve] }),
    /HEPData table "g": variable "g'" row 1 value is NaN/,
  );
});
