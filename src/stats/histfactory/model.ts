/**
 * A compiled HistFactory model (pyhf semantics, statistics.md 1.1-1.3): expected rates, logpdf
 * with all constants, twice_nll, its analytic gradient and exact Hessian.
 *
 * Layout. A "block" is one (channel, sample) pair present in the workspace; an "entry" is one
 * bin of a block. Each block carries scalar multiplicative terms (normfactor, lumi, normsys),
 * additive histosys terms, and each entry a short list of per-bin gamma parameters (staterror,
 * shapesys, shapefactor). Rate of an entry: nu_e = F_blk * G_e * (nu0_e + sum_h Delta_h,e) with
 * F = prod kappa, G = prod gamma (statistics.md 1.1).
 *
 * All evaluation methods reuse scratch buffers owned by the instance: no allocation per call, and
 * therefore one model instance per thread.
 */
import type { Stream } from "../../core/random.ts";
import { lgamma } from "../../core/special.ts";
import { type HistosysCode, histosysDelta } from "./histosysInterp.ts";
import { type NormsysCode, normsysFactor } from "./normsysInterp.ts";

/** The plain arrays a model is compiled into (see {@link compileModel}). */
export interface ModelArrays {
  nMain: number;
  npars: number;
  channels: string[];
  samples: string[];
  channelNbins: number[];
  channelOffset: number[];
  parOrder: string[];
  parNames: string[];
  parSlice: Map<string, number>;
  poiIndex: number;
  init: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  fixed: Uint8Array;
  isLocal: Uint8Array;
  auxdata: Float64Array;
  observedMain: Float64Array | null;
  gaussPar: Int32Array;
  gaussSigma: Float64Array;
  gaussAux: Int32Array;
  poisPar: Int32Array;
  poisTau: Float64Array;
  poisAux: Int32Array;
  blkBin0: Int32Array;
  blkNb: Int32Array;
  blkE0: Int32Array;
  blkTerm0: Int32Array;
  blkHist0: Int32Array;
  blkSample: Int32Array;
  blkChannel: Int32Array;
  nominal: Float64Array;
  termPar: Int32Array;
  termKind: Uint8Array;
  termHi: Float64Array;
  termLo: Float64Array;
  termCoef: Float64Array;
  normsysCode: NormsysCode;
  histPar: Int32Array;
  histE0: Int32Array;
  histHi: Float64Array;
  histLo: Float64Array;
  histosysCode: HistosysCode;
  gStart: Int32Array;
  gPar: Int32Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** A compiled HistFactory likelihood. Build with `compileModel`. */
export class HistFactoryModel {
  /** Number of main (non-auxiliary) bins. */
  readonly nMain: number;
  /** Number of parameters. */
  readonly npars: number;
  /** Channel names in model order (alphabetical). */
  readonly channels: readonly string[];
  /** Sample names in model order (alphabetical). */
  readonly samples: readonly string[];
  /** Bins per channel. */
  readonly channelNbins: readonly number[];
  /** Parameter-set names in pyhf's `par_order`. */
  readonly parOrder: readonly string[];
  /** Parameter names, vector entries as `name[i]`. */
  readonly parNames: readonly string[];
  /** Index of the POI in the parameter vector, -1 if the model has none. */
  readonly poiIndex: number;
  /** Suggested initial values. */
  readonly init: Float64Array;
  /** Suggested lower bounds. */
  readonly lower: Float64Array;
  /** Suggested upper bounds. */
  readonly upper: Float64Array;
  /** Suggested fixed flags (1 = fixed at init). */
  readonly fixed: Uint8Array;
  /** Auxiliary data in constraint order (pyhf `model.config.auxdata`). */
  readonly auxdata: Float64Array;
  /** Number of auxiliary data entries. */
  readonly nAux: number;
  /** Per-bin parameters (staterror, shapesys, shapefactor) = 1; scalar = 0. */
  readonly isLocal: Uint8Array;
  /** Observed main counts from the workspace (null if a channel has no observation). */
  readonly observedMain: Float64Array | null;
  /** The compiled arrays (read-only use). */
  readonly a: ModelArrays;
  /**
   * True if twice_nll may have several local minima: histosys (code0 and code1 are kinked at
   * alpha = 0, code2/code4p can be non-convex) or normsys code1 (kinked at 0). Fits of such models
   * always start from the suggested init in hypothesis tests (see Hypotester), as pyhf does.
   */
  readonly mayBeMultimodal: boolean;

