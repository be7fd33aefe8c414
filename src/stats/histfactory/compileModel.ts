/**
 * Compile a pyhf JSON workspace (one measurement, optional modifier settings) into a
 * {@link HistFactoryModel}: plain typed arrays for the nominal yields, the modifiers and the
 * constraint terms, in pyhf's channel, sample and parameter order (statistics.md 1.1-1.2;
 * validation/pyhf/README.md "Conventions").
 */
import { InputError } from "../../core/errors.ts";
import { getMeasurement } from "../workspace/parseWorkspace.ts";
import type { ModifierSettings, ParameterConfig, Workspace } from "../workspace/types.ts";
import { DEFAULT_MODIFIER_SETTINGS } from "../workspace/types.ts";
import type { HistosysCode } from "./histosysInterp.ts";
import { HistFactoryModel, type ModelArrays } from "./model.ts";
import { code4Coefficients, type NormsysCode } from "./normsysInterp.ts";
import { shapesysConstraint } from "./shapesys.ts";
import { staterrorSigmas } from "./staterror.ts";

/** Options of {@link compileModel}. */
export interface CompileOptions {
  /** Measurement name; default: the first measurement. */
  measurement?: string;
  /** Interpolation codes; default pyhf's (normsys code4, histosys code4p). */
  modifierSettings?: ModifierSettings;
  /** Override the POI name of the measurement. */
  poiName?: string;
  /** File name for error messages. */
  file?: string;
}

// pyhf's modifier_set order (pyhf/modifiers/__init__.py): parameter sets are grouped by it.
const TYPE_ORDER = ["histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror"];

type ConstraintKind = "none" | "normal" | "poisson";

