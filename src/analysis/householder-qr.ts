/**
 * Householder QR factorisation with column pivoting (Businger and Golub, 1965): A P = Q R.
 *
 * A is m×n (m >= n) and given by columns. At step k the remaining column with the largest norm (over rows
 * k..m-1) is swapped into place, so |R_00| >= |R_11| >= ... and a column that is (numerically) a linear
 * combination of the columns before it ends with a tiny |R_kk|. The numerical rank is the number of
 * diagonal entries with |R_kk| > tol·|R_00|.
 *
 * Each reflector is H_k = I - tau_k v_k v_kᵀ with v_k[k] = 1 (LAPACK's dlarfg convention); Q = H_0 H_1 ... H_{n-1}.
 * Cost O(m n²). Backward stable: the computed R is the exact R of A + E with ‖E‖ = O(eps ‖A‖).
 */

/** The factorisation A P = Q R, stored compactly. */
export interface QrFactorization {
  /** Rows of A. */
  m: number;
  /** Columns of A. */
  n: number;
  /**
   * Column-major storage in pivoted order: `cols[k][i]` is R[i][k] for i <= k, and the Householder vector
   * entry v_k[i] for i > k (v_k[k] = 1 is implicit).
   */
  cols: Float64Array[];
  /** Householder scalars tau_k. */
  tau: Float64Array;
  /** `perm[k]` = index in A of the k-th pivoted column. */
  perm: Int32Array;
  /** Numerical rank: count of |R_kk| > tolerance·|R_00|. */
  rank: number;
  /** The relative tolerance used for `rank`. */
  tolerance: number;
}

function columnNorm(col: Float64Array, from: number): number {
  // Scaled sum of squares (as in LAPACK's dnrm2) so that huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < col.length; i++) {
    const v = col[i] as number;
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else {
        ssq += (a / scale) * (a / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/**
 * Factorises A (given as `n` columns of length `m`, not modified) as A P = Q R.
 *
 * @param columns the columns of A
 * @param tolerance relative rank tolerance; default `max(m, n)·eps`
 */
export function householderQr(columns: readonly Float64Array[], tolerance?: number): QrFactorization {
  const n = columns.length;
  const m = n === 0 ? 0 : (columns[0] as Float64Array).length;
  const cols: Float64Array[] = columns.map((c) => Float64Array.from(c));
  const tau = new Float64Array(n);
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const tol = tolerance ?? Math.max(m, n) * Number.EPSILON;

  const steps = Math.min(m, n);
  for (let k = 0; k < steps; k++) {
    // Pivot: the remaining column with the largest norm over rows k..m-1 (norms recomputed exactly,
    // which is cheap for the small n of regression problems and avoids the downdating pitfalls).
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < n; j++) {
      const nj = columnNorm(cols[j] as Float64Array, k);
      if (nj > bestNorm) {
        bestNorm = nj;
        best = j;
      }
    }
    if (best !== k) {
      const tmp = cols[k] as Float64Array;
      cols[k] = cols[best] as Float64Array;
      cols[best] = tmp;
      const tp = perm[k] as number;
      perm[k] = perm[best] as number;
      perm[best] = tp;
    }

    const ck = cols[k] as Float64Array;
    const alpha = ck[k] as number;
    const sigma = columnNorm(ck, k + 1);
    if (sigma === 0) {
      tau[k] = 0; // H_k = I; R_kk = alpha
      continue;
    }
    const norm = Math.hypot(alpha, sigma);
    const beta = alpha >= 0 ? -norm : norm;
    tau[k] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < m; i++) ck[i] = (ck[i] as number) * scale;
    ck[k] = beta;

    // Apply H_k to the remaining columns: c -= tau (vᵀc) v.
    const t = tau[k] as number;
    for (let j = k + 1; j < n; j++) {
      const cj = cols[j] as Float64Array;
      let s = cj[k] as number;
      for (let i = k + 1; i < m; i++) s += (ck[i] as number) * (cj[i] as number);
      s *= t;
      cj[k] = (cj[k] as number) - s;
      for (let i = k + 1; i < m; i++) cj[i] = (cj[i] as number) - s * (ck[i] as number);
    }
  }

  const r00 = n > 0 && m > 0 ? Math.abs((cols[0] as Float64Array)[0] as number) : 0;
  let rank = 0;
  for (let k = 0; k < steps; k++) {
    if (Math.abs((cols[k] as Float64Array)[k] as number) > tol * r00 && r00 > 0) rank++;
    else break;
  }
  return { m, n, cols, tau, perm, rank, tolerance: tol };
}

/** Overwrites `b` (length m) with Qᵀ b. */
export function applyQt(qr: QrFactorization, b: Float64Array): void {
  const { m, n, cols, tau } = qr;
  for (let k = 0; k < Math.min(m, n); k++) applyReflector(cols[k] as Float64Array, tau[k] as number, k, m, b);
}

/** Overwrites `b` (length m) with Q b. */
export function applyQ(qr: QrFactorization, b: Float64Array): void {
  const { m, n, cols, tau } = qr;
  for (let k = Math.min(m, n) - 1; k >= 0; k--) applyReflector(cols[k] as Float64Array, tau[k] as number, k, m, b);
}

function applyReflector(v: Float64Array, t: number, k: number, m: number, b: Float64Array): void {
  if (t === 0) return;
  let s = b[k] as number;
  for (let i = k + 1; i < m; i++) s += (v[i] as number) * (b[i] as number);
  s *= t;
  b[k] = (b[k] as number) - s;
  for (let i = k + 1; i < m; i++) b[i] = (b[i] as number) - s * (v[i] as number);
}

/** Solves R z = c for the leading `size`×`size` block of R (back substitution); returns z. */
export function solveR(qr: QrFactorization, c: ArrayLike<number>, size: number): Float64Array {
  const z = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let s = c[i] as number;
    for (let j = i + 1; j < size; j++) s -= ((qr.cols[j] as Float64Array)[i] as number) * (z[j] as number);
    z[i] = s / ((qr.cols[i] as Float64Array)[i] as number);
  }
  return z;
}

/** Solves Rᵀ z = c for the leading `size`×`size` block of R (forward substitution); returns z. */
export function solveRt(qr: QrFactorization, c: ArrayLike<number>, size: number): Float64Array {
  const z = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const ci = qr.cols[i] as Float64Array;
    let s = c[i] as number;
    for (let j = 0; j < i; j++) s -= (ci[j] as number) * (z[j] as number);
    z[i] = s / (ci[i] as number);
  }
  return z;
}
