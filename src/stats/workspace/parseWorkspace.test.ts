import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputError } from "../../core/errors.ts";
import {
  applyPatch,
  getMeasurement,
  parseWorkspace,
  patchesOf,
  selectPatch,
  type Workspace,
} from "./index.ts";

const shared = resolve(fileURLToPath(new URL("../../../", import.meta.url)), "../shared/validation/pyhf");
const read = (p: string): unknown => JSON.parse(readFileSync(join(shared, p), "utf8"));

/** A small valid workspace to break in the tests. */
function tiny(): Workspace {
  return {
    channels: [
      {
        name: "SR",
        samples: [
          {
            name: "signal",
            data: [5, 10],
            modifiers: [{ name: "mu", type: "normfactor", data: null }],
          },
          {
            name: "bkg",
            data: [50, 60],
            modifiers: [
              { name: "stat", type: "staterror", data: [3, 4] },
              { name: "bkg_norm", type: "normsys", data: { hi: 1.1, lo: 0.9 } },
            ],
          },
        ],
      },
    ],
    observations: [{ name: "SR", data: [52, 65] }],
    measurements: [{ name: "meas", config: { poi: "mu", parameters: [] } }],
    version: "1.0.0",
  };
}

function expectInputError(fn: () => unknown, location: string, text: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${e}`);
    assert.equal(e.location, location);
    assert.match(e.message, text);
    assert.ok(!e.message.includes("\n"), "one line");
    return true;
  });
}

test("every workspace of the pyhf validation set parses", () => {
  const files = [
    ...readdirSync(join(shared, "root_validated")).map((f) => `root_validated/${f}`),
    ...readdirSync(join(shared, "simple")).map((f) => `simple/${f}`),
    "belle2_like/zprime_invisible_staterror.json",
    "published/atlas_sbottom_ins1748602/RegionA/BkgOnly.json",
  ];
  assert.ok(files.length >= 15);
  for (const f of files) {
    const ws = parseWorkspace(read(f), f);
    assert.ok(ws.channels.length >= 1, f);
  }
});

test("the ATLAS sbottom signal patches and all 50 belle2-like scan patches apply and validate", () => {
  const bkg = parseWorkspace(read("published/atlas_sbottom_ins1748602/RegionA/BkgOnly.json"));
  for (const p of ["1300_205_60", "1400_950_60", "1500_850_60"]) {
    const file = `published/atlas_sbottom_ins1748602/RegionA/patch.sbottom_${p}.json`;
    const { patch } = selectPatch(read(file), file);
    const ws = parseWorkspace(applyPatch(bkg, patch, file));
    // each patch adds a signal sample to SR_meff and CRtt_meff and removes VRtt_meff
    assert.deepEqual(
      ws.channels.map((ch) => [ch.name, ch.samples.length]),
      [
        ["SR_meff", 9],
        ["CRtt_meff", 9],
      ],
    );
  }
  const base = parseWorkspace(read("belle2_like/zprime_invisible_staterror.json"));
  const scan = patchesOf(read("belle2_like/zprime_invisible_scan_patches.json"));
  assert.equal(scan.length, 50);
  for (const p of scan) {
    const ws = parseWorkspace(applyPatch(base, p.patch));
    assert.notDeepEqual(ws.channels[0]!.samples[0]!.data, base.channels[0]!.samples[0]!.data);
  }
  assert.deepEqual(
    base,
    parseWorkspace(read("belle2_like/zprime_invisible_staterror.json")),
    "input untouched",
  );
});

test("a wrong type names the JSON path of the offending value", () => {
  const ws = tiny() as unknown as { channels: { samples: { data: unknown[] }[] }[] };
  ws.channels[0]!.samples[1]!.data[1] = "60";
  expectInputError(
    () => parseWorkspace(ws, "ws.json"),
    "/channels/0/samples/1/data/1",
    /must be number, found string "60"/,
  );
});

test("a modifier with the wrong data shape names the modifier's data path", () => {
  const ws = tiny() as unknown as { channels: { samples: { modifiers: { data: unknown }[] }[] }[] };
  ws.channels[0]!.samples[1]!.modifiers[1]!.data = [1.1, 0.9];
  expectInputError(
    () => parseWorkspace(ws, "ws.json"),
    "/channels/0/samples/1/modifiers/1/data",
    /must be object/,
  );
});

test("mismatched bin counts name the sample, modifier or observation", () => {
  const a = tiny();
  a.channels[0]!.samples[1]!.data.push(70);
  expectInputError(
    () => parseWorkspace(a),
    "/channels/0/samples/1/data",
    /has 3 bins but channel "SR" has 2/,
  );
  const b = tiny();
  (b.channels[0]!.samples[1]!.modifiers[0]!.data as number[]).pop();
  expectInputError(
    () => parseWorkspace(b),
    "/channels/0/samples/1/modifiers/0/data",
    /staterror "stat" has 1 entries/,
  );
  const c = tiny();
  c.observations[0]!.data.push(3);
  expectInputError(() => parseWorkspace(c), "/observations/0/data", /has 3 bins but the channel has 2/);
});

test("a missing measurement lists the ones available", () => {
  const ws = parseWorkspace(tiny());
  assert.equal(getMeasurement(ws).name, "meas");
  expectInputError(
    () => getMeasurement(ws, "other", "ws.json"),
    "/measurements",
    /no measurement named "other"; the workspace has "meas"/,
  );
});

test("a POI that is not a modifier is reported at the measurement's poi when the model is chosen", () => {
  const ws = tiny();
  ws.measurements[0]!.config.poi = "mu_sig";
  const parsed = parseWorkspace(ws); // a background-only workspace may name a POI its patch adds
  expectInputError(
    () => getMeasurement(parsed),
    "/measurements/0/config/poi",
    /POI "mu_sig" is not a modifier/,
  );
});

test("unknown keys, a wrong version and incompatible name reuse are rejected", () => {
  const a = tiny() as unknown as Record<string, unknown>;
  a.chanels = [];
  expectInputError(() => parseWorkspace(a), "/chanels", /unknown key "chanels"/);
  const b = tiny();
  b.version = "2.0.0";
  expectInputError(() => parseWorkspace(b), "/version", /must be "1.0.0"/);
  const c = tiny();
  c.channels[0]!.samples[1]!.modifiers.push({ name: "mu", type: "staterror", data: [1, 1] });
  expectInputError(
    () => parseWorkspace(c),
    "/channels/0/samples/1/modifiers/2/name",
    /used as staterror here and as normfactor/,
  );
});

test("a patch that does not apply names the operation in the patch file", () => {
  const ws = parseWorkspace(tiny());
  expectInputError(
    () => applyPatch(ws, [{ op: "replace", path: "/channels/3/samples/0/data", value: [1, 2] }], "p.json"),
    "/0/path",
    /\/channels\/3 does not exist/,
  );
  expectInputError(
    () => applyPatch(ws, [{ op: "frobnicate", path: "/x" } as never], "p.json"),
    "/0/op",
    /must be one of/,
  );
});

test("RFC 6902 operations add, remove, replace, move, copy and test behave as specified", () => {
  const doc = { a: [1, 2, 3], b: { c: "x" } };
  const out = applyPatch(doc, [
    { op: "add", path: "/a/1", value: 9 },
    { op: "add", path: "/a/-", value: 4 },
    { op: "remove", path: "/a/0" },
    { op: "replace", path: "/b/c", value: "y" },
    { op: "copy", from: "/b", path: "/d" },
    { op: "move", from: "/d/c", path: "/e" },
    { op: "test", path: "/e", value: "y" },
    { op: "add", path: "/f~1g", value: 1 },
  ]);
  assert.deepEqual(out, { a: [9, 2, 3, 4], b: { c: "y" }, d: {}, e: "y", "f/g": 1 });
  assert.deepEqual(doc, { a: [1, 2, 3], b: { c: "x" } }, "input not modified");
  expectInputError(
    () => applyPatch(doc, [{ op: "test", path: "/b/c", value: "z" }]),
    "/0/value",
    /test at \/b\/c failed/,
  );
});
