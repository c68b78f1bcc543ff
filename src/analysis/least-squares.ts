/**
 * The linear least-squares engine behind `fitLinear`: minimise ‖b − A x‖² for a full-rank m×n matrix A.
 *
 * Method (chosen for accuracy on ill-conditioned designs such as NIST's Filip and Wampler sets):
 *
 * 1. Precondition: Â = A M, where M orthogonalises every column against the constant column (centring, when
 *    the model has an intercept) and scales each column to unit Euclidean norm. x = M x̂.
 * 2. Factorise Â P = Q R by Householder QR with column pivoting (never the normal equations).
 * 3. Solve the augmented system  [I A; Aᵀ 0] [r; x] = [b; c]  (r = b − A x, Aᵀ r = c) by Björck's iterative
 *    refinement (Björck 1967, "Iterative refinement of linear least squares solutions I", BIT 7):
 *    each step computes the residuals f = b − r − A x and g = c − Aᵀ r with compensated (double-double) dot
 *    products on the ORIGINAL A, and solves for the correction with the QR factors of Â:
 *        h = R⁻ᵀ Pᵀ Mᵀ g,   d = Qᵀ f = [d₁; d₂],   δr = Q [h; d₂],   δx = M P R⁻¹ (d₁ − h).
 *    With c = 0 this refines the least-squares solution; with b = 0, c = e_j it gives x = −(AᵀA)⁻¹ e_j, so the
 *    covariance matrix (AᵀA)⁻¹ is refined column by column the same way. The refinement converges to
 *    (nearly) full double precision as long as cond(Â)·eps is well below 1.
 */
import { accumulateProduct, accumulatorValue } from "./compensated.js";
import { applyQ, applyQt, householderQr, solveR, solveRt, type QrFactorization } from "./householder-qr.js";

/** A factorised, preconditioned least-squares problem. */
export interface LeastSquaresSystem {
  /** The original columns of A (the residuals are always computed on these). */
  columns: readonly Float64Array[];
  m: number;
  n: number;
  /** QR factors of the preconditioned Â = A M. */
  qr: QrFactorization;
  /** Index of the constant column that others were centred on, or -1. */
  centre: number;
  /** Centring coefficients c_j (Â_j = (A_j − c_j A_centre) s_j); 0 for the centre column itself. */
  shift: Float64Array;
  /** Column scale factors s_j = 1 / ‖A_j − c_j A_centre‖ (1 for an all-zero column). */
  scale: Float64Array;
}

/**
 * Builds the preconditioned factorisation. Does not check the rank: read `system.qr.rank`.
 *
 * @param columns the columns of A (length m each)
 * @param centre index of a column to centre the others on (the intercept column), or -1
 * @param tolerance relative rank tolerance for the pivoted QR
 */
export function factorLeastSquares(columns: readonly Float64Array[], centre: number, tolerance?: number): LeastSquaresSystem {
  const n = columns.length;
  const m = n === 0 ? 0 : (columns[0] as Float64Array).length;
  const shift = new Float64Array(n);
  const scale = new Float64Array(n);
  const pre: Float64Array[] = [];
  let cc = 0;
  const c0 = centre >= 0 ? (columns[centre] as Float64Array) : undefined;
  if (c0) {
    const acc = new Float64Array(2);
    for (let i = 0; i < m; i++) accumulateProduct(acc, c0[i] as number, c0[i] as number);
    cc = accumulatorValue(acc);
  }
  for (let j = 0; j < n; j++) {
    const col = columns[j] as Float64Array;
    const out = Float64Array.from(col);
    if (c0 && j !== centre && cc > 0) {
      const acc = new Float64Array(2);
      for (let i = 0; i < m; i++) accumulateProduct(acc, c0[i] as number, col[i] as number);
      const c = accumulatorValue(acc) / cc;
      shift[j] = c;
      for (let i = 0; i < m; i++) out[i] = (col[i] as number) - c * (c0[i] as number);
    }
    let ss = 0;
    for (let i = 0; i < m; i++) ss += (out[i] as number) * (out[i] as number);
    const norm = Math.sqrt(ss);
    const s = norm > 0 && Number.isFinite(1 / norm) ? 1 / norm : 1;
    scale[j] = s;
    for (let i = 0; i < m; i++) out[i] = (out[i] as number) * s;
    pre.push(out);
  }
  const qr = householderQr(pre, tolerance);
  return { columns, m, n, qr, centre, shift, scale };
}

