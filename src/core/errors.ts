/**
 * Error families. The CLI maps ConfigError and InputError to exit code 2 with one line, FitError
 * and anything else to exit code 1. Messages are written for a physicist: what, where, how to fix.
 */

/** Base class: every mumux error carries a one-line message suitable for the terminal. */
export class MumuxError extends Error {
  override name = "MumuxError";
}

/** A run configuration, detector card or option is invalid. `where` is a key path such as `cuts.pt_min`. */
export class ConfigError extends MumuxError {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly where?: string,
    readonly file?: string,
  ) {
    super([file, where].filter(Boolean).join(": ") + (file || where ? ": " : "") + message);
  }
}

/**
 * An input file is unreadable or malformed. `file` names it, `location` says where inside
 * (a JSON path like `/channels/0/samples/1/data`, a row number, a branch name).
 */
export class InputError extends MumuxError {
  override name = "InputError";
  constructor(
    message: string,
    readonly file?: string,
    readonly location?: string,
  ) {
    super([file, location].filter(Boolean).join(": ") + (file || location ? ": " : "") + message);
  }
}

/** State of a minimisation at the moment it failed, for diagnosis and retries. */
export interface FitState {
  /** Parameter names, in model order. */
  names?: readonly string[];
  /** Parameter values when the fit stopped. */
  values: ArrayLike<number>;
  /** Objective value (twice the NLL) when the fit stopped. */
  fval: number;
  /** Estimated distance to minimum. */
  edm: number;
  /** Iterations done. */
  iterations: number;
}

/** A fit did not converge; `state` holds where it stopped. */
export class FitError extends MumuxError {
  override name = "FitError";
  constructor(
    message: string,
    readonly state: FitState,
  ) {
    super(message);
  }
}

/** True for errors that mean "the user gave bad input" (exit code 2). */
export function isUsageError(e: unknown): e is ConfigError | InputError {
  return e instanceof ConfigError || e instanceof InputError;
}
