/**
 * Golden tests of every plot kind: small fixed inputs render to SVGs identical to the committed
 * files golden/<name>.svg.golden (plain SVG; the extra extension keeps biome, which lints .svg as
 * HTML, away from generated markup). Regenerate with UPDATE_GOLDEN=1 after a deliberate change,
 * and look at them: PLOT_PNG_DIR=/some/dir also writes PNGs. PNG output is checked for a valid header and size.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { regularAxis, variableAxis } from "../hist/axis.ts";
import { Hist1D } from "../hist/hist1D.ts";
import { Hist2D } from "../hist/hist2D.ts";
import { brazilBandPlot } from "./brazilBandPlot.ts";
import { classifierOutputPlot } from "./classifierOutputPlot.ts";
import { couplingLimitPlot } from "./couplingLimitPlot.ts";
import { histogram2DPlot } from "./histogram2DPlot.ts";
import { linesPlot } from "./linesPlot.ts";
import { logTicks } from "./plotFrame.ts";
import { renderSvg, svgToPng, type VlSpec, writePlot } from "./render.ts";
import { rocCurvePlot } from "./rocCurvePlot.ts";
import { significancePlot } from "./significancePlot.ts";
import { stackedHistogramPlot } from "./stackedHistogramPlot.ts";

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, "golden");

/** Histogram with value f(centre) in each bin (deterministic fixture, no randomness needed). */
function histOf(edges: number[], f: (x: number) => number): Hist1D {
  const h = new Hist1D(variableAxis(edges));
  const c = h.centers();
  for (let i = 0; i < c.length; i++) h.fill(c[i]!, f(c[i]!));
  return h;
}

const m2Edges = Array.from({ length: 21 }, (_, i) => -0.5 + 4 * i);
const mumu = histOf(m2Edges, (x) => 150 * Math.exp(-x / 10));
const tautau = histOf(m2Edges, (x) => 15 * Math.exp(-((x - 35) ** 2) / 400));
const eemumu = histOf(m2Edges, (x) => 0.4 + 0.06 * x);
const pseudo = histOf(m2Edges, (x) =>
  Math.max(
    0,
    Math.round(
      150 * Math.exp(-x / 10) + 15 * Math.exp(-((x - 35) ** 2) / 400) + 0.4 + 0.06 * x + 4 * Math.sin(x),
    ),
  ),
);
const signal = histOf(m2Edges, (x) => 25 * Math.exp(-((x - 20) ** 2) / 8));
const masses = Array.from({ length: 30 }, (_, i) => 0.2 + 0.28 * i);
const expMed = masses.map((m) => 0.5 + 0.15 * m);

