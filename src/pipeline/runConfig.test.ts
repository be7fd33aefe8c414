import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import {
  canonicalJson,
  configHash,
  defaultRunConfig,
  parseRunConfig,
  resolveRunConfig,
} from "./runConfig.ts";

test("the default configuration is valid and has the paper's seed, luminosity and mass range", () => {
  const c = resolveRunConfig();
  assert.equal(c.seed, 1);
  assert.equal(c.luminosity_fb, 79.7);
  assert.equal(c.scan.massMin, 0.01);
  assert.equal(c.scan.massMax, 8.5);
  assert.equal(c.scan.massStep, 1);
  assert.equal(c.scan.level, 0.1);
  assert.equal(c.interpretation.gm2Year, "2021");
  assert.deepEqual(Object.keys(c.backgrounds).sort(), ["eemumu", "mumu", "tautau"]);
});

test("--fast keeps every 10th hypothesis and smaller samples, the rest stays default", () => {
  const f = resolveRunConfig({ fast: true });
  const d = defaultRunConfig();
  assert.equal(f.scan.massStep, 10);
  assert.ok(f.signal.eventsPerMass < d.signal.eventsPerMass);
  for (const b of Object.keys(d.backgrounds))
    assert.ok(f.backgrounds[b]!.lumiFactor < d.backgrounds[b]!.lumiFactor);
  assert.equal(f.luminosity_fb, d.luminosity_fb);
  assert.equal(f.scan.level, d.scan.level);
});

test("an unknown key is a ConfigError naming its path, also nested and in a file", () => {
  assert.throws(
    () => parseRunConfig({ ...defaultRunConfig(), sed: 3 }),
    (e: unknown) => e instanceof ConfigError && /^sed: unknown key/.test(e.message),
  );
  assert.throws(
    () => resolveRunConfig({ overrides: { scan: { massStepp: 2 } } as never }),
    (e: unknown) => e instanceof ConfigError && e.message.includes("scan.massStepp"),
  );
  assert.throws(
    () => resolveRunConfig({ overrides: { backgrounds: { qqbar: { lumiFactor: 1 } } } }),
    (e: unknown) =>
      e instanceof ConfigError && e.message.startsWith("backgrounds.qqbar: unknown background process"),
  );
  const dir = mkdtempSync(join(tmpdir(), "mumux-cfg-"));
  try {
    const f = join(dir, "c.json");
    writeFileSync(f, JSON.stringify({ punzi: { bceEpochs: -1 } }));
    assert.throws(
      () => resolveRunConfig({ file: f }),
      (e: unknown) =>
        e instanceof ConfigError && e.message.includes("c.json") && e.message.includes("punzi.bceEpochs"),
    );
    writeFileSync(f, "{ not json");
    assert.throws(
      () => resolveRunConfig({ file: f }),
      (e: unknown) => e instanceof Error && !(e instanceof TypeError),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a config file overrides only what it names; backgrounds are replaced as a whole", () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-cfg-"));
  try {
    const f = join(dir, "c.json");
    writeFileSync(f, JSON.stringify({ scan: { massStep: 3 }, backgrounds: { mumu: { lumiFactor: 2 } } }));
    const c = resolveRunConfig({ file: f, overrides: { seed: 9 } });
    assert.equal(c.scan.massStep, 3);
    assert.equal(c.scan.level, 0.1);
    assert.deepEqual(c.backgrounds, { mumu: { lumiFactor: 2 } });
    assert.equal(c.seed, 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the config hash ignores key order and changes with any value", () => {
  assert.equal(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }), '{"a":[2,{"c":4,"d":3}],"b":1}');
  const a = defaultRunConfig();
  const b = JSON.parse(JSON.stringify(a));
  assert.equal(configHash(a), configHash(b));
  assert.match(configHash(a), /^[0-9a-f]{64}$/);
  b.seed = 2;
  assert.notEqual(configHash(a), configHash(b));
});

test("scan.globalToys: 600 toys by default, 20 with --fast, a negative or fractional count is a ConfigError", () => {
  assert.equal(resolveRunConfig().scan.globalToys, 600);
  assert.equal(resolveRunConfig({ fast: true }).scan.globalToys, 20);
  assert.equal(resolveRunConfig({ overrides: { scan: { globalToys: 0 } } }).scan.globalToys, 0);
  for (const bad of [-1, 2.5])
    assert.throws(
      () => resolveRunConfig({ overrides: { scan: { globalToys: bad } } }),
      (e: unknown) => e instanceof ConfigError && e.message.includes("scan.globalToys"),
    );
});
