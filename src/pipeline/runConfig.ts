/**
 * The run configuration of `mumux run` (analysis A, the invisible Z' search, issue 8): one typed,
 * validated object (zod) with the paper's defaults, a `--fast` preset, JSON loading with unknown
 * keys rejected (ConfigError naming the key path), and a sha256 hash of its canonical JSON for
 * provenance and for resuming finished stages.
 *
 * Budget choices (bench/pipeline.bench.ts, Node 20, one thread of a 2-core machine): one chunk of
 * generation with the preselection + simulation + selection costs about 145 us (mu mu), 40 us
 * (tau tau) and 97 us (e e mu mu, exact matrix element) per preselected event, 11 us per signal
 * event (an earlier machine of the same kind ran 25-45% faster); at 79.7 fb^-1 the preselected
 * samples hold 1.5 M, 9.3 M and 6.1 M events, about 1000 s of CPU, and the independent
 * pseudo-data samples (`pseudoData.source` "sample") as much again. The default therefore
 * simulates all three backgrounds at the full data luminosity (weights 1) and smooths their
 * templates (`scan.backgroundKernel`), which keeps `mumux run` at 16-23 minutes on 2 cores (30
 * minutes allowed); `lumiFactor` > 1 buys better templates when time allows.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ConfigError } from "../core/errors.ts";
import { PROCESSES } from "../generate/processes/index.ts";
import { readJsonFile } from "../io/readJson.ts";

const positive = z.number().positive().finite();
const posInt = z.number().int().positive();

const BackgroundSchema = z.strictObject({
  /** MC luminosity / data luminosity (weights are 1 / lumiFactor). */
  lumiFactor: positive,
});