/** The plot kinds on fixed data; names are the golden file names. */
const FIXTURES: Record<string, () => VlSpec> = {
  stacked_linear: () =>
    stackedHistogramPlot(
      {
        samples: [
          { name: "eeμμ", hist: eemumu },
          { name: "ττ", hist: tautau },
          { name: "μμ(γ)", hist: mumu },
        ],
        data: { name: "Pseudo-data", hist: pseudo },
        signal: { name: "Z' (M = 4.5 GeV), σ = 20 fb", hist: signal },
      },
      { xTitle: "M²_recoil [GeV²]", yTitle: "Events / 4 GeV²", label: { luminosityFb: 79.7 } },
    ),
  stacked_log: () =>
    stackedHistogramPlot(
      {
        samples: [
          { name: "eeμμ", hist: eemumu },
          { name: "ττ", hist: tautau },
          { name: "μμ(γ)", hist: mumu },
        ],
        data: { name: "Pseudo-data", hist: pseudo },
        signal: { name: "Z' (M = 4.5 GeV)", hist: signal },
      },
      { xTitle: "M²_recoil [GeV²]", yTitle: "Events / 4 GeV²", logY: true, label: { luminosityFb: 79.7 } },
    ),
  plane_2d: () => {
    const h = new Hist2D(regularAxis(20, -0.5, 79.5), regularAxis(12, 0.3, 2.7));
    for (let ix = 0; ix < 20; ix++)
      for (let iy = 0; iy < 12; iy++) {
        const x = h.xAxis.center(ix);
        const y = h.yAxis.center(iy);
        // a mu mu gamma-like band: theta_recoil correlated with M2 (photon along the beam)
        h.fill(x, y, 200 * Math.exp(-x / 15) * Math.exp(-((y - 0.4 - 0.02 * x) ** 2) / 0.5));
      }
    return histogram2DPlot(h, {
      xTitle: "M²_recoil [GeV²]",
      yTitle: "θ_recoil (c.m.) [rad]",
      zTitle: "Events / bin",
      label: { luminosityFb: 79.7, extra: "μμ(γ)" },
    });
  },
  brazil: () =>
    brazilBandPlot(
      {
        mass: masses,
        observed: expMed.map((e, i) => e * (1 + 0.3 * Math.sin(i))),
        expectedMinus2: expMed.map((e) => e * 0.52),
        expectedMinus1: expMed.map((e) => e * 0.71),
        expectedMedian: expMed,
        expectedPlus1: expMed.map((e) => e * 1.42),
        expectedPlus2: expMed.map((e) => e * 2.0),
      },
      {
        xTitle: "M_Z' [GeV]",
        yTitle: "σ(e⁺e⁻ → μ⁺μ⁻Z') × B(Z' → inv.) [fb]",
        label: { luminosityFb: 79.7 },
      },
    ),
  coupling: () => {
    const m = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 4, 6, 8];
    const gObs = m.map((x) => 3e-3 * (1 + (x / 1.5) ** 2));
    return couplingLimitPlot(
      {
        curves: [
          { name: "Observed 90% CL", x: m, y: gObs, shadeAbove: true },
          {
            name: "Expected",
            x: m,
            y: gObs.map((g) => g * 0.9),
            style: { color: "black", width: 1.5, dash: [6, 4] },
          },
        ],
        comparisons: [{ name: "Belle II 2018 (0.276 fb⁻¹)", x: m, y: gObs.map((g) => g * 6) }],
        gm2Band: { x: m, lo: m.map((x) => 4e-4 * (1 + x * x)), hi: m.map((x) => 8e-4 * (1 + x * x)) },
      },
      {
        xTitle: "M_Z' [GeV]",
        yTitle: "g'",
        label: { luminosityFb: 79.7, extra: "L_μ - L_τ, fully invisible" },
      },
    );
  },
  classifier: () => {
    const e = Array.from({ length: 21 }, (_, i) => i / 20);
    return classifierOutputPlot(
      [
        { name: "Signal", hist: histOf(e, (x) => Math.exp(4 * x)) },
        { name: "Background", hist: histOf(e, (x) => Math.exp(-8 * x)) },
      ],
      { xTitle: "Punzi-net output", cut: 0.5 },
    );
  },
  roc: () => {
    const t = Array.from({ length: 25 }, (_, i) => i / 24);
    return rocCurvePlot(
      [
        {
          name: "Punzi-net",
          backgroundEfficiency: t.map((u) => u ** 4),
          signalEfficiency: t.map((u) => u ** 0.5),
          auc: 0.889,
        },
      ],
      {},
    );
  },
  significance: () =>
    significancePlot(
      {
        mass: masses,
        z: masses.map((m, i) => Math.abs(1.2 * Math.sin(i * 1.7)) + (m > 2.2 && m < 2.5 ? 1.5 : 0)),
        zGlobal: 0.7,
      },
      { xTitle: "M_Z' [GeV]", label: { luminosityFb: 79.7 } },
    ),
  lines: () =>
    linesPlot(
      [
        { name: "Signal efficiency", x: masses, y: masses.map((m) => 0.06 - 0.004 * m) },
        {
          name: "after Punzi-net",
          x: masses,
          y: masses.map((m) => 0.045 - 0.003 * m),
          style: { color: "#D55E00", dash: [6, 4] },
        },
      ],
      { xTitle: "M_Z' [GeV]", yTitle: "Efficiency", label: false, legendPosition: "bottom-left" },
    ),
};

