import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { variableAxis } from "../../hist/axis.ts";
import { Hist1D } from "../../hist/hist1D.ts";
import { Hist2D } from "../../hist/hist2D.ts";
import { compileModel } from "../../stats/histfactory/compileModel.ts";
import { parseWorkspace } from "../../stats/workspace/parseWorkspace.ts";
import { fitWindow } from "./windowFit.ts";
import { NO_SYSTEMATICS, windowWorkspace } from "./workspace.ts";

/** A 20 x 2 window at M2 in [0.5, 1.5) with a Gaussian signal and two backgrounds (unit-weight MC x 0.5). */
function templates(lo = 0.5) {
  const x = variableAxis(Float64Array.from({ length: 21 }, (_, k) => lo + 0.05 * k));
  const y = variableAxis([0, 1.5, Math.PI]);
  const sig = new Hist2D(x, y);
  const mumu = new Hist2D(x, y);
  const tautau = new Hist2D(x, y);
  const data = new Hist2D(x, y);
  for (let ix = 0; ix < 20; ix++)
    for (let iy = 0; iy < 2; iy++) {
      const c = x.center(ix);
      sig.fill(c, iy + 0.5, 2 * Math.exp(-0.5 * ((c - (lo + 0.5)) / 0.1) ** 2));
      // 40 MC events of weight 0.5 per bin, a second background only in theta bin 0
      for (let k = 0; k < 40; k++) mumu.fill(c, iy + 0.5, 0.5);
      if (iy === 0 && ix !== 3) tautau.fill(c, 0.5, 1.5);
      data.fill(c, iy + 0.5, 20 + (iy === 0 && ix !== 3 ? 1.5 : 0) + ((ix * 7 + iy * 3) % 5) - 2);
    }
  return { sig, mumu, tautau, data };
}

test("window workspace: schema-valid pyhf JSON, one channel of 20 x 2 bins, yields equal the template integrals", () => {
  const t = templates();
  const ws = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [
      { name: "tautau", hist: t.tautau },
      { name: "mumu", hist: t.mumu },
    ],
    data: t.data,
  });
  // round trip through JSON text, as pyhf would read it
  const again = parseWorkspace(JSON.parse(JSON.stringify(ws)));
  assert.equal(again.version, "1.0.0");
  assert.equal(again.channels.length, 1);
  const samples = again.channels[0]!.samples;
  assert.deepEqual(
    samples.map((s) => s.name),
    ["mumu", "signal", "tautau"],
  );
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  const byName = (n: string) => samples.find((s) => s.name === n)!;
  assert.equal(byName("signal").data.length, 40);
  assert.ok(Math.abs(sum(byName("signal").data) - t.sig.integral()) < 1e-12);
  assert.ok(Math.abs(sum(byName("mumu").data) - t.mumu.integral()) < 1e-9);
  assert.ok(Math.abs(sum(byName("tautau").data) - t.tautau.integral()) < 1e-9);
  assert.deepEqual(again.observations[0]!.data, Array.from(t.data.values()));
  // x-major flattening: bin (ix = 3, iy = 0) is entry 6, empty for tautau
  assert.equal(byName("tautau").data[6], 0);
});

