/**
 * Columnar truth events: the output of every generator and the input of the fast simulation.
 *
 * Layout (struct of arrays, "jagged" like awkward arrays): particles of event i are rows
 * offsets[i] .. offsets[i+1]-1 of the particle columns. Four-momenta in GeV in the frame named by
 * `frame` (the Belle II laboratory frame unless a generator says otherwise). `mother` is the
 * row index *within the event* of the mother particle, -1 for particles of the hard process.
 * `status`: 1 final-state (stable for the detector), 2 decayed (kept for truth only), 3 beam or
 * incoming (never simulated).
 */
export interface TruthEvents {
  /** Number of events. */
  readonly nEvents: number;
  /** Row offsets, length nEvents + 1; offsets[0] = 0. */
  readonly offsets: Int32Array;
  /** Event weights (1 for unweighted samples); units: fb per event when `weightUnit` is "fb". */
  readonly weight: Float64Array;
  /** PDG id per particle. */
  readonly pdg: Int32Array;
  /** Status per particle (1 final, 2 decayed, 3 incoming). */
  readonly status: Int8Array;
  /** Mother row within the event, -1 for none. */
  readonly mother: Int16Array;
  /** Four-momentum components per particle [GeV]. */
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly e: Float64Array;
}

/** Status codes for {@link TruthEvents.status}. */
export const STATUS_FINAL = 1;
export const STATUS_DECAYED = 2;
export const STATUS_INCOMING = 3;

/**
 * Growable builder for {@link TruthEvents}: add particles, close events, then `build()`.
 * Amortised O(1) per particle, no objects per particle.
 *
 * @example
 * const b = new TruthEventsBuilder();
 * b.particle(13, 1, -1, px, py, pz, e); b.particle(-13, 1, -1, ...); b.endEvent(1.0);
 * const ev = b.build();
 */
export class TruthEventsBuilder {
  private cap: number;
  private evCap: number;
  private n = 0;
  private nEv = 0;
  private offsets: Int32Array;
  private weight: Float64Array;
  private pdg: Int32Array;
  private status: Int8Array;
  private mother: Int16Array;
  private px: Float64Array;
  private py: Float64Array;
  private pz: Float64Array;
  private e: Float64Array;

  constructor(expectedEvents = 1024, expectedParticlesPerEvent = 6) {
    this.evCap = Math.max(16, expectedEvents);
    this.cap = Math.max(64, expectedEvents * expectedParticlesPerEvent);
    this.offsets = new Int32Array(this.evCap + 1);
    this.weight = new Float64Array(this.evCap);
    this.pdg = new Int32Array(this.cap);
    this.status = new Int8Array(this.cap);
    this.mother = new Int16Array(this.cap);
    this.px = new Float64Array(this.cap);
    this.py = new Float64Array(this.cap);
    this.pz = new Float64Array(this.cap);
    this.e = new Float64Array(this.cap);
  }

  /** Number of particles already in the open event. */
  get openParticles(): number {
    return this.n - this.offsets[this.nEv]!;
  }

  /** Append a particle to the open event; returns its row index within the event. */
  particle(
    pdg: number,
    status: number,
    mother: number,
    px: number,
    py: number,
    pz: number,
    e: number,
  ): number {
    if (this.n === this.cap) this.growParticles();
    const i = this.n++;
    this.pdg[i] = pdg;
    this.status[i] = status;
    this.mother[i] = mother;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.e[i] = e;
    return i - this.offsets[this.nEv]!;
  }

  /** Close the open event with the given weight. */
  endEvent(weight: number): void {
    if (this.nEv === this.evCap) this.growEvents();
    this.weight[this.nEv] = weight;
    this.nEv++;
    this.offsets[this.nEv] = this.n;
  }

  /** Drop the particles of the open event (e.g. a rejected trial). */
  discardEvent(): void {
    this.n = this.offsets[this.nEv]!;
  }

  get nEvents(): number {
    return this.nEv;
  }

  /** Freeze into a {@link TruthEvents} (copies to exact lengths). */
  build(): TruthEvents {
    const n = this.offsets[this.nEv]!;
    return {
      nEvents: this.nEv,
      offsets: this.offsets.slice(0, this.nEv + 1),
      weight: this.weight.slice(0, this.nEv),
      pdg: this.pdg.slice(0, n),
      status: this.status.slice(0, n),
      mother: this.mother.slice(0, n),
      px: this.px.slice(0, n),
      py: this.py.slice(0, n),
      pz: this.pz.slice(0, n),
      e: this.e.slice(0, n),
    };
  }

  private growParticles(): void {
    const c = this.cap * 2;
    const grow = <T extends Int32Array | Int8Array | Int16Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.pdg = grow(this.pdg);
    this.status = grow(this.status);
    this.mother = grow(this.mother);
    this.px = grow(this.px);
    this.py = grow(this.py);
    this.pz = grow(this.pz);
    this.e = grow(this.e);
    this.cap = c;
  }

  private growEvents(): void {
    const c = this.evCap * 2;
    const o = new Int32Array(c + 1);
    o.set(this.offsets);
    this.offsets = o;
    const w = new Float64Array(c);
    w.set(this.weight);
    this.weight = w;
    this.evCap = c;
  }
}

/** Concatenate several chunks of truth events (same frame and weight convention). */
export function concatTruthEvents(parts: readonly TruthEvents[]): TruthEvents {
  const nEv = parts.reduce((s, p) => s + p.nEvents, 0);
  const n = parts.reduce((s, p) => s + p.pdg.length, 0);
  const out = {
    nEvents: nEv,
    offsets: new Int32Array(nEv + 1),
    weight: new Float64Array(nEv),
    pdg: new Int32Array(n),
    status: new Int8Array(n),
    mother: new Int16Array(n),
    px: new Float64Array(n),
    py: new Float64Array(n),
    pz: new Float64Array(n),
    e: new Float64Array(n),
  };
  let ev = 0;
  let row = 0;
  for (const p of parts) {
    for (let i = 0; i < p.nEvents; i++) out.offsets[ev + i + 1] = row + p.offsets[i + 1]!;
    out.weight.set(p.weight, ev);
    out.pdg.set(p.pdg, row);
    out.status.set(p.status, row);
    out.mother.set(p.mother, row);
    out.px.set(p.px, row);
    out.py.set(p.py, row);
    out.pz.set(p.pz, row);
    out.e.set(p.e, row);
    ev += p.nEvents;
    row += p.pdg.length;
  }
  return out;
}
