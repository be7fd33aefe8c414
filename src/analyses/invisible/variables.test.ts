import assert from "node:assert/strict";
import { test } from "node:test";
import { M_MU } from "../../core/units.ts";
import { beamFrame, belle2Beams, cmToLabVector } from "../../physics/beams.ts";
import { RecoEventsBuilder, TRG_TWO_TRACK } from "../../physics/recoEvents.ts";
import { computeVariables, PUNZI_FEATURES, punziFeatures } from "./variables.ts";

const frame = beamFrame(belle2Beams());
const rad = (d: number) => (d * Math.PI) / 180;

/** Lab momentum of a c.m. four-vector. */
function toLab(p: number[]): number[] {
  const out = [0, 0, 0, 0];
  cmToLabVector(frame, p[0]!, p[1]!, p[2]!, p[3]!, out);
  return out;
}

/**
 * e+e- -> mu+ mu- Z' built in the c.m.: a Z' of mass M with c.m. momentum q along (th, ph), the
 * dimuon system (mass Mmm) recoiling, decaying to mu+ at angle (a, b) in its rest frame.
 * Returns the c.m. muon four-vectors.
 */
function event(M: number, q: number, th: number, ph: number, Mmm: number, a: number, b: number) {
  const sqrtS = frame.sqrtS;
  const dir = [Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)];
  // dimuon: momentum -q dir, energy sqrt(s) - E_Z'
  const eZ = Math.sqrt(q * q + M * M);
  const eMM = sqrtS - eZ;
  assert.ok(Math.abs(eMM * eMM - q * q - Mmm * Mmm) < 1e-9, "consistent kinematics");
  const pStar = Math.sqrt((Mmm * Mmm) / 4 - M_MU * M_MU);
  const u = [Math.sin(a) * Math.cos(b), Math.sin(a) * Math.sin(b), Math.cos(a)];
  // boost (+-pStar u, Mmm/2) by beta = -q dir / eMM
  const bx = (-q * dir[0]!) / eMM;
  const by = (-q * dir[1]!) / eMM;
  const bz = (-q * dir[2]!) / eMM;
  const g = eMM / Mmm;
  const boost = (sgn: number) => {
    const p = u.map((x) => sgn * pStar * x);
    const e = Mmm / 2;
    const bp = bx * p[0]! + by * p[1]! + bz * p[2]!;
    const f = ((g * g) / (g + 1)) * bp + g * e;
    return [p[0]! + f * bx, p[1]! + f * by, p[2]! + f * bz, g * (e + bp)];
  };
  return { plus: boost(1), minus: boost(-1), dir };
}

/** Mmm for given M and q: (sqrt s - E_Z')^2 - q^2. */
function dimuonMass(M: number, q: number): number {
  const eMM = frame.sqrtS - Math.sqrt(q * q + M * M);
  return Math.sqrt(eMM * eMM - q * q);
}

test("a Z' at rest in the c.m. gives M2_recoil = M^2, back-to-back muons and zero recoil pT (rel. 1e-9)", () => {
  const M = 3;
  const b = new RecoEventsBuilder(2);
  const E = (frame.sqrtS - M) / 2;
  const p = Math.sqrt(E * E - M_MU * M_MU);
  const d = [0.3, -0.5, 0.8];
  const n = Math.hypot(...d);
  const plus = toLab([(p * d[0]!) / n, (p * d[1]!) / n, (p * d[2]!) / n, E]);
  const minus = toLab([(-p * d[0]!) / n, (-p * d[1]!) / n, (-p * d[2]!) / n, E]);
  b.track(-1, minus[0]!, minus[1]!, minus[2]!, 0.01, 0.1, 0.9, 0, 0.2, 0);
  b.track(1, plus[0]!, plus[1]!, plus[2]!, -0.01, -0.1, 0.8, 0, 0.2, 1);
  b.endEvent(1, TRG_TWO_TRACK);
  const v = computeVariables(b.build(), frame);
  assert.ok(Math.abs(v.m2Recoil[0]! - M * M) < 1e-9 * M * M, `${v.m2Recoil[0]}`);
  assert.ok(Math.abs(v.openingAngleCm[0]! - Math.PI) < 1e-7);
  assert.ok(v.ptRecoilCm[0]! < 1e-9);
  // the positive track comes first even though it was added second
  assert.equal(v.track1[0], 1);
  assert.equal(v.oppositeCharge[0], 1);
  assert.ok(Math.abs(v.muonLR1[0]! - 0.8) < 1e-6);
});

