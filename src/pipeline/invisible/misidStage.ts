/**
 * The backgrounds whose muon pairs are misidentified (e e, e e e e, pi pi; paper: BabaYaga@NLO, AAFH,
 * PHOKHARA) after the whole selection of analysis A, Punzi-net included: the study behind the
 * issue's "+ eeee, pipi, ee where they matter". `mumux run` leaves them out of the templates; this
 * study measures what they would add, with the run's own configuration and Punzi-net.
 *
 * Their pairs pass the muon ID with probability 4 x 10^-6 (fast electrons) to 4 x 10^-2 (slow pions;
 * card pid.muon.electron, .pion), so
 * a random draw would need the e e sample at the full 79.7 fb^-1 (7 x 10^7 preselected events,
 * ~1 day of CPU) to see a few events. Each sample is instead simulated with muon ID by weight
 * (sampleChunk.ts `muonIdWeighted`): every track passes the muon ID and each event carries the
 * product of its two candidates' probabilities, which estimates the same yield without bias from
 * a sample `lumiFactor` x the data luminosity.
 *
 * Layout: OUT/invisible/misid/<process>/ is one resumable stage per process (chunks as in the
 * samples stage, keyed by the run configuration, the lumiFactor and the Punzi-net's digest), and
 * OUT/invisible/misid/result.json collects the processes of the last call.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, InputError } from "../../core/errors.ts";
import type { Progress } from "../../core/progress.ts";
import { PROCESSES } from "../../generate/processes/index.ts";
import { readJsonFile } from "../../io/readJson.ts";
import { modelFromJson } from "../../mva/modelJson.ts";
import { configHash, type RunConfig, RunConfigSchema } from "../runConfig.ts";
import { readJsonIfPresent, Stage, writeJsonAtomic } from "../stage.ts";
import { punziOutputs } from "./punziStage.ts";
import type { SampleChunkResult, SampleChunkTask } from "./sampleChunk.ts";
import { chunkBase, readChunkColumns, readChunkMetas, runChunkTasks, saveChunk } from "./samplesStage.ts";
import { punziCutOf } from "./templatesStage.ts";

/** Default processes and MC luminosity factors: about 7 x 10^5, 6 x 10^5 and 1.5 x 10^4 events. */
export const MISID_DEFAULT_SAMPLES: Readonly<Record<string, number>> = { ee: 0.01, eeee: 0.1, pipi: 10 };

/** The M2_recoil boundary of the paper's background make-up [GeV^2]. */
const M2_SPLIT = 50;

/** Seed layout as in the samples stage, with sample ids of their own. */
const SEED_STRIDE = 2 ** 20;
const SIM_OFFSET = 2 ** 19;
const MISID_SAMPLE_OFFSET = 700;

/** A yield at the data luminosity with its MC error and the number of MC events behind it. */
export interface Yield {
  events: number;
  error: number;
  mcEvents: number;
}

/** One process of the study. */
export interface MisidSampleResult {
  process: string;
  lumiFactor: number;
  nEvents: number;
  chunks: number;
  /** Preselected cross section [fb]. */
  sigma_fb: number;
  sigma_err_fb: number;
  /** Events at the data luminosity per unit of generated weight. */
  scale: number;
  /** Cut flow at the data luminosity (index 0 = preselected), muon ID by weight from its step on. */
  steps: string[];
  weighted: number[];
  /** MC events after each step (muon ID certain). */
  raw: number[];
  /** After steps 1-7, below and above M2_SPLIT. */
  cuts: { below: Yield; above: Yield };
  /** After the Punzi-net too. */
  punzi: { below: Yield; above: Yield };
  /** Events at the data luminosity in the e mu and e e control samples (steps 1-7, IDs swapped). */
  control: { emu: number; ee: number };
}

/** Result of {@link runMisidStudy}. */
export interface MisidResult {
  luminosity_fb: number;
  punziCut: number;
  m2Split_GeV2: number;
  samples: MisidSampleResult[];
  /** The run's own background after the Punzi-net (summary.json), when the run has finished. */
  runBackground?: { below: number; above: number };
  /** Each process's share of run background + misidentified backgrounds, below / above M2_SPLIT. */
  fractions?: Record<string, { below: number; above: number }>;
}

