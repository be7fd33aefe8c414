/**
 * Fast-simulation throughput: two-track (mu+ mu-) events through `simulate` on one core, and the
 * Parquet truth/reco I/O rates. Goal (issue 5): >= 1M two-track events/s per core.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stream } from "../src/core/random.ts";
import { M_MU } from "../src/core/units.ts";
import { belle2DefaultCard } from "../src/detector/belle2DefaultCard.ts";
import { compileCard } from "../src/detector/card.ts";
import { simulate } from "../src/detector/simulate.ts";
import { readRecoEventsParquet, writeRecoEventsParquet } from "../src/io/recoEventsParquet.ts";
import { readTruthEventsParquet, writeTruthEventsParquet } from "../src/io/truthEventsParquet.ts";
import { type TruthEvents, TruthEventsBuilder } from "../src/physics/truthEvents.ts";
import type { BenchResult } from "./harness.ts";
import { measure, median } from "./harness.ts";

/** n mu+ mu- events, back to back in the transverse plane, 1-5 GeV, polar angles 20-140 deg. */
function dimuons(n: number, seed: number): TruthEvents {
  const rng = stream(seed, 0);
  const b = new TruthEventsBuilder(n, 2);
  for (let i = 0; i < n; i++) {
    const p = 1 + 4 * rng.uniform();
    const th = ((20 + 120 * rng.uniform()) * Math.PI) / 180;
    const ph = Math.PI * (2 * rng.uniform() - 1);
    const e = Math.sqrt(p * p + M_MU * M_MU);
    const px = p * Math.sin(th) * Math.cos(ph);
    const py = p * Math.sin(th) * Math.sin(ph);
    const pz = p * Math.cos(th);
    b.particle(13, 1, -1, px, py, pz, e);
    b.particle(-13, 1, -1, -px, -py, pz * 0.5, e);
    b.endEvent(1);
  }
  return b.build();
}

export async function bench(): Promise<BenchResult[]> {
  const n = 1_000_000;
  const truth = dimuons(n, 1);
  const card = compileCard(belle2DefaultCard());
  let chunk = 0;
  const out: BenchResult[] = [];
  out.push(
    await measure(
      "simulate two-track events (wall clock)",
      "M ev/s",
      () => simulate(truth, card, 7, chunk++),
      {
        runs: 5,
        toValue: (ms) => n / ms / 1e3,
        note: `${n} mu+mu- events, default card`,
      },
    ),
  );
  // per core: events per CPU-second of this thread, robust against other processes on the machine
  const cpu: number[] = [];
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    simulate(truth, card, 7, chunk++);
    const d = process.cpuUsage(c0);
    cpu.push(n / ((d.user + d.system) / 1e6) / 1e6);
  }
  out.push({
    name: "simulate two-track events (per CPU second)",
    value: median(cpu),
    unit: "M ev/s",
    runs: 5,
  });
  const dir = mkdtempSync(join(tmpdir(), "mumux-bench-"));
  const small = dimuons(200_000, 2);
  const reco = simulate(small, card, 7, 0);
  out.push(
    await measure(
      "write truth Parquet",
      "M ev/s",
      () => writeTruthEventsParquet(join(dir, "t.parquet"), [small], {}),
      {
        runs: 3,
        toValue: (ms) => small.nEvents / ms / 1e3,
        note: "200k events, 2 particles, zstd",
      },
    ),
  );
  out.push(
    await measure(
      "read truth Parquet",
      "M ev/s",
      async () => {
        for await (const _ of readTruthEventsParquet(join(dir, "t.parquet"))) void _;
      },
      { runs: 3, toValue: (ms) => small.nEvents / ms / 1e3 },
    ),
  );
  out.push(
    await measure(
      "write reco Parquet",
      "M ev/s",
      () => writeRecoEventsParquet(join(dir, "r.parquet"), [reco], {}),
      {
        runs: 3,
        toValue: (ms) => reco.nEvents / ms / 1e3,
      },
    ),
  );
  out.push(
    await measure(
      "read reco Parquet",
      "M ev/s",
      async () => {
        for await (const _ of readRecoEventsParquet(join(dir, "r.parquet"))) void _;
      },
      { runs: 3, toValue: (ms) => reco.nEvents / ms / 1e3 },
    ),
  );
  rmSync(dir, { recursive: true, force: true });
  return out;
}