/** zod schema of the run configuration (exported for documentation and tests). */
export const RunConfigSchema = z.strictObject({
  /** Master seed of every random stream of the run. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** Data luminosity [fb^-1] (the paper: 79.7). */
  luminosity_fb: positive,
  /** Events per unit of work (generation + simulation + selection chunk). */
  chunkSize: posInt.max(1_000_000),
  signal: z.strictObject({
    /** Simulated Z' masses [GeV] (the templates interpolate between them). */
    masses: z.array(positive.max(10)).min(2),
    /** Generated events per simulated mass. */
    eventsPerMass: posInt,
  }),
  /** Background samples by process name (mumu, tautau, eemumu, eeee, ee, pipi, mumumumu). */
  backgrounds: z.record(z.string(), BackgroundSchema),
  /** Trials of the preselected cross-section integration per background. */
  xsecTrials: posInt,
  /** Cut values (src/analyses/invisible/selection.ts SelectionConfig; degrees, GeV). */
  selection: z.record(z.string(), z.unknown()),
  punzi: z.strictObject({
    /** BCE pre-training epochs (published: 150). */
    bceEpochs: z.number().int().min(0),
    /** Punzi-loss epochs (published: 500). */
    punziEpochs: z.number().int().min(0),
    /** At most this many selected events per sample enter the training (every k-th event). */
    maxTrainPerSample: posInt,
    /**
     * Optimiser of the Punzi-loss phase (full batch). Published: SGD, lr 0.05 (at 50 fb^-1; the
     * Punzi loss scales as 1/L). Default here: Adam, lr 0.01: on the default samples the published
     * SGD step left the network near its BCE start (median sensitivity gain 1.07, tau tau and
     * e e mu mu barely reduced); with Adam, the tiled background windows and the hard-cut epoch
     * choice the median gain is 6.6 (paper: 5-15).
     */
    punziOptimizer: z.strictObject({ kind: z.enum(["sgd", "adam"]), lr: positive }),
    /**
     * Which parameters of the Punzi phase to keep: "hardCut" (default) those of the epoch with
     * the best Punzi loss of the applied cut (outputs thresholded at the Punzi-net cut), "last"
     * those after the last epoch (the published code). The soft loss is not the figure of merit
     * of the hard cut: on the default samples the last epoch's selection changed from run to run
     * (e.g. 15% of the e e mu mu above 50 GeV^2 kept in one sample realisation, 0.3% in another).
     */
    keepEpoch: z.enum(["hardCut", "last"]),
  }),
  scan: z.strictObject({
    /** Lowest and highest hypothesis mass [GeV] (paper: 0.01, 8.5). */
    massMin: positive,
    massMax: positive,
    /** Keep every n-th hypothesis of the resolution-spaced grid (1 = all, the paper's 582). */
    massStep: posInt,
    /** CLs level (0.1 = 90% CL). */
    level: z.number().positive().lt(1),
    /** "paper" systematics or "none" (MC statistics only). */
    systematics: z.enum(["paper", "none"]),
    /** Reference level u0 = Z^2 for the Gross-Vitells up-crossings. */
    upcrossingLevel: z.number().min(0),
    /**
     * Background-only pseudo-experiments of the whole scan for the toy-based global significance
     * (global-toys stage; 0 = off, Gross-Vitells only). N toys resolve global p-values down to
     * ~1/N (Z ~ 2.9 at N = 600). Cost on the default run's 403 windows: 0.27 s per toy on one
     * thread (bench/globalToys.bench.ts); the stage on 2 workers took 197 s for 800 toys on a
     * machine shared with other jobs (load 4.3), ~0.14 s per toy when the 2 cores are free: the
     * default 600 adds ~1.5 min (2.5 min on a busy machine).
     */
    globalToys: z.number().int().min(0).max(100_000),
    /**
     * Background templates from an adaptive Gaussian kernel in M2 (analyses/invisible/
     * adaptiveKernel.ts): width = half the distance to the `neighbours`-th nearest MC event of the
     * same theta cell, clamped to [minWidth, maxWidth] x the signal M2 resolution; null = plain
     * histograms of the MC. With background MC at the data luminosity most template bins hold 0 or
     * 1 MC events: plain histograms then read every fluctuation of the MC as a feature of the
     * background, and independent pseudo-data give fake excesses of 5 sigma.
     */
    backgroundKernel: z
      .strictObject({ neighbours: posInt, minWidth: positive, maxWidth: positive })
      .refine((k) => k.maxWidth >= k.minWidth, { message: "maxWidth must be >= minWidth" })
      .nullable(),
    /** Wide-width benchmark (Gamma = gammaOverM M, 1D templates, wider windows) on every massStep-th scanned mass; null = off. */
    wideWidth: z.strictObject({ gammaOverM: z.number().positive().max(1), massStep: posInt }).nullable(),
  }),
  pseudoData: z.strictObject({
    /**
     * Where the background-only pseudo-data come from. "sample" (default): an independent
     * simulated sample of every background at exactly the data luminosity (its own generator and
     * detector streams), selected and classified like the MC, each selected event one count; the
     * pseudo-data then fluctuate independently of the template MC, as real data do, at the price of
     * generating every background a second time. "templates": one Poisson draw per cell around
     * the template MC itself (cheap; used by --fast), which reproduces the MC's own fluctuations: data
     * fall only where the MC has events, so observed limits come out too strong where the MC is
     * sparse and the goodness of fit too good.
     */
    source: z.enum(["sample", "templates"]),
    /** Inject a signal of this mass [GeV] and sigma x B [fb] into the pseudo-data (null: background only). */
    inject: z.strictObject({ mass: positive, sigma_fb: z.number().min(0) }).nullable(),
  }),
  interpretation: z.strictObject({
    /** Delta a_mu input of the (g-2) band: "2021" (the paper), "2023" or "2025". */
    gm2Year: z.enum(["2021", "2023", "2025"]),
    /** Masses of the sigma(g' = 1) table that is interpolated to all hypotheses. */
    xsecGridPoints: z.number().int().min(4),
  }),
});

/** A validated run configuration. */
export type RunConfig = z.infer<typeof RunConfigSchema>;

/** The default configuration (paper settings within the 30-minute budget; module comment). */
export function defaultRunConfig(): RunConfig {
  return {
    seed: 1,
    luminosity_fb: 79.7,
    chunkSize: 25_000,
    signal: {
      masses: [
        0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5,
        8, 8.5,
      ],
      eventsPerMass: 20_000,
    },
    backgrounds: { mumu: { lumiFactor: 1 }, tautau: { lumiFactor: 1 }, eemumu: { lumiFactor: 1 } },
    xsecTrials: 400_000,
    selection: {},
    punzi: {
      bceEpochs: 150,
      punziEpochs: 500,
      maxTrainPerSample: 100_000,
      punziOptimizer: { kind: "adam", lr: 0.01 },
      keepEpoch: "hardCut",
    },
    scan: {
      massMin: 0.01,
      massMax: 8.5,
      massStep: 1,
      level: 0.1,
      systematics: "paper",
      upcrossingLevel: 1,
      globalToys: 600,
      backgroundKernel: { neighbours: 20, minWidth: 0.5, maxWidth: 4 },
      wideWidth: { gammaOverM: 0.1, massStep: 4 },
    },
    pseudoData: { source: "sample", inject: null },
    interpretation: { gm2Year: "2021", xsecGridPoints: 40 },
  };
}