test("a moving Z': recoil mass, c.m. and lab recoil angles, c.m. pT and the Punzi inputs match hand computation (1e-9)", () => {
  const M = 1.7;
  const q = 2.1;
  const th = rad(70);
  const ph = rad(40);
  const Mmm = dimuonMass(M, q);
  const { plus, minus, dir } = event(M, q, th, ph, Mmm, rad(50), rad(-20));
  const b = new RecoEventsBuilder(1);
  const lp = toLab(plus);
  const lm = toLab(minus);
  b.track(1, lp[0]!, lp[1]!, lp[2]!, 0, 0, 0.9, 0, 0, 0);
  b.track(-1, lm[0]!, lm[1]!, lm[2]!, 0, 0, 0.9, 0, 0, 1);
  b.endEvent(1, TRG_TWO_TRACK);
  const v = computeVariables(b.build(), frame);
  assert.ok(Math.abs(v.m2Recoil[0]! - M * M) < 1e-9 * 10, `m2 ${v.m2Recoil[0]}`);
  assert.ok(Math.abs(v.thetaRecoilCm[0]! - th) < 1e-9, `theta cm ${v.thetaRecoilCm[0]}`);
  assert.ok(Math.abs(v.ptRecoilCm[0]! - q * Math.sin(th)) < 1e-9);
  // lab recoil direction: the Z' four-vector boosted to the lab
  const zl = toLab([q * dir[0]!, q * dir[1]!, q * dir[2]!, Math.sqrt(q * q + M * M)]);
  const thLab = Math.atan2(Math.hypot(zl[0]!, zl[1]!), zl[2]!);
  assert.ok(Math.abs(v.thetaRecoil[0]! - thLab) < 1e-9);
  // Punzi inputs by plain vector algebra
  const hi = plus[3]! >= minus[3]! ? plus : minus;
  const lo = hi === plus ? minus : plus;
  const nlo = Math.hypot(lo[0]!, lo[1]!, lo[2]!);
  const dot = (hi[0]! * lo[0]! + hi[1]! * lo[1]! + hi[2]! * lo[2]!) / nlo;
  const cross = (a: number[], c: number[]) => [
    a[1]! * c[2]! - a[2]! * c[1]!,
    a[2]! * c[0]! - a[0]! * c[2]!,
    a[0]! * c[1]! - a[1]! * c[0]!,
  ];
  const cr = cross(hi, lo);
  assert.ok(Math.abs(v.pLongHiLo[0]! - dot) < 1e-9);
  assert.ok(Math.abs(v.ptHiLo[0]! - Math.hypot(...cr) / nlo) < 1e-9);
  const diff = Math.hypot(plus[0]! - minus[0]!, plus[1]! - minus[1]!, plus[2]! - minus[2]!);
  const sum = Math.hypot(plus[0]! + minus[0]!, plus[1]! + minus[1]!, plus[2]! + minus[2]!);
  assert.ok(Math.abs(v.ptThrust[0]! - Math.hypot(...cross(plus, minus)) / Math.max(diff, sum)) < 1e-9);
  const x = punziFeatures(v, [0]);
  assert.equal(x.length, PUNZI_FEATURES);
  assert.ok(Math.abs(x[3]! - q * Math.sin(th)) < 1e-5);
});

test("photon sums: energy above 0.1 GeV only, closest photon and closest hard photon to the lab recoil", () => {
  const M = 2;
  const q = 1.5;
  const Mmm = dimuonMass(M, q);
  const { plus, minus, dir } = event(M, q, rad(80), rad(10), Mmm, rad(60), rad(30));
  const zl = toLab([q * dir[0]!, q * dir[1]!, q * dir[2]!, Math.sqrt(q * q + M * M)]);
  const thR = Math.atan2(Math.hypot(zl[0]!, zl[1]!), zl[2]!);
  const phR = Math.atan2(zl[1]!, zl[0]!);
  const b = new RecoEventsBuilder(1);
  const lp = toLab(plus);
  const lm = toLab(minus);
  b.track(1, lp[0]!, lp[1]!, lp[2]!, 0, 0, 0.9, 0, 0, 0);
  b.track(-1, lm[0]!, lm[1]!, lm[2]!, 0, 0, 0.9, 0, 0, 1);
  b.photon(0.3, thR + rad(10), phR, 2); // soft, 10 deg away in theta
  b.photon(0.05, thR, phR, 3); // below threshold: ignored everywhere
  b.photon(1.5, thR - rad(40), phR, 4); // hard, 40 deg away
  b.endEvent(1, TRG_TWO_TRACK);
  const v = computeVariables(b.build(), frame);
  assert.ok(Math.abs(v.photonESum[0]! - 1.8) < 1e-12);
  assert.ok(Math.abs(v.photonMinAngle[0]! - rad(10)) < 1e-9, `${v.photonMinAngle[0]}`);
  assert.ok(Math.abs(v.hardPhotonMinAngle[0]! - rad(40)) < 1e-9);
});

test("candidates are the tracks from the IP: a displaced third track is ignored, three IP tracks give none", () => {
  const b = new RecoEventsBuilder(3);
  // event 0: two IP tracks + one with d0 = 1 cm
  b.track(1, 1, 0.5, 0.2, 0.1, 0, 0.9, 0, 0, 0);
  b.track(-1, -1, 0.2, 1, 1.0, 0, 0.9, 0, 0, 1);
  b.track(-1, -0.8, -0.4, 0.5, 0.0, 1.9, 0.9, 0, 0, 2);
  b.endEvent(1, TRG_TWO_TRACK);
  // event 1: three IP tracks
  b.track(1, 1, 0.5, 0.2, 0, 0, 0.9, 0, 0, 0);
  b.track(-1, -1, 0.2, 1, 0, 0, 0.9, 0, 0, 1);
  b.track(-1, -0.8, -0.4, 0.5, 0, 0, 0.9, 0, 0, 2);
  b.endEvent(2, TRG_TWO_TRACK);
  // event 2: z0 = 2.0 exactly is outside (strict cut)
  b.track(1, 1, 0.5, 0.2, 0, 0, 0.9, 0, 0, 0);
  b.track(-1, -1, 0.2, 1, 0, 2.0, 0.9, 0, 0, 1);
  b.endEvent(3, 0);
  const v = computeVariables(b.build(), frame);
  assert.deepEqual(Array.from(v.nTracks), [3, 3, 2]);
  assert.deepEqual(Array.from(v.nGoodTracks), [2, 3, 1]);
  assert.deepEqual([v.track1[0], v.track2[0]], [0, 2]);
  assert.ok(Number.isFinite(v.m2Recoil[0]!));
  assert.ok(Number.isNaN(v.m2Recoil[1]!) && v.track1[1] === -1);
  assert.ok(Number.isNaN(v.ptThrust[2]!));
  assert.deepEqual(Array.from(v.weight), [1, 2, 3]);
});