  // scratch
  private readonly kap: Float64Array;
  private readonly fex: Float64Array;
  private readonly F: Float64Array;
  private readonly hd: Float64Array;
  private readonly G: Float64Array;
  private readonly B: Float64Array;
  private readonly nu: Float64Array;
  private readonly dnu: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;
  private readonly binE: Int32Array;
  private readonly binE0: Int32Array;
  private readonly entryBlk: Int32Array;
  private readonly blkSumW: Float64Array;
  private readonly histSumW1: Float64Array;

  constructor(a: ModelArrays) {
    this.a = a;
    this.nMain = a.nMain;
    this.npars = a.npars;
    this.channels = a.channels;
    this.samples = a.samples;
    this.channelNbins = a.channelNbins;
    this.parOrder = a.parOrder;
    this.parNames = a.parNames;
    this.poiIndex = a.poiIndex;
    this.init = a.init;
    this.lower = a.lower;
    this.upper = a.upper;
    this.fixed = a.fixed;
    this.auxdata = a.auxdata;
    this.nAux = a.auxdata.length;
    this.isLocal = a.isLocal;
    this.observedMain = a.observedMain;
    this.mayBeMultimodal = a.histPar.length > 0 || (a.normsysCode === 1 && a.termKind.includes(1));
    const nT = a.termPar.length;
    const nB = a.blkNb.length;
    const nE = a.nominal.length;
    this.kap = new Float64Array(3 * nT);
    this.fex = new Float64Array(nT);
    this.F = new Float64Array(nB);
    this.hd = new Float64Array(3 * a.histHi.length);
    this.G = new Float64Array(nE);
    this.B = new Float64Array(nE);
    this.nu = new Float64Array(a.nMain);
    this.dnu = new Float64Array(a.npars);
    this.touched = new Int32Array(a.npars);
    this.mark = new Uint8Array(a.npars);
    this.blkSumW = new Float64Array(nB);
    this.histSumW1 = new Float64Array(a.histPar.length);
    // entries per main bin (for the sparse d nu_b / d theta)
    this.entryBlk = new Int32Array(nE);
    const count = new Int32Array(a.nMain + 1);
    for (let k = 0; k < nB; k++) {
      for (let j = 0; j < a.blkNb[k]!; j++) {
        this.entryBlk[a.blkE0[k]! + j] = k;
        count[a.blkBin0[k]! + j + 1]!++;
      }
    }
    for (let b = 0; b < a.nMain; b++) count[b + 1]! += count[b]!;
    this.binE0 = count;
    this.binE = new Int32Array(nE);
    const fill = count.slice(0, a.nMain);
    for (let k = 0; k < nB; k++)
      for (let j = 0; j < a.blkNb[k]!; j++) this.binE[fill[a.blkBin0[k]! + j]!++] = a.blkE0[k]! + j;
  }

  /** Length of the full data vector (main ++ aux). */
  get nData(): number {
    return this.nMain + this.nAux;
  }

  /**
   * The data vector pyhf uses: `main` (default: the workspace observations) followed by the
   * auxiliary data.
   */
  data(main?: ArrayLike<number>): Float64Array {
    const m = main ?? this.observedMain;
    if (!m) throw new RangeError("the workspace has no observations for every channel");
    const d = new Float64Array(this.nData);
    for (let i = 0; i < this.nMain; i++) d[i] = m[i]!;
    d.set(this.auxdata, this.nMain);
    return d;
  }

