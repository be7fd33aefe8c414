/**
 * The per-window pyhf workspace of analysis A (spec invisible-zprime.md "Fit" and "Systematic
 * uncertainties"; pyhf JSON schema 1.0.0, validated by stats/workspace parseWorkspace).
 *
 * Layout: ONE channel "window" whose bins are the window's 2D template flattened x-major
 * (bin = iM2 * nTheta + iTheta, Hist2D.values() order). Why not one channel per theta bin: the
 * likelihood is the same product of Poisson terms either way, every systematic here is either
 * global to the window or per bin, and a single channel keeps the workspace compact and the same
 * code path for the 1D wide-width templates (nTheta = 1).
 *
 * Samples and modifiers:
 * - "signal": yields for sigma = 1 fb (so the POI normfactor "mu" IS sigma x B(invisible) in fb);
 *   "lumi" (1%, lumi modifier), normsys "signal_efficiency" (2.7 / 6.5 / 8.3% for M^2 in
 *   [-0.5, 9), [9, 36), [36, 81] GeV^2: data/simulation selection efficiency), and per-bin
 *   Gaussian nuisances for MC statistics (+) the 10% signal-shape uncertainty (M2 width 8%
 *   larger in data).
 * - one sample per background (alphabetical as pyhf orders them anyway), all sharing ONE free
 *   normfactor "bkg_norm" (the paper: background normalisation free; one factor rather than one
 *   per sample, since most windows hold a single dominant background and per-sample factors of
 *   near-empty samples are unconstrained), with per-bin Gaussian nuisances for MC statistics,
 *   background shape (3.2 / 8.6 / 25% by the same M2 ranges) and photon-veto inefficiency (34%
 *   for bins below M2 = 1 GeV^2, 5% above).
 *
 * Per-bin Gaussian nuisances are pyhf `staterror` modifiers with one name per sample, so every
 * bin of every template has its own uncorrelated Gaussian-constrained parameter (the paper's
 * "nuisance parameter in every bin of every template"). By default ("combined") the components
 * of a template are added in quadrature into that single parameter, as in the paper; with
 * "separate" each component is its own staterror modifier (more parameters, same model to
 * first order), so each source can be switched off or pulled separately.
 *
 * Sparse background MC: the bins whose total background is below half an MC event (half the
 * smallest event weight in the window's background templates) share half an MC event between
 * them: each is raised to floor = 0.5 w_min / n_low, the added part carrying a 100% uncertainty.
 * Why: an empty (or, after kernel smoothing, nearly empty) MC region does not measure a zero
 * background, it says the background there TOTALS less than about one MC event. Treating it as
 * zero makes the signal look background-free and the limit absurdly strong (and a data event
 * there would cost an infinite likelihood); but raising EACH of n empty bins to half an event
 * claims n/2 events where the MC saw none, which in a sparse window (35 of 60 bins empty at
 * M = 4 GeV with weights ~1) is a phantom background of half the window's total, a built-in
 * deficit that pushes every fitted signal to zero and every observed limit below its expected one.
 * With L_MC >> L_data (weights << 1, as the paper's samples) the floor is negligible either way.
 * `backgroundFloor` sets a fixed per-bin floor instead.
 */
import { ConfigError } from "../../core/errors.ts";
import type { Hist1D } from "../../hist/hist1D.ts";
import type { Hist2D } from "../../hist/hist2D.ts";
import { parseWorkspace } from "../../stats/workspace/parseWorkspace.ts";
import type { Modifier, Sample, Workspace } from "../../stats/workspace/types.ts";

/**
 * Revision of the statistical model (templates and workspace) that keys the workspaces stages:
 * a changed model must not reuse workspaces written by an older one.
 */
export const WORKSPACE_MODEL = "2: kernel-estimate variance (w f)^2 per smoothed bin";

/** A relative uncertainty by M2 range: `rel` applies below `m2Max` [GeV^2] (first match). */
export interface RangedUncertainty {
  m2Max: number;
  rel: number;
}

