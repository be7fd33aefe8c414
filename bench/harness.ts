/**
 * Tiny benchmark harness: run a function several times, report the median. Benchmarks print
 * figures; nothing here asserts speed.
 */
import { loadavg } from "node:os";

export interface BenchResult {
  /** What was measured, e.g. "random doubles". */
  name: string;
  /** Median rate or time. */
  value: number;
  /** Unit of `value`, e.g. "M/s" or "ms". */
  unit: string;
  /** Number of timed runs the median is over. */
  runs: number;
  /** Free-form detail (sizes, settings). */
  note?: string;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Time `fn` `runs` times (after one warm-up call) and return the median.
 * `toValue(ms)` converts one run's milliseconds into the reported figure (default: ms).
 */
export async function measure(
  name: string,
  unit: string,
  fn: () => unknown | Promise<unknown>,
  opts: { runs?: number; warmup?: number; toValue?: (ms: number) => number; note?: string } = {},
): Promise<BenchResult> {
  const runs = opts.runs ?? 7;
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  const vals: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    vals.push(opts.toValue ? opts.toValue(ms) : ms);
  }
  return { name, value: median(vals), unit, runs, ...(opts.note ? { note: opts.note } : {}) };
}

/** One line describing the machine load, printed with every benchmark report. */
export function machineLine(): string {
  const [l1, l5] = loadavg();
  return `node ${process.version}, load average ${l1!.toFixed(2)} (1 min) ${l5!.toFixed(2)} (5 min)`;
}