  /** Fill kappa tables, block factors, gamma products and bases; returns false if non-finite. */
  private rates(p: ArrayLike<number>, derivs: boolean): void {
    const a = this.a;
    const kap = this.kap;
    const nT = a.termPar.length;
    for (let t = 0; t < nT; t++) {
      const x = p[a.termPar[t]!]!;
      if (a.termKind[t] === 0) {
        kap[3 * t] = x;
        kap[3 * t + 1] = 1;
        kap[3 * t + 2] = 0;
      } else normsysFactor(a.normsysCode, x, a.termHi[t]!, a.termLo[t]!, a.termCoef, 6 * t, kap, 3 * t);
    }
    const nB = a.blkNb.length;
    const nu = this.nu;
    nu.fill(0);
    for (let k = 0; k < nB; k++) {
      const t0 = a.blkTerm0[k]!;
      const t1 = a.blkTerm0[k + 1]!;
      let f = 1;
      for (let t = t0; t < t1; t++) f *= kap[3 * t]!;
      this.F[k] = f;
      if (derivs) {
        for (let t = t0; t < t1; t++) {
          let g = 1;
          for (let u = t0; u < t1; u++) if (u !== t) g *= kap[3 * u]!;
          this.fex[t] = g;
        }
      }
      const e0 = a.blkE0[k]!;
      const nb = a.blkNb[k]!;
      for (let j = 0; j < nb; j++) this.B[e0 + j] = a.nominal[e0 + j]!;
      const h0 = a.blkHist0[k]!;
      const h1 = a.blkHist0[k + 1]!;
      for (let h = h0; h < h1; h++) {
        const x = p[a.histPar[h]!]!;
        const o = a.histE0[h]!;
        for (let j = 0; j < nb; j++) {
          histosysDelta(
            a.histosysCode,
            x,
            a.nominal[e0 + j]!,
            a.histHi[o + j]!,
            a.histLo[o + j]!,
            this.hd,
            3 * (o + j),
          );
          this.B[e0 + j]! += this.hd[3 * (o + j)]!;
        }
      }
      const b0 = a.blkBin0[k]!;
      for (let j = 0; j < nb; j++) {
        const e = e0 + j;
        let g = 1;
        for (let q = a.gStart[e]!; q < a.gStart[e + 1]!; q++) g *= p[a.gPar[q]!]!;
        this.G[e] = g;
        nu[b0 + j]! += f * g * this.B[e]!;
      }
    }
  }

  /** Expected main-bin rates nu(pars) (length nMain), into `out` (allocated if absent). */
  expectedMain(pars: ArrayLike<number>, out?: Float64Array): Float64Array {
    this.rates(pars, false);
    const o = out ?? new Float64Array(this.nMain);
    o.set(this.nu);
    return o;
  }

  /**
   * Expected data pyhf's way: main rates ++ expected auxdata (Gaussian: theta; Poisson: gamma*tau).
   * This is also the Asimov data set at `pars` (statistics.md 1.6).
   */
  expectedData(pars: ArrayLike<number>, out?: Float64Array): Float64Array {
    const o = out ?? new Float64Array(this.nData);
    this.rates(pars, false);
    o.set(this.nu);
    const a = this.a;
    for (let i = 0; i < a.gaussPar.length; i++) o[a.gaussAux[i]!] = pars[a.gaussPar[i]!]!;
    for (let i = 0; i < a.poisPar.length; i++) o[a.poisAux[i]!] = pars[a.poisPar[i]!]! * a.poisTau[i]!;
    return o;
  }

  /**
   * One pseudo-experiment from the full pdf at `pars` (pyhf `model.make_pdf(pars).sample()`):
   * main counts ~ Poisson(nu), Gaussian auxdata ~ N(theta, sigma), Poisson auxdata ~
   * Poisson(gamma tau). Writes main ++ aux into `out` (allocated if absent).
   */
  sample(pars: ArrayLike<number>, rng: Stream, out?: Float64Array): Float64Array {
    const o = out ?? new Float64Array(this.nData);
    this.rates(pars, false);
    for (let b = 0; b < this.nMain; b++) {
      const v = this.nu[b]!;
      o[b] = v > 0 ? rng.poisson(v) : 0;
    }
    const a = this.a;
    for (let i = 0; i < a.gaussPar.length; i++)
      o[a.gaussAux[i]!] = rng.gauss(pars[a.gaussPar[i]!]!, a.gaussSigma[i]!);
    for (let i = 0; i < a.poisPar.length; i++) {
      const v = pars[a.poisPar[i]!]! * a.poisTau[i]!;
      o[a.poisAux[i]!] = v > 0 ? rng.poisson(v) : 0;
    }
    return o;
  }

