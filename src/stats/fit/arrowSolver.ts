/**
 * Newton-step solver for "arrow-shaped" Hessians: a few global parameters coupled to everything
 * plus many per-bin parameters that only couple to the parameters of their own small group (the
 * gammas of one bin). Block elimination (Schur complement, e.g. Golub & Van Loan, Matrix
 * Computations, 4th ed., sec. 3.2.11): with L = per-bin groups and G = globals,
 *   (H_GG - H_GL H_LL^-1 H_LG) d_G = -g_G + H_GL H_LL^-1 g_L,   d_L = -H_LL^-1 (g_L + H_LG d_G),
 * where H_LL is block diagonal, so the cost is O(#groups * |G|^2 + |G|^3) instead of O(n^3).
 */
import { choleskyInPlace, choleskySolve } from "./cholesky.ts";

/** Reusable solver for one parameter structure (allocates once). */
export class ArrowSolver {
  private readonly n: number;
  private readonly groupStart: Int32Array;
  private readonly groupMembers: Int32Array;
  private readonly globals: Int32Array;
  private readonly gIdx: Int32Array;
  private readonly S: Float64Array;
  private readonly r: Float64Array;
  private readonly W: Float64Array;
  private readonly z: Float64Array;
  private readonly A: Float64Array;
  private readonly col: Float64Array;
  private readonly mem: Int32Array;

  /**
   * @param n number of parameters
   * @param groupOf per parameter: group id >= 0 for per-bin parameters, -1 for globals
   */
  constructor(n: number, groupOf: Int32Array) {
    this.n = n;
    let ng = 0;
    for (let i = 0; i < n; i++) if (groupOf[i]! + 1 > ng) ng = groupOf[i]! + 1;
    const counts = new Int32Array(ng + 1);
    const globals: number[] = [];
    for (let i = 0; i < n; i++) {
      if (groupOf[i]! >= 0) counts[groupOf[i]! + 1]!++;
      else globals.push(i);
    }
    for (let c = 0; c < ng; c++) counts[c + 1]! += counts[c]!;
    this.groupStart = counts;
    this.groupMembers = new Int32Array(counts[ng]!);
    const fill = counts.slice(0, ng);
    for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) this.groupMembers[fill[groupOf[i]!]!++] = i;
    this.globals = Int32Array.from(globals);
    const nG = globals.length;
    let maxS = 0;
    for (let c = 0; c < ng; c++) maxS = Math.max(maxS, counts[c + 1]! - counts[c]!);
    this.gIdx = new Int32Array(nG);
    this.S = new Float64Array(nG * nG);
    this.r = new Float64Array(nG);
    const nL = this.groupMembers.length;
    this.W = new Float64Array(Math.max(1, nL * nG));
    this.z = new Float64Array(Math.max(1, nL));
    this.A = new Float64Array(maxS * maxS);
    this.col = new Float64Array(Math.max(1, maxS));
    this.mem = new Int32Array(Math.max(1, nL));
  }

  /**
   * Solve (H_FF + lambda diag(|H_ii| + 1e-12)) d_F = -g_F on the free set, d = 0 elsewhere.
   * `H` is dense row-major n x n (only the structurally non-zero entries are read).
   * Returns false if a block is not positive definite.
   */
  solve(H: Float64Array, free: Uint8Array, g: Float64Array, lambda: number, d: Float64Array): boolean {
    const n = this.n;
    let m = 0;
    for (const i of this.globals) if (free[i]) this.gIdx[m++] = i;
    const S = this.S;
    const r = this.r;
    for (let a = 0; a < m; a++) {
      const ia = this.gIdx[a]!;
      for (let b = 0; b < m; b++) S[a * m + b] = H[ia * n + this.gIdx[b]!]!;
      S[a * m + a]! += lambda * (Math.abs(H[ia * n + ia]!) + 1e-12);
      r[a] = -g[ia]!;
    }
    const ng = this.groupStart.length - 1;
    const A = this.A;
    const W = this.W;
    const z = this.z;
    const col = this.col;
    let nm = 0; // free local members so far (row offset into W, z)
    for (let c = 0; c < ng; c++) {
      const start = nm;
      for (let q = this.groupStart[c]!; q < this.groupStart[c + 1]!; q++) {
        const i = this.groupMembers[q]!;
        if (free[i]) this.mem[nm++] = i;
      }
      const s = nm - start;
      if (s === 0) continue;
      for (let u = 0; u < s; u++) {
        const iu = this.mem[start + u]!;
        for (let v = 0; v < s; v++) A[u * s + v] = H[iu * n + this.mem[start + v]!]!;
        A[u * s + u]! += lambda * (Math.abs(H[iu * n + iu]!) + 1e-12);
      }
      if (!choleskyInPlace(A, s)) return false;
      // z = A^-1 g_L
      for (let u = 0; u < s; u++) col[u] = g[this.mem[start + u]!]!;
      choleskySolve(A, s, col);
      for (let u = 0; u < s; u++) z[start + u] = col[u]!;
      // W = A^-1 H_LG, S -= H_GL W, r += H_GL z
      for (let b = 0; b < m; b++) {
        const jb = this.gIdx[b]!;
        let any = false;
        for (let u = 0; u < s; u++) {
          const v = H[this.mem[start + u]! * n + jb]!;
          col[u] = v;
          if (v !== 0) any = true;
        }
        if (any) choleskySolve(A, s, col);
        for (let u = 0; u < s; u++) W[(start + u) * m + b] = any ? col[u]! : 0;
      }
      for (let a = 0; a < m; a++) {
        const ia = this.gIdx[a]!;
        let ra = 0;
        for (let u = 0; u < s; u++) {
          const hau = H[ia * n + this.mem[start + u]!]!;
          if (hau === 0) continue;
          ra += hau * z[start + u]!;
          const wrow = (start + u) * m;
          for (let b = 0; b < m; b++) S[a * m + b]! -= hau * W[wrow + b]!;
        }
        r[a]! += ra;
      }
    }
    if (m > 0) {
      if (!choleskyInPlace(S, m)) return false;
      choleskySolve(S, m, r);
    }
    d.fill(0);
    for (let a = 0; a < m; a++) d[this.gIdx[a]!] = r[a]!;
    // d_L = -(z + W d_G)
    for (let k = 0; k < nm; k++) {
      let v = z[k]!;
      const wrow = k * m;
      for (let b = 0; b < m; b++) v += W[wrow + b]! * r[b]!;
      d[this.mem[k]!] = -v;
    }
    return true;
  }
}
