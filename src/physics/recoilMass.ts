/**
 * Recoil against a visible system: P_rec = P_init - sum_k p_k, M^2_rec = P_rec^2 [GeV^2].
 *
 * This is the discriminating variable of the invisible Z' search (Belle II, arXiv:2212.03066):
 * M^2_rec = (P_init - p_mu+ - p_mu-)^2 with P_init = p_e- + p_e+ the lab four-momentum of the
 * beams (see beams.ts), or equivalently in the c.m. frame M^2_rec = s - 2 sqrt(s) E*_vis + M^2_vis
 * ({@link recoilMass2Cm}). M^2_rec is kept signed: resolution pushes the Z' -> 0 peak and
 * radiative mumu events to M^2_rec < 0, and the fit range starts at -0.5 GeV^2.
 *
 * The initial state is either one constant {@link FourVector} (nominal beams) or per-event
 * {@link FourVectorColumns} (beams sampled with energy spread).
 */
import { assertRows, type FourVector, type FourVectorColumns } from "./fourVector.ts";

/**
 * (P_init - p_vis)^2 [GeV^2], signed, for one event.
 *
 * @param ipx,ipy,ipz,ie initial-state four-momentum [GeV]
 * @param px,py,pz,e four-momentum of the visible system (e.g. the sum of the two muons) [GeV]
 * @example recoilMass2(0, 0, 0, 10, 0, 0, 3, 5) // (10-5)^2 - 9 = 16
 */
export function recoilMass2(
  ipx: number,
  ipy: number,
  ipz: number,
  ie: number,
  px: number,
  py: number,
  pz: number,
  e: number,
): number {
  const x = ipx - px;
  const y = ipy - py;
  const z = ipz - pz;
  const t = ie - e;
  return t * t - (x * x + y * y + z * z);
}

/**
 * Recoil mass squared from c.m.-frame quantities [GeV^2]: s - 2 sqrt(s) E*_vis + M^2_vis, valid
 * when the visible system's energy E*_vis is measured in the c.m. frame (P_init = (0,0,0,sqrt s)).
 *
 * @param sqrtS c.m. energy [GeV]; @param eVisCm E*_vis [GeV]; @param m2Vis M^2_vis [GeV^2]
 */
export function recoilMass2Cm(sqrtS: number, eVisCm: number, m2Vis: number): number {
  return sqrtS * sqrtS - 2 * sqrtS * eVisCm + m2Vis;
}

function isColumns(x: FourVector | FourVectorColumns): x is FourVectorColumns {
  return typeof x.px !== "number";
}

/**
 * Per-row recoil four-vector P_init - sum_k parts[k] into `out` (rows = out.px.length).
 * `out` may alias an input (each row is read before it is written).
 *
 * @param initial constant initial state or per-row initial-state columns [GeV]
 * @param parts visible particles, one column set each (1..n)
 * @param out recoil four-vector columns [GeV]
 * @returns `out`
 */
export function recoilColumns(
  initial: FourVector | FourVectorColumns,
  parts: readonly FourVectorColumns[],
  out: FourVectorColumns,
): FourVectorColumns {
  const n = out.px.length;
  assertRows(n, "recoilColumns", out.py, out.pz, out.e);
  for (const p of parts) assertRows(n, "recoilColumns", p.px, p.py, p.pz, p.e);
  const k = parts.length;
  if (isColumns(initial)) assertRows(n, "recoilColumns", initial.px, initial.py, initial.pz, initial.e);
  const cols = isColumns(initial) ? initial : null;
  const c = cols ? null : (initial as FourVector);
  for (let i = 0; i < n; i++) {
    let x = cols ? cols.px[i]! : c!.px;
    let y = cols ? cols.py[i]! : c!.py;
    let z = cols ? cols.pz[i]! : c!.pz;
    let t = cols ? cols.e[i]! : c!.e;
    for (let j = 0; j < k; j++) {
      const p = parts[j]!;
      x -= p.px[i]!;
      y -= p.py[i]!;
      z -= p.pz[i]!;
      t -= p.e[i]!;
    }
    out.px[i] = x;
    out.py[i] = y;
    out.pz[i] = z;
    out.e[i] = t;
  }
  return out;
}

/**
 * Per-row recoil mass squared (P_init - sum_k parts[k])^2 [GeV^2], signed, into `out`.
 * Two visible particles with a constant initial state (the dimuon case) take a specialised loop.
 *
 * @example
 * const m2rec = recoilMass2Columns(frame.pInit, [muPlus, muMinus], new Float64Array(n));
 */
export function recoilMass2Columns(
  initial: FourVector | FourVectorColumns,
  parts: readonly FourVectorColumns[],
  out: Float64Array,
): Float64Array {
  const n = out.length;
  for (const p of parts) assertRows(n, "recoilMass2Columns", p.px, p.py, p.pz, p.e);
  if (!isColumns(initial) && parts.length === 2) {
    const { px: ix, py: iy, pz: iz, e: ie } = initial;
    const a = parts[0]!;
    const b = parts[1]!;
    const ax = a.px;
    const ay = a.py;
    const az = a.pz;
    const ae = a.e;
    const bx = b.px;
    const by = b.py;
    const bz = b.pz;
    const be = b.e;
    for (let i = 0; i < n; i++) {
      const x = ix - ax[i]! - bx[i]!;
      const y = iy - ay[i]! - by[i]!;
      const z = iz - az[i]! - bz[i]!;
      const t = ie - ae[i]! - be[i]!;
      out[i] = t * t - (x * x + y * y + z * z);
    }
    return out;
  }
  const cols = isColumns(initial) ? initial : null;
  if (cols) assertRows(n, "recoilMass2Columns", cols.px, cols.py, cols.pz, cols.e);
  const c = cols ? null : (initial as FourVector);
  const k = parts.length;
  for (let i = 0; i < n; i++) {
    let x = cols ? cols.px[i]! : c!.px;
    let y = cols ? cols.py[i]! : c!.py;
    let z = cols ? cols.pz[i]! : c!.pz;
    let t = cols ? cols.e[i]! : c!.e;
    for (let j = 0; j < k; j++) {
      const p = parts[j]!;
      x -= p.px[i]!;
      y -= p.py[i]!;
      z -= p.pz[i]!;
      t -= p.e[i]!;
    }
    out[i] = t * t - (x * x + y * y + z * z);
  }
  return out;
}