  /** The data-dependent constant of twice_nll: 2 sum lgamma(n+1) + Gaussian normalisations. */
  twiceNllConstant(data: ArrayLike<number>): number {
    const a = this.a;
    let c = 0;
    for (let b = 0; b < this.nMain; b++) c += lgamma(data[b]! + 1);
    for (let i = 0; i < a.poisPar.length; i++) c += lgamma(data[a.poisAux[i]!]! + 1);
    c *= 2;
    for (let i = 0; i < a.gaussPar.length; i++) c += 2 * Math.log(a.gaussSigma[i]!) + LOG_2PI;
    return c;
  }

  /** Full log-likelihood log L(pars | data), all constants included (pyhf `model.logpdf`). */
  logpdf(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    return -0.5 * (this.twiceNllKernel(pars, data) + this.twiceNllConstant(data));
  }

  /** twice_nll = -2 logpdf (pyhf's fit objective), constants included. */
  twiceNll(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    return this.twiceNllKernel(pars, data) + this.twiceNllConstant(data);
  }

  /**
   * twice_nll without the parameter-independent constant {@link twiceNllConstant}; the quantity
   * the fits minimise. +Infinity where a rate is <= 0 in a bin with n > 0 or where a result is NaN.
   */
  twiceNllKernel(p: ArrayLike<number>, data: ArrayLike<number>): number {
    this.rates(p, false);
    return this.kernelFromRates(p, data);
  }

  /**
   * Batched kernel: twice_nll kernels of `k` parameter points stored row-major in `pars`
   * (k x npars) into `out` (length k). Same values as {@link twiceNllKernel}, one pass per point.
   */
  twiceNllKernelBatch(
    pars: Float64Array,
    k: number,
    data: ArrayLike<number>,
    out: Float64Array,
  ): Float64Array {
    const n = this.npars;
    for (let i = 0; i < k; i++) out[i] = this.twiceNllKernel(pars.subarray(i * n, (i + 1) * n), data);
    return out;
  }

  private kernelFromRates(p: ArrayLike<number>, data: ArrayLike<number>): number {
    const a = this.a;
    const nu = this.nu;
    let s = 0;
    for (let b = 0; b < this.nMain; b++) {
      const n = data[b]!;
      const v = nu[b]!;
      // continuous Poisson, xlogy convention 0 log 0 = 0
      s += n === 0 ? v : v - n * Math.log(v);
    }
    for (let i = 0; i < a.gaussPar.length; i++) {
      const r = (data[a.gaussAux[i]!]! - p[a.gaussPar[i]!]!) / a.gaussSigma[i]!;
      s += 0.5 * r * r;
    }
    for (let i = 0; i < a.poisPar.length; i++) {
      const n = data[a.poisAux[i]!]!;
      const v = p[a.poisPar[i]!]! * a.poisTau[i]!;
      s += n === 0 ? v : v - n * Math.log(v);
    }
    s *= 2;
    return Number.isNaN(s) ? Number.POSITIVE_INFINITY : s;
  }

