/**
 * Learning-rate schedule "reduce on plateau" (the scheduler of the Punzi-net training,
 * arXiv:2110.00810: factor 0.5, patience 10 for BCE and 20 for the Punzi loss). Semantics as in
 * PyTorch's ReduceLROnPlateau in mode "min", relative threshold: an epoch improves if
 * loss < best * (1 - threshold); after more than `patience` epochs without improvement the
 * learning rate is multiplied by `factor` (not below `minLr`) and the counter restarts.
 */
import { ConfigError } from "../core/errors.ts";
import type { Optimizer } from "./optimizer.ts";

/** Settings of {@link ReduceLrOnPlateau}. */
export interface PlateauOptions {
  /** Multiplier of the learning rate, in (0, 1). */
  factor: number;
  /** Epochs without improvement tolerated before reducing (integer >= 0). */
  patience: number;
  /** Relative improvement that counts, default 1e-4. */
  threshold?: number;
  /** Floor of the learning rate, default 0. */
  minLr?: number;
}

/** See the module comment. @example const s = new ReduceLrOnPlateau(opt, { factor: 0.5, patience: 10 }); s.step(loss) */
export class ReduceLrOnPlateau {
  private best = Number.POSITIVE_INFINITY;
  private bad = 0;
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly minLr: number;

  constructor(
    private readonly optimizer: Optimizer,
    opts: PlateauOptions,
  ) {
    this.factor = opts.factor;
    this.patience = opts.patience;
    this.threshold = opts.threshold ?? 1e-4;
    this.minLr = opts.minLr ?? 0;
    if (!(this.factor > 0 && this.factor < 1))
      throw new ConfigError(`factor must be in (0, 1), got ${this.factor}`, "plateau.factor");
    if (!Number.isInteger(this.patience) || this.patience < 0)
      throw new ConfigError(`patience must be an integer >= 0, got ${this.patience}`, "plateau.patience");
  }

  /** Report one epoch's loss; returns true if the learning rate was reduced. */
  step(loss: number): boolean {
    // NaN never improves (a bad epoch); the first finite loss always does (best starts at +inf)
    if (loss < this.best * (1 - this.threshold)) {
      this.best = loss;
      this.bad = 0;
      return false;
    }
    this.bad++;
    if (this.bad <= this.patience) return false;
    this.bad = 0;
    const lr = Math.max(this.optimizer.lr * this.factor, this.minLr);
    const changed = lr < this.optimizer.lr;
    this.optimizer.lr = lr;
    return changed;
  }
}
