/**
 * Analysis A end to end (issue 8; spec invisible-zprime.md): the only place that knows the order
 * of its stages.
 *
 *   samples (1 generate, 2 simulate, 3 select; per chunk)  -> punzinet (4 train + apply)
 *   -> templates (5 resolution, binning, hypotheses, pseudo-data) -> workspaces (6, per window)
 *   -> fits (7, per window: limits, z_local, chi2; then z_global) -> 8 interpretation -> 9 outputs
 *
 * Every stage lives in OUT/invisible/<stage>/ with a manifest (tool version, config hash, seed,
 * digests of its inputs); complete stages are skipped on a rerun and interrupted ones resume per
 * unit of work (stage.ts). Outputs: OUT/invisible/limits.csv, summary.json, workspaces/, plots/,
 * hepdata/ (invisibleHepdata.ts) and report.html. The same configuration and seed give a
 * byte-identical limits.csv whatever the number of workers.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { MASS_GRID } from "../../analyses/invisible/binning.ts";
import { WORKSPACE_MODEL } from "../../analyses/invisible/workspace.ts";
import { ConfigError } from "../../core/errors.ts";
import type { Progress } from "../../core/progress.ts";
import { MUMUX_VERSION } from "../../core/version.ts";
import { belle2DefaultCard } from "../../detector/belle2DefaultCard.ts";
import { GENERATOR_MODELS } from "../../generate/processes/index.ts";
import { configHash, type RunConfig } from "../runConfig.ts";
import { Stage, sha256, writeAtomic, writeJsonAtomic } from "../stage.ts";
import { type GlobalToysResult, runGlobalToysStage } from "./globalToysStage.ts";
import { couplingLimitAt, interpret } from "./interpretation.ts";
import { writeInvisibleHepdata } from "./invisibleHepdata.ts";
import { invisiblePlots } from "./invisiblePlots.ts";
import { type PunziResult, readPunziOutputs, runPunziStage } from "./punziStage.ts";
import { loadSampleColumns, runSamplesStage, type SamplesResult } from "./samplesStage.ts";
import { runScanStage, type ScanResult } from "./scanStage.ts";
import {
  type AnalysedSample,
  analysisInputs,
  gridAxes,
  measureResolution,
  runTemplatesStage,
  type TemplatesResult,
} from "./templatesStage.ts";
import { runWideWidthWorkspaces } from "./wideWidthStage.ts";
import { runWorkspacesStage, type WorkspacesResult } from "./workspacesStage.ts";

/** Options of {@link runInvisible}. */
export interface RunInvisibleOptions {
  /** Output directory (OUT); results go to OUT/invisible/. */
  out: string;
  /** Worker threads (default 2). */
  workers?: number;
  /** Progress bars (the CLI passes its own). */
  progress?: (label: string, total: number) => Progress;
  /** One-line notes. */
  note?: (message: string) => void;
  /** Skip the plots and report (tests). Default false. */
  skipPlots?: boolean;
}

/** The headline numbers (also written to summary.json). */
export type InvisibleSummary = Record<string, unknown>;

/** Columns of limits.csv (issue 8). */
export const LIMITS_COLUMNS = [
  "mass_GeV",
  "sigma_ul_obs_fb",
  "sigma_ul_exp_m2",
  "sigma_ul_exp_m1",
  "sigma_ul_exp_med",
  "sigma_ul_exp_p1",
  "sigma_ul_exp_p2",
  "z_local",
  "g_ul_vanilla",
  "g_ul_fully_invisible",
] as const;

/** Number formatting of the CSV: 6 significant digits (deterministic). */
function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : "nan";
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

/**
 * Run (or resume) analysis A into OUT/invisible (module doc).
 *
 * @example const summary = await runInvisible(resolveRunConfig({ fast: true }), { out: "mumux-out" });
 */
