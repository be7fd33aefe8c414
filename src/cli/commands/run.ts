import type { Command } from "commander";
import { ConfigError } from "../../core/errors.ts";
import { runInvisible } from "../../pipeline/invisible/runInvisible.ts";
import { resolveRunConfig } from "../../pipeline/runConfig.ts";
import type { CommandContext } from "../context.ts";

interface RunOptions {
  out: string;
  fast?: boolean;
  seed?: string;
  config?: string;
  workers: string;
}

/** An integer option in lo..hi, or a ConfigError naming the option. */
export function intOption(v: string, name: string, lo: number, hi: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < lo || n > hi)
    throw new ConfigError(`must be an integer in ${lo}..${hi}, got "${v}"`, name);
  return n;
}

/**
 * `mumux run`: analysis A (the invisible Z' search) end to end, from generated events to coupling
 * limits, into OUT/invisible/. Resumable: a rerun skips finished stages and units of work.
 */
export function register(program: Command, ctx: () => CommandContext): void {
  program
    .command("run")
    .description(
      "run the invisible-Z' analysis end to end (generate, simulate, select, Punzi-net, fits, limits)",
    )
    .option("--out <dir>", "output directory", "mumux-out")
    .option("--fast", "smoke-test preset: about every 10th mass point, smaller samples")
    .option("--seed <n>", "master seed (default 1)")
    .option("--config <file>", "JSON run configuration (any subset of the keys; unknown keys are errors)")
    .option("--workers <n>", "worker threads", "2")
    .action(async (o: RunOptions) => {
      const c = ctx();
      const workers = intOption(o.workers, "--workers", 1, 256);
      const cfg = resolveRunConfig({
        fast: !!o.fast,
        ...(o.config ? { file: o.config } : {}),
        ...(o.seed !== undefined ? { overrides: { seed: intOption(o.seed, "--seed", 0, 2 ** 31 - 1) } } : {}),
      });
      c.note(`mumux run: analysis A into ${o.out}/invisible (seed ${cfg.seed}, ${workers} workers)`);
      const s = await runInvisible(cfg, {
        out: o.out,
        workers,
        progress: (label, total) => c.progress(label, total),
        note: (m) => c.note(m),
      });
      const num = (x: unknown, d = 3) => (typeof x === "number" ? x.toPrecision(d) : String(x));
      c.result(
        s,
        [
          `analysis A: ${s.n_mass_points} mass points, L = ${s.luminosity_fb} fb^-1`,
          `  signal efficiency (median): ${num(s.signal_efficiency_median)}`,
          `  min sigma_UL obs / exp: ${num(s.min_sigma_ul_obs_fb)} / ${num(s.min_sigma_ul_exp_fb)} fb`,
          `  max z_local: ${num(s.max_z_local)} at ${num(s.max_z_local_mass, 4)} GeV, z_global ${num(s.z_global)}`,
          `  (g-2) band excluded (fully invisible): ${JSON.stringify(s.gm2_excluded_GeV)} GeV`,
          `  outputs: ${o.out}/invisible/limits.csv, summary.json, workspaces/, plots/, hepdata/, report.html`,
        ].join("\n"),
      );
    });
}