test("window workspace modifiers: mu, lumi 1%, efficiency 2.7% below 9 GeV^2, shared free bkg_norm, per-bin Gaussians", () => {
  const t = templates();
  const ws = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [{ name: "mumu", hist: t.mumu }],
    data: t.data,
  });
  const [mumu, signal] = ws.channels[0]!.samples;
  const types = (s: typeof signal) => s!.modifiers.map((m) => `${m.type}:${m.name}`);
  assert.deepEqual(types(signal), [
    "normfactor:mu",
    "lumi:lumi",
    "normsys:signal_efficiency",
    "staterror:binunc_signal",
  ]);
  assert.deepEqual(types(mumu), ["normfactor:bkg_norm", "staterror:binunc_mumu"]);
  const eff = signal!.modifiers[2]!;
  assert.deepEqual(eff.data, { hi: 1.027, lo: 0.973 });
  const p = ws.measurements[0]!.config.parameters;
  assert.deepEqual(p.find((x) => x.name === "lumi")!.sigmas, [0.01]);
  // per-bin width = mcstat (+) 3.2% shape (+) photon veto (34% below 1 GeV^2, 5% above)
  const unc = mumu!.modifiers[1]!.data as number[];
  const mc = Math.sqrt(40 * 0.25);
  const below = Math.hypot(mc, 0.032 * 20, 0.34 * 20);
  const above = Math.hypot(mc, 0.032 * 20, 0.05 * 20);
  assert.ok(Math.abs(unc[0]! - below) < 1e-12, `${unc[0]} vs ${below}`); // bin centre 0.525
  assert.ok(Math.abs(unc[39]! - above) < 1e-12); // bin centre 1.475
  // higher mass: 6.5% efficiency between 9 and 36 GeV^2
  const ws2 = windowWorkspace({
    mass: 4,
    signal: t.sig,
    backgrounds: [{ name: "mumu", hist: t.mumu }],
    data: t.data,
  });
  assert.deepEqual(ws2.channels[0]!.samples[1]!.modifiers[2]!.data, { hi: 1.065, lo: 0.935 });
  // separate per-bin components and the model compiles
  const sep = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [{ name: "mumu", hist: t.mumu }],
    data: t.data,
    perBin: "separate",
  });
  assert.deepEqual(
    sep.channels[0]!.samples[0]!.modifiers.map((m) => m.name),
    ["bkg_norm", "mcstat_mumu", "bkgshape_mumu", "photonveto_mumu"],
  );
  const model = compileModel(sep);
  // mu, lumi, bkg_norm, signal_efficiency + 40 bins x (mcstat, bkgshape, photonveto of mumu; mcstat, sigshape of signal)
  assert.equal(model.npars, 4 + 40 * 5);
});

test("background bins below half an MC event share half an MC event (100% uncertainty); bad inputs are ConfigErrors", () => {
  const t = templates();
  const empty = new Hist2D(t.mumu.xAxis, t.mumu.yAxis);
  empty.fill(0.52, 0.1, 0.25); // one MC event of weight 0.25 in bin (0, 0)
  const ws = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [{ name: "ee", hist: empty }],
    data: t.data,
  });
  const d = ws.channels[0]!.samples[0]!.data;
  assert.equal(d[0], 0.25);
  // the other 39 bins are empty: half an MC event (0.125) shared between them
  assert.equal(d.length, 40);
  assert.ok(d.slice(1).every((x) => Math.abs(x - 0.125 / 39) < 1e-15));
  assert.ok(Math.abs(d.slice(1).reduce((a, b) => a + b, 0) - 0.125) < 1e-12);
  // a nearly empty bin (a kernel tail of 0.01 events) is raised to the floor too
  empty.fill(0.57, 0.1, 0.01); // bin ix = 1, iy = 0: flattened entry 2
  const d2 = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [{ name: "ee", hist: empty }],
    data: t.data,
    backgroundFloor: 0.1,
  }).channels[0]!.samples[0]!;
  assert.equal(d2.data[2], 0.1);
  assert.equal(d2.data[0], 0.25);
  // a smoothed template's sumw2/sumw is not the MC event weight: the weight given sets the floor
  // (weight 0.5: a quarter event shared by the 39 bins below it, bin 0 not among them; the kernel
  // tail of 0.01 in entry 2 is above that share and stays)
  const d3 = windowWorkspace({
    mass: 1,
    signal: t.sig,
    backgrounds: [{ name: "ee", hist: empty, weight: 0.5 }],
    data: t.data,
  }).channels[0]!.samples[0]!.data;
  assert.equal(d3[0], 0.25);
  assert.ok(Math.abs(d3[1]! - 0.25 / 39) < 1e-15, `${d3[1]}`);
  assert.equal(d3[2], 0.01);
  assert.throws(
    () =>
      windowWorkspace({
        mass: 1,
        signal: t.sig,
        backgrounds: [{ name: "ee", hist: empty, weight: 0 }],
        data: t.data,
      }),
    /backgrounds\[0\]\.weight/,
  );
  const unc = d2.modifiers.find((m) => m.type === "staterror")!.data as number[];
  // staterror = sqrt(sumw2) (+) 34% photon veto (+) 3.2% shape: sumw2 = 0.01^2 + 0.09^2
  assert.ok(Math.abs(unc[2]! - Math.hypot(0.01, 0.09, 0.34 * 0.1, 0.032 * 0.1)) < 1e-12);
  assert.throws(
    () =>
      windowWorkspace({
        mass: 1,
        signal: t.sig,
        backgrounds: [{ name: "bad name", hist: t.mumu }],
        data: t.data,
      }),
    ConfigError,
  );
  assert.throws(
    () =>
      windowWorkspace({
        mass: 1,
        signal: t.sig,
        backgrounds: [{ name: "mumu", hist: t.mumu }],
        data: [1, 2],
      }),
    ConfigError,
  );
  const h1 = new Hist1D(t.mumu.xAxis);
  assert.throws(
    () =>
      windowWorkspace({ mass: 1, signal: t.sig, backgrounds: [{ name: "mumu", hist: h1 }], data: t.data }),
    /has 20 bins, the signal 40/,
  );
});

