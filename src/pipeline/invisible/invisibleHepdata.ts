/**
 * The HEPData record of analysis A (OUT/invisible/hepdata/: submission.yaml and one YAML file per
 * table; zip the folder to upload it). Tables mirror the figures of the paper (arXiv:2212.03066),
 * made from the run's own results:
 *   - the M2_recoil spectrum after all cuts: pseudo-data counts, background templates, a signal
 *     (Fig. 1);
 *   - 90% CL upper limits on sigma(e+e- -> mu+ mu- Z') x B(Z' -> invisible), observed and expected
 *     with the 1 and 2 sigma bands (Fig. 2);
 *   - g' limits of the fully invisible (Fig. 3) and vanilla (Fig. 4) models, observed and expected;
 *   - the local significance per hypothesis;
 *   - the Gamma = 0.1 M benchmark limits (if the run made them);
 *   - the signal efficiency after all cuts at each simulated mass.
 * Every table says that it comes from simulated pseudo-data, with the seed, so the record cannot be
 * mistaken for Belle II's. A hypothesis whose fit failed (a non-finite limit) is left out of the
 * tables that need it, and the table description counts the rows left out.
 */
import { join } from "node:path";
import type { LimitBands } from "../../report/brazilBandPlot.ts";
import {
  type HepdataQualifier,
  type HepdataTable,
  hepdataFromHist1D,
  writeHepdata,
} from "../../report/hepdata.ts";
import { hepdataCurveTable, hepdataLimitTable } from "../../report/hepdataLimitTable.ts";
import type { RunConfig } from "../runConfig.ts";
import type { Interpretation } from "./interpretation.ts";
import { m2Spectrum } from "./invisiblePlots.ts";
import type { ScanResult } from "./scanStage.ts";
import type { AnalysisInputs, TemplatesResult } from "./templatesStage.ts";

/** What the record is made from. */
export interface HepdataInputs {
  cfg: RunConfig;
  inputs: AnalysisInputs;
  templates: TemplatesResult;
  scan: ScanResult;
  wide?: ScanResult;
  interp: Interpretation;
}

const MASS = { name: "M(Z')", units: "GeV" } as const;
const SIGMA = { name: "SIG(E+ E- --> MU+ MU- Z') * BR(Z' --> INVISIBLE)", units: "FB" } as const;
const REACTION = "E+ E- --> MU+ MU- Z'";

/** Indices of the rows whose values are all finite. */
function finiteRows(n: number, columns: readonly ArrayLike<number>[]): number[] {
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (columns.every((c) => Number.isFinite(c[i]!))) keep.push(i);
  return keep;
}

function pick(xs: ArrayLike<number>, idx: readonly number[]): number[] {
  return idx.map((i) => xs[i]!);
}

function dropped(n: number, kept: number): string {
  return kept < n ? ` ${n - kept} of ${n} hypotheses are left out: their fit failed.` : "";
}

function limitBands(scan: ScanResult): { bands: LimitBands; n: number } {
  const p = scan.points;
  const cols = [
    p.map((q) => q.mass),
    p.map((q) => q.obs),
    ...[0, 1, 2, 3, 4].map((k) => p.map((q) => q.exp[k]!)),
  ];
  const idx = finiteRows(p.length, cols);
  return {
    n: idx.length,
    bands: {
      mass: pick(cols[0]!, idx),
      observed: pick(cols[1]!, idx),
      expectedMinus2: pick(cols[2]!, idx),
      expectedMinus1: pick(cols[3]!, idx),
      expectedMedian: pick(cols[4]!, idx),
      expectedPlus1: pick(cols[5]!, idx),
      expectedPlus2: pick(cols[6]!, idx),
    },
  };
}