/** Options of {@link runMisidStudy}. */
export interface MisidOptions {
  /** Output directory of the run (the study reads and writes OUT/invisible). */
  out: string;
  /** Process name -> MC luminosity / data luminosity. */
  samples: Record<string, number>;
  workers: number;
  progress?: ((label: string, total: number) => Progress) | undefined;
  note?: ((message: string) => void) | undefined;
}

function addYield(y: Yield, w: number): void {
  y.events += w;
  y.error += w * w;
  y.mcEvents++;
}

const zero = (): Yield => ({ events: 0, error: 0, mcEvents: 0 });

/**
 * Run (or resume) the study (module doc) on the run in `o.out`.
 * @throws InputError when the run has no finished Punzi-net; ConfigError for an unknown process or a bad factor
 */
export async function runMisidStudy(o: MisidOptions): Promise<MisidResult> {
  const root = join(o.out, "invisible");
  const cfgFile = join(root, "config.json");
  const pManifest = readJsonIfPresent<{ digest?: string }>(join(root, "punzinet", "manifest.json"));
  if (!existsSync(cfgFile) || !pManifest?.digest)
    throw new InputError(
      `no finished Punzi-net in ${root} (run \`mumux run --out ${o.out}\` first)`,
      join(root, "punzinet"),
    );
  const doc = readJsonFile(cfgFile) as { config?: unknown } | null;
  const parsed = RunConfigSchema.safeParse(doc?.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `not a run configuration of this mumux version (config.${issue?.path.join(".")}: ${issue?.message}); rerun \`mumux run\``,
      cfgFile,
    );
  }
  const cfg: RunConfig = parsed.data;
  for (const [name, f] of Object.entries(o.samples)) {
    if (!PROCESSES[name])
      throw new ConfigError(
        `unknown process (expected one of ${Object.keys(PROCESSES).join(", ")})`,
        `samples.${name}`,
      );
    if (!(f > 0 && Number.isFinite(f)))
      throw new ConfigError(`lumiFactor must be a positive number, got ${f}`, `samples.${name}`);
  }
  const modelFile = join(root, "punzinet", "model.json");
  const model = modelFromJson(readJsonFile(modelFile), modelFile);
  const cut = punziCutOf(cfg);
  const common = configHash({
    luminosity_fb: cfg.luminosity_fb,
    chunkSize: cfg.chunkSize,
    xsecTrials: cfg.xsecTrials,
    selection: cfg.selection,
  });

  // stages and their chunk tasks
  const names = Object.keys(o.samples);
  const plans = names.map((name) => {
    const lumiFactor = o.samples[name]!;
    const stage = new Stage<MisidSampleResult>(
      join(root, "misid"),
      name,
      configHash({ common, lumiFactor }),
      cfg.seed,
      { punzinet: pManifest.digest! },
    );
    const id = MISID_SAMPLE_OFFSET + 1 + Object.keys(PROCESSES).indexOf(name);
    return {
      name,
      lumiFactor,
      stage,
      genSeed: cfg.seed * SEED_STRIDE + id,
      simSeed: cfg.seed * SEED_STRIDE + SIM_OFFSET + id,
    };
  });
  const open = plans.filter((p) => !p.stage.result);
  const xs = new Map<string, { sigma_fb: number; sigma_err_fb: number }>();
  for (const p of open) {
    const file = p.stage.path("xsec.json");
    let x = readJsonIfPresent<{ sigma_fb: number; sigma_err_fb: number }>(file);
    if (!x) {
      o.note?.(`cross section of ${p.name} with preselection (${cfg.xsecTrials} trials)`);
      const c = PROCESSES[p.name]!.crossSection({ preselect: true, trials: cfg.xsecTrials, seed: p.genSeed });
      x = { sigma_fb: c.sigma_fb, sigma_err_fb: c.sigma_err_fb };
      writeJsonAtomic(file, x);
    }
    xs.set(p.name, x);
  }
  const nEventsOf = (p: (typeof plans)[number]) =>
    Math.max(1, Math.round(xs.get(p.name)!.sigma_fb * cfg.luminosity_fb * p.lumiFactor));
  const tasks: { plan: (typeof plans)[number]; task: SampleChunkTask }[] = [];
  let total = 0;
  for (const p of open) {
    const n = nEventsOf(p);
    for (let k = 0; k * cfg.chunkSize < n; k++) {
      const m = Math.min(cfg.chunkSize, n - k * cfg.chunkSize);
      total += m;
      tasks.push({
        plan: p,
        task: {
          process: p.name,
          nEvents: m,
          chunk: k,
          genSeed: p.genSeed,
          simSeed: p.simSeed,
          selection: cfg.selection as SampleChunkTask["selection"],
          muonIdWeighted: true,
        },
      });
    }
  }
  const bar = total > 0 ? o.progress?.("misidentified backgrounds", total) : undefined;
  const save = (p: (typeof plans)[number], r: SampleChunkResult) => {
    saveChunk(p.stage.dir, r);
    bar?.tick(r.nEvents, p.name);
  };
  const todo = tasks.filter(({ plan, task }) => {
    if (!existsSync(`${chunkBase(plan.stage.dir, task.chunk)}.json`)) return true;
    bar?.tick(task.nEvents);
    return false;
  });
  await runChunkTasks(todo, o.workers, ({ plan }, r) => save(plan, r));
  bar?.done();

  // summaries
  for (const p of open) {
    const n = nEventsOf(p);
    const nChunks = Math.ceil(n / cfg.chunkSize);
    const metas = readChunkMetas(p.stage.dir, nChunks);
    const cols = readChunkColumns(p.stage.dir, metas);
    const x = xs.get(p.name)!;
    const sumW = metas.reduce((s, m) => s + m.sumWeightsGenerated, 0);
    const scale = (x.sigma_fb * cfg.luminosity_fb) / sumW;
    const raw = metas[0]!.raw.map((_, j) => metas.reduce((s, m) => s + m.raw[j]!, 0));
    const weighted = metas[0]!.weighted.map((_, j) => scale * metas.reduce((s, m) => s + m.weighted[j]!, 0));
    const out = punziOutputs(model, cols);
    const cuts = { below: zero(), above: zero() };
    const punzi = { below: zero(), above: zero() };
    for (let i = 0; i < cols.m2Recoil.length; i++) {
      const m2 = cols.m2Recoil[i]!;
      if (!Number.isFinite(m2)) continue;
      const w = cols.weight[i]! * scale;
      const side = m2 < M2_SPLIT ? "below" : "above";
      addYield(cuts[side], w);
      if (out[i]! > cut) addYield(punzi[side], w);
    }
    for (const y of [cuts.below, cuts.above, punzi.below, punzi.above]) y.error = Math.sqrt(y.error);
    p.stage.finish({
      process: p.name,
      lumiFactor: p.lumiFactor,
      nEvents: n,
      chunks: nChunks,
      ...x,
      scale,
      steps: metas[0]!.steps,
      weighted,
      raw,
      cuts,
      punzi,
      control: {
        emu: scale * metas.reduce((t, m) => t + m.control.emu, 0),
        ee: scale * metas.reduce((t, m) => t + m.control.ee, 0),
      },
    });
  }

  const result: MisidResult = {
    luminosity_fb: cfg.luminosity_fb,
    punziCut: cut,
    m2Split_GeV2: M2_SPLIT,
    samples: plans.map((p) => p.stage.result!),
  };
  const summary = readJsonIfPresent<{
    background_fractions?: Record<string, { events_below: number; events_above: number }>;
  }>(join(root, "summary.json"));
  if (summary?.background_fractions) {
    const runBkg = Object.values(summary.background_fractions);
    const below = runBkg.reduce((s, b) => s + b.events_below, 0);
    const above = runBkg.reduce((s, b) => s + b.events_above, 0);
    const totBelow = below + result.samples.reduce((s, r) => s + r.punzi.below.events, 0);
    const totAbove = above + result.samples.reduce((s, r) => s + r.punzi.above.events, 0);
    result.runBackground = { below, above };
    result.fractions = Object.fromEntries(
      result.samples.map((r) => [
        r.process,
        { below: r.punzi.below.events / totBelow, above: r.punzi.above.events / totAbove },
      ]),
    );
  }
  writeJsonAtomic(join(root, "misid", "result.json"), result);
  return result;
}
