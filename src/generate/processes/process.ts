/**
 * The contract every standard-model background process fulfils, and the engine that turns a
 * process's trial sampler into cross sections, unweighted and weighted event chunks.
 *
 * A process supplies a {@link Sampler}: an envelope cross section sigma_env [fb] and a `trial`
 * that builds one event in the c.m. frame (incoming e- along +z, basf2 convention, see
 * src/physics/beams.ts) and returns an acceptance ratio r in [0, 1], such that
 *
 *   sigma = sigma_env <r>,   d sigma = sigma_env r d(sampled measure).
 *
 * Unweighted events keep a trial with probability r; weighted events keep every trial with r > 0
 * and weight sigma_env r / N_trials [fb per event]. A sampler that importance-samples without a
 * strict bound (the focused two-photon sampler used with the preselection) may return r > 1: such
 * trials are kept with weight r ("partial unweighting"; every other event has weight 1), so the
 * sample stays exact; the fraction of such events is reported by the sampler. The optional preselection acts on the
 * finished event (c.m. and lab momenta) and multiplies r by 0 or 1, so the quoted cross section
 * changes accordingly. Every chunk draws from the stream it is given (the CLI passes
 * `stream(seed, k)` for chunk k), so samples do not depend on the number of workers.
 */
import { ConfigError } from "../../core/errors.ts";
import { type Stream, stream } from "../../core/random.ts";
import { type BeamFrame, beamFrame, belle2Beams, cmToLabVector } from "../../physics/beams.ts";
import { type TruthEvents, TruthEventsBuilder } from "../../physics/truthEvents.ts";
import { EventScratch } from "./eventScratch.ts";

/** One trial sampler of a process at fixed beams (see module doc). */
export interface Sampler {
  /** Envelope cross section [fb]: sigma = sigmaEnvelopeFb * <ratio>. */
  readonly sigmaEnvelopeFb: number;
  /** Build one event into `ev` (c.m. frame, GeV) and return its acceptance ratio in [0, 1]. */
  trial(rng: Stream, ev: EventScratch): number;
}

/** Generator-level preselection on a finished event: c.m. and lab momenta of the same particles. */
export type Preselection = (cm: EventScratch, lab: EventScratch, frame: BeamFrame) => boolean;

/** What a process file exports; {@link makeProcess} turns it into a {@link Process}. */
export interface ProcessDefinition {
  /** CLI name, e.g. "mumu". */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Reference cross section and where it comes from (for reports and tests). */
  readonly reference: string;
  /** Plain-words description of the preselection (what is cut and why it is looser than the analyses). */
  readonly preselectionDoc: string;
  /** Trials used by {@link Process.crossSection} when none are given. */
  readonly defaultTrials: number;
  /**
   * Build the sampler for these beams (may be costly: the engine caches it per beam frame and
   * preselection flag). With `preselect` a process may return a sampler focused on the
   * preselected region; it must still be exact for every event that can pass the preselection.
   */
  makeSampler(frame: BeamFrame, preselect: boolean): Sampler;
  /** The generator-level preselection. */
  readonly preselect: Preselection;
  /** Optional cheap necessary condition of `preselect` on the c.m. event (skips the lab boost). */
  readonly prefilter?: (cm: EventScratch) => boolean;
}

/** Options shared by cross sections and generation. */
export interface ProcessOptions {
  /** Apply the documented generator-level preselection (default false). */
  preselect?: boolean;
  /** Beam frame (default: Belle II nominal beams, c.m. axes with e- along +z). */
  frame?: BeamFrame;
}

/** Options of {@link Process.crossSection}. */
export interface CrossSectionOptions extends ProcessOptions {
  /** Number of trials (default: the process's `defaultTrials`). */
  trials?: number;
  /** Seed of the integration streams (default 1); trials are drawn in chunks from stream(seed, k). */
  seed?: number;
}

/** Options of {@link Process.generate}. */
export interface GenerateOptions extends ProcessOptions {
  /** Momentum frame of the output: "lab" (default) or "cm" (c.m., e- along +z). */
  output?: "lab" | "cm";
}

/** A cross section with its Monte Carlo uncertainty. */
export interface CrossSection {
  /** Process name. */
  process: string;
  /** Cross section [fb]. */
  sigma_fb: number;
  /** One-standard-deviation Monte Carlo uncertainty [fb]. */
  sigma_err_fb: number;
  /** Whether the preselection was applied. */
  preselect: boolean;
  /** Number of trials used. */
  trials: number;
}

/** A chunk of events and the number of trials it took. */
export interface GeneratedChunk {
  events: TruthEvents;
  /** Trials drawn (for weighted chunks: the normalisation of the weights). */
  trials: number;
}

/** A background process: cross sections and event generation. */
export interface Process {
  readonly name: string;
  readonly description: string;
  readonly reference: string;
  readonly preselectionDoc: string;
  /** Integrate the cross section [fb] with its MC uncertainty. */
  crossSection(opts?: CrossSectionOptions): CrossSection;
  /**
   * Exactly `nEvents` unweighted events (weight 1 each, except the rare partially unweighted
   * events of focused samplers, see the module doc) drawn from `rng`.
   *
   * @example PROCESSES.mumu.generate(10_000, stream(seed, chunk), { preselect: true })
   */
  generate(nEvents: number, rng: Stream, opts?: GenerateOptions): TruthEvents;
  /** `nTrials` weighted trials; events with non-zero weight are kept, weights in fb (sum = sigma). */
  generateWeighted(nTrials: number, rng: Stream, opts?: GenerateOptions): GeneratedChunk;
}

