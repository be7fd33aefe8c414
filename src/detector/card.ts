/**
 * The detector card: every number of the Belle II fast simulation in one validated JSON object.
 * Angles are in degrees in the card (the config edge) and in radians in {@link CompiledCard};
 * energies and momenta in GeV, lengths in cm. The built-in default is {@link belle2DefaultCard}.
 *
 * Validation (zod): unknown keys, negative resolutions, efficiencies outside [0, 1], unsorted
 * edges and overlapping angular regions are rejected with a {@link ConfigError} naming the key
 * path, e.g. `card.json: ecl.regions.1.thetaMin: overlaps ecl.regions.0 (31 < 31.4 deg)`.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../core/errors.ts";
import { deg } from "../core/units.ts";

const nonneg = z.number().finite().nonnegative();
const prob = z.number().min(0).max(1);
const angle = z.number().min(0).max(180);

/** sigma = constant (+) slope * x, added in quadrature; units depend on the use. */
const Quadrature2 = z.strictObject({ constant: nonneg, slope: nonneg });

const Region = z.strictObject({ name: z.string().min(1), thetaMin: angle, thetaMax: angle });
const RegionWithEfficiency = z.strictObject({
  name: z.string().min(1),
  thetaMin: angle,
  thetaMax: angle,
  efficiency: prob,
});

/** Efficiency table in bins of polar angle (rows, degrees) and momentum (columns, GeV). */
const PidTable = z.strictObject({
  thetaEdges: z.array(angle).min(2),
  momentumEdges: z.array(nonneg).min(2),
  values: z.array(z.array(prob)),
});

const CardSchema = z.strictObject({
  name: z.string().min(1),
  tracking: z.strictObject({
    /** CDC polar-angle acceptance [deg]. */
    thetaMin: angle,
    thetaMax: angle,
    /** Minimum transverse momentum to reconstruct a track [GeV]. */
    ptMin: nonneg,
    /** Track-finding efficiency inside acceptance. */
    efficiency: prob,
    /** sigma(pT)/pT = constant (+) slope * pT[GeV]  (slope in 1/GeV). */
    ptResolution: Quadrature2,
    /** sigma(theta), sigma(phi) = constant (+) slope / p  [deg, deg GeV]. */
    angularResolution: Quadrature2,
    /** sigma(d0) = constant (+) slope / (p beta sin^{3/2} theta)  [cm, cm GeV]. */
    d0Resolution: Quadrature2,
    /** sigma(z0) = constant (+) slope / (p beta sin^{5/2} theta)  [cm, cm GeV]. */
    z0Resolution: Quadrature2,
  }),
  ecl: z.strictObject({
    /** ECL parts (forward, barrel, backward) with photon efficiency; must not overlap [deg]. */
    regions: z.array(RegionWithEfficiency).min(1),
    /** Dead bands inside the regions (e.g. the 89-91 deg photon-veto hole) [deg]. */
    gaps: z.array(Region),
    /** Reconstructed cluster energy threshold for photons [GeV]. */
    photonThreshold: nonneg,
    /** sigma_E/E = noise/E (+) stochastic/E^{1/4} (+) constant (E in GeV). */
    energyResolution: z.strictObject({ noise: nonneg, stochastic: nonneg, constant: nonneg }),
    /** Cluster angular resolution sigma(theta) = sigma(phi) = constant (+) slope / sqrt(E) [deg]. */
    angularResolution: Quadrature2,
    /** Charged particles reach the barrel ECL above this pT [GeV]. */
    chargedBarrelPtMin: nonneg,
    /** Minimum-ionising deposit of muons and non-showering pions [GeV]: mean and width. */
    mipDeposit: z.strictObject({ mean: nonneg, sigma: nonneg }),
    /** Electron E/p: mean and width. */
    electronEoverP: z.strictObject({ mean: nonneg, sigma: nonneg }),
    /** Fraction of pions that shower; a shower deposits a uniform fraction of p. */
    pionShowerFraction: prob,
    /** Beam-background photons per event (Poisson mean) and their mean energy [GeV] (exponential). */
    beamBackground: z.strictObject({ meanPhotons: nonneg, meanEnergy: nonneg }),
    /** Photon conversions in the material before the ECL: the photon is lost with this probability. */
    conversions: z.strictObject({ enabled: z.boolean(), probability: prob }),
    /**
     * Bands where a further fraction of photons is lost (a data/simulation correction of the
     * photon-veto efficiency, e.g. the backward barrel of the invisible-Z' paper) [deg]. Optional.
     */
    photonLoss: z
      .array(z.strictObject({ name: z.string().min(1), thetaMin: angle, thetaMax: angle, probability: prob }))
      .optional(),
    /**
     * Track-cluster matching: a photon within `radius` [deg] of a track's ECL entry point is merged
     * into the track's cluster. Geometry of the entry point: barrel inner radius, endcap planes
     * [m] and the solenoid field [T]. Absent = no merging.
     */
    trackMatch: z
      .strictObject({
        radius: nonneg,
        barrelRadius: z.number().positive(),
        forwardZ: z.number().positive(),
        backwardZ: z.number().negative(),
        field: z.number().positive(),
      })
      .optional(),
  }),
  klm: z.strictObject({
    /** KLM regions [deg], must not overlap. */
    regions: z.array(Region).min(1),
    /** Muons reach the barrel KLM above this pT [GeV]. */
    barrelPtMin: nonneg,
  }),
  pid: z.strictObject({
    /** P(muonLR > 0.5) for true muons, pions (fake rate) and electrons. */
    muon: z.strictObject({ muon: PidTable, pion: PidTable, electron: PidTable }),
    /** P(electronLR > 0.5) for true electrons, pions and muons. */
    electron: z.strictObject({ electron: PidTable, pion: PidTable, muon: PidTable }),
  }),
  trigger: z.strictObject({
    /**
     * Two-track line. The azimuthal-opening requirement is either one `deltaPhiMin` [deg] or, for
     * a data set taken under several trigger settings, `periods`: each run period's requirement
     * and luminosity [fb^-1]; an event is then simulated in one period, drawn with probability
     * L_period / sum L (the data set is a luminosity-weighted mixture). Give exactly one.
     */
    twoTrack: z.strictObject({
      thetaMin: angle,
      thetaMax: angle,
      deltaPhiMin: angle.optional(),
      periods: z
        .array(
          z.strictObject({ name: z.string().min(1), deltaPhiMin: angle, luminosity: z.number().positive() }),
        )
        .min(1)
        .optional(),
      efficiency: prob,
    }),
    threeTrack: z.strictObject({ thetaMin: angle, thetaMax: angle, ptMin: nonneg, efficiency: prob }),
    singleMuon: z.strictObject({
      thetaMin: angle,
      thetaMax: angle,
      ptMin: nonneg,
      muonEfficiency: prob,
      pionEfficiency: prob,
    }),
    eclEnergy: z.strictObject({ thetaMin: angle, thetaMax: angle, energyMin: nonneg, efficiency: prob }),
    bhabhaVeto: z.strictObject({ enabled: z.boolean(), clusterEnergyMin: nonneg, energySumMin: nonneg }),
  }),
});