/** x = M x̂ : x_j = s_j x̂_j for j ≠ centre, x_centre = s_centre x̂_centre − Σ_j c_j s_j x̂_j. */
function applyM(sys: LeastSquaresSystem, xh: Float64Array): Float64Array {
  const { n, centre, shift, scale } = sys;
  const x = new Float64Array(n);
  let corr = 0;
  for (let j = 0; j < n; j++) {
    x[j] = (scale[j] as number) * (xh[j] as number);
    if (j !== centre) corr += (shift[j] as number) * (x[j] as number);
  }
  if (centre >= 0) x[centre] = (x[centre] as number) - corr;
  return x;
}

/** ĝ = Mᵀ g : ĝ_j = s_j (g_j − c_j g_centre) for j ≠ centre, ĝ_centre = s_centre g_centre. */
function applyMt(sys: LeastSquaresSystem, g: Float64Array): Float64Array {
  const { n, centre, shift, scale } = sys;
  const out = new Float64Array(n);
  const gc = centre >= 0 ? (g[centre] as number) : 0;
  for (let j = 0; j < n; j++) {
    const base = j === centre ? (g[j] as number) : (g[j] as number) - (shift[j] as number) * gc;
    out[j] = (scale[j] as number) * base;
  }
  return out;
}

/** Result of one refined solve of the augmented system. */
export interface AugmentedSolution {
  /** x, with r + A x = b and Aᵀ r = c. */
  x: Float64Array;
  /** r. */
  r: Float64Array;
  /** Refinement steps taken (the first solve counts as one). */
  steps: number;
}

/**
 * Solves [I A; Aᵀ 0][r; x] = [b; c] with iterative refinement (see the module comment).
 * `b` may be omitted (zero), and `c` too (zero). Requires a full-rank system.
 */
export function solveAugmented(sys: LeastSquaresSystem, b: Float64Array | undefined, c: Float64Array | undefined, maxSteps = 12): AugmentedSolution {
  const { m, n, qr, columns } = sys;
  const x = new Float64Array(n);
  const r = new Float64Array(m);
  const f = new Float64Array(m);
  const g = new Float64Array(n);
  const acc = new Float64Array(2);
  let prevSize = Infinity;
  let steps = 0;
  for (let step = 0; step < maxSteps; step++) {
    // Residuals of the augmented system in double-double: f = b − r − A x, g = c − Aᵀ r.
    for (let i = 0; i < m; i++) {
      acc[0] = b ? (b[i] as number) : 0;
      acc[1] = 0;
      accumulateProduct(acc, -1, r[i] as number);
      for (let j = 0; j < n; j++) accumulateProduct(acc, -((columns[j] as Float64Array)[i] as number), x[j] as number);
      f[i] = accumulatorValue(acc);
    }
    for (let j = 0; j < n; j++) {
      const col = columns[j] as Float64Array;
      acc[0] = c ? (c[j] as number) : 0;
      acc[1] = 0;
      for (let i = 0; i < m; i++) accumulateProduct(acc, -(col[i] as number), r[i] as number);
      g[j] = accumulatorValue(acc);
    }
    // Correction with the preconditioned QR factors.
    const gh = applyMt(sys, g);
    const gp = new Float64Array(n);
    for (let k = 0; k < n; k++) gp[k] = gh[qr.perm[k] as number] as number;
    const h = solveRt(qr, gp, n);
    const d = Float64Array.from(f);
    applyQt(qr, d);
    const rhs = new Float64Array(n);
    for (let k = 0; k < n; k++) rhs[k] = (d[k] as number) - (h[k] as number);
    const dxp = solveR(qr, rhs, n);
    const dxh = new Float64Array(n);
    for (let k = 0; k < n; k++) dxh[qr.perm[k] as number] = dxp[k] as number;
    const dx = applyM(sys, dxh);
    const dr = new Float64Array(m);
    for (let k = 0; k < n; k++) dr[k] = h[k] as number;
    for (let i = n; i < m; i++) dr[i] = d[i] as number;
    applyQ(qr, dr);

    // Size of the correction relative to the current iterate (max over the components of x and r).
    let size = 0;
    for (let j = 0; j < n; j++) {
      const xj = (x[j] as number) + (dx[j] as number);
      const rel = Math.abs(dx[j] as number) / Math.max(Math.abs(xj), Number.MIN_VALUE);
      if (rel > size) size = rel;
      x[j] = xj;
    }
    for (let i = 0; i < m; i++) r[i] = (r[i] as number) + (dr[i] as number);
    steps = step + 1;
    // Stop once corrections no longer matter in double precision, or have stopped shrinking.
    if (step > 0 && (size <= Number.EPSILON || size >= prevSize / 2)) break;
    prevSize = size;
  }
  return { x, r, steps };
}

