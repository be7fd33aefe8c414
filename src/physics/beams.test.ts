import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../core/errors.ts";
import { stream } from "../core/random.ts";
import { M_E } from "../core/units.ts";
import {
  beamFrame,
  beamsFromConfig,
  belle2Beams,
  cmToLab,
  cmToLabVector,
  labToCm,
  labToCmVector,
  sampleBeams,
  sampleBeamsColumns,
} from "./beams.ts";
import { fourVectorColumns, mutableFourVector } from "./fourVector.ts";
import { invariantMass2 } from "./invariantMass.ts";
import { recoilMass2, recoilMass2Cm } from "./recoilMass.ts";
import { twoBodyMomentum } from "./twoBodyMomentum.ts";

// Reference values: ../shared/spec/physics.md section 7.1 [calc], recomputed independently with
// numpy 2.4.6 (python3 -c: P = p_her (sin a, 0, cos a) + p_ler (sin(pi-a), 0, cos(pi-a)), a = 0.0415):
// P_init = (0.4566179031683304, 0, 2.9994152877148808, 11.006), sqrt(s) = 10.579557836806245,
// beta = 0.2756653615457806, gamma = 1.0403081272177714, beta gamma = 0.28677691600850086,
// boost angle 0.151075671363684 rad; sigma(sqrt s) = 4.9866 MeV (d sqrt s/dE = 0.7553, 1.3218).

test("Belle II beams: sqrt(s) = 10.5796 GeV and beta gamma = 0.2868 (to 1e-4), beta 0.2757, gamma 1.0403", () => {
  const f = beamFrame(belle2Beams());
  assert.ok(Math.abs(f.sqrtS - 10.5796) < 1e-4, `sqrt(s) = ${f.sqrtS}`);
  assert.ok(Math.abs(f.betaGamma - 0.2868) < 1e-4, `beta gamma = ${f.betaGamma}`);
  assert.ok(Math.abs(f.beta - 0.2757) < 1e-4);
  assert.ok(Math.abs(f.gamma - 1.0403) < 1e-4);
  // against the numpy numbers to 1e-12
  assert.ok(Math.abs(f.sqrtS - 10.579557836806245) < 1e-12);
  assert.ok(Math.abs(f.betaGamma - 0.28677691600850086) < 1e-12);
  assert.ok(Math.abs(f.s - f.sqrtS ** 2) < 1e-12);
});

test("Belle II beams: P_init = (E, px, py, pz) = (11.006, 0.4566, 0, 2.9994) GeV to 1e-4", () => {
  const p = beamFrame(belle2Beams()).pInit;
  assert.ok(Math.abs(p.e - 11.006) < 1e-12);
  assert.ok(Math.abs(p.px - 0.4566) < 1e-4, `px = ${p.px}`);
  assert.equal(p.py, 0);
  assert.ok(Math.abs(p.pz - 2.9994) < 1e-4, `pz = ${p.pz}`);
  assert.ok(Math.abs(p.px - 0.4566179031683304) < 1e-12 && Math.abs(p.pz - 2.9994152877148808) < 1e-12);
});

test("Belle II boost direction is 0.151 rad (8.66 deg) from +z towards +x", () => {
  const f = beamFrame(belle2Beams());
  assert.ok(Math.abs(f.boostTheta - 0.151) < 5e-4, `${f.boostTheta}`);
  assert.ok(Math.abs(f.boostTheta - 0.151075671363684) < 1e-12);
  assert.equal(f.boostPhi, 0); // towards +x: py = 0, px > 0
  assert.ok(f.betaX > 0 && f.betaZ > 0 && f.betaY === 0);
});

test("lab -> c.m. puts P_init at rest, (0, 0, 0, sqrt s), to 1e-12 GeV (both axis conventions)", () => {
  for (const cmAxes of ["electron-z", "boost"] as const) {
    const f = beamFrame(belle2Beams(), { cmAxes });
    const out = new Float64Array(4);
    labToCmVector(f, f.pInit.px, f.pInit.py, f.pInit.pz, f.pInit.e, out);
    assert.ok(Math.abs(out[0]!) < 1e-12 && Math.abs(out[1]!) < 1e-12 && Math.abs(out[2]!) < 1e-12, `${out}`);
    assert.ok(Math.abs(out[3]! - f.sqrtS) < 1e-12);
  }
});

