/**
 * Columnar reconstructed events: the output of the fast simulation (and of any reader of real
 * ntuples) and the input of every analysis.
 *
 * Layout (struct of arrays, jagged like awkward arrays): event i owns tracks
 * trackOffsets[i] .. trackOffsets[i+1]-1 and photons photonOffsets[i] .. photonOffsets[i+1]-1.
 * Momenta in GeV in the laboratory frame; impact parameters in cm; angles in radians.
 * Events map one to one onto the truth events they came from (an event with nothing seen is
 * still there, with zero tracks and photons), so `weight` and the event index carry over.
 */

/** Trigger-line bits of {@link RecoEvents.trigger} (Belle II L1 lines emulated by the fast simulation). */
export const TRG_TWO_TRACK = 1;
/** Three-track line: >= 3 tracks in the barrel trigger acceptance. */
export const TRG_THREE_TRACK = 2;
/** Single-muon line: a track matched to barrel-KLM hits. */
export const TRG_SINGLE_MUON = 4;
/** ECL energy line: total cluster energy above threshold (the reference trigger). */
export const TRG_ECL_ENERGY = 8;
/** Set when the Bhabha veto fired (it already suppresses {@link TRG_TWO_TRACK}). */
export const TRG_BHABHA = 16;

/** Names of the trigger bits, in bit order, for reports and file metadata. */
export const TRIGGER_BIT_NAMES: readonly string[] = [
  "twoTrack",
  "threeTrack",
  "singleMuon",
  "eclEnergy",
  "bhabha",
];

export interface RecoEvents {
  /** Number of events. */
  readonly nEvents: number;
  /** Event weights, copied from the truth events. */
  readonly weight: Float64Array;
  /** Trigger bits per event (TRG_* constants, OR-ed). */
  readonly trigger: Int32Array;
  /** Track row offsets, length nEvents + 1. */
  readonly trackOffsets: Int32Array;
  /** Track charge, +1 or -1. */
  readonly charge: Int8Array;
  /** Track momentum at the point of closest approach [GeV]. */
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  /** Signed transverse distance of closest approach to the beam axis [cm]. */
  readonly d0: Float64Array;
  /** Longitudinal distance of closest approach [cm]. */
  readonly z0: Float64Array;
  /** Muon likelihood ratio in [0, 1]; the card's muon-ID efficiency is defined by muonLR > 0.5. */
  readonly muonLR: Float32Array;
  /** Electron likelihood ratio in [0, 1]; electron ID is electronLR > 0.5. */
  readonly electronLR: Float32Array;
  /** Energy of the ECL cluster matched to the track [GeV] (0 when none); E/p for electron ID. */
  readonly eclEnergy: Float64Array;
  /** Truth link: row of the generating particle within its truth event (-1 for none). */
  readonly trackTruth: Int16Array;
  /** Photon row offsets, length nEvents + 1. */
  readonly photonOffsets: Int32Array;
  /** Photon (ECL cluster not matched to a track) energy [GeV]. */
  readonly photonE: Float64Array;
  /** Photon polar angle [rad]. */
  readonly photonTheta: Float64Array;
  /** Photon azimuth [rad], in (-pi, pi]. */
  readonly photonPhi: Float64Array;
  /** Truth link of the photon (-1 for beam background). */
  readonly photonTruth: Int16Array;
}

/** Number of tracks of event `i`. */
export function nTracks(ev: RecoEvents, i: number): number {
  return ev.trackOffsets[i + 1]! - ev.trackOffsets[i]!;
}

/** Number of photons of event `i`. */
export function nPhotons(ev: RecoEvents, i: number): number {
  return ev.photonOffsets[i + 1]! - ev.photonOffsets[i]!;
}

