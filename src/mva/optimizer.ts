/**
 * Gradient-descent optimisers over a flat parameter vector (the {@link Mlp} `params`/`grads`
 * pair). Optimiser state is sized on the first step and reused.
 */
import { ConfigError } from "../core/errors.ts";
import { Adam } from "./adam.ts";
import type { Floats } from "./mlp.ts";
import { Sgd } from "./sgd.ts";

/** One optimiser: `step` updates `params` in place from `grads`; `lr` may be changed between steps. */
export interface Optimizer {
  /** Current learning rate. */
  lr: number;
  /** One update of `params` (in place) from the gradient `grads` (same length). */
  step(params: Floats, grads: Float64Array): void;
  /** Forget the state (momenta, step count). */
  reset(): void;
}

/** Declarative optimiser choice (for configs and saved training metadata). */
export type OptimizerSpec =
  | { kind: "sgd"; lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number }
  | { kind: "adam"; lr: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number };

/**
 * Build an optimiser from its spec; throws ConfigError for bad values.
 * @example makeOptimizer({ kind: "sgd", lr: 1 }) // the Punzi-net BCE pre-training
 */
export function makeOptimizer(spec: OptimizerSpec, where = "optimizer"): Optimizer {
  if (!(spec.lr > 0) || !Number.isFinite(spec.lr))
    throw new ConfigError(`learning rate must be > 0, got ${spec.lr}`, `${where}.lr`);
  if (spec.kind === "sgd") return new Sgd(spec.lr, spec);
  if (spec.kind === "adam") return new Adam(spec.lr, spec);
  throw new ConfigError(
    `unknown optimiser "${(spec as { kind: string }).kind}" (use sgd, adam)`,
    `${where}.kind`,
  );
}