  /**
   * twice_nll kernel with its gradient and (optionally) its exact Hessian (dense row-major
   * npars x npars, overwritten). Second derivatives of the rates are included, so this is the
   * true Hessian, not Gauss-Newton. Returns the kernel value (see {@link twiceNllKernel}).
   */
  twiceNllGradHess(
    p: ArrayLike<number>,
    data: ArrayLike<number>,
    grad: Float64Array,
    hess: Float64Array | null,
  ): number {
    const a = this.a;
    const n = this.npars;
    this.rates(p, true);
    const value = this.kernelFromRates(p, data);
    grad.fill(0);
    if (hess) hess.fill(0);
    const nu = this.nu;
    const kap = this.kap;
    const hd = this.hd;
    const dnu = this.dnu;
    const touched = this.touched;
    const mark = this.mark;
    const blkSumW = this.blkSumW;
    const histSumW1 = this.histSumW1;
    blkSumW.fill(0);
    histSumW1.fill(0);
    for (let b = 0; b < this.nMain; b++) {
      const cnt = data[b]!;
      const v = nu[b]!;
      const w = 2 * (1 - cnt / v); // d(2NLL)/d nu
      const wh = (2 * cnt) / (v * v); // d2(2NLL)/d nu2
      let nt = 0;
      for (let q = this.binE0[b]!; q < this.binE0[b + 1]!; q++) {
        const e = this.binE[q]!;
        const k = this.entryBlk[e]!;
        const j = e - a.blkE0[k]!;
        const f = this.F[k]!;
        const G = this.G[e]!;
        const B = this.B[e]!;
        const GB = G * B;
        // scalar multiplicative terms
        for (let t = a.blkTerm0[k]!; t < a.blkTerm0[k + 1]!; t++) {
          const pi = a.termPar[t]!;
          if (!mark[pi]) {
            mark[pi] = 1;
            touched[nt++] = pi;
            dnu[pi] = 0;
          }
          dnu[pi]! += this.fex[t]! * kap[3 * t + 1]! * GB;
        }
        // gammas
        const g0 = a.gStart[e]!;
        const g1 = a.gStart[e + 1]!;
        for (let q2 = g0; q2 < g1; q2++) {
          const pi = a.gPar[q2]!;
          let gex = 1;
          for (let q3 = g0; q3 < g1; q3++) if (q3 !== q2) gex *= p[a.gPar[q3]!]!;
          if (!mark[pi]) {
            mark[pi] = 1;
            touched[nt++] = pi;
            dnu[pi] = 0;
          }
          dnu[pi]! += f * gex * B;
        }
        // histosys
        for (let h = a.blkHist0[k]!; h < a.blkHist0[k + 1]!; h++) {
          const pi = a.histPar[h]!;
          if (!mark[pi]) {
            mark[pi] = 1;
            touched[nt++] = pi;
            dnu[pi] = 0;
          }
          const o = 3 * (a.histE0[h]! + j);
          dnu[pi]! += f * G * hd[o + 1]!;
        }
        if (hess && w !== 0) {
          blkSumW[k]! += w * GB;
          for (let h = a.blkHist0[k]!; h < a.blkHist0[k + 1]!; h++) {
            const o = 3 * (a.histE0[h]! + j);
            const ph = a.histPar[h]!;
            histSumW1[h]! += w * G * hd[o + 1]!;
            // (h,h): F G Delta''
            hess[ph * n + ph]! += w * f * G * hd[o + 2]!;
            // (gamma, h): F Gex Delta'
            for (let q2 = g0; q2 < g1; q2++) {
              let gex = 1;
              for (let q3 = g0; q3 < g1; q3++) if (q3 !== q2) gex *= p[a.gPar[q3]!]!;
              const pg = a.gPar[q2]!;
              const v2 = w * f * gex * hd[o + 1]!;
              hess[pg * n + ph]! += v2;
              hess[ph * n + pg]! += v2;
            }
          }
          for (let q2 = g0; q2 < g1; q2++) {
            const pg = a.gPar[q2]!;
            // (t, gamma): Fex kappa' Gex B
            let gex = 1;
            for (let q3 = g0; q3 < g1; q3++) if (q3 !== q2) gex *= p[a.gPar[q3]!]!;
            for (let t = a.blkTerm0[k]!; t < a.blkTerm0[k + 1]!; t++) {
              const pt = a.termPar[t]!;
              const v2 = w * this.fex[t]! * kap[3 * t + 1]! * gex * B;
              hess[pt * n + pg]! += v2;
              hess[pg * n + pt]! += v2;
            }
            // (gamma, gamma'): F Gex2 B
            for (let q3 = q2 + 1; q3 < g1; q3++) {
              let gex2 = 1;
              for (let q4 = g0; q4 < g1; q4++) if (q4 !== q2 && q4 !== q3) gex2 *= p[a.gPar[q4]!]!;
              const pg2 = a.gPar[q3]!;
              const v2 = w * f * gex2 * B;
              hess[pg * n + pg2]! += v2;
              hess[pg2 * n + pg]! += v2;
            }
          }
        }
      }
      for (let i = 0; i < nt; i++) {
        const pi = touched[i]!;
        grad[pi]! += w * dnu[pi]!;
        mark[pi] = 0;
      }
      if (hess && wh !== 0) {
        for (let i = 0; i < nt; i++) {
          const pi = touched[i]!;
          const di = wh * dnu[pi]!;
          const row = pi * n;
          for (let i2 = 0; i2 < nt; i2++) {
            const pj = touched[i2]!;
            hess[row + pj]! += di * dnu[pj]!;
          }
        }
      }
    }
    if (hess) {
      // block-level second derivatives: (t,t'), (t,t), (t,h)
      const nB = a.blkNb.length;
      for (let k = 0; k < nB; k++) {
        const sw = blkSumW[k]!;
        const t0 = a.blkTerm0[k]!;
        const t1 = a.blkTerm0[k + 1]!;
        for (let t = t0; t < t1; t++) {
          const pt = a.termPar[t]!;
          const d1 = kap[3 * t + 1]!;
          if (sw !== 0) {
            hess[pt * n + pt]! += sw * this.fex[t]! * kap[3 * t + 2]!;
            for (let u = t + 1; u < t1; u++) {
              let g = 1;
              for (let r = t0; r < t1; r++) if (r !== t && r !== u) g *= kap[3 * r]!;
              const pu = a.termPar[u]!;
              const v2 = sw * g * d1 * kap[3 * u + 1]!;
              hess[pt * n + pu]! += v2;
              hess[pu * n + pt]! += v2;
            }
          }
          for (let h = a.blkHist0[k]!; h < a.blkHist0[k + 1]!; h++) {
            const ph = a.histPar[h]!;
            const v2 = this.fex[t]! * d1 * histSumW1[h]!;
            hess[pt * n + ph]! += v2;
            hess[ph * n + pt]! += v2;
          }
        }
      }
    }
    // constraints
    for (let i = 0; i < a.gaussPar.length; i++) {
      const pi = a.gaussPar[i]!;
      const s2 = a.gaussSigma[i]! * a.gaussSigma[i]!;
      grad[pi]! += (2 * (p[pi]! - data[a.gaussAux[i]!]!)) / s2;
      if (hess) hess[pi * n + pi]! += 2 / s2;
    }
    for (let i = 0; i < a.poisPar.length; i++) {
      const pi = a.poisPar[i]!;
      const cnt = data[a.poisAux[i]!]!;
      const g = p[pi]!;
      grad[pi]! += 2 * (a.poisTau[i]! - cnt / g);
      if (hess) hess[pi * n + pi]! += (2 * cnt) / (g * g);
    }
    return value;
  }

