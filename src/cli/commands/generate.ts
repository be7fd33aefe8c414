import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { M_MU } from "../../core/units.ts";
import { MUMUX_VERSION } from "../../core/version.ts";
import {
  emptySignalStats,
  generateSignal,
  mergeSignalStats,
  prepareSignal,
  signalCrossSection,
} from "../../generate/signal.ts";
import { writeTruthEventsParquet } from "../../io/truthEventsParquet.ts";
import { beamFrame, belle2Beams } from "../../physics/beams.ts";
import { modelKind, parseMass } from "../../physics/models/signalModel.ts";
import type { TruthEvents } from "../../physics/truthEvents.ts";
import type { CommandContext } from "../context.ts";
import { BACKGROUND_GENERATORS } from "./generateBackground.ts";

/** Options of `mumux generate` as commander hands them over (strings). */
export interface GenerateOptions {
  model?: string;
  mass?: string;
  decay?: string;
  events: string;
  seed: string;
  out: string;
  isr: boolean;
  sqrtsMin: string;
  width?: string;
  widthOverMass?: string;
  coupling: string;
  energySpread: boolean;
  frame: string;
  weighted: boolean;
  chunkSize: string;
  /** Background processes: integrated luminosity [fb^-1] instead of --events. */
  lumi?: string;
  /** Background processes: apply the documented generator-level preselection. */
  preselect?: boolean;
}

function intOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new ConfigError(`must be an integer >= ${min}, got "${value}"`, name);
  return n;
}

function numberOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new ConfigError(`must be a number >= ${min}, got "${value}"`, name);
  return n;
}

