/**
 * What every command receives: the global output options and a way to report progress.
 * Convention: results go to stdout (JSON with --json, text otherwise); progress, notes and
 * errors go to stderr, so `mumux ... --json > out.json` always yields clean JSON.
 */
import cliProgress from "cli-progress";

export interface GlobalOptions {
  /** Machine-readable JSON on stdout. */
  json: boolean;
  /** No progress or notes on stderr; results and errors only. */
  quiet: boolean;
  /** Stack traces on errors, extra diagnostics. */
  debug: boolean;
}

import type { Progress } from "../core/progress.ts";

export type { Progress };

export interface CommandContext extends GlobalOptions {
  /** A note on stderr (suppressed by --quiet). */
  note(message: string): void;
  /** Print a result: `value` as JSON with --json, else `text` (or JSON when no text is given). */
  result(value: unknown, text?: string): void;
  /** Progress over `total` units: a bar on a TTY, plain lines every ~5% otherwise. */
  progress(label: string, total: number): Progress;
}

export function makeContext(opts: GlobalOptions): CommandContext {
  const err = process.stderr;
  return {
    ...opts,
    note(message) {
      if (!opts.quiet) err.write(`${message}\n`);
    },
    result(value, text) {
      if (opts.json || text === undefined) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    progress(label, total) {
      if (opts.quiet) return { tick() {}, done() {} };
      if (err.isTTY) {
        const bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted} {note}`,
            stream: err,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { note: "" });
        return {
          tick(n = 1, note = "") {
            bar.increment(n, { note });
          },
          done() {
            bar.stop();
          },
        };
      }
      let done = 0;
      let lastPct = -1;
      const t0 = Date.now();
      return {
        tick(n = 1, note = "") {
          done += n;
          const pct = Math.floor((100 * done) / Math.max(total, 1));
          if (pct >= lastPct + 5 || done === total) {
            lastPct = pct;
            err.write(
              `${label}: ${done}/${total} (${pct}%) ${((Date.now() - t0) / 1000).toFixed(1)} s ${note}\n`,
            );
          }
        },
        done() {},
      };
    },
  };
}
