/**
 * Stage 9 of analysis A, the figures and the report: SVG + PNG under OUT/invisible/plots/ and a
 * self-contained OUT/invisible/report.html (report/ builders; this file only chooses what to draw):
 *   m2recoil_stack       stacked M2_recoil spectrum after all cuts with the pseudo-data and a signal
 *   theta_m2_mumu        theta_recoil (c.m.) vs M2_recoil of the selected mu mu (gamma) background
 *   sigma_limits         90% CL limits on sigma x B(invisible) with the Brazil band
 *   gprime_vanilla,      g' limits with the (g-2)_mu +-2 sigma band
 *   gprime_fully_invisible
 *   z_local              local significance per hypothesis
 *   punzi_output, punzi_roc   the Punzi-net output distributions and ROC (training sample)
 */
import { join } from "node:path";
import { fillTemplate1D, signalTemplate1D, windowAxes } from "../../analyses/invisible/templates.ts";
import { variableAxis } from "../../hist/axis.ts";
import { Hist1D } from "../../hist/hist1D.ts";
import { Hist2D } from "../../hist/hist2D.ts";
import { gm2Band } from "../../interpret/gm2Band.ts";
import { brazilBandPlot } from "../../report/brazilBandPlot.ts";
import { classifierOutputPlot } from "../../report/classifierOutputPlot.ts";
import { couplingLimitPlot } from "../../report/couplingLimitPlot.ts";
import { histogram2DPlot } from "../../report/histogram2DPlot.ts";
import { type ReportFigure, writeHtmlReport } from "../../report/html.ts";
import { renderSvg, svgToPng, type VlSpec } from "../../report/render.ts";
import { rocCurvePlot } from "../../report/rocCurvePlot.ts";
import { significancePlot } from "../../report/significancePlot.ts";
import { stackedHistogramPlot } from "../../report/stackedHistogramPlot.ts";
import { cutFlowTable } from "../../report/tables.ts";
import { writeFileAtomic } from "../../report/writeFileAtomic.ts";
import type { RunConfig } from "../runConfig.ts";
import type { Interpretation } from "./interpretation.ts";
import type { PunziResult } from "./punziStage.ts";
import type { ScanResult } from "./scanStage.ts";
import type { AnalysedSample, AnalysisInputs, TemplatesResult } from "./templatesStage.ts";

/** Everything the plots draw from. */
export interface PlotInputs {
  cfg: RunConfig;
  analysed: readonly AnalysedSample[];
  inputs: AnalysisInputs;
  templates: TemplatesResult;
  punzi: PunziResult;
  scan: ScanResult;
  interp: Interpretation;
  summary: Record<string, unknown>;
}

/** Display names of the backgrounds. */
const LABELS: Record<string, string> = {
  mumu: "μμ(γ)",
  tautau: "ττ(γ)",
  eemumu: "eeμμ",
  eeee: "eeee",
  ee: "ee(γ)",
  pipi: "ππ(γ)",
  mumumumu: "μμμμ",
};

const M_TITLE = "M_Z' [GeV]";
const M2_TITLE = "M²_recoil [GeV²]";

/** Mass [GeV] and cross section [fb] of the signal drawn over the M2_recoil spectrum. */
export const SPECTRUM_SIGNAL = { mass: 2, sigmaFb: 10 } as const;

/**
 * The M2_recoil spectrum after all cuts on the fit binning (theta cells summed): the pseudo-data
 * counts, the background templates of the fit (kernel-smoothed if configured; smallest first, the
 * stacking order of a log plot) and the signal of {@link SPECTRUM_SIGNAL}. Shared by the plot and
 * the HEPData table.
 */
export function m2Spectrum(
  inputs: AnalysisInputs,
  templates: TemplatesResult,
  lumi: number,
): {
  data: Hist1D;
  samples: { name: string; process: string; hist: Hist1D }[];
  signal: { mass: number; sigmaFb: number; hist: Hist1D };
} {
  const edges = inputs.m2Edges;
  const axis = variableAxis(edges, M2_TITLE);
  const nU = templates.thetaUnionDeg.length - 1;
  const data = new Hist1D(axis);
  for (let i = 0; i < edges.length - 1; i++) {
    let c = 0;
    for (let u = 0; u < nU; u++) c += templates.pseudoData.counts[i * nU + u]!;
    data.fill(0.5 * (edges[i]! + edges[i + 1]!), c);
  }
  const full = windowAxes(edges, { first: 0, end: edges.length - 1, m2: 0 }, [0, Math.PI]);
  const samples = inputs.backgrounds
    .map((b) => ({ name: LABELS[b.name] ?? b.name, process: b.name, hist: fillTemplate1D(b.events, full) }))
    .sort((a, b) => a.hist.integral() - b.hist.integral());
  const { mass, sigmaFb } = SPECTRUM_SIGNAL;
  return {
    data,
    samples,
    signal: { mass, sigmaFb, hist: signalTemplate1D(inputs.signal, mass, full, lumi, sigmaFb) },
  };
}

