/** The process engine: determinism, event counts, weighted sums, lab boost, bad input. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import { M_E, M_MU } from "../../core/units.ts";
import { EventScratch } from "./eventScratch.ts";
import { PROCESSES } from "./index.ts";
import { invisiblePreselection } from "./preselection.ts";
import { defaultFrame, toLab } from "./process.ts";
import { TwoPhotonPairSampler } from "./twoPhotonPair.ts";

test("the same stream gives byte-identical chunks, a different one does not", () => {
  const p = PROCESSES.tautau!;
  const a = p.generate(500, stream(11, 3));
  const b = p.generate(500, stream(11, 3));
  const c = p.generate(500, stream(11, 4));
  assert.equal(a.nEvents, 500);
  assert.deepEqual(a.px, b.px);
  assert.deepEqual(a.pdg, b.pdg);
  assert.notDeepEqual(a.px.slice(0, 20), c.px.slice(0, 20));
});

test("every generated event conserves four-momentum: visible + invisible = P_init (1e-6 GeV)", () => {
  const frame = defaultFrame();
  for (const name of ["mumu", "tautau", "eemumu", "eeee"]) {
    const ev = PROCESSES[name]!.generate(300, stream(5, 0));
    for (let i = 0; i < ev.nEvents; i++) {
      let E = 0;
      let X = 0;
      let Z = 0;
      for (let k = ev.offsets[i]!; k < ev.offsets[i + 1]!; k++) {
        if (ev.status[k] !== 1) continue;
        E += ev.e[k]!;
        X += ev.px[k]!;
        Z += ev.pz[k]!;
      }
      assert.ok(Math.abs(E - frame.pInit.e) < 1e-6, `${name} event ${i}: E = ${E}`);
      assert.ok(Math.abs(X - frame.pInit.px) < 1e-6, `${name}: px = ${X}`);
      assert.ok(Math.abs(Z - frame.pInit.pz) < 1e-6, `${name}: pz = ${Z}`);
    }
  }
});

test("weighted events sum to the cross section within 3 standard errors", () => {
  const p = PROCESSES.mumu!;
  const ref = p.crossSection({ trials: 100_000, seed: 3 });
  const { events, trials } = p.generateWeighted(100_000, stream(9, 0));
  assert.equal(trials, 100_000);
  let sum = 0;
  for (const w of events.weight) sum += w;
  assert.ok(Math.abs(sum - ref.sigma_fb) < 3 * Math.SQRT2 * ref.sigma_err_fb + 1e-3 * ref.sigma_fb);
});

test("preselected events all pass the preselection", () => {
  const frame = defaultFrame();
  const ev = PROCESSES.mumu!.generate(200, stream(2, 0), { preselect: true, output: "cm" });
  const cm = new EventScratch();
  const lab = new EventScratch();
  const tmp = new Float64Array(4);
  for (let i = 0; i < ev.nEvents; i++) {
    cm.reset();
    for (let k = ev.offsets[i]!; k < ev.offsets[i + 1]!; k++)
      cm.add(ev.pdg[k]!, ev.status[k]!, ev.mother[k]!, ev.px[k]!, ev.py[k]!, ev.pz[k]!, ev.e[k]!);
    toLab(frame, cm, lab, tmp);
    assert.ok(invisiblePreselection(cm, lab, frame));
  }
});

test("bad event counts are configuration errors", () => {
  assert.throws(() => PROCESSES.mumu!.generate(-1, stream(1, 0)), ConfigError);
  assert.throws(() => PROCESSES.mumu!.crossSection({ trials: 0 }), ConfigError);
});

test("the two-photon natural sampler never exceeds its envelope (200k trials each for mu and e pairs)", () => {
  for (const [mass, pdg] of [
    [M_MU, 13],
    [M_E, 11],
  ] as const) {
    const smp = new TwoPhotonPairSampler(defaultFrame(), { mass, pdg, wMin: 0.5 });
    const rng = stream(81, pdg);
    const ev = new EventScratch();
    for (let i = 0; i < 200_000; i++) {
      ev.reset();
      smp.trial(rng, ev);
    }
    assert.equal(smp.overflows, 0);
  }
});
