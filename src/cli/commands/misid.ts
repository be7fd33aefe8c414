import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { MISID_DEFAULT_SAMPLES, runMisidStudy } from "../../pipeline/invisible/misidStage.ts";
import type { CommandContext } from "../context.ts";
import { intOption } from "./run.ts";

interface MisidOptions {
  out: string;
  samples: string;
  workers: string;
}

/** Parse "ee=0.01,eeee=0.1" into { ee: 0.01, eeee: 0.1 }. */
export function parseSamples(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(",")) {
    const m = /^\s*([A-Za-z0-9_]+)\s*=\s*([0-9.eE+-]+)\s*$/.exec(item);
    const f = m ? Number(m[2]) : Number.NaN;
    if (!m || !(f > 0) || !Number.isFinite(f))
      throw new ConfigError(`expected PROCESS=LUMIFACTOR (e.g. ee=0.01), got "${item}"`, "--samples");
    out[m[1]!] = f;
  }
  return out;
}

const defaultSamples = Object.entries(MISID_DEFAULT_SAMPLES)
  .map(([k, v]) => `${k}=${v}`)
  .join(",");

/**
 * `mumux misid-backgrounds`: the misidentified-pair backgrounds (e e, e e e e, pi pi) after the
 * whole selection of a finished `mumux run`, Punzi-net included (pipeline/invisible/misidStage.ts).
 */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("misid-backgrounds")
    .description(
      "after `mumux run`: yields of the backgrounds whose pairs are misidentified as muons (ee, eeee, pipi) after all cuts and the run's Punzi-net, muon ID by weight",
    )
    .option("--out <dir>", "output directory of the run", "mumux-out")
    .option("--samples <list>", "PROCESS=LUMIFACTOR,... (MC luminosity / data luminosity)", defaultSamples)
    .option("--workers <n>", "worker threads", "2")
    .action(async (o: MisidOptions) => {
      const c = ctx();
      const workers = intOption(o.workers, "--workers", 1, 256);
      const r = await runMisidStudy({
        out: o.out,
        samples: parseSamples(o.samples),
        workers,
        progress: (label, total) => c.progress(label, total),
        note: (m) => c.note(m),
      });
      const f = (y: { events: number; error: number; mcEvents: number }) =>
        `${y.events.toPrecision(2)} +- ${y.error.toPrecision(2)} (${y.mcEvents} MC)`;
      const lines = [
        `misidentified backgrounds at ${r.luminosity_fb} fb^-1 (M2_recoil below / above ${r.m2Split_GeV2} GeV^2):`,
      ];
      for (const s of r.samples)
        lines.push(
          `  ${s.process} (MC ${s.lumiFactor} x L): steps 1-7 ${f(s.cuts.below)} / ${f(s.cuts.above)}; Punzi-net > ${r.punziCut}: ${f(s.punzi.below)} / ${f(s.punzi.above)}; control samples e mu ${s.control.emu.toPrecision(3)}, e e ${s.control.ee.toPrecision(3)}`,
        );
      if (r.runBackground && r.fractions) {
        lines.push(
          `  the run's background after the Punzi-net: ${r.runBackground.below.toFixed(0)} / ${r.runBackground.above.toFixed(0)} events; shares:`,
        );
        for (const [k, v] of Object.entries(r.fractions))
          lines.push(`    ${k}: ${v.below.toExponential(1)} / ${v.above.toExponential(1)}`);
      }
      lines.push(`  written to ${o.out}/invisible/misid/result.json`);
      c.result(r, lines.join("\n"));
    });
}
