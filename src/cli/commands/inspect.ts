import type { Command } from "commander";
import { loadWorkspace } from "../../pipeline/workspaceFiles.ts";
import { getMeasurement } from "../../stats/workspace/index.ts";
import type { CommandContext } from "../context.ts";

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `mumux inspect WS.json [--patch P]...`: the structure of a pyhf workspace (like `pyhf inspect`). */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("inspect")
    .description("validate a pyhf JSON workspace and summarise channels, samples, modifiers and measurements")
    .argument("<workspace>", "pyhf JSON workspace")
    .option(
      "--patch <file[:name]>",
      "apply a JSON patch (or one patch of a patchset); repeatable",
      collect,
      [],
    )
    .option("--measurement <name>", "check that this measurement exists and show only it")
    .action((file: string, opts: { patch: string[]; measurement?: string }) => {
      const c = ctx();
      const { workspace: ws } = loadWorkspace(file, opts.patch);
      const chosen =
        opts.measurement === undefined ? ws.measurements : [getMeasurement(ws, opts.measurement, file)];
      const channels = ws.channels.map((ch) => ({
        name: ch.name,
        bins: ch.samples[0]!.data.length,
        samples: ch.samples.map((s) => ({
          name: s.name,
          yield: s.data.reduce((a, b) => a + b, 0),
          modifiers: s.modifiers.map((m) => `${m.name} (${m.type})`),
        })),
      }));
      const modifiers = new Map<string, string>();
      for (const ch of ws.channels)
        for (const s of ch.samples) for (const m of s.modifiers) modifiers.set(m.name, m.type);
      const summary = {
        channels,
        measurements: chosen.map((m) => ({ name: m.name, poi: m.config.poi })),
        modifiers: [...modifiers].map(([name, type]) => ({ name, type })),
        observations: ws.observations.map((o) => ({
          name: o.name,
          total: o.data.reduce((a, b) => a + b, 0),
        })),
      };
      const lines = [
        `${file}: ${channels.length} channel(s), ${channels.reduce((a, ch) => a + ch.bins, 0)} bins, ${modifiers.size} modifier name(s)`,
        ...channels.map(
          (ch) =>
            `  channel ${ch.name}: ${ch.bins} bins; samples ${ch.samples.map((s) => `${s.name} (${s.yield.toPrecision(4)})`).join(", ")}`,
        ),
        `  measurements: ${summary.measurements.map((m) => `${m.name} (POI ${m.poi})`).join(", ")}`,
        `  modifiers: ${summary.modifiers.map((m) => `${m.name} [${m.type}]`).join(", ")}`,
      ];
      c.result(summary, lines.join("\n"));
    });
}