for (const [name, make] of Object.entries(FIXTURES)) {
  test(`plot "${name}" renders to the committed golden SVG byte for byte`, async () => {
    const svg = await renderSvg(make());
    const file = join(goldenDir, `${name}.svg.golden`);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, svg);
    }
    if (process.env.PLOT_PNG_DIR) {
      mkdirSync(process.env.PLOT_PNG_DIR, { recursive: true });
      writeFileSync(join(process.env.PLOT_PNG_DIR, `${name}.png`), svgToPng(svg));
    }
    assert.equal(
      svg,
      readFileSync(file, "utf8"),
      `golden/${name}.svg.golden differs; UPDATE_GOLDEN=1 after checking`,
    );
    assert.ok(svg.startsWith("<svg"), "an SVG document");
    assert.ok(!/NaN|undefined/.test(svg), "no NaN or undefined in the SVG");
  });
}

test("rendering the same spec twice gives identical bytes, whatever was rendered in between", async () => {
  const a = await renderSvg(FIXTURES.plane_2d!());
  await renderSvg(FIXTURES.stacked_log!());
  const b = await renderSvg(FIXTURES.plane_2d!());
  assert.equal(a, b);
});

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian), after checking the signature. */
function pngSize(buf: Buffer): [number, number] {
  assert.deepEqual(
    [...buf.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    "PNG signature",
  );
  assert.equal(buf.subarray(12, 16).toString("latin1"), "IHDR");
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test("svgToPng gives a valid PNG of the requested width, height in proportion to the SVG", async () => {
  const svg = await renderSvg(FIXTURES.lines!());
  const w = Number(/width="(\d+)"/.exec(svg)![1]);
  const h = Number(/height="(\d+)"/.exec(svg)![1]);
  const [pw, ph] = pngSize(svgToPng(svg, { width: 900 }));
  assert.equal(pw, 900);
  assert.ok(Math.abs(ph - (900 * h) / w) <= 1, `height ${ph} vs ${(900 * h) / w}`);
  const [sw, sh] = pngSize(svgToPng(svg, { scale: 2 }));
  assert.deepEqual([sw, sh], [2 * w, 2 * h]);
});

test("PNG text is drawn: the same SVG with and without its text gives different PNGs (a font was found)", async () => {
  const svg = await renderSvg(FIXTURES.lines!());
  const noText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, "");
  assert.notEqual(noText, svg, "the fixture has text");
  // If no system font is found (Debian: fonts-dejavu-core missing), resvg silently drops all text.
  assert.notDeepEqual(svgToPng(noText, { width: 300 }), svgToPng(svg, { width: 300 }));
});

test("writePlot writes name.svg and name.png, creating the directory, with no temporary files left", async () => {
  const dir = join(tmpdir(), `mumux-report-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    const out = await writePlot(join(dir, "sub", "sig"), FIXTURES.significance!(), { width: 640 });
    assert.equal(readFileSync(out.svg, "utf8"), await renderSvg(FIXTURES.significance!()));
    assert.equal(pngSize(readFileSync(out.png))[0], 640);
    assert.deepEqual((await import("node:fs")).readdirSync(join(dir, "sub")).sort(), ["sig.png", "sig.svg"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("log-axis ticks: labelled decades, 10ⁿ outside 0.01..1000, minor ticks for <= 6 decades", () => {
  const t = logTicks(1e-4, 1);
  assert.ok(t.values.includes(1e-4) && t.values.includes(0.002) && t.values.includes(1));
  assert.match(t.labelExpr, /datum.value === 0.0001 \? '10⁻⁴'/);
  assert.match(t.labelExpr, /datum.value === 0.01 \? '0.01'/);
  assert.doesNotMatch(t.labelExpr, /'0.002'/);
  const wide = logTicks(1e-9, 1);
  assert.equal(wide.values.length, 10, "decades only beyond 6 decades");
});

test("mismatched binnings and empty inputs are rejected with a message naming the culprit", () => {
  const other = histOf([0, 1, 2], () => 1);
  assert.throws(
    () =>
      stackedHistogramPlot(
        {
          samples: [
            { name: "μμ", hist: mumu },
            { name: "ττ", hist: other },
          ],
        },
        { xTitle: "x", yTitle: "y" },
      ),
    /sample "ττ" has a different binning/,
  );
  assert.throws(() => stackedHistogramPlot({ samples: [] }, { xTitle: "x", yTitle: "y" }), /nothing to draw/);
  assert.throws(
    () =>
      brazilBandPlot(
        {
          mass: [1, 2],
          expectedMinus2: [1],
          expectedMinus1: [1, 2],
          expectedMedian: [1, 2],
          expectedPlus1: [1, 2],
          expectedPlus2: [1, 2],
        },
        { xTitle: "x", yTitle: "y" },
      ),
    /expectedMinus2 has 1 values, mass has 2/,
  );
  assert.throws(
    () =>
      linesPlot([{ name: "a", x: [1, 2], y: [1, 2] }], {
        xTitle: "x",
        yTitle: "y",
        logY: true,
        yDomain: [0, 1],
      }),
    /must be positive on a log axis/,
  );
});

test("log stacked plot with data: the floor follows the data (1/20 of the smallest count), not a stack's far tail; the signal is drawn only above it", () => {
  const edges = [0, 1, 2, 3, 4, 5, 6];
  const stack = histOf(edges, (x) => (x < 3 ? 50 : 1e-5)); // a smoothed template's far tail
  const data = histOf(edges, (x) => (x < 3 ? 50 : x < 5 ? 1 : 0));
  const sig = histOf(edges, (x) => [0.01, 20, 0.2, 0.01, 0.3, 0.01][Math.floor(x)]!);
  const spec = stackedHistogramPlot(
    { samples: [{ name: "μμ", hist: stack }], data: { hist: data }, signal: { name: "Z'", hist: sig } },
    { xTitle: "x", yTitle: "y", logY: true, label: false },
  );
  const domains: number[][] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === "object") {
      const r = o as Record<string, unknown>;
      if (r.type === "log" && Array.isArray(r.domain)) domains.push(r.domain as number[]);
      Object.values(r).forEach(walk);
    }
  };
  walk(spec);
  assert.ok(domains.length > 0, "a log y scale");
  // 0.1 x the smallest count (1), halved by the padding: 0.05; before, 1e-5 / 2
  assert.equal(domains[0]![0], 0.05);
  type Row = { x: number; y: number; run?: number };
  const outlines: Row[][] = [];
  const find = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(find);
    else if (o && typeof o === "object") {
      const r = o as { data?: { values?: Row[] } };
      const v = r.data?.values;
      if (Array.isArray(v) && v.some((row) => row.run !== undefined)) outlines.push(v);
      Object.values(o).forEach(find);
    }
  };
  find(spec);
  assert.equal(outlines.length, 1, "one signal outline layer drawn in runs");
  const rows = outlines[0]!;
  assert.ok(
    rows.every((r) => r.y >= 0.05),
    "no signal row below the floor",
  );
  // bins [1,2) + [2,3) form one run, [4,5) another; [0,1), [3,4), [5,6) (0.01) are not drawn
  assert.deepEqual([...new Set(rows.map((r) => r.run))], [0, 1]);
  assert.deepEqual(
    rows.filter((r) => r.run === 1).map((r) => [r.x, r.y]),
    [
      [4, 0.05],
      [4, 0.3],
      [5, 0.3],
      [5, 0.05],
    ],
  );
});
