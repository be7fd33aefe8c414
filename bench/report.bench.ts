/**
 * Report rendering at analysis-A size: the stacked M²_recoil spectrum (90 bins x 6 samples +
 * pseudo-data), the Brazil band over 582 mass points, the θ-M² plane (90 x 5 bins), each to SVG and
 * to a 1200-px PNG. `mumux run` renders about ten such plots, so these figures bound its cost.
 */
import { regularAxis } from "../src/hist/axis.ts";
import { Hist1D } from "../src/hist/hist1D.ts";
import { Hist2D } from "../src/hist/hist2D.ts";
import { brazilBandPlot } from "../src/report/brazilBandPlot.ts";
import { histogram2DPlot } from "../src/report/histogram2DPlot.ts";
import { renderSvg, svgToPng } from "../src/report/render.ts";
import { stackedHistogramPlot } from "../src/report/stackedHistogramPlot.ts";
import { type BenchResult, measure } from "./harness.ts";

export async function bench(): Promise<BenchResult[]> {
  const ax = regularAxis(90, -0.5, 81);
  const samples = Array.from({ length: 6 }, (_, k) => {
    const h = new Hist1D(ax);
    const c = h.centers();
    for (let i = 0; i < c.length; i++) h.fill(c[i]!, 100 * Math.exp(-c[i]! / (5 + 5 * k)));
    return { name: `sample ${k}`, hist: h };
  });
  const data = samples[5]!.hist.clone();
  const stack = stackedHistogramPlot(
    { samples, data: { hist: data } },
    { xTitle: "M²_recoil [GeV²]", yTitle: "Events", logY: true },
  );
  const mass = Array.from({ length: 582 }, (_, i) => 0.01 + (8.5 * i) / 581);
  const med = mass.map((m) => 0.3 + 0.1 * m);
  const brazil = brazilBandPlot(
    {
      mass,
      observed: med.map((e, i) => e * (1 + 0.2 * Math.sin(i))),
      expectedMinus2: med.map((e) => e / 2),
      expectedMinus1: med.map((e) => e / 1.4),
      expectedMedian: med,
      expectedPlus1: med.map((e) => e * 1.4),
      expectedPlus2: med.map((e) => e * 2),
    },
    { xTitle: "M_Z' [GeV]", yTitle: "σ × B [fb]" },
  );
  const h2 = new Hist2D(ax, regularAxis(5, 0.3, 2.7));
  for (let ix = 0; ix < 90; ix++)
    for (let iy = 0; iy < 5; iy++) h2.fill(ax.center(ix), 0.5 + 0.5 * iy, 1 + ix * iy);
  const plane = histogram2DPlot(h2, {
    xTitle: "M²_recoil [GeV²]",
    yTitle: "θ_recoil [rad]",
    zTitle: "Events",
  });
  const out: BenchResult[] = [];
  for (const [name, spec] of [
    ["stacked 90 bins x 6", stack],
    ["Brazil band 582 masses", brazil],
    ["θ-M² plane 90 x 5", plane],
  ] as const) {
    out.push(await measure(`${name}: spec -> SVG`, "ms", () => renderSvg(spec), { runs: 5 }));
    const svg = await renderSvg(spec);
    out.push(
      await measure(`${name}: SVG -> PNG 1200 px`, "ms", () => svgToPng(svg, { width: 1200 }), { runs: 5 }),
    );
  }
  return out;
}
