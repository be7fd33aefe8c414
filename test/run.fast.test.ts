/**
 * End-to-end smoke test of `mumux run` (issue 8) on a configuration much smaller than --fast
 * (8 signal masses of 2000 events, a data luminosity of 0.3 fb^-1 with independent pseudo-data
 * samples, tau tau MC at half of it, 10 mass points, short training), so that it runs in well
 * under a minute: the whole chain into a temporary directory,
 * the outputs' columns and keys (limits.csv, summary.json, plots, the HEPData record), a skipped rerun and a resumed interrupted scan that both give a
 * byte-identical limits.csv, and the one-line exit 2 for a bad configuration key. The physics
 * numbers of such a small run are not checked (they are the full run's job, see README).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { belle2DefaultCard } from "../src/detector/belle2DefaultCard.ts";
import { runMisidStudy } from "../src/pipeline/invisible/misidStage.ts";
import { LIMITS_COLUMNS, runInvisible } from "../src/pipeline/invisible/runInvisible.ts";
import { resolveRunConfig } from "../src/pipeline/runConfig.ts";

const dir = mkdtempSync(join(tmpdir(), "mumux-run-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = {
  luminosity_fb: 0.3,
  chunkSize: 5000,
  signal: { masses: [0.1, 1, 2, 3, 4, 5, 6.5, 8], eventsPerMass: 2000 },
  backgrounds: { mumu: { lumiFactor: 1 }, tautau: { lumiFactor: 0.5 }, eemumu: { lumiFactor: 1 } },
  xsecTrials: 20000,
  punzi: { bceEpochs: 10, punziEpochs: 10, maxTrainPerSample: 5000 },
  scan: { massStep: 40, globalToys: 20 },
  interpretation: { xsecGridPoints: 6 },
};
const configFile = join(dir, "small.json");
writeFileSync(configFile, JSON.stringify(SMALL));
const out = join(dir, "out");
const inv = join(out, "invisible");

test("mumux run (small config): whole chain, outputs, skipped rerun and resumed scan with identical limits.csv", async () => {
  const cfg = resolveRunConfig({ file: configFile });
  const s = await runInvisible(cfg, { out, workers: 2 });
  const csv = readFileSync(join(inv, "limits.csv"), "utf8");
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], LIMITS_COLUMNS.join(","));
  assert.equal(
    lines[0],
    "mass_GeV,sigma_ul_obs_fb,sigma_ul_exp_m2,sigma_ul_exp_m1,sigma_ul_exp_med,sigma_ul_exp_p1,sigma_ul_exp_p2,z_local,g_ul_vanilla,g_ul_fully_invisible",
  );
  assert.ok(lines.length - 1 >= 5, `${lines.length - 1} mass points`);
  for (const l of lines.slice(1)) {
    const v = l.split(",").map(Number);
    assert.equal(v.length, 10);
    for (const x of v) assert.ok(Number.isFinite(x), `non-finite value in "${l}"`);
    // expected band ordered -2 <= -1 <= median <= +1 <= +2, limits positive
    assert.ok(v[1]! > 0 && v[2]! > 0);
    for (let k = 2; k < 6; k++) assert.ok(v[k]! <= v[k + 1]! * (1 + 1e-9), `band order in "${l}"`);
  }
  const summary = JSON.parse(readFileSync(join(inv, "summary.json"), "utf8"));
  for (const k of [
    "luminosity_fb",
    "n_mass_points",
    "signal_efficiency_median",
    "min_sigma_ul_obs_fb",
    "min_sigma_ul_exp_fb",
    "max_z_local",
    "max_z_local_mass",
    "z_global",
    "gm2_excluded_GeV",
    "background_fractions",
    "cutflow",
  ])
    assert.ok(k in summary, `summary.json lacks ${k}`);
  assert.equal(summary.n_mass_points, lines.length - 1);
  assert.equal(summary.luminosity_fb, 0.3);
  // pseudo-data from independent samples at the data luminosity (default source "sample")
  const pd = summary.pseudo_data;
  assert.equal(pd.source, "sample");
  assert.deepEqual(Object.keys(pd.events_per_sample).sort(), ["data_eemumu", "data_mumu", "data_tautau"]);
  assert.equal(
    pd.events,
    Object.values(pd.events_per_sample as Record<string, number>).reduce((a, b) => a + b, 0),
  );
  // same process and luminosity as the mu mu MC (lumiFactor 1): the same number of generated
  // events, but other streams, so the selection keeps other events
  assert.equal(summary.cutflow.data_mumu.raw[0], summary.cutflow.mumu.raw[0]);
  assert.notDeepEqual(summary.cutflow.data_mumu.raw, summary.cutflow.mumu.raw);
  assert.match(summary.cutflow.data_mumu.unit, /^pseudo-data events/);
  // tau tau MC at half the data luminosity, its pseudo-data at the full one
  const nTau = summary.cutflow.tautau.raw[0];
  const nTauData = summary.cutflow.data_tautau.raw[0];
  assert.ok(Math.abs(nTauData / nTau - 2) < 1e-3, `${nTauData} vs ${nTau}`);
  assert.ok(!("data_mumu" in summary.background_fractions), "pseudo-data are not a background");
  assert.ok(Array.isArray(summary.gm2_excluded_GeV));
  assert.deepEqual(Object.keys(summary.background_fractions).sort(), ["eemumu", "mumu", "tautau"]);
  assert.ok(summary.cutflow.mumu.weighted.length === summary.cutflow.mumu.steps.length);
  assert.equal(s.n_mass_points, summary.n_mass_points);
  // toy-based global significance (20 background-only scans), Gross-Vitells kept for comparison
  assert.equal(summary.global_significance.method, "background-only toy scans");
  assert.equal(summary.global_significance.toys, 20);
  assert.equal(summary.z_global, summary.global_significance.z);
  assert.ok(summary.global_significance.p >= 0 && summary.global_significance.p <= 1);
  assert.ok("gross_vitells" in summary.global_significance);
  for (const p of ["m2recoil_stack", "theta_m2_mumu", "sigma_limits", "gprime_fully_invisible", "punzi_roc"])
    for (const ext of ["svg", "png"]) assert.ok(existsSync(join(inv, "plots", `${p}.${ext}`)), `${p}.${ext}`);
  assert.ok(existsSync(join(inv, "report.html")));
  assert.ok(existsSync(join(inv, "workspaces", "window-0000.json")));
  // HEPData record: every table's data file exists, and the cross-section table holds limits.csv's
  // observed and median expected limits (limits.csv rounds to 6 significant digits)
  const hd = join(inv, "hepdata");
  const docs = YAML.parseAllDocuments(readFileSync(join(hd, "submission.yaml"), "utf8")).map((d) => d.toJS());
  assert.match(docs[0].comment, /not Belle II data/);
  const names = docs.slice(1).map((d) => d.name);
  for (const n of [
    "M2_recoil spectrum",
    "Cross-section upper limits",
    "Coupling upper limits, fully invisible",
    "Coupling upper limits, vanilla",
    "Local significance",
    "Cross-section upper limits, wide Z'",
    "Signal efficiency",
  ])
    assert.ok(names.includes(n), `HEPData table "${n}" missing (have ${names.join("; ")})`);
  for (const d of docs.slice(1)) assert.ok(existsSync(join(hd, d.data_file)), d.data_file);
  const xs = YAML.parse(readFileSync(join(hd, "cross_section_upper_limits.yaml"), "utf8"));
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  assert.equal(xs.independent_variables[0].values.length, rows.length);
  const [obsVar, expVar] = xs.dependent_variables;
  assert.match(obsVar.header.name, /^Observed/);
  rows.forEach((r, i) => {
    assert.equal(Number(xs.independent_variables[0].values[i].value.toPrecision(6)), r[0]);
    assert.equal(Number(obsVar.values[i].value.toPrecision(6)), r[1]);
    assert.equal(Number(expVar.values[i].value.toPrecision(6)), r[4]);
    const [s1, s2] = expVar.values[i].errors;
    assert.equal(Number((expVar.values[i].value + s1.asymerror.minus).toPrecision(6)), r[3]);
    assert.equal(Number((expVar.values[i].value + s2.asymerror.plus).toPrecision(6)), r[6]);
  });
  // the spectrum's pseudo-data are the run's pseudo-data events
  const sp = YAML.parse(readFileSync(join(hd, "m2_recoil_spectrum.yaml"), "utf8"));
  const pdCount = sp.dependent_variables[0].values.reduce(
    (a: number, v: { value: number }) => a + v.value,
    0,
  );
  assert.equal(pdCount, summary.pseudo_data.events);

  // rerun: every stage is complete and skipped, nothing is rewritten, same limits.csv
  const chunk = join(inv, "samples", "mumu", "chunk-000000.bin");
  const t0 = statSync(chunk).mtimeMs;
  const notes: string[] = [];
  await runInvisible(cfg, { out, workers: 2, skipPlots: true, note: (m) => notes.push(m) });
  for (const st of ["samples", "punzinet", "workspaces", "fits", "global toys"])
    assert.ok(notes.includes(`${st}: complete, skipped`), `${st} not skipped: ${notes.join("; ")}`);
  assert.equal(statSync(chunk).mtimeMs, t0);
  assert.equal(readFileSync(join(inv, "limits.csv"), "utf8"), csv);

  // interrupted scan: drop the completion mark and one point; only that point is refitted
  const mf = join(inv, "fits", "manifest.json");
  const m = JSON.parse(readFileSync(mf, "utf8"));
  delete m.digest;
  writeFileSync(mf, JSON.stringify(m));
  rmSync(join(inv, "fits", "result.json"));
  rmSync(join(inv, "fits", "point-0003.json"));
  const kept = statSync(join(inv, "fits", "point-0002.json")).mtimeMs;
  await runInvisible(cfg, { out, workers: 1, skipPlots: true });
  assert.ok(existsSync(join(inv, "fits", "point-0003.json")));
  assert.equal(statSync(join(inv, "fits", "point-0002.json")).mtimeMs, kept);
  assert.equal(
    readFileSync(join(inv, "limits.csv"), "utf8"),
    csv,
    "limits.csv changed after resume (or worker count)",
  );
});

test("misid-backgrounds on the small run: muon ID by weight, resumable, shares of the run's background", async () => {
  const samples = { eeee: 0.05, pipi: 1 };
  const r = await runMisidStudy({ out, samples, workers: 2 });
  assert.deepEqual(
    r.samples.map((s) => s.process),
    ["eeee", "pipi"],
  );
  // e e e e pairs are electrons: each event weighs at most the largest e -> mu fake rate squared
  const maxFake = Math.max(...belle2DefaultCard().pid.muon.electron.values.flat());
  for (const s of r.samples) {
    const last = s.steps.length;
    assert.equal(s.weighted.length, last + 1);
    assert.equal(s.raw.length, last + 1);
    // index 0 is the preselected sample at the data luminosity: sigma L by definition of the scale
    assert.ok(Math.abs(s.weighted[0]! - s.sigma_fb * 0.3) <= 1e-9 * s.weighted[0]!);
    for (let j = 1; j <= last; j++) assert.ok(s.weighted[j]! <= s.weighted[j - 1]! * (1 + 1e-12));
    // steps 1-7 split at 50 GeV^2 add up to the cut flow's last entry; the Punzi-net only removes
    const sum = s.cuts.below.events + s.cuts.above.events;
    assert.ok(Math.abs(sum - s.weighted[last]!) <= 1e-9 * Math.max(sum, 1e-300));
    assert.equal(s.cuts.below.mcEvents + s.cuts.above.mcEvents, s.raw[last]);
    assert.ok(s.punzi.below.events <= s.cuts.below.events && s.punzi.above.events <= s.cuts.above.events);
    assert.ok(s.control.emu >= 0 && s.control.ee >= 0);
  }
  const eeee = r.samples[0]!;
  assert.ok(eeee.raw.at(-1)! > 50, `${eeee.raw.at(-1)} MC events after the cuts`);
  assert.ok(eeee.weighted.at(-1)! > 0);
  assert.ok(eeee.weighted.at(-1)! <= eeee.raw.at(-1)! * eeee.scale * maxFake ** 2);
  // identified electron pairs are what e e e e is made of: its e e control sample dwarfs its
  // misidentified signal-region yield
  assert.ok(eeee.control.ee > 100 * eeee.weighted.at(-1)!, `e e control ${eeee.control.ee}`);
  // the run finished, so the shares against its background are there
  assert.ok(r.runBackground && r.runBackground.below + r.runBackground.above > 0);
  for (const v of Object.values(r.fractions!))
    assert.ok(v.below >= 0 && v.below < 1 && v.above >= 0 && v.above < 1);
  const file = join(inv, "misid", "result.json");
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), r);
  // a rerun reads the finished stages: nothing is regenerated, same result
  const chunk = join(inv, "misid", "eeee", "chunk-000000.bin");
  const t0 = statSync(chunk).mtimeMs;
  assert.deepEqual(await runMisidStudy({ out, samples, workers: 1 }), r);
  assert.equal(statSync(chunk).mtimeMs, t0);
  await assert.rejects(runMisidStudy({ out, samples: { nosuch: 1 }, workers: 1 }), /unknown process/);
  await assert.rejects(
    runMisidStudy({ out: join(dir, "no-run"), samples, workers: 1 }),
    /no finished Punzi-net/,
  );
});

test("mumux run --config with an unknown key exits 2 with one line naming the key", () => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ scan: { massStepp: 3 } }));
  const bin = fileURLToPath(new URL("../bin/mumux.js", import.meta.url));
  const r = spawnSync(process.execPath, [bin, "run", "--config", bad, "--out", join(dir, "bad-out")], {
    encoding: "utf8",
  });
  assert.equal(r.status, 2, r.stderr);
  const errLines = r.stderr.trim().split("\n");
  assert.equal(errLines.length, 1, r.stderr);
  assert.match(errLines[0]!, /scan\.massStepp/);
  assert.match(errLines[0]!, /unknown key/);
  assert.ok(!existsSync(join(dir, "bad-out")), "nothing is written for a bad configuration");
});
