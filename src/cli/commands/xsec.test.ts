import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const bin = fileURLToPath(new URL("../../../bin/mumux.js", import.meta.url));
const run = promisify(execFile);

/** Run the CLI; never rejects: returns exit code, stdout, stderr. */
async function mumux(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, ...args], { encoding: "utf8" });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test("mumux xsec --json reproduces xsec_mumuX_10p58.csv at 1 GeV: Born 9.95638e4 fb, ISR(sqrt s' > 10) 8.65722e4 fb (0.5%)", async () => {
  const [born, isr] = await Promise.all([
    mumux("xsec", "--model", "zprime", "--mass", "1", "--json"),
    mumux("xsec", "--model", "zprime", "--mass", "1", "--isr", "--sqrts-min", "10", "--json"),
  ]);
  assert.equal(born.code, 0, born.stderr);
  const b = JSON.parse(born.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(b).slice(0, 5), ["model", "mass", "sigma_fb", "sigma_err_fb", "isr"]);
  assert.equal(b.model, "zprime");
  assert.equal(b.isr, false);
  assert.ok(Math.abs((b.sigma_fb as number) / 9.95638e4 - 1) < 5e-3);
  assert.ok((b.sigma_err_fb as number) < 0.001 * (b.sigma_fb as number));
  const i = JSON.parse(isr.stdout) as Record<string, unknown>;
  assert.equal(i.isr, true);
  assert.ok(Math.abs((i.sigma_fb as number) / 8.65722e4 - 1) < 5e-3);
});

test("bad input to xsec / generate prints one line and exits 2 (mass <= 0, above sqrt(s) - 2 m_mu, unknown model or decay)", async () => {
  const cases = await Promise.all([
    mumux("xsec", "--model", "zprime", "--mass", "0"),
    mumux("xsec", "--model", "zprime", "--mass", "-0.5"),
    mumux("xsec", "--model", "zprime", "--mass", "10.4"),
    mumux("xsec", "--model", "axion", "--mass", "1"),
    mumux("xsec", "--model", "scalar", "--mass", "abc"),
    mumux(
      "generate",
      "signal",
      "--model",
      "zprime",
      "--mass",
      "1",
      "--decay",
      "ee",
      "--events",
      "10",
      "--seed",
      "1",
      "--out",
      "/tmp/never.parquet",
    ),
    mumux(
      "generate",
      "signal",
      "--model",
      "zprime",
      "--mass",
      "11",
      "--decay",
      "mumu",
      "--events",
      "10",
      "--seed",
      "1",
      "--out",
      "/tmp/never.parquet",
    ),
    mumux(
      "generate",
      "signal",
      "--model",
      "vector",
      "--mass",
      "1",
      "--decay",
      "mumu",
      "--events",
      "10",
      "--seed",
      "1",
      "--out",
      "/tmp/never.parquet",
    ),
    mumux("widths", "--model", "zprime", "--mass", "0"),
    mumux("gm2", "--model", "foo", "--mass", "1"),
  ]);
  for (const r of cases) {
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^mumux: /);
    assert.equal(r.stdout, "");
  }
});
