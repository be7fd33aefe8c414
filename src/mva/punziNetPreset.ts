/**
 * The published Punzi-net settings (Feichtinger et al., arXiv:2110.00810, and its code
 * github.com/feichtip/punzinet at d42e6f5, as summarised in spec physics.md 6.2), as ready
 * options for {@link train}: 4 inputs -> 8 -> 4 -> 1, tanh hidden layers, sigmoid output,
 * Kaiming-normal weights and N(0, 1) biases; BCE pre-training with SGD lr = 1, 150 epochs,
 * batch 4096, ReduceLROnPlateau(0.5, 10); Punzi fine-tuning full batch with SGD lr = 0.05,
 * 500 epochs, ReduceLROnPlateau(0.5, 20).
 *
 * Note: the Punzi loss is in units of fb (it scales as 1 / lumi), so the effective step of
 * SGD lr = 0.05 depends on the target luminosity given in the PunziProblem (50 fb^-1 in the
 * Punzi-net example); change `lumi` and you change the learning rate in effect.
 */
import type { BcePhaseOptions, NetworkOptions, PhaseOptions } from "./train.ts";

/** Architecture of the Punzi-net (hidden 8, 4; tanh; float32; normal biases). */
export const PUNZI_NET_NETWORK: NetworkOptions = { hidden: [8, 4], activation: "tanh", bias: "normal" };

/** BCE pre-training of the Punzi-net. */
export const PUNZI_NET_BCE: BcePhaseOptions = {
  epochs: 150,
  batchSize: 4096,
  optimizer: { kind: "sgd", lr: 1 },
  plateau: { factor: 0.5, patience: 10 },
};

/** Punzi-loss fine-tuning of the Punzi-net (full batch). */
export const PUNZI_NET_PUNZI: PhaseOptions = {
  epochs: 500,
  optimizer: { kind: "sgd", lr: 0.05 },
  plateau: { factor: 0.5, patience: 20 },
};

/** Target luminosity of the Punzi-net example [fb^-1] (MC samples were scaled to it). */
export const PUNZI_NET_LUMI = 50;

/** Trigger/efficiency scaling f_trig of the Punzi-net example. */
export const PUNZI_NET_F_TRIG = 0.9;