  /**
   * Groups of per-bin parameters that share a bin (so their Hessian block is dense), for the
   * arrow-shaped Newton solve. Parameters in groups larger than `maxGroup` are reported as global.
   * Returns `groupOf[i]` = group id (>= 0) for grouped per-bin parameters, -1 for global ones.
   */
  localGroups(maxGroup = 12): Int32Array {
    const a = this.a;
    const n = this.npars;
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    const firstOnBin = new Int32Array(this.nMain).fill(-1);
    for (let b = 0; b < this.nMain; b++) {
      for (let q = this.binE0[b]!; q < this.binE0[b + 1]!; q++) {
        const e = this.binE[q]!;
        for (let g = a.gStart[e]!; g < a.gStart[e + 1]!; g++) {
          const pi = a.gPar[g]!;
          if (firstOnBin[b]! < 0) firstOnBin[b] = pi;
          else {
            const r1 = find(pi);
            const r2 = find(firstOnBin[b]!);
            if (r1 !== r2) parent[r1] = r2;
          }
        }
      }
    }
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) if (this.isLocal[i]) size[find(i)]!++;
    const id = new Int32Array(n).fill(-1);
    const groupOf = new Int32Array(n).fill(-1);
    let next = 0;
    for (let i = 0; i < n; i++) {
      if (!this.isLocal[i]) continue;
      const r = find(i);
      if (size[r]! > maxGroup) continue;
      if (id[r]! < 0) id[r] = next++;
      groupOf[i] = id[r]!;
    }
    return groupOf;
  }
}