/** One parameter set (a named modifier parameter, scalar or per-bin). */
interface ParSet {
  name: string;
  kind: ConstraintKind;
  n: number;
  scalar: boolean;
  inits: number[];
  bounds: [number, number][];
  fixed: boolean[];
  auxdata: number[];
  sigmas: number[]; // normal constraint widths
  factors: number[]; // poisson constraint scale tau
  /** Model type that created it, for the "defaults must agree" check. */
  types: Set<string>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Build the model. Throws InputError for inconsistent workspaces (bin-count mismatch, missing
 * lumi configuration, conflicting parameter definitions) and ConfigError for an unknown
 * measurement.
 *
 * @example
 * const model = compileModel(ws, { modifierSettings: { normsys: { interpcode: "code1" }, histosys: { interpcode: "code0" } } });
 * const lp = model.logpdf(model.init, model.dataFor(ws));
 */
export function compileModel(ws: Workspace, opts: CompileOptions = {}): HistFactoryModel {
  const file = opts.file;
  const settings = opts.modifierSettings ?? DEFAULT_MODIFIER_SETTINGS;
  const nsCode: NormsysCode = settings.normsys.interpcode === "code1" ? 1 : 4;
  const hsCode: HistosysCode =
    settings.histosys.interpcode === "code0" ? 0 : settings.histosys.interpcode === "code2" ? 2 : 5;

  const measurement = getMeasurement(ws, opts.measurement, file);
  const mpath = `/measurements/${ws.measurements.indexOf(measurement)}/config`;
  const poiName = opts.poiName ?? measurement.config.poi;

  // ---- channels, samples, bins (alphabetical, pyhf mixins._ChannelSummaryMixin)
  const chanByName = new Map(ws.channels.map((c) => [c.name, c]));
  const channels = [...chanByName.keys()].sort(cmp);
  const sampleSet = new Set<string>();
  for (const c of ws.channels) for (const s of c.samples) sampleSet.add(s.name);
  const samples = [...sampleSet].sort(cmp);
  const channelNbins: number[] = [];
  const channelOffset: number[] = [];
  let nMain = 0;
  for (const cn of channels) {
    const ch = chanByName.get(cn)!;
    const nb = ch.samples[0]?.data.length ?? 0;
    for (const s of ch.samples) {
      if (s.data.length !== nb)
        throw new InputError(
          `sample "${s.name}" has ${s.data.length} bins but channel "${cn}" has ${nb}`,
          file,
          `channel ${cn}`,
        );
    }
    channelOffset.push(nMain);
    channelNbins.push(nb);
    nMain += nb;
  }
  const modKeys = new Set<string>();
  const modList: [string, string][] = [];
  for (const c of ws.channels)
    for (const s of c.samples)
      for (const m of s.modifiers) {
        const k = `${m.type}/${m.name}`;
        if (!modKeys.has(k)) {
          modKeys.add(k);
          modList.push([m.name, m.type]);
        }
      }
  // pyhf sorts (name, type) tuples
  modList.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));

  // ---- parameter sets in pyhf order
  const sets = new Map<string, ParSet>();
  const setsByType = new Map<string, string[]>(TYPE_ORDER.map((t) => [t, []]));
  const addReq = (type: string, req: ParSet): void => {
    const have = sets.get(req.name);
    if (!have) {
      sets.set(req.name, req);
      setsByType.get(type)!.push(req.name);
      return;
    }
    // pyhf reduce_paramsets_requirements: every shared definition must agree
    const same =
      have.kind === req.kind &&
      have.n === req.n &&
      have.scalar === req.scalar &&
      JSON.stringify(have.inits) === JSON.stringify(req.inits) &&
      JSON.stringify(have.bounds) === JSON.stringify(req.bounds) &&
      JSON.stringify(have.auxdata) === JSON.stringify(req.auxdata) &&
      JSON.stringify(have.sigmas) === JSON.stringify(req.sigmas) &&
      JSON.stringify(have.factors) === JSON.stringify(req.factors) &&
      JSON.stringify(have.fixed) === JSON.stringify(req.fixed);
    if (!same)
      throw new InputError(
        `parameter "${req.name}" is defined twice with different settings (${[...have.types, type].join(", ")}); use unique modifier names`,
        file,
      );
    have.types.add(type);
  };
  const scalarSet = (name: string, type: string, kind: ConstraintKind, init: number, b: [number, number]) =>
    ({
      name,
      kind,
      n: 1,
      scalar: true,
      inits: [init],
      bounds: [b],
      fixed: [false],
      auxdata: kind === "normal" ? [init] : [],
      sigmas: kind === "normal" ? [1] : [],
      factors: [],
      types: new Set([type]),
    }) as ParSet;

  // staterror: collect per modifier name, the samples carrying it (pyhf staterror_builder)
  interface StatInfo {
    nomBySample: Map<string, Float64Array>; // global-bin nominal of carrying samples
    uncBySample: Map<string, Float64Array>;
    mask: Uint8Array; // global bins where the modifier applies (first carrying sample)
  }
  const stat = new Map<string, StatInfo>();

  for (let ci = 0; ci < channels.length; ci++) {
    const ch = chanByName.get(channels[ci]!)!;
    const off = channelOffset[ci]!;
    const nb = channelNbins[ci]!;
    const sampByName = new Map(ch.samples.map((s) => [s.name, s]));
    for (const sn of samples) {
      const s = sampByName.get(sn);
      if (!s) continue;
      const mods = [...s.modifiers].sort((a, b) => cmp(a.name, b.name) || cmp(a.type, b.type));
      const seen = new Set<string>();
      for (const m of mods) {
        const key = `${m.type}/${m.name}`;
        if (seen.has(key))
          throw new InputError(`sample "${sn}" in channel "${channels[ci]}" has modifier ${key} twice`, file);
        seen.add(key);
        switch (m.type) {
          case "normfactor":
            addReq("normfactor", { ...scalarSet(m.name, "normfactor", "none", 1, [0, 10]) });
            break;
          case "normsys":
            addReq("normsys", scalarSet(m.name, "normsys", "normal", 0, [-5, 5]));
            break;
          case "histosys":
            if (m.data.hi_data.length !== nb || m.data.lo_data.length !== nb)
              throw new InputError(
                `histosys "${m.name}" on sample "${sn}" has data of the wrong length (channel has ${nb} bins)`,
                file,
              );
            addReq("histosys", scalarSet(m.name, "histosys", "normal", 0, [-5, 5]));
            break;
          case "lumi":
            addReq("lumi", {
              ...scalarSet(m.name, "lumi", "normal", Number.NaN, [Number.NaN, Number.NaN]),
              auxdata: [Number.NaN],
              sigmas: [Number.NaN],
            });
            break;
          case "shapefactor":
            addReq("shapefactor", {
              name: m.name,
              kind: "none",
              n: nb,
              scalar: false,
              inits: Array(nb).fill(1),
              bounds: Array.from({ length: nb }, () => [0, 10] as [number, number]),
              fixed: Array(nb).fill(false),
              auxdata: [],
              sigmas: [],
              factors: [],
              types: new Set(["shapefactor"]),
            });
            break;
          case "shapesys": {
            if (m.data.length !== nb)
              throw new InputError(
                `shapesys "${m.name}" on sample "${sn}" has ${m.data.length} values, expected ${nb}`,
                file,
              );
            if (sets.has(m.name) && sets.get(m.name)!.types.has("shapesys"))
              throw new InputError(`shapesys "${m.name}" is used twice; shapesys names must be unique`, file);
            const { tau: factors, fixed: notValid } = shapesysConstraint(s.data, m.data);
            addReq("shapesys", {
              name: m.name,
              kind: "poisson",
              n: nb,
              scalar: false,
              inits: Array(nb).fill(1),
              bounds: Array.from({ length: nb }, () => [1e-10, 10] as [number, number]),
              fixed: notValid,
              auxdata: factors,
              sigmas: [],
              factors,
              types: new Set(["shapesys"]),
            });
            break;
          }
          case "staterror": {
            if (m.data.length !== nb)
              throw new InputError(
                `staterror "${m.name}" on sample "${sn}" has ${m.data.length} values, expected ${nb}`,
                file,
              );
            let st = stat.get(m.name);
            if (!st) {
              st = { nomBySample: new Map(), uncBySample: new Map(), mask: new Uint8Array(nMain) };
              stat.set(m.name, st);
              // mask of the first carrying sample defines the parameter's bins
              for (let b = 0; b < nb; b++) st.mask[off + b] = 1;
            }
            let nom = st.nomBySample.get(sn);
            let unc = st.uncBySample.get(sn);
            if (!nom || !unc) {
              nom = new Float64Array(nMain);
              unc = new Float64Array(nMain);
              st.nomBySample.set(sn, nom);
              st.uncBySample.set(sn, unc);
            }
            for (let b = 0; b < nb; b++) {
              nom[off + b] = s.data[b]!;
              unc[off + b] = m.data[b]!;
              st.mask[off + b] = 1;
            }
            break;
          }
          default: {
            const t: never = m;
            throw new InputError(
              `unknown modifier type ${JSON.stringify((t as { type: string }).type)}`,
              file,
            );
          }
        }
      }
    }
  }
  // A carrying sample contributes its nominal in every channel it appears in (pyhf sums the
  // concatenated nominal of each sample that carries the modifier anywhere).
  for (const [name, st] of stat) {
    for (const [sn, nom] of st.nomBySample) {
      for (let ci = 0; ci < channels.length; ci++) {
        const s = chanByName.get(channels[ci]!)!.samples.find((x) => x.name === sn);
        if (!s) continue;
        const off = channelOffset[ci]!;
        for (let b = 0; b < s.data.length; b++) nom[off + b] = s.data[b]!;
      }
    }
    // restricted to the bins where the modifier applies (its parameters)
    const bins: number[] = [];
    for (let g = 0; g < nMain; g++) if (st.mask[g]) bins.push(g);
    const nomsall = bins.map((g) => {
      let t = 0;
      for (const nom of st.nomBySample.values()) t += nom[g]!;
      return t;
    });
    const { sigmas, fixed } = staterrorSigmas(
      nomsall,
      [...st.uncBySample.values()].map((u) => bins.map((g) => u[g]!)),
    );
    sets.set(name, {
      name,
      kind: "normal",
      n: sigmas.length,
      scalar: false,
      inits: Array(sigmas.length).fill(1),
      bounds: Array.from({ length: sigmas.length }, () => [1e-10, 10] as [number, number]),
      fixed,
      auxdata: Array(sigmas.length).fill(1),
      sigmas,
      factors: [],
      types: new Set(["staterror"]),
    });
  }
  // staterror sets are registered at builder finalize time, in sorted modifier order
  for (const [name, type] of modList) if (type === "staterror") setsByType.get("staterror")!.push(name);

  // ---- measurement overrides (pyhf reduce_paramsets_requirements)
  const userCfg = new Map<string, [ParameterConfig, number]>(
    measurement.config.parameters.map((p, j) => [p.name, [p, j]]),
  );
  for (const [name, [cfg, j]] of userCfg) {
    const ps = sets.get(name);
    if (!ps) continue; // pyhf ignores configuration of parameters the model does not use
    const where = `${mpath}/parameters/${j}`;
    const check = (arr: unknown[] | undefined, what: string): void => {
      if (arr !== undefined && arr.length !== ps.n)
        throw new InputError(
          `${what} of "${name}" has ${arr.length} values, expected ${ps.n}`,
          file,
          `${where}/${what}`,
        );
    };
    check(cfg.inits, "inits");
    check(cfg.bounds, "bounds");
    if (cfg.inits) ps.inits = [...cfg.inits];
    if (cfg.bounds) ps.bounds = cfg.bounds.map((b) => [b[0], b[1]] as [number, number]);
    if (cfg.fixed !== undefined) ps.fixed = Array(ps.n).fill(cfg.fixed);
    if (cfg.auxdata) {
      if (ps.kind === "none") throw new InputError(`${name} does not use auxdata`, file, where);
      check(cfg.auxdata, "auxdata");
      ps.auxdata = [...cfg.auxdata];
    }
    if (cfg.sigmas) {
      if (ps.kind !== "normal") throw new InputError(`${name} does not use sigmas`, file, where);
      check(cfg.sigmas, "sigmas");
      ps.sigmas = [...cfg.sigmas];
    }
    if (cfg.factors) {
      if (ps.kind !== "poisson") throw new InputError(`${name} does not use factors`, file, where);
      check(cfg.factors, "factors");
      ps.factors = [...cfg.factors];
    }
  }
  for (const ps of sets.values()) {
    const bad =
      ps.inits.some((v) => !Number.isFinite(v)) ||
      ps.bounds.some((b) => !Number.isFinite(b[0]) || !Number.isFinite(b[1])) ||
      (ps.kind === "normal" &&
        (ps.auxdata.some((v) => !Number.isFinite(v)) || ps.sigmas.some((v) => !Number.isFinite(v))));
    if (bad)
      throw new InputError(
        `parameter "${ps.name}" needs inits, bounds${ps.kind === "normal" ? ", auxdata and sigmas" : ""} in the measurement's parameters (pyhf requires them for lumi)`,
        file,
        `${mpath}/parameters`,
      );
  }

  // ---- flatten parameters
  const parOrder: string[] = [];
  for (const t of TYPE_ORDER) parOrder.push(...setsByType.get(t)!);
  const parSlice = new Map<string, number>();
  const parNames: string[] = [];
  const init: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const fixed: number[] = [];
  const auxdata: number[] = [];
  const gaussPar: number[] = [];
  const gaussSigma: number[] = [];
  const gaussAux: number[] = [];
  const poisPar: number[] = [];
  const poisTau: number[] = [];
  const poisAux: number[] = [];
  const isLocal: number[] = [];
  for (const name of parOrder) {
    const ps = sets.get(name)!;
    const base = parNames.length;
    parSlice.set(name, base);
    for (let i = 0; i < ps.n; i++) {
      parNames.push(ps.scalar ? name : `${name}[${i}]`);
      init.push(ps.inits[i]!);
      lower.push(ps.bounds[i]![0]);
      upper.push(ps.bounds[i]![1]);
      fixed.push(ps.fixed[i] ? 1 : 0);
      isLocal.push(ps.scalar ? 0 : 1);
    }
    if (ps.kind === "normal") {
      for (let i = 0; i < ps.n; i++) {
        gaussPar.push(base + i);
        gaussSigma.push(ps.sigmas[i] ?? 1);
        gaussAux.push(nMain + auxdata.length);
        auxdata.push(ps.auxdata[i]!);
      }
    } else if (ps.kind === "poisson") {
      for (let i = 0; i < ps.n; i++) {
        poisPar.push(base + i);
        poisTau.push(ps.factors[i]!);
        poisAux.push(nMain + auxdata.length);
        auxdata.push(ps.auxdata[i]!);
      }
    }
  }
  if (parNames.length === 0) throw new InputError("the model has no parameters", file);
  const poiIndex = poiName ? (parSlice.get(poiName) ?? -1) : -1;
  if (poiName && poiIndex < 0)
    throw new InputError(`the POI "${poiName}" is not a parameter of the model`, file);

  // ---- blocks (channel x sample), scalar terms, per-bin gammas, histosys
  const blkBin0: number[] = [];
  const blkNb: number[] = [];
  const blkE0: number[] = [];
  const blkTerm0: number[] = [];
  const blkHist0: number[] = [];
  const blkSample: number[] = [];
  const blkChannel: number[] = [];
  const nominal: number[] = [];
  const termPar: number[] = [];
  const termKind: number[] = []; // 0 = linear (normfactor, lumi), 1 = normsys
  const termHi: number[] = [];
  const termLo: number[] = [];
  const histPar: number[] = [];
  const histE0: number[] = []; // offset into histHi/histLo (= entry index of bin 0 of its block)
  const histHi: number[] = [];
  const histLo: number[] = [];
  const entryGammas: number[][] = [];
  let nE = 0;
  for (let ci = 0; ci < channels.length; ci++) {
    const ch = chanByName.get(channels[ci]!)!;
    const off = channelOffset[ci]!;
    const nb = channelNbins[ci]!;
    const sampByName = new Map(ch.samples.map((s) => [s.name, s]));
    for (let si = 0; si < samples.length; si++) {
      const s = sampByName.get(samples[si]!);
      if (!s) continue;
      blkBin0.push(off);
      blkNb.push(nb);
      blkE0.push(nE);
      blkTerm0.push(termPar.length);
      blkHist0.push(histPar.length);
      blkSample.push(si);
      blkChannel.push(ci);
      for (let b = 0; b < nb; b++) {
        nominal.push(s.data[b]!);
        entryGammas.push([]);
      }
      const mods = [...s.modifiers].sort((a, b) => cmp(a.name, b.name) || cmp(a.type, b.type));
      for (const m of mods) {
        const p = parSlice.get(m.name)!;
        switch (m.type) {
          case "normfactor":
          case "lumi":
            termPar.push(p);
            termKind.push(0);
            termHi.push(0);
            termLo.push(0);
            break;
          case "normsys":
            termPar.push(p);
            termKind.push(1);
            termHi.push(m.data.hi);
            termLo.push(m.data.lo);
            break;
          case "histosys":
            histPar.push(p);
            histE0.push(histHi.length);
            for (let b = 0; b < nb; b++) {
              histHi.push(m.data.hi_data[b]!);
              histLo.push(m.data.lo_data[b]!);
            }
            break;
          case "shapefactor":
          case "shapesys":
            for (let b = 0; b < nb; b++) entryGammas[nE + b]!.push(p + b);
            break;
          case "staterror": {
            const st = stat.get(m.name)!;
            // parameter index = rank of this global bin among the modifier's masked bins
            let rank = 0;
            for (let g = 0; g < off; g++) rank += st.mask[g]!;
            for (let b = 0; b < nb; b++) entryGammas[nE + b]!.push(p + rank + b);
            break;
          }
        }
      }
      nE += nb;
    }
  }
  blkTerm0.push(termPar.length);
  blkHist0.push(histPar.length);
  blkE0.push(nE);
  const gStart: number[] = [0];
  const gPar: number[] = [];
  for (const gs of entryGammas) {
    gPar.push(...gs);
    gStart.push(gPar.length);
  }
  const coef = new Float64Array(6 * termPar.length);
  for (let t = 0; t < termPar.length; t++)
    if (termKind[t] === 1) code4Coefficients(termHi[t]!, termLo[t]!, coef, 6 * t);

  // observed main data in channel order
  const obsByName = new Map(ws.observations.map((o) => [o.name, o.data]));
  const observed = new Float64Array(nMain);
  let haveObs = true;
  for (let ci = 0; ci < channels.length; ci++) {
    const d = obsByName.get(channels[ci]!);
    if (!d) {
      haveObs = false;
      continue;
    }
    if (d.length !== channelNbins[ci])
      throw new InputError(
        `observation "${channels[ci]}" has ${d.length} bins, the channel has ${channelNbins[ci]}`,
        file,
        `observations/${channels[ci]}`,
      );
    observed.set(d, channelOffset[ci]!);
  }

  const arrays: ModelArrays = {
    nMain,
    npars: parNames.length,
    channels,
    samples,
    channelNbins,
    channelOffset,
    parOrder,
    parNames,
    parSlice,
    poiIndex,
    init: Float64Array.from(init),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
    fixed: Uint8Array.from(fixed),
    isLocal: Uint8Array.from(isLocal),
    auxdata: Float64Array.from(auxdata),
    observedMain: haveObs ? observed : null,
    gaussPar: Int32Array.from(gaussPar),
    gaussSigma: Float64Array.from(gaussSigma),
    gaussAux: Int32Array.from(gaussAux),
    poisPar: Int32Array.from(poisPar),
    poisTau: Float64Array.from(poisTau),
    poisAux: Int32Array.from(poisAux),
    blkBin0: Int32Array.from(blkBin0),
    blkNb: Int32Array.from(blkNb),
    blkE0: Int32Array.from(blkE0),
    blkTerm0: Int32Array.from(blkTerm0),
    blkHist0: Int32Array.from(blkHist0),
    blkSample: Int32Array.from(blkSample),
    blkChannel: Int32Array.from(blkChannel),
    nominal: Float64Array.from(nominal),
    termPar: Int32Array.from(termPar),
    termKind: Uint8Array.from(termKind),
    termHi: Float64Array.from(termHi),
    termLo: Float64Array.from(termLo),
    termCoef: coef,
    normsysCode: nsCode,
    histPar: Int32Array.from(histPar),
    histE0: Int32Array.from(histE0),
    histHi: Float64Array.from(histHi),
    histLo: Float64Array.from(histLo),
    histosysCode: hsCode,
    gStart: Int32Array.from(gStart),
    gPar: Int32Array.from(gPar),
  };
  return new HistFactoryModel(arrays);
}
