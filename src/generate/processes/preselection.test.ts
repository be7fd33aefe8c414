/**
 * The invisible-search preselection is looser than the analysis: every event that passes an
 * ideal-detector emulation of the selection of invisible-zprime.md (steps 1-7: exactly two tracks
 * with pT > 0.4 GeV in 17-150 deg, the two-track trigger geometry, c.m. recoil pT > 0.5 GeV, photon
 * veto on clusters > 0.1 GeV in the ECL outside its gaps) also passes the preselection.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stream } from "../../core/random.ts";
import { deg } from "../../core/units.ts";
import { EventScratch } from "./eventScratch.ts";
import { PROCESSES } from "./index.ts";
import { chargeOf, invisiblePreselection, isChargedVisible } from "./preselection.ts";
import { defaultFrame, toLab } from "./process.ts";

function theta(ev: EventScratch, i: number): number {
  return Math.atan2(Math.hypot(ev.px[i]!, ev.py[i]!), ev.pz[i]!);
}

/** Ideal-detector version of the invisible selection, steps 1-7 (no particle identification). */
function analysisPasses(cm: EventScratch, lab: EventScratch): boolean {
  const tracks: number[] = [];
  for (let i = 0; i < lab.n; i++) {
    if (lab.status[i] !== 1 || !isChargedVisible(lab.pdg[i]!)) continue;
    const th = theta(lab, i);
    if (Math.hypot(lab.px[i]!, lab.py[i]!) > 0.1 && th > deg(17) && th < deg(150)) tracks.push(i);
  }
  if (tracks.length !== 2) return false;
  const [a, b] = tracks as [number, number];
  if (chargeOf(lab.pdg[a]!) === chargeOf(lab.pdg[b]!)) return false;
  for (const i of [a, b]) {
    if (Math.hypot(lab.px[i]!, lab.py[i]!) < 0.4) return false;
    const th = theta(lab, i);
    if (th < deg(37) || th > deg(120)) return false;
  }
  let dphi = Math.abs(Math.atan2(lab.py[a]!, lab.px[a]!) - Math.atan2(lab.py[b]!, lab.px[b]!));
  if (dphi > Math.PI) dphi = 2 * Math.PI - dphi;
  if (dphi < deg(30)) return false;
  if (Math.hypot(cm.px[a]! + cm.px[b]!, cm.py[a]! + cm.py[b]!) < 0.5) return false;
  // photon veto (lab); recoil direction in the lab
  const frame = defaultFrame();
  const rx = frame.pInit.px - lab.px[a]! - lab.px[b]!;
  const ry = frame.pInit.py - lab.py[a]! - lab.py[b]!;
  const rz = frame.pInit.pz - lab.pz[a]! - lab.pz[b]!;
  const rn = Math.hypot(rx, ry, rz);
  let sum = 0;
  for (let i = 0; i < lab.n; i++) {
    if (lab.status[i] !== 1 || lab.pdg[i] !== 22 || lab.e[i]! < 0.1) continue;
    const th = theta(lab, i);
    const inEcl =
      th > deg(12.4) &&
      th < deg(155.1) &&
      !(th > deg(31.4) && th < deg(32.2)) &&
      !(th > deg(128.7) && th < deg(130.7)) &&
      !(th > deg(89) && th < deg(91));
    if (!inEcl) continue;
    sum += lab.e[i]!;
    const p = Math.hypot(lab.px[i]!, lab.py[i]!, lab.pz[i]!);
    if ((lab.px[i]! * rx + lab.py[i]! * ry + lab.pz[i]! * rz) / (p * rn) > Math.cos(deg(15))) return false;
  }
  return sum < 0.5;
}

for (const [name, n] of [
  ["mumu", 300_000],
  ["tautau", 60_000],
  ["eemumu", 300_000],
] as const) {
  test(`${name}: every event passing the ideal-detector invisible selection passes the preselection (${n} events)`, () => {
    const frame = defaultFrame();
    const ev = PROCESSES[name]!.generate(n, stream(61, 0), { output: "cm" });
    const cm = new EventScratch();
    const lab = new EventScratch();
    const tmp = new Float64Array(4);
    let analysis = 0;
    let presel = 0;
    for (let i = 0; i < ev.nEvents; i++) {
      cm.reset();
      for (let k = ev.offsets[i]!; k < ev.offsets[i + 1]!; k++)
        cm.add(ev.pdg[k]!, ev.status[k]!, ev.mother[k]!, ev.px[k]!, ev.py[k]!, ev.pz[k]!, ev.e[k]!);
      toLab(frame, cm, lab, tmp);
      const p = invisiblePreselection(cm, lab, frame);
      if (p) presel++;
      if (analysisPasses(cm, lab)) {
        analysis++;
        assert.ok(p, `event ${i} passes the analysis but not the preselection`);
      }
    }
    assert.ok(analysis > 20, `analysis-level events: ${analysis}`);
    assert.ok(presel >= analysis);
  });
}