test("electron-z c.m. axes (basf2 convention): the incoming e- is along +z and the e+ along -z, |p*| = p*(sqrt s; m_e, m_e)", () => {
  const f = beamFrame(belle2Beams());
  const pStar = twoBodyMomentum(f.sqrtS, M_E, M_E);
  const em = new Float64Array(4);
  const ep = new Float64Array(4);
  labToCmVector(f, f.pHer.px, f.pHer.py, f.pHer.pz, f.pHer.e, em);
  labToCmVector(f, f.pLer.px, f.pLer.py, f.pLer.pz, f.pLer.e, ep);
  assert.ok(
    Math.abs(em[0]!) < 1e-12 && Math.abs(em[1]!) < 1e-12 && Math.abs(em[2]! - pStar) < 1e-12,
    `${em}`,
  );
  assert.ok(
    Math.abs(ep[0]!) < 1e-12 && Math.abs(ep[1]!) < 1e-12 && Math.abs(ep[2]! + pStar) < 1e-12,
    `${ep}`,
  );
  // the pure boost leaves the e- tilted by rotationAngle = 5.76997 mrad (numpy, same formulas); the rotation removes it
  const g = beamFrame(belle2Beams(), { cmAxes: "boost" });
  labToCmVector(g, f.pHer.px, f.pHer.py, f.pHer.pz, f.pHer.e, em);
  assert.ok(Math.abs(Math.atan2(Math.hypot(em[0]!, em[1]!), em[2]!) - f.rotationAngle) < 1e-12);
  assert.ok(Math.abs(f.rotationAngle - 0.005769966056082921) < 1e-12, `rotation angle ${f.rotationAngle}`);
  assert.equal(g.rotationAngle, 0);
  // the rotation is orthonormal: R R^T = 1
  const r = f.rotation;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      const d = r[3 * i]! * r[3 * j]! + r[3 * i + 1]! * r[3 * j + 1]! + r[3 * i + 2]! * r[3 * j + 2]!;
      assert.ok(Math.abs(d - (i === j ? 1 : 0)) < 1e-15);
    }
});

test("labToCm then cmToLab is the identity to 1e-12 GeV on columns; column and vector versions agree", () => {
  const f = beamFrame(belle2Beams());
  const rng = stream(99, 0);
  const n = 2000;
  const lab = fourVectorColumns(n);
  for (let i = 0; i < n; i++) {
    lab.px[i] = rng.gauss(0, 2);
    lab.py[i] = rng.gauss(0, 2);
    lab.pz[i] = rng.gauss(1, 3);
    lab.e[i] = Math.sqrt(lab.px[i]! ** 2 + lab.py[i]! ** 2 + lab.pz[i]! ** 2 + 0.011);
  }
  const cm = fourVectorColumns(n);
  labToCm(f, lab, cm);
  const v = new Float64Array(4);
  for (let i = 0; i < n; i += 97) {
    labToCmVector(f, lab.px[i]!, lab.py[i]!, lab.pz[i]!, lab.e[i]!, v);
    assert.deepEqual(Array.from(v), [cm.px[i], cm.py[i], cm.pz[i], cm.e[i]]);
    cmToLabVector(f, cm.px[i]!, cm.py[i]!, cm.pz[i]!, cm.e[i]!, v);
    assert.ok(Math.abs(v[0]! - lab.px[i]!) < 1e-12 && Math.abs(v[3]! - lab.e[i]!) < 1e-12);
  }
  cmToLab(f, cm); // in place
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(cm.px[i]! - lab.px[i]!) < 1e-12);
    assert.ok(Math.abs(cm.py[i]! - lab.py[i]!) < 1e-12);
    assert.ok(Math.abs(cm.pz[i]! - lab.pz[i]!) < 1e-12);
    assert.ok(Math.abs(cm.e[i]! - lab.e[i]!) < 1e-12);
  }
});