/** The systematic uncertainties of the spec (relative). */
export interface InvisibleSystematics {
  /** Selection efficiency (data/simulation) by M2 range of the hypothesis. */
  efficiency: RangedUncertainty[];
  /** Integrated luminosity. */
  luminosity: number;
  /** Photon-veto inefficiency on the background shape, by M2 of the bin. */
  photonVeto: RangedUncertainty[];
  /** Background shape, by M2 range of the hypothesis. */
  backgroundShape: RangedUncertainty[];
  /** Signal template shape (M2 width 8% larger in data). */
  signalShape: number;
}

/** The paper's values (spec invisible-zprime.md). */
export const PAPER_SYSTEMATICS: Readonly<InvisibleSystematics> = Object.freeze({
  efficiency: [
    { m2Max: 9, rel: 0.027 },
    { m2Max: 36, rel: 0.065 },
    { m2Max: Number.POSITIVE_INFINITY, rel: 0.083 },
  ],
  luminosity: 0.01,
  photonVeto: [
    { m2Max: 1, rel: 0.34 },
    { m2Max: Number.POSITIVE_INFINITY, rel: 0.05 },
  ],
  backgroundShape: [
    { m2Max: 9, rel: 0.032 },
    { m2Max: 36, rel: 0.086 },
    { m2Max: Number.POSITIVE_INFINITY, rel: 0.25 },
  ],
  signalShape: 0.1,
});

/** No systematic uncertainty at all (statistics-only fits; MC statistics stays). */
export const NO_SYSTEMATICS: Readonly<InvisibleSystematics> = Object.freeze({
  efficiency: [{ m2Max: Number.POSITIVE_INFINITY, rel: 0 }],
  luminosity: 0,
  photonVeto: [{ m2Max: Number.POSITIVE_INFINITY, rel: 0 }],
  backgroundShape: [{ m2Max: Number.POSITIVE_INFINITY, rel: 0 }],
  signalShape: 0,
});

/** The relative uncertainty that applies at `m2` (0 if no range matches). */
export function rangedAt(r: readonly RangedUncertainty[], m2: number): number {
  for (const x of r) if (m2 < x.m2Max) return x.rel;
  return 0;
}

type Template = Hist2D | Hist1D;

/** Inputs of {@link windowWorkspace}. */
export interface WindowWorkspaceInput {
  /** Hypothesis mass [GeV] (names the measurement, picks the M2 range of the systematics). */
  mass: number;
  /** Signal template for sigma = 1 fb (from templates.ts). */
  signal: Template;
  /**
   * Background templates with their sample names (unique, [A-Za-z0-9_]) and the weight of one
   * of their MC events (templates.ts mcEventWeight; for the empty-bin floor; default: the
   * smallest sumw2/sumw of the template's bins, which it is for unsmoothed templates).
   */
  backgrounds: readonly { name: string; hist: Template; weight?: number }[];
  /** Observed (pseudo-)data: a template of counts, or the flattened counts. */
  data: Template | ArrayLike<number>;
  /** Systematics (default {@link PAPER_SYSTEMATICS}). */
  systematics?: InvisibleSystematics;
  /** "combined" (default, the paper's one nuisance per bin and template) or "separate". */
  perBin?: "combined" | "separate";
  /** Upper bound of the POI [fb] (default 1000). */
  muMax?: number;
  /** Upper bound of bkg_norm (default 10). */
  bkgNormMax?: number;
  /**
   * Lower bound of bkg_norm (default 0.01). Not 0: in windows with a few MC events the free fit
   * can push the background to zero, and fits started there meet a bin with data but zero
   * expectation (non-finite likelihood); a background 100 times below the simulation is excluded
   * by the simulation itself. Measured on the sparsest window of the default run (4.20 GeV):
   * limits unchanged to 1e-12, every fit converges.
   */
  bkgNormMin?: number;
  /**
   * Least total background per bin [events]; bins below it are raised to it. Default: half the
   * smallest background event weight seen in the window (half an MC event) divided by the number
   * of bins below that (module comment).
   */
  backgroundFloor?: number;
}

/** Flattened contents, variances and bin-centre M2 of a template (x-major for 2D). */
function flatten(h: Template): { sumw: number[]; sumw2: number[]; m2: number[] } {
  const v = Array.from(h.values());
  const e = Array.from(h.variances());
  const m2: number[] = [];
  if ("xAxis" in h) {
    const ny = h.yAxis.nBins;
    for (let ix = 0; ix < h.xAxis.nBins; ix++) for (let iy = 0; iy < ny; iy++) m2.push(h.xAxis.center(ix));
  } else for (let ix = 0; ix < h.axis.nBins; ix++) m2.push(h.axis.center(ix));
  return { sumw: v, sumw2: e, m2 };
}

