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

test("mumux widths and gm2 --json: B(inv) = 0.378765 at 4 GeV (lmultau_zprime_branching_fractions.csv), g'(2021) = 5.40e-3 at 1 GeV (physics.md 3.2)", async () => {
  const [w, s, g] = await Promise.all([
    mumux("widths", "--model", "zprime", "--mass", "4", "--json"),
    mumux("widths", "--model", "scalar", "--mass", "1", "--json"),
    mumux("gm2", "--model", "zprime", "--mass", "1", "--json"),
  ]);
  assert.equal(w.code, 0, w.stderr);
  const wj = JSON.parse(w.stdout) as {
    branching_fractions: { invisible: number };
    dark_sector: { alphaD_for_width_0p1M: number };
  };
  assert.ok(Math.abs(wj.branching_fractions.invisible - 0.378765) < 2e-6);
  assert.ok(Math.abs(wj.dark_sector.alphaD_for_width_0p1M - 2.898) < 1e-3);
  const sj = JSON.parse(s.stdout) as { branching_fractions: { mumu: number } };
  assert.ok(sj.branching_fractions.mumu > 0.99999);
  const gj = JSON.parse(g.stdout) as {
    favoured: Array<{ year: string; central: number | null; minus2sigma: number | null }>;
  };
  assert.deepEqual(
    gj.favoured.map((f) => f.year),
    ["2021", "2023", "2025"],
  );
  assert.ok(Math.abs(gj.favoured[0]!.central! / 5.4023e-3 - 1) < 1e-3);
  assert.equal(gj.favoured[2]!.minus2sigma, null);
});
