import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../../core/errors.ts";
import {
  intOption,
  levelFromCl,
  modifierSettingsFrom,
  numberOption,
} from "../../stats/infer/modelOptions.ts";
import { parseTestStat } from "../../stats/infer/testStatistic.ts";
import { countingWorkspace } from "../../stats/testdata/countingWorkspace.ts";

const bin = fileURLToPath(new URL("../../../bin/mumux.js", import.meta.url));
const V = fileURLToPath(new URL("../../../../shared/validation/pyhf/", import.meta.url));
const mumux = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test("mumux cls --json prints pyhf's keys; 1bin_lumi (code1/code0, q) matches converged pyhf to 1e-5", () => {
  const r = mumux(
    "cls",
    `${V}root_validated/1bin_lumi.json`,
    "--normsys-code",
    "1",
    "--histosys-code",
    "0",
    "--test-stat",
    "q",
    "--json",
  );
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as { CLs_obs: number; CLs_exp: number[] };
  assert.deepEqual(Object.keys(v).sort(), ["CLs_exp", "CLs_obs"]);
  // src/stats/testdata/pyhfTight.small.json "1bin_lumi (code1/code0)".q
  assert.ok(rel(v.CLs_obs, 0.010472829080552628) < 1e-5, `${v.CLs_obs}`);
  assert.equal(v.CLs_exp.length, 5);
  assert.ok(rel(v.CLs_exp[2]!, 0.13614300296749385) < 1e-5);
});

test("mumux upper-limit --cl 0.90 --json on uncorrelated_background_2bin matches pyhf's 90% CL limits to 1e-4", () => {
  const r = mumux("upper-limit", `${V}simple/uncorrelated_background_2bin.json`, "--cl", "0.90", "--json");
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as { obs: number; exp: number[] };
  // expected_results.json simple.uncorrelated_background_2bin upper_limits.qtilde_cl90
  assert.ok(rel(v.obs, 0.8399135869063531) < 1e-4, `${v.obs}`);
  assert.equal(v.exp.length, 5);
});

test("mumux upper-limit --calctype toybased on one bin (b = 3 known, n = 2): the classic CLs limit P(N <= 2 | s + b) / P(N <= 2 | b) = 0.1, s = 3.523, within 9% (4000 toys, 3 sigma)", () => {
  const dir = mkdtempSync(join(tmpdir(), "mumux-ul-"));
  const ws = join(dir, "counting.json");
  writeFileSync(ws, JSON.stringify(countingWorkspace(3, 2)));
  const r = mumux(
    "upper-limit",
    ws,
    "--cl",
    "0.90",
    "--calctype",
    "toybased",
    "--ntoys",
    "4000",
    "--seed",
    "3",
    "--json",
  );
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as {
    obs: number;
    exp: number[];
    asymptotic: { obs: number };
    failed_toys: number;
  };
  // exact: solve P(N <= 2 | s + 3) / P(N <= 2 | 3) = 0.1 (Read, J. Phys. G 28 (2002) 2693). Toy
  // error: CLs = p_sb / p_b with p_sb = 0.042, p_b = 0.423 has relative variance
  // (1 - p_sb) / (n p_sb) + (1 - p_b) / (n p_b) = 24 / n, and d ln CLs / ds = -P(2 | 6.52) / p_sb
  // = -0.74, so sigma_s / s = sqrt(24 / 4000) / 0.74 / 3.523 = 3.0%
  assert.ok(rel(v.obs, 3.523) < 0.09, `${v.obs}`);
  // the asymptotic formula is 14% below the exact limit here (3.017)
  assert.ok(v.asymptotic.obs < 3.523 * 0.9, `${v.asymptotic.obs}`);
  assert.equal(v.exp.length, 5);
  assert.equal(v.failed_toys, 0);
  const bad = mumux("upper-limit", ws, "--calctype", "toybased", "--grid-points", "1");
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /--grid-points/);
});

test("mumux fit --json gives pyhf's parameter names and twice_nll; significance --json gives p0 and Z", () => {
  const r = mumux("fit", `${V}simple/2-bin_1-channel.json`, "--json");
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as {
    par_names: string[];
    bestfit: number[];
    uncertainties: number[];
    twice_nll: number;
  };
  assert.deepEqual(v.par_names, ["mu", "uncorr_bkguncrt[0]", "uncorr_bkguncrt[1]"]);
  assert.equal(v.bestfit.length, 3);
  assert.ok(v.uncertainties.every((e) => e > 0));
  assert.ok(Number.isFinite(v.twice_nll));
  const s = mumux("significance", `${V}simple/uncorrelated_background_2bin.json`, "--json");
  assert.equal(s.status, 0, s.stderr);
  const sv = JSON.parse(s.stdout) as Record<string, number>;
  for (const k of ["p0_obs", "Z_obs", "p0_exp", "Z_exp"]) assert.equal(typeof sv[k], "number");
});

test("invalid option values of cls and upper-limit exit 2 with one line on stderr", () => {
  for (const args of [
    ["cls", `${V}simple/uncorrelated_background_2bin.json`, "--test-stat", "zz"],
    ["upper-limit", `${V}simple/uncorrelated_background_2bin.json`, "--cl", "1.5"],
  ]) {
    const r = mumux(...args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});

test("option parsers reject bad values with ConfigError naming the option", () => {
  const bad: Array<[() => unknown, string]> = [
    [() => modifierSettingsFrom("3", undefined), "--normsys-code"],
    [() => modifierSettingsFrom(undefined, "1"), "--histosys-code"],
    [() => levelFromCl("0"), "--cl"],
    [() => levelFromCl("120"), "--cl"],
    [() => levelFromCl("abc"), "--cl"],
    [() => intOption("0", "--ntoys"), "--ntoys"],
    [() => intOption("2.5", "--ntoys"), "--ntoys"],
    [() => intOption("-1", "--seed", 0), "--seed"],
    [() => numberOption("abc", "--poi-value"), "--poi-value"],
    [() => parseTestStat("qmu"), "--test-stat"],
  ];
  for (const [f, where] of bad)
    assert.throws(f, (e: unknown) => e instanceof ConfigError && e.where === where);
  assert.equal(levelFromCl("0.90"), 1 - 0.9);
  assert.equal(levelFromCl("95"), 1 - 0.95);
  assert.deepEqual(modifierSettingsFrom("1", "0"), {
    normsys: { interpcode: "code1" },
    histosys: { interpcode: "code0" },
  });
});