export async function runInvisible(cfg: RunConfig, o: RunInvisibleOptions): Promise<InvisibleSummary> {
  const t0 = performance.now();
  const workers = o.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new ConfigError(`must be an integer in 1..256, got ${workers}`, "--workers");
  const root = join(o.out, "invisible");
  try {
    mkdirSync(root, { recursive: true });
  } catch (e) {
    throw new ConfigError(`cannot create ${root} (${(e as Error).message})`, "--out");
  }
  const hash = configHash(cfg);
  writeJsonAtomic(join(root, "config.json"), { mumux: MUMUX_VERSION, configHash: hash, config: cfg });
  const note = o.note ?? (() => {});
  const timings: Record<string, number> = {};
  const lap = (name: string, t: number) => {
    timings[name] = Math.round((performance.now() - t) / 100) / 10;
  };

  // 1-3 samples
  let t = performance.now();
  // each stage is keyed by the part of the configuration it reads plus its inputs' digests, so a
  // change of, say, the scan settings reuses the simulated samples and the trained network
  const part = (...keys: (keyof RunConfig)[]) => configHash(Object.fromEntries(keys.map((k) => [k, cfg[k]])));
  // the scan settings without the number of global toys: more toys must not refit the windows
  const { globalToys: _toys, ...scanCore } = cfg.scan;
  const scanPart = (...keys: (keyof RunConfig)[]) =>
    configHash({ ...Object.fromEntries(keys.map((k) => [k, cfg[k]])), scan: scanCore });
  const sStage = new Stage<SamplesResult>(
    root,
    "samples",
    part("luminosity_fb", "chunkSize", "signal", "backgrounds", "xsecTrials", "selection"),
    cfg.seed,
    // the detector card and the generators are code, not configuration, but a changed card or
    // physics model must not reuse old samples; whether the pseudo-data samples are made (not the
    // injected signal) is the one pseudoData setting read here
    {
      card: sha256(JSON.stringify(belle2DefaultCard())),
      generators: GENERATOR_MODELS,
      pseudoData: cfg.pseudoData.source,
    },
  );
  if (sStage.result) note("samples: complete, skipped");
  const samples = await runSamplesStage(cfg, sStage, { workers, progress: o.progress, note });
  lap("samples", t);
  const loaded = samples.samples.map((s) => ({ summary: s, columns: loadSampleColumns(sStage, s) }));
  const loadedData = samples.pseudoData.map((s) => ({ summary: s, columns: loadSampleColumns(sStage, s) }));

  // 4 Punzi-net
  t = performance.now();
  const pStage = new Stage<PunziResult>(root, "punzinet", part("punzi", "selection"), cfg.seed, {
    samples: sStage.digest,
  });
  if (pStage.result) note("punzinet: complete, skipped");
  const resolution = measureResolution(
    loaded
      .filter((s) => s.summary.process === "signal")
      .map((s) => ({ mass: s.summary.mass!, columns: s.columns })),
  );
  const punzi = runPunziStage(cfg, pStage, loaded, resolution, o.progress, loadedData);
  lap("punzinet", t);
  const withOutputs = (s: (typeof loaded)[number]): AnalysedSample => ({
    ...s,
    punzi: readPunziOutputs(pStage, s.summary.name),
  });
  const analysed = loaded.map(withOutputs);
  const analysedData = loadedData.map(withOutputs);

  // 5 templates
  t = performance.now();
  const inputs = analysisInputs(cfg, analysed);
  const tStage = new Stage<TemplatesResult>(root, "templates", scanPart("pseudoData"), cfg.seed, {
    punzinet: pStage.digest,
    grid: MASS_GRID,
  });
  const templates = runTemplatesStage(cfg, tStage, inputs, analysedData);
  lap("templates", t);

  // 6 workspaces
  t = performance.now();
  const wStage = new Stage<WorkspacesResult>(root, "workspaces", scanPart(), cfg.seed, {
    templates: tStage.digest,
    model: WORKSPACE_MODEL,
  });
  if (wStage.result) note("workspaces: complete, skipped");
  const ws = runWorkspacesStage(cfg, wStage, inputs, templates, o.progress);
  lap("workspaces", t);

  // 7 fits
  t = performance.now();
  const fStage = new Stage<ScanResult>(root, "fits", scanPart(), cfg.seed, { workspaces: wStage.digest });
  if (fStage.result) note("fits: complete, skipped");
  const scan = await runScanStage(cfg, fStage, wStage.dir, ws, workers, o.progress);
  lap("fits", t);

  // 7a toy-based global significance (background-only scans of the whole spectrum)
  let toys: GlobalToysResult | undefined;
  if (cfg.scan.globalToys > 0) {
    t = performance.now();
    const bootstrap = cfg.pseudoData.source === "sample";
    const gStage = new Stage<GlobalToysResult>(root, "global-toys", part("scan"), cfg.seed, {
      workspaces: wStage.digest,
      fits: fStage.digest,
      toyTemplates: bootstrap ? "poisson-bootstrap" : "nominal",
    });
    const cached = gStage.result !== undefined;
    if (cached) note("global toys: complete, skipped");
    toys = await runGlobalToysStage(cfg, gStage, {
      workspacesDir: wStage.dir,
      ws,
      templates,
      inputs,
      scan,
      nToys: cfg.scan.globalToys,
      // data independent of the template MC see its statistical error: so must the toys
      ...(bootstrap
        ? {
            bootstrap: { backgrounds: inputs.backgrounds, axes: gridAxes(inputs) },
          }
        : {}),
      workers,
      progress: o.progress,
    });
    lap("global_toys", t);
    if (!cached)
      note(
        `global toys: ${toys.toys} toys in ${timings.global_toys} s (${((timings.global_toys ?? 0) / toys.toys).toFixed(3)} s per toy), z_global ${toys.z.toFixed(2)}${toys.zIsLowerBound ? " (lower bound)" : ""}`,
      );
  }

  // 7b wide-width benchmark (1D templates, wider windows)
  let wide: ScanResult | undefined;
  if (cfg.scan.wideWidth) {
    t = performance.now();
    const wwStage = new Stage<WorkspacesResult>(root, "wide", scanPart(), cfg.seed, {
      templates: tStage.digest,
      model: WORKSPACE_MODEL,
    });
    const wws = runWideWidthWorkspaces(cfg, wwStage, inputs, templates, o.progress);
    const wfStage = new Stage<ScanResult>(root, "wide-fits", scanPart(), cfg.seed, {
      wide: wwStage.digest,
    });
    wide = await runScanStage(cfg, wfStage, wwStage.dir, wws, workers, o.progress);
    lap("wide", t);
  }

  // 8 interpretation
  t = performance.now();
  const masses = scan.points.map((p) => p.mass);
  const obs = scan.points.map((p) => p.obs);
  const med = scan.points.map((p) => p.exp[2]!);
  const interp = interpret(masses, obs, med, cfg.interpretation.gm2Year, cfg.interpretation.xsecGridPoints);
  lap("interpretation", t);

  // 9 outputs
  const lines = [LIMITS_COLUMNS.join(",")];
  scan.points.forEach((p, i) => {
    lines.push(
      [
        p.mass,
        p.obs,
        ...[0, 1, 2, 3, 4].map((k) => p.exp[k]!),
        p.zLocal,
        interp.gVanilla[i]!,
        interp.gFullyInvisible[i]!,
      ]
        .map(fmt)
        .join(","),
    );
  });
  writeAtomic(join(root, "limits.csv"), `${lines.join("\n")}\n`);
  if (wide) {
    const wl = [LIMITS_COLUMNS.slice(0, 8).join(",")];
    for (const p of wide.points)
      wl.push([p.mass, p.obs, ...[0, 1, 2, 3, 4].map((k) => p.exp[k]!), p.zLocal].map(fmt).join(","));
    writeAtomic(join(root, "limits_wide.csv"), `${wl.join("\n")}\n`);
  }
  writeInvisibleHepdata(root, { cfg, inputs, templates, scan, ...(wide ? { wide } : {}), interp });

  const cut = punzi.passed;
  const bkgs = samples.samples.filter((s) => s.process !== "signal");
  const sigs = samples.samples.filter((s) => s.process === "signal");
  const cutflow: Record<string, unknown> = {};
  for (const s of [...samples.samples, ...samples.pseudoData]) {
    const isSig = s.process === "signal";
    const norm = isSig ? 1 / s.sumWeightsGenerated : 1;
    cutflow[s.name] = {
      unit: isSig
        ? "efficiency"
        : `${samples.pseudoData.includes(s) ? "pseudo-data " : ""}events at ${cfg.luminosity_fb} fb^-1 (after the generator preselection)`,
      steps: ["preselected", ...s.steps, "punziNet"],
      weighted: [...s.weighted, cut[s.name]!.weighted].map((x) => x * norm),
      raw: [...s.raw, cut[s.name]!.raw],
      control: { emu: s.control.emu * norm, ee: s.control.ee * norm },
    };
  }
  // background composition after all cuts, below and above 50 GeV^2
  const below: Record<string, number> = {};
  const above: Record<string, number> = {};
  for (const b of inputs.backgrounds) {
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < b.events.m2.length; k++) {
      if (b.events.m2[k]! < 50) lo += b.events.weight[k]!;
      else hi += b.events.weight[k]!;
    }
    below[b.name] = lo;
    above[b.name] = hi;
  }
  const totLo = Object.values(below).reduce((a, b) => a + b, 0);
  const totHi = Object.values(above).reduce((a, b) => a + b, 0);
  const fractions: Record<
    string,
    { below_50GeV2: number; above_50GeV2: number; events_below: number; events_above: number }
  > = {};
  for (const b of inputs.backgrounds)
    fractions[b.name] = {
      below_50GeV2: totLo > 0 ? below[b.name]! / totLo : 0,
      above_50GeV2: totHi > 0 ? above[b.name]! / totHi : 0,
      events_below: below[b.name]!,
      events_above: above[b.name]!,
    };
  let iMin = -1;
  let iMinExp = -1;
  let iZ = -1;
  scan.points.forEach((p, i) => {
    if (Number.isFinite(p.obs) && (iMin < 0 || p.obs < scan.points[iMin]!.obs)) iMin = i;
    if (Number.isFinite(p.exp[2]!) && (iMinExp < 0 || p.exp[2]! < scan.points[iMinExp]!.exp[2]!)) iMinExp = i;
    if (Number.isFinite(p.zLocal) && (iZ < 0 || p.zLocal > scan.points[iZ]!.zLocal)) iZ = i;
  });
  const gAt = (m: number, model: "vanilla" | "fully-invisible", limits: number[] = obs) =>
    couplingLimitAt(masses, limits, interp.sigmaUnit_fb, m, model);
  const worstGof = scan.points.reduce((m, p) => (Number.isFinite(p.pValue) ? Math.min(m, p.pValue) : m), 1);
  const effAll = templates.efficiency.map((e) => e.efficiency);
  const summary: InvisibleSummary = {
    luminosity_fb: cfg.luminosity_fb,
    n_mass_points: scan.points.length,
    n_hypotheses_full_grid: templates.nHypothesesAll,
    signal_efficiency_median: median(effAll),
    signal_efficiency: templates.efficiency,
    min_sigma_ul_obs_fb: iMin >= 0 ? scan.points[iMin]!.obs : null,
    min_sigma_ul_obs_mass_GeV: iMin >= 0 ? scan.points[iMin]!.mass : null,
    min_sigma_ul_exp_fb: iMinExp >= 0 ? scan.points[iMinExp]!.exp[2] : null,
    max_z_local: iZ >= 0 ? scan.points[iZ]!.zLocal : null,
    max_z_local_mass: iZ >= 0 ? scan.points[iZ]!.mass : null,
    z_global: toys ? toys.z : scan.global.z,
    global_significance: {
      ...(toys
        ? {
            method: toys.method,
            toys: toys.toys,
            p: toys.p,
            p_interval: toys.pInterval,
            z: toys.z,
            z_is_lower_bound: toys.zIsLowerBound,
            n_above: toys.nAbove,
            max_z_local_toys_median: toys.maxZMedian,
            fit_failures: toys.fitFailures,
            failed_windows: toys.failedWindows,
          }
        : { method: "Gross-Vitells, up-crossings of the observed q0 scan" }),
      gross_vitells: scan.global,
    },
    gm2_excluded_GeV: interp.gm2Excluded,
    gm2_excluded_expected_GeV: interp.gm2ExcludedExpected,
    gm2_year: cfg.interpretation.gm2Year,
    g_ul_fully_invisible_at_0p1GeV: gAt(0.1, "fully-invisible"),
    g_ul_vanilla_at_0p1GeV: gAt(0.1, "vanilla"),
    g_ul_vanilla_at_8GeV: gAt(8, "vanilla"),
    // the same from the median expected limits
    g_ul_fully_invisible_at_0p1GeV_expected: gAt(0.1, "fully-invisible", med),
    g_ul_vanilla_at_0p1GeV_expected: gAt(0.1, "vanilla", med),
    g_ul_vanilla_at_8GeV_expected: gAt(8, "vanilla", med),
    median_obs_over_exp: median(scan.points.map((p) => p.obs / p.exp[2]!)),
    worst_gof_p_value: worstGof,
    failed_windows: scan.failedWindows,
    wide_width: wide
      ? {
          gamma_over_M: cfg.scan.wideWidth!.gammaOverM,
          n_mass_points: wide.points.length,
          min_sigma_ul_obs_fb: Math.min(...wide.points.map((p) => p.obs).filter(Number.isFinite)),
          min_sigma_ul_exp_fb: Math.min(...wide.points.map((p) => p.exp[2]!).filter(Number.isFinite)),
          max_z_local: Math.max(0, ...wide.points.map((p) => p.zLocal).filter(Number.isFinite)),
          file: "limits_wide.csv",
        }
      : null,
    background_fractions: fractions,
    cutflow,
    punzi_net: {
      auc: punzi.auc,
      sensitivity_gain_median: punzi.sensitivityGainMedian,
      training_events: punzi.trainingEvents,
      epochs: punzi.epochs,
      kept_epoch: punzi.keptEpoch ?? null,
    },
    resolution_GeV2: templates.resolution.map((r) => ({ mass: r.mass, m2: r.m2, sigma: r.width })),
    samples: samples.samples.map((s) => ({
      name: s.name,
      events: s.nEvents,
      sigma_fb: s.sigma_fb,
      sigma_err_fb: s.sigma_err_fb,
      mc_luminosity_fb: s.process === "signal" ? null : cfg.luminosity_fb / s.scale,
      selected_steps_1_7: s.nSelected,
    })),
    pseudo_data: {
      events: templates.pseudoData.total,
      source: templates.pseudoData.source,
      events_per_sample: templates.pseudoData.perSample,
      inject: templates.pseudoData.inject,
    },
    provenance: {
      mumux: MUMUX_VERSION,
      config_hash: hash,
      seed: cfg.seed,
      stages: {
        samples: sStage.digest,
        punzinet: pStage.digest,
        templates: tStage.digest,
        workspaces: wStage.digest,
        fits: fStage.digest,
      },
    },
    background_samples: bkgs.map((b) => b.name),
    signal_masses: sigs.map((s) => s.mass),
  };
  if (!o.skipPlots) {
    t = performance.now();
    await invisiblePlots(root, { cfg, analysed, inputs, templates, punzi, scan, interp, summary });
    lap("plots", t);
  }
  summary.seconds = { ...timings, total: Math.round((performance.now() - t0) / 100) / 10 };
  writeJsonAtomic(join(root, "summary.json"), summary);
  if (!existsSync(join(root, "limits.csv"))) throw new Error("limits.csv was not written");
  return summary;
}