const CHUNK_TRIALS = 50_000;

/** Default beam frame: Belle II nominal, c.m. axes with the incoming e- along +z. */
export function defaultFrame(): BeamFrame {
  return beamFrame(belle2Beams());
}

/** Copy the c.m. momenta of `cm` into `lab`, transformed to the laboratory frame. */
export function toLab(frame: BeamFrame, cm: EventScratch, lab: EventScratch, tmp: Float64Array): void {
  lab.n = cm.n;
  for (let i = 0; i < cm.n; i++) {
    lab.pdg[i] = cm.pdg[i]!;
    lab.status[i] = cm.status[i]!;
    lab.mother[i] = cm.mother[i]!;
    cmToLabVector(frame, cm.px[i]!, cm.py[i]!, cm.pz[i]!, cm.e[i]!, tmp, 0);
    lab.px[i] = tmp[0]!;
    lab.py[i] = tmp[1]!;
    lab.pz[i] = tmp[2]!;
    lab.e[i] = tmp[3]!;
  }
}

/** Build a {@link Process} from its definition (samplers cached per beam frame). */
export function makeProcess(def: ProcessDefinition): Process {
  const cache = new WeakMap<BeamFrame, Sampler>();
  const cachePre = new WeakMap<BeamFrame, Sampler>();
  let defaultF: BeamFrame | undefined;
  const frameOf = (o?: ProcessOptions): BeamFrame => {
    if (o?.frame) return o.frame;
    defaultF ??= defaultFrame();
    return defaultF;
  };
  const samplerOf = (f: BeamFrame, preselect: boolean): Sampler => {
    const c = preselect ? cachePre : cache;
    let s = c.get(f);
    if (!s) {
      s = def.makeSampler(f, preselect);
      c.set(f, s);
    }
    return s;
  };

  function run(
    rng: Stream,
    opts: GenerateOptions | undefined,
    mode: "unweighted" | "weighted",
    n: number,
    out: TruthEventsBuilder,
  ): number {
    const frame = frameOf(opts);
    const preselect = opts?.preselect ?? false;
    const sampler = samplerOf(frame, preselect);
    const cmOut = opts?.output === "cm";
    const cm = new EventScratch();
    const lab = new EventScratch();
    const tmp = new Float64Array(4);
    let trials = 0;
    const target = n;
    for (;;) {
      if (mode === "weighted" ? trials >= target : out.nEvents >= target) break;
      trials++;
      cm.reset();
      const r = sampler.trial(rng, cm);
      if (!(r > 0)) continue;
      if (mode === "unweighted" && rng.uniform() >= r) continue;
      if (preselect && def.prefilter && !def.prefilter(cm)) continue;
      toLab(frame, cm, lab, tmp);
      if (preselect && !def.preselect(cm, lab, frame)) continue;
      const w = mode === "weighted" ? (sampler.sigmaEnvelopeFb * r) / target : Math.max(r, 1);
      (cmOut ? cm : lab).copyTo(out, w);
    }
    return trials;
  }

  return {
    name: def.name,
    description: def.description,
    reference: def.reference,
    preselectionDoc: def.preselectionDoc,
    crossSection(opts) {
      const frame = frameOf(opts);
      const preselect = opts?.preselect ?? false;
      const sampler = samplerOf(frame, preselect);
      const trials = opts?.trials ?? def.defaultTrials;
      if (!Number.isSafeInteger(trials) || trials < 1)
        throw new ConfigError(`trials must be a positive integer, got ${trials}`, "trials");
      const seed = opts?.seed ?? 1;
      const cm = new EventScratch();
      const lab = new EventScratch();
      const tmp = new Float64Array(4);
      let sum = 0;
      let sum2 = 0;
      let done = 0;
      for (let k = 0; done < trials; k++) {
        const rng = stream(seed, k);
        const m = Math.min(CHUNK_TRIALS, trials - done);
        for (let i = 0; i < m; i++) {
          cm.reset();
          let r = sampler.trial(rng, cm);
          if (!(r > 0)) continue;
          if (preselect) {
            if (def.prefilter && !def.prefilter(cm)) continue;
            toLab(frame, cm, lab, tmp);
            if (!def.preselect(cm, lab, frame)) r = 0;
          }
          sum += r;
          sum2 += r * r;
        }
        done += m;
      }
      const mean = sum / trials;
      const varMean = Math.max(0, sum2 / trials - mean * mean) / trials;
      return {
        process: def.name,
        sigma_fb: sampler.sigmaEnvelopeFb * mean,
        sigma_err_fb: sampler.sigmaEnvelopeFb * Math.sqrt(varMean),
        preselect,
        trials,
      };
    },
    generate(nEvents, rng, opts) {
      if (!Number.isSafeInteger(nEvents) || nEvents < 0)
        throw new ConfigError(`number of events must be a non-negative integer, got ${nEvents}`, "events");
      const b = new TruthEventsBuilder(nEvents, 8);
      run(rng, opts, "unweighted", nEvents, b);
      return b.build();
    },
    generateWeighted(nTrials, rng, opts) {
      if (!Number.isSafeInteger(nTrials) || nTrials < 1)
        throw new ConfigError(`number of trials must be a positive integer, got ${nTrials}`, "trials");
      const b = new TruthEventsBuilder(Math.min(nTrials, 1 << 16), 8);
      const trials = run(rng, opts, "weighted", nTrials, b);
      return { events: b.build(), trials };
    },
  };
}
