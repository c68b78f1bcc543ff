/**
 * The trust-region subproblem of MINPACK's Levenberg–Marquardt (`lmpar`, `qrsolv`, `enorm`): given the QR
 * factors of the Jacobian, find the Levenberg parameter λ whose step fits the trust radius. Used by
 * `levenberg-marquardt.ts`; ported from Moré, Garbow and Hillstrom, MINPACK-1 (1980).
 */
export const EPSMCH = Number.EPSILON;
export const DWARF = Number.MIN_VALUE * 2 ** 52; // smallest normal number

/** Euclidean norm without overflow or underflow (MINPACK `enorm`, by scaling). */
export function enorm(v: ArrayLike<number>, n = v.length): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    if (x !== 0) {
      const a = Math.abs(x);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else {
        ssq += (a / scale) * (a / scale);
      }
    }
  }
  return scale === Infinity || Number.isNaN(scale) ? scale : scale * Math.sqrt(ssq);
}

/**
 * MINPACK `lmpar`: given R (J P = Q R), D and qtb = (Qᵀ f)₁..ₙ, find λ >= 0 such that the solution p of
 * (JᵀJ + λ DᵀD) p = −Jᵀf either has λ = 0 and ‖D p‖ <= 1.1 Δ, or λ > 0 and |‖D p‖ − Δ| <= 0.1 Δ.
 * Writes the solution into `x` as MINPACK does (x = −p; the caller negates) and returns λ.
 * `r` is modified below its diagonal (qrsolv's workspace), as in MINPACK.
 */
export function lmpar(n: number, r: Float64Array, ipvt: Int32Array, diag: Float64Array, qtb: Float64Array, delta: number, par0: number, x: Float64Array): number {
  const wa1 = new Float64Array(n);
  const wa2 = new Float64Array(n);
  const sdiag = new Float64Array(n);
  let par = par0;

  // Gauss–Newton direction (least-squares solution if R is singular).
  let nsing = n;
  for (let j = 0; j < n; j++) {
    wa1[j] = qtb[j] as number;
    if (r[j * n + j] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa1[j] = 0;
  }
  for (let j = nsing - 1; j >= 0; j--) {
    wa1[j] = (wa1[j] as number) / (r[j * n + j] as number);
    const temp = wa1[j] as number;
    for (let i = 0; i < j; i++) wa1[i] = (wa1[i] as number) - (r[i * n + j] as number) * temp;
  }
  for (let j = 0; j < n; j++) x[ipvt[j] as number] = wa1[j] as number;

  let iter = 0;
  for (let j = 0; j < n; j++) wa2[j] = (diag[j] as number) * (x[j] as number);
  let dxnorm = enorm(wa2);
  let fp = dxnorm - delta;
  if (fp <= 0.1 * delta) return 0;

  // Lower bound parl (only for full rank).
  let parl = 0;
  if (nsing >= n) {
    for (let j = 0; j < n; j++) {
      const l = ipvt[j] as number;
      wa1[j] = (diag[l] as number) * ((wa2[l] as number) / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < j; i++) sum += (r[i * n + j] as number) * (wa1[i] as number);
      wa1[j] = ((wa1[j] as number) - sum) / (r[j * n + j] as number);
    }
    const temp = enorm(wa1);
    parl = fp / delta / temp / temp;
  }
  // Upper bound paru.
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += (r[i * n + j] as number) * (qtb[i] as number);
    wa1[j] = sum / (diag[ipvt[j] as number] as number);
  }
  const gnorm = enorm(wa1);
  let paru = gnorm / delta;
  if (paru === 0) paru = DWARF / Math.min(delta, 0.1);
  par = Math.max(par, parl);
  par = Math.min(par, paru);
  if (par === 0) par = gnorm / dxnorm;

  while (true) {
    iter++;
    if (par === 0) par = Math.max(DWARF, 0.001 * paru);
    const temp0 = Math.sqrt(par);
    for (let j = 0; j < n; j++) wa1[j] = temp0 * (diag[j] as number);
    qrsolv(n, r, ipvt, wa1, qtb, x, sdiag);
    for (let j = 0; j < n; j++) wa2[j] = (diag[j] as number) * (x[j] as number);
    dxnorm = enorm(wa2);
    const temp = fp;
    fp = dxnorm - delta;
    if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= temp && temp < 0) || iter === 10) break;
    // Newton correction.
    for (let j = 0; j < n; j++) {
      const l = ipvt[j] as number;
      wa1[j] = (diag[l] as number) * ((wa2[l] as number) / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      wa1[j] = (wa1[j] as number) / (sdiag[j] as number);
      const t = wa1[j] as number;
      for (let i = j + 1; i < n; i++) wa1[i] = (wa1[i] as number) - (r[i * n + j] as number) * t;
    }
    const tn = enorm(wa1);
    const parc = fp / delta / tn / tn;
    if (fp > 0) parl = Math.max(parl, par);
    if (fp < 0) paru = Math.min(paru, par);
    par = Math.max(parl, par + parc);
  }
  return par;
}

/**
 * MINPACK `qrsolv`: solves min ‖[R; D_λ] Pᵀz − [qtb; 0]‖ by Givens rotations that eliminate the diagonal
 * matrix D_λ = √λ D from the triangular R. The transformed triangle S is left in `sdiag` (diagonal) and in
 * the strict lower triangle of `r`; the solution goes to `x`.
 */
function qrsolv(n: number, r: Float64Array, ipvt: Int32Array, diag: Float64Array, qtb: Float64Array, x: Float64Array, sdiag: Float64Array): void {
  const wa = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) r[i * n + j] = r[j * n + i] as number;
    x[j] = r[j * n + j] as number;
    wa[j] = qtb[j] as number;
  }
  for (let j = 0; j < n; j++) {
    const l = ipvt[j] as number;
    if (diag[l] !== 0) {
      for (let k = j; k < n; k++) sdiag[k] = 0;
      sdiag[j] = diag[l] as number;
      let qtbpj = 0;
      for (let k = j; k < n; k++) {
        if (sdiag[k] === 0) continue;
        const rkk = r[k * n + k] as number;
        let sin: number;
        let cos: number;
        if (Math.abs(rkk) < Math.abs(sdiag[k] as number)) {
          const cotan = rkk / (sdiag[k] as number);
          sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
          cos = sin * cotan;
        } else {
          const tan = (sdiag[k] as number) / rkk;
          cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
          sin = cos * tan;
        }
        r[k * n + k] = cos * rkk + sin * (sdiag[k] as number);
        const temp = cos * (wa[k] as number) + sin * qtbpj;
        qtbpj = -sin * (wa[k] as number) + cos * qtbpj;
        wa[k] = temp;
        for (let i = k + 1; i < n; i++) {
          const rik = r[i * n + k] as number;
          const t = cos * rik + sin * (sdiag[i] as number);
          sdiag[i] = -sin * rik + cos * (sdiag[i] as number);
          r[i * n + k] = t;
        }
      }
    }
    sdiag[j] = r[j * n + j] as number;
    r[j * n + j] = x[j] as number;
  }
  let nsing = n;
  for (let j = 0; j < n; j++) {
    if (sdiag[j] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa[j] = 0;
  }
  for (let j = nsing - 1; j >= 0; j--) {
    let sum = 0;
    for (let i = j + 1; i < nsing; i++) sum += (r[i * n + j] as number) * (wa[i] as number);
    wa[j] = ((wa[j] as number) - sum) / (sdiag[j] as number);
  }
  for (let j = 0; j < n; j++) x[ipvt[j] as number] = wa[j] as number;
}