test("window fit on Asimov background-only data: observed limit = expected median (rel. 1e-3), Z = 0, chi2 = 0", () => {
  const t = templates(2);
  const asimov = t.mumu.values();
  const ws = windowWorkspace({
    mass: Math.sqrt(2.5),
    signal: t.sig,
    backgrounds: [{ name: "mumu", hist: t.mumu }],
    data: asimov,
    systematics: NO_SYSTEMATICS,
  });
  const r = fitWindow(ws);
  assert.ok(r.obs > 0 && Number.isFinite(r.obs));
  assert.ok(Math.abs(r.obs / r.exp[2]! - 1) < 1e-3, `${r.obs} vs ${r.exp[2]}`);
  assert.ok(r.exp[0]! < r.exp[1]! && r.exp[1]! < r.exp[2]! && r.exp[2]! < r.exp[3]! && r.exp[3]! < r.exp[4]!);
  assert.ok(r.zLocal < 1e-3);
  assert.ok(r.chi2 < 1e-6);
  assert.equal(r.ndof, 40 - 2); // mu and bkg_norm free; staterror gammas are constrained
  assert.equal(r.fitFailures, 0);
});

test("window fit with two background MC events, one data event on one of them: every fit converges with bkg_norm >= 0.01 (25 failures with the old bound 0), limits equal (rel. 1e-6)", () => {
  // the sparse window of the default run at 4.2 GeV (window-0069): 20 x 3 bins, a background of
  // two MC events of weight 1 plus the half-event floor, one data event in the bin of one of them
  const x = variableAxis(Float64Array.from({ length: 21 }, (_, k) => 17 + 0.1 * k));
  const y = variableAxis([0, 1, 2, Math.PI]);
  const sig = new Hist2D(x, y);
  const bkg = new Hist2D(x, y);
  const data = new Hist2D(x, y);
  // its signal template (sigma = 1 fb), rounded to 1e-3, x-major
  const s = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.004, 0, 0.01, 0.042, 0.014, 0.058, 0.224,
    0.164, 0.167, 0.706, 0.464, 0.223, 0.88, 0.612, 0.114, 0.464, 0.304, 0.029, 0.194, 0.108, 0.018, 0.072,
    0.05, 0.015, 0.057, 0.023, 0.01, 0.028, 0.025, 0.004, 0.029, 0.015, 0.003, 0.029, 0.025, 0.003, 0.039,
    0.026, 0.008, 0.018, 0.014,
  ];
  for (let ix = 0; ix < 20; ix++)
    for (let iy = 0; iy < 3; iy++) sig.fill(x.center(ix), iy + 0.5, s[3 * ix + iy]!);
  bkg.fill(x.center(8), 1.5, 1);
  bkg.fill(x.center(11), 0.5, 1);
  data.fill(x.center(11), 0.5, 1);
  const make = (bkgNormMin?: number) =>
    windowWorkspace({
      mass: Math.sqrt(18),
      signal: sig,
      backgrounds: [{ name: "tautau", hist: bkg }],
      data,
      bkgNormMin,
    });
  const ws = make();
  assert.deepEqual(ws.measurements[0]!.config.parameters.find((p) => p.name === "bkg_norm")!.bounds, [
    [0.01, 10],
  ]);
  const r = fitWindow(ws);
  assert.equal(r.fitFailures, 0);
  const old = fitWindow(make(0));
  assert.ok(old.fitFailures > 0, "the old bound 0 fails here (the reason for the bound)");
  assert.ok(Math.abs(r.obs / old.obs - 1) < 1e-6, `obs ${r.obs} vs ${old.obs}`);
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(r.exp[k]! / old.exp[k]! - 1) < 1e-6);
  assert.throws(() => make(1), ConfigError);
});
