/**
 * Progress reporting for long work, passed in by the caller (the CLI shows a bar on a TTY and
 * plain lines otherwise; library users may pass nothing).
 */
export interface Progress {
  /** `n` more units are done (default 1); `note` is shown next to the count. */
  tick(n?: number, note?: string): void;
  /** The work is finished (stops a bar). */
  done(): void;
}

/** A Progress that shows nothing. */
export const NO_PROGRESS: Progress = { tick() {}, done() {} };