/**
 * The `--fast` preset over the defaults: about every 10th mass hypothesis, 12 simulated masses
 * of 5000 events, backgrounds at 4% of the data luminosity, training on at most 20k events per
 * sample, pseudo-data drawn around the templates (smoke tests; the limits are then weaker and noisier than the full run's, since the
 * background MC statistics set the template quality).
 */
export const FAST_PRESET: DeepPartial<RunConfig> = {
  signal: {
    masses: [0.01, 0.1, 0.35, 0.75, 1.25, 2, 3, 4, 5, 6, 7, 8.5],
    eventsPerMass: 5_000,
  },
  backgrounds: { mumu: { lumiFactor: 0.04 }, tautau: { lumiFactor: 0.04 }, eemumu: { lumiFactor: 0.04 } },
  xsecTrials: 100_000,
  punzi: { bceEpochs: 150, punziEpochs: 500, maxTrainPerSample: 20_000 },
  scan: { massStep: 10, globalToys: 20, wideWidth: { gammaOverM: 0.1, massStep: 2 } },
  // an independent data sample at the full luminosity would cost 25 times the fast MC
  pseudoData: { source: "templates" },
  interpretation: { xsecGridPoints: 16 },
};

/** Recursive partial (plain data only). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Deep merge of plain objects (arrays and scalars are replaced). `backgrounds` is replaced as a
 * whole when the overlay names it, so a config can drop a sample.
 */
export function mergeConfig(base: unknown, over: unknown, path = ""): unknown {
  if (!isPlain(base) || !isPlain(over) || path === "backgrounds") return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v, path ? `${path}.${k}` : k);
  return out;
}

/**
 * Validate a configuration value (already merged over the defaults).
 * @throws ConfigError naming the first offending key path, e.g. `scan.massStepp: unknown key`
 */
export function parseRunConfig(value: unknown, file?: string): RunConfig {
  const r = RunConfigSchema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0]!;
    const path = first.path.map(String).join(".");
    if (first.code === "unrecognized_keys") {
      const keys = (first as { keys: string[] }).keys;
      const where = keys.map((k) => (path ? `${path}.${k}` : k)).join(", ");
      throw new ConfigError(`unknown key${keys.length > 1 ? "s" : ""}`, where, file);
    }
    throw new ConfigError(first.message, path || "(root)", file);
  }
  const c = r.data;
  for (const name of Object.keys(c.backgrounds))
    if (!(name in PROCESSES))
      throw new ConfigError(
        `unknown background process (expected one of ${Object.keys(PROCESSES).join(", ")})`,
        `backgrounds.${name}`,
        file,
      );
  if (!(c.scan.massMin < c.scan.massMax))
    throw new ConfigError(`must be below scan.massMax (${c.scan.massMax})`, "scan.massMin", file);
  return c;
}

/** Options of {@link resolveRunConfig}. */
export interface ResolveOptions {
  /** Apply {@link FAST_PRESET} before the file. */
  fast?: boolean;
  /** A JSON file with overrides (any subset of the keys). */
  file?: string;
  /** Last-word overrides (e.g. the CLI's --seed). */
  overrides?: DeepPartial<RunConfig>;
}

/**
 * defaults <- fast preset <- config file <- overrides, validated.
 *
 * @example const cfg = resolveRunConfig({ fast: true, overrides: { seed: 7 } });
 */
export function resolveRunConfig(o: ResolveOptions = {}): RunConfig {
  let v: unknown = defaultRunConfig();
  if (o.fast) v = mergeConfig(v, FAST_PRESET);
  if (o.file) {
    const doc = readJsonFile(o.file);
    if (!isPlain(doc)) throw new ConfigError("a run configuration must be a JSON object", undefined, o.file);
    v = mergeConfig(v, doc);
    return parseRunConfig(o.overrides ? mergeConfig(v, o.overrides) : v, o.file);
  }
  if (o.overrides) v = mergeConfig(v, o.overrides);
  return parseRunConfig(v);
}

/** JSON with object keys sorted at every level (the canonical form that is hashed). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (isPlain(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** sha256 (hex) of the canonical JSON of a configuration. */
export function configHash(c: unknown): string {
  return createHash("sha256").update(canonicalJson(c)).digest("hex");
}