/** The detector card as written in JSON (degrees, GeV, cm). */
export type DetectorCard = z.infer<typeof CardSchema>;

/** Flattened efficiency table: value[t * nP + j] for theta bin t, momentum bin j. */
export interface CompiledTable {
  readonly thetaEdges: Float64Array;
  readonly momentumEdges: Float64Array;
  readonly values: Float64Array;
}

/** Angular band [rad]. */
export interface Band {
  readonly min: number;
  readonly max: number;
}

/** A band with its cosine bounds precomputed: theta in band <=> cosLo <= cos(theta) <= cosHi. */
export interface CosBand extends Band {
  /** cos(min). */
  readonly cosHi: number;
  /** cos(max). */
  readonly cosLo: number;
}

/** The card in internal units (radians), with tables flattened for the hot loop. */
export interface CompiledCard {
  readonly card: DetectorCard;
  readonly tracking: {
    thetaMin: number;
    thetaMax: number;
    ptMin: number;
    efficiency: number;
    ptResConst: number;
    ptResSlope: number;
    angResConst: number;
    angResSlope: number;
    d0Const: number;
    d0Slope: number;
    z0Const: number;
    z0Slope: number;
  };
  readonly ecl: {
    regions: readonly (Band & { efficiency: number })[];
    gaps: readonly Band[];
    /** theta band of the barrel region (the one named "barrel", else the widest). */
    barrel: Band;
    photonThreshold: number;
    noise: number;
    stochastic: number;
    constant: number;
    angResConst: number;
    angResSlope: number;
    chargedBarrelPtMin: number;
    mipMean: number;
    mipSigma: number;
    eopMean: number;
    eopSigma: number;
    pionShowerFraction: number;
    bkgMean: number;
    bkgEnergy: number;
    conversion: number;
    /** Extra photon-loss bands (radians) with their loss probability. */
    photonLoss: readonly (Band & { probability: number })[];
    /** Track-cluster matching (radius in rad; 0 = off; lengths in m, field in T). */
    trackMatch: { radius: number; barrelRadius: number; forwardZ: number; backwardZ: number; field: number };
  };
  readonly klm: { regions: readonly Band[]; barrel: Band; barrelPtMin: number };
  readonly pid: {
    muMu: CompiledTable;
    muPi: CompiledTable;
    muE: CompiledTable;
    eE: CompiledTable;
    ePi: CompiledTable;
    eMu: CompiledTable;
  };
  readonly trigger: {
    /**
     * Run periods of the two-track line, loosest requirement first: cos of the minimum opening
     * and the period's share of the luminosity (shares add up to 1).
     */
    twoTrack: CosBand & {
      periods: readonly { cosDeltaPhiMin: number; fraction: number }[];
      efficiency: number;
    };
    threeTrack: CosBand & { ptMin: number; efficiency: number };
    singleMuon: CosBand & { ptMin: number; muonEfficiency: number; pionEfficiency: number };
    eclEnergy: CosBand & { energyMin: number; efficiency: number };
    bhabhaVeto: { enabled: boolean; clusterEnergyMin: number; energySumMin: number };
  };
}

