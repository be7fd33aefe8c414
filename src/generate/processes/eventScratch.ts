/**
 * A fixed-capacity scratch event: the particles of one trial event while a process builds it,
 * before it is accepted and copied into a {@link TruthEventsBuilder}. Struct of arrays, allocated
 * once per generator run and reset per trial, so the hot loop allocates nothing.
 *
 * Momenta are in GeV, in the frame the process says (the c.m. frame with the incoming e- along +z
 * while a process builds the event; the engine boosts accepted events to the lab).
 */
import type { TruthEventsBuilder } from "../../physics/truthEvents.ts";

/** Largest number of particles one background event may hold (tau pairs with pi0s stay below 40). */
export const SCRATCH_CAPACITY = 64;

/** One event under construction (see module doc). */
export class EventScratch {
  /** Number of particles filled. */
  n = 0;
  readonly pdg = new Int32Array(SCRATCH_CAPACITY);
  readonly status = new Int8Array(SCRATCH_CAPACITY);
  readonly mother = new Int16Array(SCRATCH_CAPACITY);
  readonly px = new Float64Array(SCRATCH_CAPACITY);
  readonly py = new Float64Array(SCRATCH_CAPACITY);
  readonly pz = new Float64Array(SCRATCH_CAPACITY);
  readonly e = new Float64Array(SCRATCH_CAPACITY);

  /** Forget all particles. */
  reset(): void {
    this.n = 0;
  }

  /**
   * Append a particle; returns its index. Throws RangeError past {@link SCRATCH_CAPACITY}
   * (a bug in a process, never bad user input).
   */
  add(pdg: number, status: number, mother: number, px: number, py: number, pz: number, e: number): number {
    const i = this.n;
    if (i >= SCRATCH_CAPACITY) throw new RangeError("EventScratch: too many particles in one event");
    this.pdg[i] = pdg;
    this.status[i] = status;
    this.mother[i] = mother;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.e[i] = e;
    this.n = i + 1;
    return i;
  }

  /** Overwrite the four-momentum of particle i [GeV]. */
  set(i: number, px: number, py: number, pz: number, e: number): void {
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.e[i] = e;
  }

  /** Copy all particles into the open event of `b` and close it with `weight`. */
  copyTo(b: TruthEventsBuilder, weight: number): void {
    for (let i = 0; i < this.n; i++)
      b.particle(
        this.pdg[i]!,
        this.status[i]!,
        this.mother[i]!,
        this.px[i]!,
        this.py[i]!,
        this.pz[i]!,
        this.e[i]!,
      );
    b.endEvent(weight);
  }
}