/** Build the submission (validated and written by {@link writeInvisibleHepdata}). */
export function invisibleHepdataTables(h: HepdataInputs): { comment: string; tables: HepdataTable[] } {
  const { cfg, inputs, templates, scan, wide, interp } = h;
  const lumi = cfg.luminosity_fb;
  const clPct = Math.round((1 - cfg.scan.level) * 1000) / 10;
  const origin = `mumux simulation: pseudo-data drawn from simulated samples with seed ${cfg.seed}, ${lumi} fb^-1 at sqrt(s) = 10.58 GeV; not Belle II data or results.`;
  const q: HepdataQualifier[] = [
    { name: "SQRT(S)", value: 10.58, units: "GEV" },
    { name: "LUMINOSITY", value: lumi, units: "FB^-1" },
  ];
  const keywords = (observable: string): HepdataTable["keywords"] => [
    { name: "reactions", values: [REACTION] },
    { name: "observables", values: [observable] },
    { name: "cmenergies", values: [10.58] },
  ];
  const tables: HepdataTable[] = [];

  // spectrum
  const sp = m2Spectrum(inputs, templates, lumi);
  const x2 = { name: "M2_recoil", units: "GEV^2" };
  const data = hepdataFromHist1D(sp.data, x2, { name: "Pseudo-data", units: "EVENTS" }, q);
  const spectrumDeps = [
    ...data.dependent.map((d) => ({ ...d, values: d.values.map((v) => ({ value: v.value })) })),
    ...sp.samples.map(
      (s) =>
        hepdataFromHist1D(s.hist, x2, { name: `Expected ${s.process}`, units: "EVENTS" }, q).dependent[0]!,
    ),
    hepdataFromHist1D(
      sp.signal.hist,
      x2,
      { name: `Signal Z' (M = ${sp.signal.mass} GeV, sigma = ${sp.signal.sigmaFb} fb)`, units: "EVENTS" },
      q,
    ).dependent[0]!,
  ];
  tables.push({
    name: "M2_recoil spectrum",
    description: `Squared recoil mass after all selections including the Punzi-net, bins one signal resolution wide (theta_recoil cells summed): pseudo-data counts, the background templates of the fit (errors: simulation statistics) and a signal. ${origin}`,
    location: "counterpart of Figure 1",
    keywords: keywords("N"),
    independent: data.independent,
    dependent: spectrumDeps,
  });

  // sigma limits
  const lim = limitBands(scan);
  tables.push(
    hepdataLimitTable(
      lim.bands,
      {
        name: "Cross-section upper limits",
        description: `${clPct}% CL upper limits (CLs, profile likelihood q~mu, asymptotic) on the cross section times invisible branching fraction, observed and expected (median, 1 and 2 sigma bands), per mass hypothesis.${dropped(scan.points.length, lim.n)} ${origin}`,
        location: "counterpart of Figure 2",
        x: MASS,
        qualifiers: q,
        keywords: keywords("SIG"),
      },
      SIGMA,
      clPct,
    ),
  );

  // coupling limits
  const masses = scan.points.map((p) => p.mass);
  const coupling = (model: string, obs: number[], exp: number[], figure: string) => {
    const idx = finiteRows(masses.length, [masses, obs, exp]);
    const cl = [{ name: "CL", value: `${clPct}%` }];
    return hepdataCurveTable(
      {
        name: `Coupling upper limits, ${model}`,
        description: `${clPct}% CL upper limits on the L_mu - L_tau coupling g' in the ${model} model, observed and expected (median), from the cross-section limits and sigma(e+e- -> mu+ mu- Z') at g' = 1 (which scales as g'^2).${dropped(masses.length, idx.length)} ${origin}`,
        location: `counterpart of ${figure}`,
        x: MASS,
        qualifiers: q,
        keywords: keywords("G'"),
      },
      pick(masses, idx),
      [
        { header: { name: "Observed g'" }, values: pick(obs, idx), qualifiers: cl },
        { header: { name: "Expected g'" }, values: pick(exp, idx), qualifiers: cl },
      ],
    );
  };
  tables.push(
    coupling("fully invisible", interp.gFullyInvisible, interp.gFullyInvisibleExpected, "Figure 3"),
  );
  tables.push(coupling("vanilla", interp.gVanilla, interp.gVanillaExpected, "Figure 4"));

  // local significance
  const z = scan.points.map((p) => p.zLocal);
  const zi = finiteRows(masses.length, [masses, z]);
  tables.push(
    hepdataCurveTable(
      {
        name: "Local significance",
        description: `Local significance sqrt(q0) of a signal at each mass hypothesis (0 where the best-fit signal is negative).${dropped(masses.length, zi.length)} ${origin}`,
        x: MASS,
        qualifiers: q,
        keywords: keywords("SIGNIFICANCE"),
      },
      pick(masses, zi),
      [{ header: { name: "Z_local" }, values: pick(z, zi) }],
    ),
  );

  // wide-width benchmark
  if (wide && cfg.scan.wideWidth) {
    const w = limitBands(wide);
    tables.push(
      hepdataLimitTable(
        w.bands,
        {
          name: "Cross-section upper limits, wide Z'",
          description: `As "Cross-section upper limits" for a Z' of width Gamma = ${cfg.scan.wideWidth.gammaOverM} M (Breit-Wigner convolved with the resolution, 1D M2_recoil templates, wider windows).${dropped(wide.points.length, w.n)} ${origin}`,
          x: MASS,
          qualifiers: [...q, { name: "Gamma/M", value: cfg.scan.wideWidth.gammaOverM }],
          keywords: keywords("SIG"),
        },
        SIGMA,
        clPct,
      ),
    );
  }

  // signal efficiency
  const eff = templates.efficiency;
  tables.push(
    hepdataCurveTable(
      {
        name: "Signal efficiency",
        description: `Signal efficiency after all selections including the Punzi-net, as a fraction of the generated events (with initial-state radiation), at each simulated Z' mass. ${origin}`,
        x: MASS,
        qualifiers: q,
        keywords: keywords("EFF"),
      },
      eff.map((e) => e.mass),
      [{ header: { name: "Efficiency" }, values: eff.map((e) => e.efficiency) }],
    ),
  );

  return {
    comment: `Search for an invisibly decaying L_mu - L_tau Z' in e+e- -> mu+ mu- + invisible, reproduced end to end by mumux (analysis A of arXiv:2212.03066). ${origin} The pyhf workspaces of every mass window are in ../workspaces/.`,
    tables,
  };
}

/** Write the record into root/hepdata; returns the written paths (submission.yaml first). */
export function writeInvisibleHepdata(root: string, h: HepdataInputs): string[] {
  const { comment, tables } = invisibleHepdataTables(h);
  return writeHepdata(join(root, "hepdata"), { comment, tables });
}