function checkBand(ctx: z.RefinementCtx, path: (string | number)[], lo: number, hi: number): void {
  if (!(lo < hi))
    ctx.addIssue({
      code: "custom",
      path: [...path, "thetaMax"],
      message: `must exceed thetaMin (${hi} <= ${lo} deg)`,
    });
}

function checkNoOverlap(
  ctx: z.RefinementCtx,
  key: string,
  regions: readonly { thetaMin: number; thetaMax: number }[],
) {
  regions.forEach((r, i) => {
    checkBand(ctx, [...key.split("."), i], r.thetaMin, r.thetaMax);
  });
  const order = regions.map((_, i) => i).sort((a, b) => regions[a]!.thetaMin - regions[b]!.thetaMin);
  for (let k = 1; k < order.length; k++) {
    const prev = regions[order[k - 1]!]!;
    const cur = regions[order[k]!]!;
    if (cur.thetaMin < prev.thetaMax)
      ctx.addIssue({
        code: "custom",
        path: [...key.split("."), order[k]!, "thetaMin"],
        message: `overlaps ${key}.${order[k - 1]} (${cur.thetaMin} < ${prev.thetaMax} deg)`,
      });
  }
}

function checkEdges(ctx: z.RefinementCtx, path: (string | number)[], edges: readonly number[], what: string) {
  for (let i = 1; i < edges.length; i++)
    if (!(edges[i]! > edges[i - 1]!))
      ctx.addIssue({
        code: "custom",
        path: [...path, i],
        message: `${what} must increase (${edges[i]} after ${edges[i - 1]})`,
      });
}

const ValidatedCard = CardSchema.superRefine((c, ctx) => {
  checkBand(ctx, ["tracking"], c.tracking.thetaMin, c.tracking.thetaMax);
  checkNoOverlap(ctx, "ecl.regions", c.ecl.regions);
  c.ecl.gaps.forEach((g, i) => {
    checkBand(ctx, ["ecl", "gaps", i], g.thetaMin, g.thetaMax);
  });
  (c.ecl.photonLoss ?? []).forEach((g, i) => {
    checkBand(ctx, ["ecl", "photonLoss", i], g.thetaMin, g.thetaMax);
  });
  checkNoOverlap(ctx, "klm.regions", c.klm.regions);
  for (const [hyp, tables] of Object.entries(c.pid))
    for (const [truth, t] of Object.entries(tables as Record<string, z.infer<typeof PidTable>>)) {
      const path = ["pid", hyp, truth];
      checkEdges(ctx, [...path, "thetaEdges"], t.thetaEdges, "thetaEdges");
      checkEdges(ctx, [...path, "momentumEdges"], t.momentumEdges, "momentumEdges");
      const nT = t.thetaEdges.length - 1;
      const nP = t.momentumEdges.length - 1;
      if (t.values.length !== nT)
        ctx.addIssue({
          code: "custom",
          path: [...path, "values"],
          message: `needs ${nT} rows (one per theta bin)`,
        });
      t.values.forEach((row, r) => {
        if (row.length !== nP)
          ctx.addIssue({
            code: "custom",
            path: [...path, "values", r],
            message: `needs ${nP} values (one per momentum bin)`,
          });
      });
    }
  const tr = c.trigger;
  checkBand(ctx, ["trigger", "twoTrack"], tr.twoTrack.thetaMin, tr.twoTrack.thetaMax);
  if ((tr.twoTrack.deltaPhiMin === undefined) === (tr.twoTrack.periods === undefined))
    ctx.addIssue({
      code: "custom",
      path: ["trigger", "twoTrack"],
      message: "give exactly one of deltaPhiMin (one setting) and periods (several run periods)",
    });
  checkBand(ctx, ["trigger", "threeTrack"], tr.threeTrack.thetaMin, tr.threeTrack.thetaMax);
  checkBand(ctx, ["trigger", "singleMuon"], tr.singleMuon.thetaMin, tr.singleMuon.thetaMax);
  checkBand(ctx, ["trigger", "eclEnergy"], tr.eclEnergy.thetaMin, tr.eclEnergy.thetaMax);
});