/** The signal generator behind `mumux generate signal`. */
async function generateSignalFile(o: GenerateOptions, c: CommandContext): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  if (o.model === undefined) throw new ConfigError("is required for the signal", "--model");
  if (o.decay === undefined)
    throw new ConfigError("is required for the signal (invisible or mumu)", "--decay");
  if (o.mass === undefined) throw new ConfigError("is required for the signal", "--mass");
  const spin = modelKind(o.model, "--model");
  if (o.decay !== "invisible" && o.decay !== "mumu")
    throw new ConfigError(`unknown decay "${o.decay}" (expected invisible or mumu)`, "--decay");
  const sqrtS = beamFrame(belle2Beams()).sqrtS;
  const mass = parseMass(o.mass, "--mass", sqrtS - 2 * M_MU);
  const events = intOption(o.events, "--events", 1);
  const seed = intOption(o.seed, "--seed", 0);
  const chunkSize = intOption(o.chunkSize, "--chunk-size", 1);
  const coupling = numberOption(o.coupling, "--coupling", Number.MIN_VALUE);
  const sqrtsMin = numberOption(o.sqrtsMin, "--sqrts-min", 0);
  if (o.width !== undefined && o.widthOverMass !== undefined)
    throw new ConfigError("give --width or --width-over-mass, not both", "--width");
  const width =
    o.width !== undefined
      ? numberOption(o.width, "--width", 0)
      : o.widthOverMass !== undefined
        ? numberOption(o.widthOverMass, "--width-over-mass", 0) * mass
        : 0;
  if (o.frame !== "lab" && o.frame !== "cm")
    throw new ConfigError(`must be lab or cm, got "${o.frame}"`, "--frame");
  const gen = prepareSignal({
    spin,
    mass,
    decay: o.decay,
    coupling,
    width,
    isr: o.isr,
    sqrtsMin,
    energySpread: o.energySpread,
    frame: o.frame,
    weighted: o.weighted,
  });
  const stats = emptySignalStats();
  const progress = c.progress("generate", events);
  function* chunks(): Generator<TruthEvents> {
    for (const ch of generateSignal(gen, seed, events, chunkSize)) {
      mergeSignalStats(stats, ch.stats);
      progress.tick(ch.events.nEvents);
      yield ch.events;
    }
  }
  const cfg = gen.config;
  const summary = await writeTruthEventsParquet(o.out, chunks(), {
    "mumux.version": MUMUX_VERSION,
    "mumux.command": ["mumux", ...process.argv.slice(2)].join(" "),
    "mumux.seed": String(seed),
    "mumux.generator": "signal",
    "mumux.chunk_size": String(chunkSize),
    "mumux.signal.model": o.model,
    "mumux.signal.mass_GeV": String(mass),
    "mumux.signal.decay": cfg.decay,
    "mumux.signal.coupling": String(cfg.coupling),
    "mumux.signal.width_GeV": String(cfg.width),
    "mumux.signal.isr": String(cfg.isr),
    "mumux.signal.sqrts_min_GeV": String(cfg.sqrtsMin),
    "mumux.signal.energy_spread": String(cfg.energySpread),
    "mumux.frame": cfg.frame,
    "mumux.weighted": String(cfg.weighted),
    "mumux.weight_unit": cfg.weighted ? "fb" : "1",
  });
  progress.done();
  const xs = signalCrossSection(gen, stats);
  if (stats.overweights > 0)
    c.note(
      `generate: ${stats.overweights} of ${stats.trials} proposals exceeded the grid majorant (shape bias <~ that fraction)`,
    );
  return {
    output: o.out,
    events: summary.nEvents,
    model: o.model,
    mass,
    decay: cfg.decay,
    isr: cfg.isr,
    width: cfg.width,
    coupling: cfg.coupling,
    seed,
    sqrts: gen.frame.sqrtS,
    chunks: Math.ceil(events / chunkSize),
    sigma_fb: xs.sigma,
    sigma_err_fb: xs.error,
    sigma_note: "production cross section for the given coupling, X decay branching fraction not included",
    efficiency: stats.accepted / stats.trials,
    overweights: stats.overweights,
    bytes: summary.bytes,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Generators by process name (the <process> argument). */
export const GENERATORS: Readonly<
  Record<string, (o: GenerateOptions, c: CommandContext) => Promise<Record<string, unknown>>>
> = { signal: generateSignalFile, ...BACKGROUND_GENERATORS };

/** `mumux generate`. */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("generate")
    .description(
      "generate truth events (Parquet): `generate signal --model zprime --mass 1 --decay invisible ...`",
    )
    .argument("<process>", `what to generate: ${Object.keys(GENERATORS).join(", ")}`)
    .option("--model <name>", "signal model: zprime or scalar")
    .option("--mass <GeV>", "signal boson mass [GeV]")
    .option("--decay <mode>", "signal decay: invisible or mumu")
    .option("--events <n>", "number of events")
    .option("--lumi <fb-1>", "background processes: integrated luminosity [fb^-1] instead of --events")
    .option("--preselect", "background processes: documented generator-level preselection", false)
    .requiredOption("--seed <n>", "master random seed (non-negative integer)")
    .requiredOption("--out <file>", "output truth-event Parquet file")
    .option("--no-isr", "switch off initial-state radiation")
    .option("--sqrts-min <GeV>", "lowest sqrt(s') with ISR [GeV]", "2")
    .option("--width <GeV>", "Breit-Wigner width of X [GeV] (default narrow)")
    .option("--width-over-mass <r>", "Breit-Wigner width as a fraction of the mass (e.g. 0.1)")
    .option("--coupling <g>", "coupling g' or g_S (scales the cross section)", "1")
    .option("--energy-spread", "Gaussian beam-energy spread per event", false)
    .option("--frame <frame>", "output frame: lab or cm", "lab")
    .option("--weighted", "weighted events (weight in fb) instead of unweighted", false)
    .option("--chunk-size <n>", "events per chunk; part of the random-stream layout", "50000")
    .action(async (process_: string, o: GenerateOptions): Promise<void> => {
      const c = ctx();
      const run = GENERATORS[process_];
      if (!run)
        throw new ConfigError(
          `unknown process "${process_}" (expected one of: ${Object.keys(GENERATORS).join(", ")})`,
          "generate",
        );
      const s = await run(o, c);
      if (typeof s.text === "string") {
        const { text, ...rest } = s;
        return c.result(rest, text);
      }
      c.result(
        s,
        `${String(s.output)}: ${String(s.events)} events (${String(s.model)}, M = ${String(s.mass)} GeV, ${String(s.decay)}), ` +
          `sigma = ${(s.sigma_fb as number).toPrecision(5)} +- ${(s.sigma_err_fb as number).toPrecision(2)} fb, ${(s.seconds as number).toFixed(1)} s`,
      );
    });
}
