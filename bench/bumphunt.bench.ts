/**
 * Bump-hunt benchmark (issue 7): 2315-ish hypotheses of a double-sided Crystal Ball over a straight
 * line, 60-sigma windows, 1e5 events, asymptotic observed and expected CLs limits, on 2 worker
 * threads end to end (worker start-up, fits, JSON lines). Target: <= 30 s on 2 cores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stream } from "../src/core/random.ts";
import { runBumpHunt } from "../src/pipeline/bumphunt/runBumpHunt.ts";
import { makeBumpHuntConfig } from "../src/stats/scan/bumpHuntConfig.ts";
import { massGrid } from "../src/stats/scan/massGrid.ts";
import { type BenchResult, measure } from "./harness.ts";

export async function bench(): Promise<BenchResult[]> {
  // Falling spectrum over the four-muon range; resolution shaped like four-muon.md's (2.4 MeV at
  // 1 GeV, 5.6 MeV at 5 GeV, 2.8 MeV at 9 GeV), scaled so the grid has about 2315 points.
  const rng = stream(5, 0);
  const events = new Float64Array(100_000);
  for (let i = 0; i < events.length; i++) {
    let x: number;
    do x = 0.15 + rng.exponential(3);
    while (x > 9.3);
    events[i] = x;
  }
  events.sort();
  const s = 1.1136;
  const cfg = makeBumpHuntConfig({
    from: 0.212,
    to: 9,
    resolution: {
      kind: "table",
      mass: [0, 1, 5, 9, 10],
      sigma: [0.0022 * s, 0.0024 * s, 0.005 * s, 0.0025 * s, 0.0025 * s],
    },
    signal: { type: "dcb" },
  });
  const nPoints = massGrid(cfg).mass.length;
  const results: BenchResult[] = [];
  for (const workers of [2, 1]) {
    results.push(
      await measure(
        `scan of ${nPoints} hypotheses, 1e5 events, ${workers} thread(s)`,
        "s",
        async () => {
          const dir = mkdtempSync(join(tmpdir(), "mumux-bench-"));
          try {
            await runBumpHunt({ events, cfg, outDir: dir, workers, inputDigest: "bench", version: "bench" });
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
        {
          runs: 1,
          warmup: 0,
          toValue: (ms) => ms / 1000,
          note: "dcb + line, 60 sigma windows, asymptotic CLs bands",
        },
      ),
    );
  }
  return results;
}