function issueLine(issue: z.core.$ZodIssue): { where: string; message: string } {
  const where = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (where ? `${where}.${k}` : k));
    return { where: keys.join(", "), message: `unknown key${keys.length > 1 ? "s" : ""}` };
  }
  return { where: where || "(card)", message: issue.message };
}

/**
 * Validate a parsed JSON value as a detector card.
 *
 * @param value the parsed JSON
 * @param file name shown in the error message
 * @throws ConfigError naming the first offending key path
 */
export function parseCard(value: unknown, file?: string): DetectorCard {
  const r = ValidatedCard.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0]!;
    const { where, message } = issueLine(first);
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problem(s))` : "";
    throw new ConfigError(message + more, where, file);
  }
  return r.data;
}

/** Read and validate a card from a JSON file. @throws ConfigError for unreadable or invalid cards */
export function readCard(path: string): DetectorCard {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(
      `cannot read card (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      undefined,
      path,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`not valid JSON (${(e as Error).message})`, undefined, path);
  }
  return parseCard(value, path);
}

function compileTable(t: z.infer<typeof PidTable>): CompiledTable {
  return {
    thetaEdges: Float64Array.from(t.thetaEdges, deg),
    momentumEdges: Float64Array.from(t.momentumEdges),
    values: Float64Array.from(t.values.flat()),
  };
}

const band = (r: { thetaMin: number; thetaMax: number }): Band => ({
  min: deg(r.thetaMin),
  max: deg(r.thetaMax),
});
/** Compiled run periods of the two-track line (see the schema), loosest requirement first. */
function twoTrackPeriods(
  t: DetectorCard["trigger"]["twoTrack"],
): { cosDeltaPhiMin: number; fraction: number }[] {
  const periods = t.periods ?? [{ name: "all", deltaPhiMin: t.deltaPhiMin!, luminosity: 1 }];
  const total = periods.reduce((a, p) => a + p.luminosity, 0);
  return periods
    .map((p) => ({ cosDeltaPhiMin: Math.cos(deg(p.deltaPhiMin)), fraction: p.luminosity / total }))
    .sort((a, b) => b.cosDeltaPhiMin - a.cosDeltaPhiMin);
}

const cosBand = (r: { thetaMin: number; thetaMax: number }): CosBand => ({
  ...band(r),
  cosHi: Math.cos(deg(r.thetaMin)),
  cosLo: Math.cos(deg(r.thetaMax)),
});