const NAME = /^[A-Za-z0-9_]+$/;

/**
 * Build the window's pyhf workspace and validate it with parseWorkspace (so the output is
 * schema 1.0.0 and consistent). Module comment for the model.
 *
 * @example
 * const ws = windowWorkspace({ mass: 2.352, signal, backgrounds: [{ name: "mumu", hist }], data });
 * JSON.stringify(ws) // readable by pyhf.Workspace
 */
export function windowWorkspace(input: WindowWorkspaceInput): Workspace {
  const syst = input.systematics ?? PAPER_SYSTEMATICS;
  const perBin = input.perBin ?? "combined";
  const muMax = input.muMax ?? 1000;
  const bkgNormMax = input.bkgNormMax ?? 10;
  const bkgNormMin = input.bkgNormMin ?? 0.01;
  if (!(input.mass > 0)) throw new ConfigError(`mass must be > 0, got ${input.mass}`, "workspace.mass");
  if (input.backgrounds.length === 0)
    throw new ConfigError("need at least one background", "workspace.backgrounds");
  if (!(muMax > 0) || !(bkgNormMax > 1) || !(bkgNormMin >= 0 && bkgNormMin < 1))
    throw new ConfigError("muMax must be > 0, bkgNormMax > 1 and 0 <= bkgNormMin < 1", "workspace");
  const sig = flatten(input.signal);
  const nb = sig.sumw.length;
  const names = new Set<string>();
  const bkgs = input.backgrounds.map((b, k) => {
    if (!NAME.test(b.name) || b.name === "signal" || names.has(b.name))
      throw new ConfigError(
        `background name "${b.name}" must be unique, [A-Za-z0-9_], not "signal"`,
        `workspace.backgrounds[${k}]`,
      );
    names.add(b.name);
    const f = flatten(b.hist);
    if (f.sumw.length !== nb)
      throw new ConfigError(`has ${f.sumw.length} bins, the signal ${nb}`, `workspace.backgrounds[${k}]`);
    if (b.weight !== undefined && !(b.weight > 0))
      throw new ConfigError(
        `MC event weight must be > 0, got ${b.weight}`,
        `workspace.backgrounds[${k}].weight`,
      );
    return { name: b.name, weight: b.weight, ...f };
  });
  const data = Array.from(
    typeof (input.data as Template).values === "function"
      ? (input.data as Template).values()
      : (input.data as ArrayLike<number>),
  );
  if (data.length !== nb)
    throw new ConfigError(`data has ${data.length} bins, templates ${nb}`, "workspace.data");
  data.forEach((x, k) => {
    if (!(x >= 0) || !Number.isFinite(x)) throw new ConfigError(`data bin ${k} is ${x}`, "workspace.data");
  });
  for (const t of [sig, ...bkgs])
    t.sumw.forEach((x, k) => {
      if (!(x >= 0) || !Number.isFinite(x))
        throw new ConfigError(`template bin ${k} is ${x}; templates must be finite and >= 0`, "workspace");
    });

  // MC-statistics floor (module comment): half the smallest event weight of the window's
  // backgrounds shared by its (nearly) empty bins, or the caller's value
  let minW = Number.POSITIVE_INFINITY;
  for (const b of bkgs)
    if (b.weight !== undefined) minW = Math.min(minW, b.weight);
    else
      for (let k = 0; k < nb; k++)
        if (b.sumw[k]! > 0 && b.sumw2[k]! > 0) minW = Math.min(minW, b.sumw2[k]! / b.sumw[k]!);
  let floor = input.backgroundFloor ?? Number.NaN;
  if (input.backgroundFloor === undefined) {
    // half an MC event IN TOTAL over the bins below it (module comment)
    const half = Number.isFinite(minW) ? 0.5 * minW : 1e-3;
    let nLow = 0;
    for (let k = 0; k < nb; k++) {
      let tot = 0;
      for (const b of bkgs) tot += b.sumw[k]!;
      if (tot < half) nLow++;
    }
    floor = half / Math.max(nLow, 1);
  }
  if (!(floor >= 0) || !Number.isFinite(floor))
    throw new ConfigError(`must be a finite number >= 0, got ${floor}`, "workspace.backgroundFloor");
  for (let k = 0; k < nb; k++) {
    let tot = 0;
    for (const b of bkgs) tot += b.sumw[k]!;
    if (tot < floor) {
      // raise the first sample so the total is the floor, with a 100% uncertainty on the added part
      const add = floor - tot;
      bkgs[0]!.sumw[k]! += add;
      bkgs[0]!.sumw2[k]! += add * add;
    }
  }
  if (floor === 0)
    for (let k = 0; k < nb; k++)
      if (!bkgs.some((b) => b.sumw[k]! > 0))
        throw new ConfigError(
          `background bin ${k} is empty and backgroundFloor is 0`,
          "workspace.backgroundFloor",
        );

  const m2Hyp = input.mass * input.mass;
  const effRel = rangedAt(syst.efficiency, m2Hyp);
  const shapeRel = rangedAt(syst.backgroundShape, m2Hyp);
  const perBinMods = (
    sample: string,
    t: { sumw: number[]; sumw2: number[]; m2: number[] },
    parts: { key: string; rel: (k: number) => number }[],
  ): Modifier[] => {
    const comps = [
      { key: "mcstat", abs: (k: number) => Math.sqrt(t.sumw2[k]!) },
      ...parts.map((p) => ({ key: p.key, abs: (k: number) => p.rel(k) * t.sumw[k]! })),
    ];
    if (perBin === "combined")
      return [
        {
          name: `binunc_${sample}`,
          type: "staterror",
          data: t.sumw.map((_, k) => Math.sqrt(comps.reduce((s, c) => s + c.abs(k) ** 2, 0))),
        },
      ];
    return comps
      .filter((c) => t.sumw.some((_, k) => c.abs(k) > 0))
      .map((c) => ({
        name: `${c.key}_${sample}`,
        type: "staterror" as const,
        data: t.sumw.map((_, k) => c.abs(k)),
      }));
  };

  const signalMods: Modifier[] = [{ name: "mu", type: "normfactor", data: null }];
  if (syst.luminosity > 0) signalMods.push({ name: "lumi", type: "lumi", data: null });
  if (effRel > 0)
    signalMods.push({ name: "signal_efficiency", type: "normsys", data: { hi: 1 + effRel, lo: 1 - effRel } });
  signalMods.push(
    ...perBinMods(
      "signal",
      sig,
      syst.signalShape > 0 ? [{ key: "sigshape", rel: () => syst.signalShape }] : [],
    ),
  );
  const samples: Sample[] = [{ name: "signal", data: sig.sumw, modifiers: signalMods }];
  for (const b of bkgs) {
    const parts: { key: string; rel: (k: number) => number }[] = [];
    if (shapeRel > 0) parts.push({ key: "bkgshape", rel: () => shapeRel });
    if (syst.photonVeto.some((r) => r.rel > 0))
      parts.push({ key: "photonveto", rel: (k) => rangedAt(syst.photonVeto, b.m2[k]!) });
    samples.push({
      name: b.name,
      data: b.sumw,
      modifiers: [{ name: "bkg_norm", type: "normfactor", data: null }, ...perBinMods(b.name, b, parts)],
    });
  }
  samples.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const parameters: Workspace["measurements"][number]["config"]["parameters"] = [
    { name: "mu", bounds: [[0, muMax]], inits: [1] },
    { name: "bkg_norm", bounds: [[bkgNormMin, bkgNormMax]], inits: [1] },
  ];
  if (syst.luminosity > 0)
    parameters.push({
      name: "lumi",
      auxdata: [1],
      sigmas: [syst.luminosity],
      bounds: [[Math.max(0, 1 - 5 * syst.luminosity), 1 + 5 * syst.luminosity]],
      inits: [1],
    });
  const doc = {
    channels: [{ name: "window", samples }],
    measurements: [{ name: `zprime_invisible_M${input.mass.toFixed(4)}`, config: { poi: "mu", parameters } }],
    observations: [{ name: "window", data }],
    version: "1.0.0",
  };
  return parseWorkspace(doc);
}