/** Least-squares solution, residuals and unscaled covariance (AᵀA)⁻¹, all refined. */
export interface LeastSquaresSolution {
  x: Float64Array;
  residuals: Float64Array;
  /** (AᵀA)⁻¹, n×n, symmetric. */
  inverseGram: number[][];
  /** Refinement steps of the solution solve. */
  steps: number;
}

/** Solves min ‖b − A x‖ on a full-rank factorised system and refines (AᵀA)⁻¹. */
export function solveLeastSquares(sys: LeastSquaresSystem, b: Float64Array): LeastSquaresSolution {
  const { n } = sys;
  const sol = solveAugmented(sys, b, undefined);
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const col = solveAugmented(sys, undefined, e).x; // = −(AᵀA)⁻¹ e_j
    for (let i = 0; i < n; i++) (inv[i] as number[])[j] = -(col[i] as number);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = ((inv[i] as number[])[j] as number);
      const b2 = ((inv[j] as number[])[i] as number);
      const v = 0.5 * (a + b2);
      (inv[i] as number[])[j] = v;
      (inv[j] as number[])[i] = v;
    }
  }
  return { x: sol.x, residuals: sol.r, inverseGram: inv, steps: sol.steps };
}

/** A column found to be (numerically) a linear combination of the columns before it. */
export interface DependentColumn {
  /** Index of the dependent column (in the order given). */
  column: number;
  /** ‖part of the column orthogonal to the earlier columns‖ / ‖column‖. */
  relativeResidual: number;
}

/**
 * Finds the first column (in the given order) that is numerically dependent on the earlier ones, by
 * sequential Householder QR without pivoting on unit-norm columns: column j is dependent when the norm of
 * its component orthogonal to the earlier independent columns is <= tolerance × its own norm.
 * Returns undefined when every column passes.
 */
export function findDependentColumn(columns: readonly Float64Array[], tolerance: number): DependentColumn | undefined {
  const n = columns.length;
  if (n === 0) return undefined;
  const m = (columns[0] as Float64Array).length;
  const basis: Float64Array[] = []; // orthonormal basis of the independent columns so far
  for (let j = 0; j < n; j++) {
    const col = columns[j] as Float64Array;
    let norm0 = 0;
    for (let i = 0; i < m; i++) norm0 += (col[i] as number) ** 2;
    norm0 = Math.sqrt(norm0);
    if (norm0 === 0) return { column: j, relativeResidual: 0 };
    const v = Float64Array.from(col, (t) => t / norm0);
    // Two passes of modified Gram–Schmidt ("twice is enough", Kahan/Parlett) for an accurate residual.
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let s = 0;
        for (let i = 0; i < m; i++) s += (q[i] as number) * (v[i] as number);
        for (let i = 0; i < m; i++) v[i] = (v[i] as number) - s * (q[i] as number);
      }
    }
    let res = 0;
    for (let i = 0; i < m; i++) res += (v[i] as number) ** 2;
    res = Math.sqrt(res);
    if (res <= tolerance) return { column: j, relativeResidual: res };
    basis.push(Float64Array.from(v, (t) => t / res));
  }
  return undefined;
}