/** Convert a validated card into internal units (radians) and flat tables. */
export function compileCard(card: DetectorCard): CompiledCard {
  const tk = card.tracking;
  const ecl = card.ecl;
  const pickBarrel = (regions: readonly { name: string; thetaMin: number; thetaMax: number }[]) =>
    band(
      regions.find((r) => r.name.includes("barrel")) ??
        [...regions].sort((a, b) => b.thetaMax - b.thetaMin - (a.thetaMax - a.thetaMin))[0]!,
    );
  const tr = card.trigger;
  return {
    card,
    tracking: {
      thetaMin: deg(tk.thetaMin),
      thetaMax: deg(tk.thetaMax),
      ptMin: tk.ptMin,
      efficiency: tk.efficiency,
      ptResConst: tk.ptResolution.constant,
      ptResSlope: tk.ptResolution.slope,
      angResConst: deg(tk.angularResolution.constant),
      angResSlope: deg(tk.angularResolution.slope),
      d0Const: tk.d0Resolution.constant,
      d0Slope: tk.d0Resolution.slope,
      z0Const: tk.z0Resolution.constant,
      z0Slope: tk.z0Resolution.slope,
    },
    ecl: {
      regions: ecl.regions.map((r) => ({ ...band(r), efficiency: r.efficiency })),
      gaps: ecl.gaps.map(band),
      barrel: pickBarrel(ecl.regions),
      photonThreshold: ecl.photonThreshold,
      noise: ecl.energyResolution.noise,
      stochastic: ecl.energyResolution.stochastic,
      constant: ecl.energyResolution.constant,
      angResConst: deg(ecl.angularResolution.constant),
      angResSlope: deg(ecl.angularResolution.slope),
      chargedBarrelPtMin: ecl.chargedBarrelPtMin,
      mipMean: ecl.mipDeposit.mean,
      mipSigma: ecl.mipDeposit.sigma,
      eopMean: ecl.electronEoverP.mean,
      eopSigma: ecl.electronEoverP.sigma,
      pionShowerFraction: ecl.pionShowerFraction,
      bkgMean: ecl.beamBackground.meanPhotons,
      bkgEnergy: ecl.beamBackground.meanEnergy,
      conversion: ecl.conversions.enabled ? ecl.conversions.probability : 0,
      photonLoss: (ecl.photonLoss ?? []).map((g) => ({ ...band(g), probability: g.probability })),
      trackMatch: ecl.trackMatch
        ? { ...ecl.trackMatch, radius: deg(ecl.trackMatch.radius) }
        : { radius: 0, barrelRadius: 1.25, forwardZ: 1.96, backwardZ: -1.02, field: 1.5 },
    },
    klm: {
      regions: card.klm.regions.map(band),
      barrel: pickBarrel(card.klm.regions),
      barrelPtMin: card.klm.barrelPtMin,
    },
    pid: {
      muMu: compileTable(card.pid.muon.muon),
      muPi: compileTable(card.pid.muon.pion),
      muE: compileTable(card.pid.muon.electron),
      eE: compileTable(card.pid.electron.electron),
      ePi: compileTable(card.pid.electron.pion),
      eMu: compileTable(card.pid.electron.muon),
    },
    trigger: {
      twoTrack: {
        ...cosBand(tr.twoTrack),
        periods: twoTrackPeriods(tr.twoTrack),
        efficiency: tr.twoTrack.efficiency,
      },
      threeTrack: {
        ...cosBand(tr.threeTrack),
        ptMin: tr.threeTrack.ptMin,
        efficiency: tr.threeTrack.efficiency,
      },
      singleMuon: {
        ...cosBand(tr.singleMuon),
        ptMin: tr.singleMuon.ptMin,
        muonEfficiency: tr.singleMuon.muonEfficiency,
        pionEfficiency: tr.singleMuon.pionEfficiency,
      },
      eclEnergy: {
        ...cosBand(tr.eclEnergy),
        energyMin: tr.eclEnergy.energyMin,
        efficiency: tr.eclEnergy.efficiency,
      },
      bhabhaVeto: { ...tr.bhabhaVeto },
    },
  };
}

/**
 * Table lookup: value of the bin containing (theta [rad], p [GeV]); 0 outside the table
 * (no identification where the card says nothing). The last momentum bin is open-ended upwards.
 */
export function tableValue(t: CompiledTable, theta: number, p: number): number {
  const te = t.thetaEdges;
  const pe = t.momentumEdges;
  const nT = te.length - 1;
  const nP = pe.length - 1;
  if (theta < te[0]! || theta >= te[nT]! || p < pe[0]!) return 0;
  let i = 0;
  while (i < nT - 1 && theta >= te[i + 1]!) i++;
  let j = 0;
  while (j < nP - 1 && p >= pe[j + 1]!) j++;
  return t.values[i * nP + j]!;
}

/**
 * A copy of `card` in which every charged particle inside the muon-ID tables passes the muon ID
 * (all P(muonLR > 0.5) = 1). With it, a background whose pairs are rarely taken for muons (e e,
 * e e e e, pi pi) is simulated without the rare random draw: each event passes the muon ID and is
 * weighted by the product of its candidates' true probabilities ({@link tableValue} of the
 * original card), an unbiased estimate with far fewer events. Every random number is drawn as with
 * the original card, so everything but the muon ID is simulated identically.
 */
export function withCertainMuonId(card: DetectorCard): DetectorCard {
  const c = structuredClone(card);
  for (const t of [c.pid.muon.muon, c.pid.muon.pion, c.pid.muon.electron])
    t.values = t.values.map((row) => row.map(() => 1));
  return c;
}