/** Write the plots (SVG + PNG) under root/plots and root/report.html. */
export async function invisiblePlots(root: string, p: PlotInputs): Promise<void> {
  const { cfg, inputs, templates, punzi, scan, interp } = p;
  const lumi = cfg.luminosity_fb;
  const figs: Record<string, ReportFigure> = {};
  const draw = async (name: string, spec: VlSpec, caption: string) => {
    const svg = await renderSvg(spec);
    writeFileAtomic(join(root, "plots", `${name}.svg`), svg);
    writeFileAtomic(join(root, "plots", `${name}.png`), svgToPng(svg));
    figs[name] = { svg, caption, link: `plots/${name}.png` };
  };
  const label = { luminosityFb: lumi, extra: "e⁺e⁻ → μ⁺μ⁻ Z', Z' → invisible" };

  // 1. stacked M2_recoil spectrum on the fit binning
  const { data, samples, signal } = m2Spectrum(inputs, templates, lumi);
  await draw(
    "m2recoil_stack",
    stackedHistogramPlot(
      {
        samples,
        data: { name: "Pseudo-data", hist: data },
        signal: { name: `Z' (${signal.mass} GeV), σ = ${signal.sigmaFb} fb`, hist: signal.hist },
      },
      { xTitle: M2_TITLE, yTitle: "Events / bin", logY: true, label },
    ),
    `M²_recoil after all cuts (bins one resolution wide): the background templates at ${lumi} fb⁻¹${cfg.scan.backgroundKernel ? " (MC smoothed by an adaptive kernel in M²)" : ""} and the seeded pseudo-data${cfg.pseudoData.source === "sample" ? " (independent simulated samples)" : " (Poisson draws around the templates)"}.`,
  );

  // 2. theta-M2 plane of mu mu (gamma)
  const mumu = inputs.backgrounds.find((b) => b.name === "mumu");
  if (mumu) {
    const h = new Hist2D(
      variableAxis(
        Float64Array.from({ length: 84 }, (_, k) => -0.5 + k),
        M2_TITLE,
      ),
      variableAxis(
        Float64Array.from({ length: 37 }, (_, k) => 5 * k),
        "θ_recoil (c.m.) [deg]",
      ),
    );
    for (let k = 0; k < mumu.events.m2.length; k++)
      h.fill(mumu.events.m2[k]!, (mumu.events.thetaCm[k]! * 180) / Math.PI, mumu.events.weight[k]!);
    await draw(
      "theta_m2_mumu",
      histogram2DPlot(h, {
        xTitle: M2_TITLE,
        yTitle: "θ_recoil (c.m.) [deg]",
        zTitle: "Events / bin",
        label,
      }),
      "θ_recoil (c.m.) versus M²_recoil of the selected μμ(γ) background after all cuts.",
    );
  }

  // 3. sigma limits with the Brazil band
  const pts = scan.points;
  const mass = pts.map((q) => q.mass);
  const col = (k: number) => pts.map((q) => q.exp[k]!);
  await draw(
    "sigma_limits",
    brazilBandPlot(
      {
        mass,
        observed: pts.map((q) => q.obs),
        expectedMinus2: col(0),
        expectedMinus1: col(1),
        expectedMedian: col(2),
        expectedPlus1: col(3),
        expectedPlus2: col(4),
      },
      { xTitle: M_TITLE, yTitle: "σ(e⁺e⁻ → μ⁺μ⁻Z') × B(Z' → inv.) [fb]", clPercent: 90, label },
    ),
    "90% CL upper limits on σ × B(Z' → invisible): observed (pseudo-data) and expected ±1σ, ±2σ.",
  );

  // 4. coupling limits with the (g-2) band
  // the band on its own log-spaced grid: the hypotheses are one M2 resolution apart, so only
  // 0.01 GeV and ~0.4 GeV lie below 0.4 GeV and the band drawn through them would show a kink
  const nBand = 300;
  const m0 = Math.log(mass[0]!);
  const m1 = Math.log(mass[mass.length - 1]!);
  const bandMass = Array.from({ length: nBand }, (_, i) => Math.exp(m0 + ((m1 - m0) * i) / (nBand - 1)));
  const g2 = gm2Band("vector", bandMass, interp.gm2.year);
  const band = {
    x: bandMass,
    lo: g2.lower.map((v) => v ?? Number.NaN),
    hi: g2.upper.map((v) => v ?? Number.NaN),
    label: `(g−2)_μ ±2σ (${interp.gm2.year})`,
  };
  for (const [name, obs, exp, title] of [
    ["gprime_vanilla", interp.gVanilla, interp.gVanillaExpected, "vanilla L_μ − L_τ"],
    ["gprime_fully_invisible", interp.gFullyInvisible, interp.gFullyInvisibleExpected, "fully invisible"],
  ] as const) {
    await draw(
      name,
      couplingLimitPlot(
        {
          curves: [
            { name: "Observed 90% CL", x: mass, y: obs, shadeAbove: true },
            { name: "Expected 90% CL", x: mass, y: exp, style: { color: "#D55E00", dash: [6, 4] } },
          ],
          gm2Band: band,
        },
        { xTitle: M_TITLE, yTitle: "g'", label: { ...label, extra: `Z' → invisible, ${title}` } },
      ),
      `90% CL upper limits on g' (${title} model) and the (g−2)_μ band.`,
    );
  }

  // 5. local significance
  await draw(
    "z_local",
    significancePlot(
      { mass, z: pts.map((q) => q.zLocal), zGlobal: scan.global.z },
      { xTitle: M_TITLE, label },
    ),
    `Local significance per hypothesis; global ${scan.global.z.toFixed(2)}σ (Gross-Vitells).`,
  );

  // 6. Punzi-net output and ROC
  const outAxis = variableAxis(punzi.outputs.edges, "Punzi-net output");
  const hs = new Hist1D(outAxis);
  const hb = new Hist1D(outAxis);
  punzi.outputs.signal.forEach((v, k) => {
    hs.fill((k + 0.5) / 20, v);
  });
  punzi.outputs.background.forEach((v, k) => {
    hb.fill((k + 0.5) / 20, v);
  });
  await draw(
    "punzi_output",
    classifierOutputPlot(
      [
        { name: "Signal (all masses)", hist: hs },
        { name: "Background", hist: hb },
      ],
      { xTitle: "Punzi-net output", cut: 0.5, logY: true, label },
    ),
    "Punzi-net output on the training sample (signal of all masses, weighted background).",
  );
  await draw(
    "punzi_roc",
    rocCurvePlot(
      [
        {
          name: "Punzi-net",
          backgroundEfficiency: punzi.roc.fpr,
          signalEfficiency: punzi.roc.tpr,
          auc: punzi.auc,
        },
      ],
      { label },
    ),
    "ROC of the Punzi-net on its training sample.",
  );

  // report
  const s = p.summary;
  const cf = s.cutflow as Record<string, { steps: string[]; weighted: number[] }>;
  const bkgNames = inputs.backgrounds.map((b) => b.name);
  const first = cf[bkgNames[0] ?? ""];
  const tables = first
    ? [
        cutFlowTable(
          first.steps,
          bkgNames.map((n) => ({ name: LABELS[n] ?? n, yields: cf[n]!.weighted })),
          {
            name: "cutflow_backgrounds",
            caption: `Background cut flow at ${lumi} fb⁻¹ (after the generator preselection)`,
          },
        ),
        cutFlowTable(
          first.steps,
          p.analysed
            .filter((a) => a.summary.process === "signal")
            .map((a) => ({ name: `Z' ${a.summary.mass} GeV`, yields: cf[a.summary.name]!.weighted })),
          { name: "cutflow_signal", caption: "Signal efficiency per step", efficiency: "none" },
        ),
      ]
    : [];
  const excl = (s.gm2_excluded_GeV as [number, number][])
    .map(([a, b]) => `${a.toPrecision(3)}-${b.toPrecision(3)}`)
    .join(", ");
  writeHtmlReport(join(root, "report.html"), {
    title: "Invisible Z' search (analysis A)",
    subtitle: `e⁺e⁻ → μ⁺μ⁻ Z', Z' → invisible; mumux's fast simulation of Belle II, ${lumi} fb⁻¹ of simulated pseudo-data, seed ${cfg.seed}`,
    summary: [
      { label: "Mass points", value: Number(s.n_mass_points), digits: 4 },
      { label: "Signal efficiency (median)", value: Number(s.signal_efficiency_median) },
      { label: "Minimum σ × B limit (observed)", value: Number(s.min_sigma_ul_obs_fb), unit: "fb" },
      { label: "Minimum σ × B limit (expected)", value: Number(s.min_sigma_ul_exp_fb), unit: "fb" },
      { label: "Largest local significance", value: Number(s.max_z_local), unit: "σ" },
      { label: "Global significance", value: Number(s.z_global), unit: "σ" },
      { label: "(g−2) band excluded, fully invisible", value: excl || "none", unit: excl ? "GeV" : "" },
    ],
    sections: [
      {
        title: "Selection",
        figures: [figs.m2recoil_stack!, ...(figs.theta_m2_mumu ? [figs.theta_m2_mumu] : [])],
        tables,
      },
      { title: "Punzi-net", figures: [figs.punzi_output!, figs.punzi_roc!] },
      { title: "Cross-section limits", figures: [figs.sigma_limits!, figs.z_local!] },
      { title: "Coupling limits", figures: [figs.gprime_vanilla!, figs.gprime_fully_invisible!] },
    ],
    provenance: {
      "mumux version": String((s.provenance as { mumux: string }).mumux),
      seed: cfg.seed,
      "config hash": `sha256:${(s.provenance as { config_hash: string }).config_hash}`,
      "HEPData record": "hepdata/submission.yaml",
      "pyhf workspaces": "workspaces/",
    },
  });
}