type Grow = Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** The first n rows of a buffer: a view when nearly full, else an exact copy. */
function fit<T extends Grow>(a: T, n: number): T {
  return (n * 10 >= a.length * 9 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
function grown<T extends Grow>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Growable builder for {@link RecoEvents}: add tracks and photons to the open event, close it
 * with `endEvent(weight, trigger)`, then `build()`. Amortised O(1), no objects per row.
 *
 * @example
 * const b = new RecoEventsBuilder(1000);
 * b.track(-1, 0.5, 1.2, 0.3, 0.001, -0.02, 0.98, 0.01, 0.2, 0);
 * b.photon(0.3, 1.1, -2.0, -1);
 * b.endEvent(1, TRG_TWO_TRACK);
 * const reco = b.build();
 */
export class RecoEventsBuilder {
  private nEv = 0;
  private nTrk = 0;
  private nPho = 0;
  private evCap: number;
  private trkCap: number;
  private phoCap: number;
  private weight: Float64Array;
  private trigger: Int32Array;
  private trackOffsets: Int32Array;
  private photonOffsets: Int32Array;
  private charge: Int8Array;
  private px: Float64Array;
  private py: Float64Array;
  private pz: Float64Array;
  private d0: Float64Array;
  private z0: Float64Array;
  private muonLR: Float32Array;
  private electronLR: Float32Array;
  private eclEnergy: Float64Array;
  private trackTruth: Int16Array;
  private photonE: Float64Array;
  private photonTheta: Float64Array;
  private photonPhi: Float64Array;
  private photonTruth: Int16Array;

  constructor(expectedEvents = 1024, tracksPerEvent = 2, photonsPerEvent = 1) {
    this.evCap = Math.max(16, expectedEvents);
    this.trkCap = Math.max(16, Math.ceil(expectedEvents * tracksPerEvent));
    this.phoCap = Math.max(16, Math.ceil(expectedEvents * photonsPerEvent));
    this.weight = new Float64Array(this.evCap);
    this.trigger = new Int32Array(this.evCap);
    this.trackOffsets = new Int32Array(this.evCap + 1);
    this.photonOffsets = new Int32Array(this.evCap + 1);
    this.charge = new Int8Array(this.trkCap);
    this.px = new Float64Array(this.trkCap);
    this.py = new Float64Array(this.trkCap);
    this.pz = new Float64Array(this.trkCap);
    this.d0 = new Float64Array(this.trkCap);
    this.z0 = new Float64Array(this.trkCap);
    this.muonLR = new Float32Array(this.trkCap);
    this.electronLR = new Float32Array(this.trkCap);
    this.eclEnergy = new Float64Array(this.trkCap);
    this.trackTruth = new Int16Array(this.trkCap);
    this.photonE = new Float64Array(this.phoCap);
    this.photonTheta = new Float64Array(this.phoCap);
    this.photonPhi = new Float64Array(this.phoCap);
    this.photonTruth = new Int16Array(this.phoCap);
  }

  /** Number of closed events. */
  get nEvents(): number {
    return this.nEv;
  }

  /** Tracks already in the open event. */
  get openTracks(): number {
    return this.nTrk - this.trackOffsets[this.nEv]!;
  }

  /** Photons already in the open event. */
  get openPhotons(): number {
    return this.nPho - this.photonOffsets[this.nEv]!;
  }

  /** Append a track to the open event (units as in {@link RecoEvents}); returns its global row. */
  track(
    charge: number,
    px: number,
    py: number,
    pz: number,
    d0: number,
    z0: number,
    muonLR: number,
    electronLR: number,
    eclEnergy: number,
    truth: number,
  ): number {
    if (this.nTrk === this.trkCap) this.growTracks();
    const i = this.nTrk++;
    this.charge[i] = charge;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.d0[i] = d0;
    this.z0[i] = z0;
    this.muonLR[i] = muonLR;
    this.electronLR[i] = electronLR;
    this.eclEnergy[i] = eclEnergy;
    this.trackTruth[i] = truth;
    return i;
  }

  /** Append a photon to the open event (energy [GeV], theta, phi [rad]); returns its global row. */
  photon(e: number, theta: number, phi: number, truth: number): number {
    if (this.nPho === this.phoCap) this.growPhotons();
    const i = this.nPho++;
    this.photonE[i] = e;
    this.photonTheta[i] = theta;
    this.photonPhi[i] = phi;
    this.photonTruth[i] = truth;
    return i;
  }

  private cached: RecoEvents | undefined;

  /**
   * Read access to the rows written so far, including the open event (for trigger emulation).
   * The arrays are the builder's own buffers (longer than the data; `nEvents` counts closed
   * events). The object is reused until a buffer grows, so calling this per event allocates
   * nothing.
   */
  get view(): RecoEvents {
    if (
      this.cached &&
      this.cached.px === this.px &&
      this.cached.photonE === this.photonE &&
      this.cached.weight === this.weight
    ) {
      (this.cached as { nEvents: number }).nEvents = this.nEv;
      return this.cached;
    }
    this.cached = {
      nEvents: this.nEv,
      weight: this.weight,
      trigger: this.trigger,
      trackOffsets: this.trackOffsets,
      charge: this.charge,
      px: this.px,
      py: this.py,
      pz: this.pz,
      d0: this.d0,
      z0: this.z0,
      muonLR: this.muonLR,
      electronLR: this.electronLR,
      eclEnergy: this.eclEnergy,
      trackTruth: this.trackTruth,
      photonOffsets: this.photonOffsets,
      photonE: this.photonE,
      photonTheta: this.photonTheta,
      photonPhi: this.photonPhi,
      photonTruth: this.photonTruth,
    };
    return this.cached;
  }

  /** Close the open event. */
  endEvent(weight: number, trigger: number): void {
    if (this.nEv === this.evCap) this.growEvents();
    this.weight[this.nEv] = weight;
    this.trigger[this.nEv] = trigger;
    this.nEv++;
    this.trackOffsets[this.nEv] = this.nTrk;
    this.photonOffsets[this.nEv] = this.nPho;
  }

  /**
   * Freeze into {@link RecoEvents}. Columns filled to at least 90% of their buffer are returned
   * as views (no copy; rows already written are never rewritten), others are copied to exact
   * length so a mostly empty buffer is not kept alive.
   */
  build(): RecoEvents {
    const t = this.nTrk;
    const p = this.nPho;
    const e = this.nEv;
    return {
      nEvents: e,
      weight: fit(this.weight, e),
      trigger: fit(this.trigger, e),
      trackOffsets: fit(this.trackOffsets, e + 1),
      charge: fit(this.charge, t),
      px: fit(this.px, t),
      py: fit(this.py, t),
      pz: fit(this.pz, t),
      d0: fit(this.d0, t),
      z0: fit(this.z0, t),
      muonLR: fit(this.muonLR, t),
      electronLR: fit(this.electronLR, t),
      eclEnergy: fit(this.eclEnergy, t),
      trackTruth: fit(this.trackTruth, t),
      photonOffsets: fit(this.photonOffsets, e + 1),
      photonE: fit(this.photonE, p),
      photonTheta: fit(this.photonTheta, p),
      photonPhi: fit(this.photonPhi, p),
      photonTruth: fit(this.photonTruth, p),
    };
  }

  private growEvents(): void {
    const c = this.evCap * 2;
    this.weight = grown(this.weight, c);
    this.trigger = grown(this.trigger, c);
    this.trackOffsets = grown(this.trackOffsets, c + 1);
    this.photonOffsets = grown(this.photonOffsets, c + 1);
    this.evCap = c;
  }

  private growTracks(): void {
    const c = this.trkCap * 2;
    this.charge = grown(this.charge, c);
    this.px = grown(this.px, c);
    this.py = grown(this.py, c);
    this.pz = grown(this.pz, c);
    this.d0 = grown(this.d0, c);
    this.z0 = grown(this.z0, c);
    this.muonLR = grown(this.muonLR, c);
    this.electronLR = grown(this.electronLR, c);
    this.eclEnergy = grown(this.eclEnergy, c);
    this.trackTruth = grown(this.trackTruth, c);
    this.trkCap = c;
  }

  private growPhotons(): void {
    const c = this.phoCap * 2;
    this.photonE = grown(this.photonE, c);
    this.photonTheta = grown(this.photonTheta, c);
    this.photonPhi = grown(this.photonPhi, c);
    this.photonTruth = grown(this.photonTruth, c);
    this.phoCap = c;
  }
}

/** Concatenate chunks of reconstructed events (in order). */
export function concatRecoEvents(parts: readonly RecoEvents[]): RecoEvents {
  const nEv = parts.reduce((s, p) => s + p.nEvents, 0);
  const nT = parts.reduce((s, p) => s + p.charge.length, 0);
  const nP = parts.reduce((s, p) => s + p.photonE.length, 0);
  const out = {
    nEvents: nEv,
    weight: new Float64Array(nEv),
    trigger: new Int32Array(nEv),
    trackOffsets: new Int32Array(nEv + 1),
    charge: new Int8Array(nT),
    px: new Float64Array(nT),
    py: new Float64Array(nT),
    pz: new Float64Array(nT),
    d0: new Float64Array(nT),
    z0: new Float64Array(nT),
    muonLR: new Float32Array(nT),
    electronLR: new Float32Array(nT),
    eclEnergy: new Float64Array(nT),
    trackTruth: new Int16Array(nT),
    photonOffsets: new Int32Array(nEv + 1),
    photonE: new Float64Array(nP),
    photonTheta: new Float64Array(nP),
    photonPhi: new Float64Array(nP),
    photonTruth: new Int16Array(nP),
  };
  let ev = 0;
  let t = 0;
  let ph = 0;
  for (const p of parts) {
    for (let i = 0; i < p.nEvents; i++) {
      out.trackOffsets[ev + i + 1] = t + p.trackOffsets[i + 1]!;
      out.photonOffsets[ev + i + 1] = ph + p.photonOffsets[i + 1]!;
    }
    out.weight.set(p.weight, ev);
    out.trigger.set(p.trigger, ev);
    for (const k of TRACK_KEYS) (out[k] as Grow).set(p[k] as never, t);
    for (const k of PHOTON_KEYS) (out[k] as Grow).set(p[k] as never, ph);
    ev += p.nEvents;
    t += p.charge.length;
    ph += p.photonE.length;
  }
  return out;
}

/** Per-track columns of {@link RecoEvents}, in file order. */
export const TRACK_KEYS = [
  "charge",
  "px",
  "py",
  "pz",
  "d0",
  "z0",
  "muonLR",
  "electronLR",
  "eclEnergy",
  "trackTruth",
] as const;

/** Per-photon columns of {@link RecoEvents}, in file order. */
export const PHOTON_KEYS = ["photonE", "photonTheta", "photonPhi", "photonTruth"] as const;
