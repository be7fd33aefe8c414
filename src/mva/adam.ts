/**
 * Adam (Kingma & Ba, arXiv:1412.6980, Algorithm 1) with bias correction:
 *   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
 *   p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + epsilon).
 * Optional L2 weight decay adds lambda p to g (classic Adam, not AdamW).
 */
import { ConfigError } from "../core/errors.ts";
import type { Floats } from "./mlp.ts";
import type { Optimizer } from "./optimizer.ts";

/** Adam settings (defaults from the paper). */
export interface AdamOptions {
  /** Decay of the first moment, default 0.9. */
  beta1?: number;
  /** Decay of the second moment, default 0.999. */
  beta2?: number;
  /** Denominator guard, default 1e-8. */
  epsilon?: number;
  /** L2 weight decay lambda >= 0, default 0. */
  weightDecay?: number;
}

/** See the module comment. @example new Adam(1e-3) */
export class Adam implements Optimizer {
  private m: Float64Array | null = null;
  private v: Float64Array | null = null;
  private t = 0;
  private readonly b1: number;
  private readonly b2: number;
  private readonly epsilon: number;
  private readonly wd: number;

  /** @param lr step size (> 0), 1e-3 in the paper */
  constructor(
    public lr: number,
    opts: AdamOptions = {},
  ) {
    this.b1 = opts.beta1 ?? 0.9;
    this.b2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.wd = opts.weightDecay ?? 0;
    if (!(this.b1 >= 0 && this.b1 < 1))
      throw new ConfigError(`beta1 must be in [0, 1), got ${this.b1}`, "beta1");
    if (!(this.b2 >= 0 && this.b2 < 1))
      throw new ConfigError(`beta2 must be in [0, 1), got ${this.b2}`, "beta2");
    if (!(this.epsilon > 0)) throw new ConfigError(`epsilon must be > 0, got ${this.epsilon}`, "epsilon");
    if (!(this.wd >= 0)) throw new ConfigError(`weight decay must be >= 0, got ${this.wd}`, "weightDecay");
  }

  step(params: Floats, grads: Float64Array): void {
    const n = params.length;
    if (this.m === null || this.v === null || this.m.length !== n) {
      this.m = new Float64Array(n);
      this.v = new Float64Array(n);
      this.t = 0;
    }
    const m = this.m;
    const v = this.v;
    this.t++;
    const { b1, b2, epsilon, wd } = this;
    const c1 = 1 / (1 - b1 ** this.t);
    const c2 = 1 / (1 - b2 ** this.t);
    const lr = this.lr;
    for (let k = 0; k < n; k++) {
      const g = grads[k]! + wd * params[k]!;
      const mk = b1 * m[k]! + (1 - b1) * g;
      const vk = b2 * v[k]! + (1 - b2) * g * g;
      m[k] = mk;
      v[k] = vk;
      params[k]! -= (lr * mk * c1) / (Math.sqrt(vk * c2) + epsilon);
    }
  }

  reset(): void {
    this.m = null;
    this.v = null;
    this.t = 0;
  }
}