test("recoil mass in the lab with P_init equals s - 2 sqrt(s) E*_vis + M^2_vis in the c.m. (to 1e-10 GeV^2)", () => {
  const f = beamFrame(belle2Beams());
  // c.m. event by hand: muons with p* = (1, 2, 3) and (-0.5, -1, -4)
  const m2mu = 0.1056583755 ** 2;
  const mu1 = [1, 2, 3, Math.sqrt(14 + m2mu)] as const;
  const mu2 = [-0.5, -1, -4, Math.sqrt(17.25 + m2mu)] as const;
  const vis = [mu1[0] + mu2[0], mu1[1] + mu2[1], mu1[2] + mu2[2], mu1[3] + mu2[3]] as const;
  const expected = recoilMass2Cm(f.sqrtS, vis[3], invariantMass2(...vis));
  const a = new Float64Array(4);
  const b = new Float64Array(4);
  cmToLabVector(f, ...mu1, a);
  cmToLabVector(f, ...mu2, b);
  const lab = recoilMass2(
    f.pInit.px,
    f.pInit.py,
    f.pInit.pz,
    f.pInit.e,
    a[0]! + b[0]!,
    a[1]! + b[1]!,
    a[2]! + b[2]!,
    a[3]! + b[3]!,
  );
  assert.ok(Math.abs(lab - expected) < 1e-10, `${lab} vs ${expected}`);
});

test("sampleBeams: seeded, sqrt(s) spread 4.99 MeV (+-3%) around 10.5796 GeV; columns match the scalar sampler", () => {
  const beams = belle2Beams();
  const n = 100000;
  const cols = sampleBeamsColumns(stream(5, 0), beams, fourVectorColumns(n));
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(invariantMass2(cols.px[i]!, cols.py[i]!, cols.pz[i]!, cols.e[i]!));
    s1 += r;
    s2 += r * r;
  }
  const mean = s1 / n;
  const rms = Math.sqrt(s2 / n - mean * mean);
  // expected r.m.s. 4.9866 MeV (numpy, see top); the sample r.m.s. has a 0.22% statistical error
  assert.ok(Math.abs(rms - 4.9866e-3) < 0.03 * 4.9866e-3, `rms ${rms}`);
  assert.ok(Math.abs(mean - 10.579557836806245) < 5 * (rms / Math.sqrt(n)), `mean ${mean}`);
  const rng = stream(5, 0);
  const p = mutableFourVector();
  for (let i = 0; i < 100; i++) {
    sampleBeams(rng, beams, p);
    assert.deepEqual([p.px, p.py, p.pz, p.e], [cols.px[i], cols.py[i], cols.pz[i], cols.e[i]]);
  }
  // same seed, same numbers
  const again = sampleBeamsColumns(stream(5, 0), beams, fourVectorColumns(10));
  assert.deepEqual(Array.from(again.e), Array.from(cols.e.subarray(0, 10)));
});

test("beamsFromConfig: mrad at the edge equals belle2Beams; a head-on symmetric collider has no boost", () => {
  const b = beamsFromConfig({
    herEnergy: 7.004,
    lerEnergy: 4.002,
    herAngleMrad: 41.5,
    lerAngleMrad: 41.5,
    herEnergySpread: 5.13e-3,
    lerEnergySpread: 2.375e-3,
  });
  const ref = belle2Beams();
  assert.ok(Math.abs(b.herTheta - ref.herTheta) < 1e-16 && Math.abs(b.lerTheta - ref.lerTheta) < 1e-15);
  assert.ok(Math.abs(beamFrame(b).sqrtS - beamFrame(ref).sqrtS) < 1e-12);
  const sym = beamFrame(beamsFromConfig({ herEnergy: 5.29, lerEnergy: 5.29 }));
  assert.ok(Math.abs(sym.sqrtS - 10.58) < 1e-9);
  // sin(pi) = 1.2e-16 leaves round-off-sized px and rotation
  assert.ok(Math.abs(sym.beta) < 1e-15 && Math.abs(sym.rotationAngle) < 1e-15);
});

test("beamsFromConfig rejects bad values with a ConfigError naming the key", () => {
  assert.throws(
    () => beamsFromConfig({ herEnergy: -7, lerEnergy: 4 }),
    (e: unknown) => e instanceof ConfigError && /beams\.herEnergy/.test(e.message),
  );
  assert.throws(() => beamsFromConfig({ herEnergy: 7, lerEnergy: Number.NaN }), /beams\.lerEnergy/);
  assert.throws(() => beamsFromConfig({ herEnergy: 7, lerEnergy: 4, herAngleMrad: 2000 }), /herAngleMrad/);
  assert.throws(
    () => beamsFromConfig({ herEnergy: 7, lerEnergy: 4, lerEnergySpread: -1 }, "run.beams"),
    /run\.beams\.lerEnergySpread/,
  );
  assert.throws(() => beamsFromConfig({ herEnergy: "7" as unknown as number, lerEnergy: 4 }), ConfigError);
});
