/**
 * Hand-built {@link InvisibleVariables} for tests and examples: n events that pass every
 * signal-region cut of the paper by default (two opposite-charge muons from the IP, M2_recoil
 * = 10 GeV^2 with the recoil at 86 deg, no photons, c.m. recoil pT 1 GeV), with any column
 * overridable per event. Not for physics: the columns are not mutually consistent kinematics.
 */
import { TRG_TWO_TRACK } from "../../physics/recoEvents.ts";
import { type InvisibleVariables, variableSettings } from "./variables.ts";

type Columns = Omit<InvisibleVariables, "nEvents" | "settings">;

/** Per-event values of a passing event. */
export const PASSING_EVENT: Readonly<Record<keyof Columns, number>> = Object.freeze({
  weight: 1,
  trigger: TRG_TWO_TRACK,
  nTracks: 2,
  nGoodTracks: 2,
  track1: 0,
  track2: 1,
  oppositeCharge: 1,
  muonLR1: 0.9,
  muonLR2: 0.9,
  electronLR1: 0.05,
  electronLR2: 0.05,
  ptMin: 1,
  m2Recoil: 10,
  thetaRecoil: 1.5,
  thetaRecoilCm: 1.6,
  ptRecoilCm: 1,
  openingAngleCm: 2,
  ptThrust: 0.8,
  ptHiLo: 1.2,
  pLongHiLo: -2,
  photonESum: 0,
  photonMinAngle: Number.POSITIVE_INFINITY,
  hardPhotonMinAngle: Number.POSITIVE_INFINITY,
});

/**
 * n synthetic events; `set(i)` returns the overrides of event i (default none).
 *
 * @example const v = syntheticVariables(2, (i) => (i === 1 ? { ptRecoilCm: 0.3 } : {}));
 */
export function syntheticVariables(
  n: number,
  set: (i: number) => Partial<Record<keyof Columns, number>> = () => ({}),
): InvisibleVariables {
  const cols = {
    weight: new Float64Array(n),
    trigger: new Int32Array(n),
    nTracks: new Int32Array(n),
    nGoodTracks: new Int32Array(n),
    track1: new Int32Array(n),
    track2: new Int32Array(n),
    oppositeCharge: new Uint8Array(n),
    muonLR1: new Float32Array(n),
    muonLR2: new Float32Array(n),
    electronLR1: new Float32Array(n),
    electronLR2: new Float32Array(n),
    ptMin: new Float64Array(n),
    m2Recoil: new Float64Array(n),
    thetaRecoil: new Float64Array(n),
    thetaRecoilCm: new Float64Array(n),
    ptRecoilCm: new Float64Array(n),
    openingAngleCm: new Float64Array(n),
    ptThrust: new Float64Array(n),
    ptHiLo: new Float64Array(n),
    pLongHiLo: new Float64Array(n),
    photonESum: new Float64Array(n),
    photonMinAngle: new Float64Array(n),
    hardPhotonMinAngle: new Float64Array(n),
  };
  const keys = Object.keys(PASSING_EVENT) as (keyof Columns)[];
  for (let i = 0; i < n; i++) {
    const o = set(i);
    for (const k of keys) (cols[k] as { [j: number]: number })[i] = o[k] ?? PASSING_EVENT[k];
  }
  return { nEvents: n, settings: variableSettings(), ...cols };
}
