/**
 * Lorentz-kernel throughput over columns (src/physics): 1M two-muon events, lab -> c.m. boost of
 * both muons (Belle II beams, boost + rotation) plus the dimuon invariant mass, i.e. what the
 * invisible-Z' selection does per event. Figures only; nothing asserts speed.
 * Target from issue 2: boost + invariant mass >= 10M events/s on one core.
 */
import { stream } from "../src/core/random.ts";
import { M_MU } from "../src/core/units.ts";
import { beamFrame, belle2Beams, labToCm } from "../src/physics/beams.ts";
import { boostColumns } from "../src/physics/boost.ts";
import { fourVectorColumns } from "../src/physics/fourVector.ts";
import { invariantMass2Columns } from "../src/physics/invariantMass.ts";
import { recoilMass2Columns } from "../src/physics/recoilMass.ts";
import { thrustPtColumns } from "../src/physics/thrustAxis.ts";
import { type BenchResult, measure } from "./harness.ts";

let sink = 0; // consumed results, so that the JIT cannot drop the work

export async function bench(): Promise<BenchResult[]> {
  const N = 1_000_000;
  const rng = stream(1, 0);
  const mu1 = fourVectorColumns(N);
  const mu2 = fourVectorColumns(N);
  for (const mu of [mu1, mu2]) {
    for (let i = 0; i < N; i++) {
      mu.px[i] = rng.gauss(0, 2);
      mu.py[i] = rng.gauss(0, 2);
      mu.pz[i] = rng.gauss(1, 3);
      mu.e[i] = Math.sqrt(mu.px[i]! ** 2 + mu.py[i]! ** 2 + mu.pz[i]! ** 2 + M_MU * M_MU);
    }
  }
  const frame = beamFrame(belle2Beams());
  const cm1 = fourVectorColumns(N);
  const cm2 = fourVectorColumns(N);
  const m2 = new Float64Array(N);
  const perEvent = { toValue: (ms: number) => N / ms / 1e3, note: `${N / 1e6}M events per run` };
  const out: BenchResult[] = [];
  out.push(
    await measure(
      "labToCm both muons + dimuon M^2 (columns)",
      "M ev/s",
      () => {
        labToCm(frame, mu1, cm1);
        labToCm(frame, mu2, cm2);
        invariantMass2Columns([cm1, cm2], m2);
        sink += m2[N >> 1]!;
      },
      perEvent,
    ),
  );
  out.push(
    await measure(
      "boostColumns both muons (pure boost) + M^2",
      "M ev/s",
      () => {
        boostColumns(
          mu1.px,
          mu1.py,
          mu1.pz,
          mu1.e,
          -frame.betaX,
          -frame.betaY,
          -frame.betaZ,
          cm1.px,
          cm1.py,
          cm1.pz,
          cm1.e,
        );
        boostColumns(
          mu2.px,
          mu2.py,
          mu2.pz,
          mu2.e,
          -frame.betaX,
          -frame.betaY,
          -frame.betaZ,
          cm2.px,
          cm2.py,
          cm2.pz,
          cm2.e,
        );
        invariantMass2Columns([cm1, cm2], m2);
        sink += m2[N >> 1]!;
      },
      perEvent,
    ),
  );
  out.push(
    await measure(
      "recoil M^2 against P_init (lab, 2 muons)",
      "M ev/s",
      () => {
        recoilMass2Columns(frame.pInit, [mu1, mu2], m2);
        sink += m2[N >> 1]!;
      },
      perEvent,
    ),
  );
  out.push(
    await measure(
      "thrust-axis p_T (2 muons)",
      "M ev/s",
      () => {
        thrustPtColumns(cm1.px, cm1.py, cm1.pz, cm2.px, cm2.py, cm2.pz, m2);
        sink += m2[N >> 1]!;
      },
      perEvent,
    ),
  );
  if (sink === 42) console.log("");
  return out;
}
