/**
 * Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, in the
 * formulation of Sutskever et al., ICML 2013 (the one PyTorch uses, dampening 0):
 *   g <- g + lambda p;  v <- mu v + g;  p <- p - lr (nesterov ? g + mu v : v).
 * mu = 0 is plain SGD: p <- p - lr g.
 */
import { ConfigError } from "../core/errors.ts";
import type { Floats } from "./mlp.ts";
import type { Optimizer } from "./optimizer.ts";

/** SGD settings. */
export interface SgdOptions {
  /** Momentum mu in [0, 1), default 0. */
  momentum?: number;
  /** Nesterov momentum, default false. */
  nesterov?: boolean;
  /** L2 weight decay lambda >= 0, default 0. */
  weightDecay?: number;
}

/** See the module comment. @example new Sgd(0.05) */
export class Sgd implements Optimizer {
  private v: Float64Array | null = null;
  private readonly mu: number;
  private readonly nesterov: boolean;
  private readonly wd: number;

  /** @param lr learning rate (> 0) */
  constructor(
    public lr: number,
    opts: SgdOptions = {},
  ) {
    this.mu = opts.momentum ?? 0;
    this.nesterov = opts.nesterov ?? false;
    this.wd = opts.weightDecay ?? 0;
    if (!(this.mu >= 0 && this.mu < 1))
      throw new ConfigError(`momentum must be in [0, 1), got ${this.mu}`, "momentum");
    if (!(this.wd >= 0)) throw new ConfigError(`weight decay must be >= 0, got ${this.wd}`, "weightDecay");
  }

  step(params: Floats, grads: Float64Array): void {
    const n = params.length;
    const lr = this.lr;
    const mu = this.mu;
    const wd = this.wd;
    if (mu === 0) {
      for (let k = 0; k < n; k++) params[k]! -= lr * (grads[k]! + wd * params[k]!);
      return;
    }
    if (this.v === null || this.v.length !== n) this.v = new Float64Array(n);
    const v = this.v;
    for (let k = 0; k < n; k++) {
      const g = grads[k]! + wd * params[k]!;
      const vk = mu * v[k]! + g;
      v[k] = vk;
      params[k]! -= lr * (this.nesterov ? g + mu * vk : vk);
    }
  }

  reset(): void {
    this.v = null;
  }
}
