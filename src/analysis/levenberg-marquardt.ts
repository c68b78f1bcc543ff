/**
 * Levenberg–Marquardt for min ½‖f(θ)‖², f(θ) = √W (ŷ(θ) − y): a port of MINPACK's `lmder`
 * (Moré 1978, "The Levenberg–Marquardt algorithm: implementation and theory"; Moré, Garbow and Hillstrom,
 * MINPACK-1, 1980), i.e. Moré's trust-region variant:
 *
 * - variables are scaled by D = diag(‖J_j‖) (running maximum of the Jacobian column norms), so the
 *   algorithm is invariant to the units of the parameters;
 * - each step solves min ‖J p + f‖ subject to ‖D p‖ <= Δ; the Levenberg parameter λ is found by Moré's
 *   safeguarded Newton iteration (`lmpar`) on the QR factors of J (column pivoting, Givens updates in `qrsolv`);
 * - Δ grows or shrinks from the ratio of actual to predicted reduction of ‖f‖².
 *
 * Convergence (tolerance τ, default 1e-15): the relative reduction of ‖f‖² (actual and predicted) <= τ, or
 * the trust radius Δ <= τ‖Dθ‖; or, when τ is below what double precision can resolve, no further reduction
 * or step is possible at machine precision.
 *
 * Box bounds (optional): projected Levenberg–Marquardt with an active set. A parameter sitting on a bound
 * whose negative gradient points out of the box is frozen for that iteration (its Jacobian column is
 * zeroed), the step for the others is computed as usual, and the trial point is projected onto the box;
 * the predicted reduction is that of the projected step, so the trust-region logic stays consistent.
 */
import type { NonlinearModel, StopReason } from "./nonlinear-model.js";
import { applyQt, householderQr } from "./householder-qr.js";
import { DWARF, EPSMCH, enorm, lmpar } from "./lm-subproblem.js";

/** Resolved solver settings. */
export interface LevenbergMarquardtSettings {
  /** τ for the relative reduction and relative step tests. */
  tolerance: number;
  /** Tolerance on the scaled gradient (cosine) test; 0 disables it except at exactly 0. */
  gradientTolerance: number;
  /** Maximum number of iterations (Jacobian evaluations). */
  maxIterations: number;
  /** Initial trust radius factor: Δ₀ = factor·‖Dθ₀‖ (MINPACK's `factor`). */
  stepBound: number;
  /** Lower and upper bounds per parameter (±Infinity when absent). */
  lower: Float64Array;
  upper: Float64Array;
}

/** What the solver returns. */
export interface LevenbergMarquardtResult {
  theta: Float64Array;
  /** f at θ (weighted residuals ŷ − y). */
  f: Float64Array;
  /** ‖f‖. */
  fnorm: number;
  iterations: number;
  evaluations: number;
  reason: StopReason;
}

/**
 * Minimises ‖f(θ)‖² with f(θ) = √w ⊙ (model(θ) − y), starting from θ₀ (which must be inside the bounds and
 * give a finite f).
 */
export function levenbergMarquardt(
  model: NonlinearModel,
  y: Float64Array,
  sqrtWeights: Float64Array | undefined,
  theta0: Float64Array,
  settings: LevenbergMarquardtSettings,
): LevenbergMarquardtResult {
  const m = model.nObservations;
  const n = theta0.length;
  const { tolerance: ftol, gradientTolerance: gtol, maxIterations, lower, upper } = settings;
  const xtol = ftol;
  const bounded = Array.from(lower).some((v) => v > -Infinity) || Array.from(upper).some((v) => v < Infinity);
  const maxEvaluations = 50 * maxIterations + 100;

  const x = Float64Array.from(theta0);
  const yhat = new Float64Array(m);
  const residual = (theta: Float64Array, out: Float64Array): number => {
    model.evaluate(theta, yhat);
    for (let i = 0; i < m; i++) {
      const r = (yhat[i] as number) - (y[i] as number);
      out[i] = sqrtWeights ? r * (sqrtWeights[i] as number) : r;
    }
    const nrm = enorm(out);
    return Number.isFinite(nrm) ? nrm : Infinity;
  };

  let fvec = new Float64Array(m);
  let wa4 = new Float64Array(m);
  let fnorm = residual(x, fvec);
  let evaluations = 1;
  const jac: Float64Array[] = Array.from({ length: n }, () => new Float64Array(m));
  const diag = new Float64Array(n);
  const qtf = new Float64Array(n);
  const r = new Float64Array(n * n); // R (upper triangle), row-major r[i*n + j]
  const ipvt = new Int32Array(n);
  const acnorm = new Float64Array(n);
  const wa1 = new Float64Array(n);
  const wa2 = new Float64Array(n);
  const wa3 = new Float64Array(n);
  const active = new Uint8Array(n);

  let par = 0;
  let delta = 0;
  let xnorm = 0;
  let iter = 1;
  let reason: StopReason | undefined;

  outer: while (true) {
    // Jacobian of f: √w ⊙ ∂ŷ/∂θ.
    model.jacobian(x, jac);
    for (let j = 0; j < n; j++) {
      const col = jac[j] as Float64Array;
      for (let i = 0; i < m; i++) {
        const v = sqrtWeights ? (col[i] as number) * (sqrtWeights[i] as number) : (col[i] as number);
        if (!Number.isFinite(v)) {
          reason = "non-finite-jacobian";
          break outer;
        }
        col[i] = v;
      }
    }
    // Active set for bounds: freeze parameters on a bound whose descent direction −g_j leaves the box.
    if (bounded) {
      for (let j = 0; j < n; j++) {
        active[j] = 0;
        const col = jac[j] as Float64Array;
        let g = 0;
        for (let i = 0; i < m; i++) g += (col[i] as number) * (fvec[i] as number);
        const xj = x[j] as number;
        if ((xj <= (lower[j] as number) && g > 0) || (xj >= (upper[j] as number) && g < 0)) {
          active[j] = 1;
          col.fill(0);
        }
      }
    }
    for (let j = 0; j < n; j++) acnorm[j] = enorm(jac[j] as Float64Array);

    // QR with column pivoting: J P = Q R; qtf = first n components of Qᵀ f.
    const qr = householderQr(jac, 0);
    for (let k = 0; k < n; k++) ipvt[k] = qr.perm[k] as number;
    r.fill(0);
    for (let j = 0; j < n; j++) {
      const col = qr.cols[j] as Float64Array;
      for (let i = 0; i <= j && i < m; i++) r[i * n + j] = col[i] as number;
    }
    const qtfFull = Float64Array.from(fvec);
    applyQt(qr, qtfFull);
    for (let j = 0; j < n; j++) qtf[j] = j < m ? (qtfFull[j] as number) : 0;

    if (iter === 1) {
      for (let j = 0; j < n; j++) diag[j] = acnorm[j] === 0 ? 1 : (acnorm[j] as number);
      for (let j = 0; j < n; j++) wa3[j] = (diag[j] as number) * (x[j] as number);
      xnorm = enorm(wa3);
      delta = settings.stepBound * xnorm;
      if (delta === 0) delta = settings.stepBound;
    }

    // Scaled gradient norm: max_j |cos(angle between f and J_j)|.
    let gnorm = 0;
    if (fnorm !== 0) {
      for (let j = 0; j < n; j++) {
        const l = ipvt[j] as number;
        if (acnorm[l] !== 0) {
          let sum = 0;
          for (let i = 0; i <= j; i++) sum += (r[i * n + j] as number) * ((qtf[i] as number) / fnorm);
          gnorm = Math.max(gnorm, Math.abs(sum / (acnorm[l] as number)));
        }
      }
    }
    if (gnorm <= gtol) {
      reason = "gradient";
      break;
    }
    for (let j = 0; j < n; j++) diag[j] = Math.max(diag[j] as number, acnorm[j] as number);

    // Inner loop: find an acceptable step.
    while (true) {
      par = lmpar(n, r, ipvt, diag, qtf, delta, par, wa1);
      // Trial point (projected onto the box when bounded).
      let projected = false;
      for (let j = 0; j < n; j++) {
        const step = -(wa1[j] as number);
        let t = (x[j] as number) + step;
        if (active[j]) t = x[j] as number;
        if (t < (lower[j] as number)) {
          t = lower[j] as number;
          projected = true;
        } else if (t > (upper[j] as number)) {
          t = upper[j] as number;
          projected = true;
        }
        wa2[j] = t;
        wa1[j] = t - (x[j] as number); // the step actually taken
      }
      for (let j = 0; j < n; j++) wa3[j] = (diag[j] as number) * (wa1[j] as number);
      const pnorm = enorm(wa3);
      if (iter === 1) delta = Math.min(delta, pnorm);

      const fnorm1 = residual(wa2, wa4);
      evaluations++;
      let actred = -1;
      if (0.1 * fnorm1 < fnorm) actred = 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm);

      // Predicted reduction of the linear model for the step p: with u = R Pᵀ p,
      // ‖f + J p‖² = ‖f‖² + 2 qtfᵀu + ‖u‖².
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = i; j < n; j++) s += (r[i * n + j] as number) * (wa1[ipvt[j] as number] as number);
        wa3[i] = s;
      }
      let prered: number;
      let dirder: number;
      if (!projected) {
        const temp1 = enorm(wa3) / fnorm;
        const temp2 = (Math.sqrt(par) * pnorm) / fnorm;
        prered = temp1 * temp1 + (temp2 * temp2) / 0.5;
        dirder = -(temp1 * temp1 + temp2 * temp2);
      } else {
        let cross = 0;
        for (let i = 0; i < n; i++) cross += (qtf[i] as number) * (wa3[i] as number);
        const u2 = enorm(wa3) ** 2;
        prered = -(2 * cross + u2) / (fnorm * fnorm);
        dirder = cross / (fnorm * fnorm);
      }
      const ratio = prered !== 0 ? actred / prered : 0;

      // Update the trust radius.
      if (ratio <= 0.25) {
        let temp = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (0.1 * fnorm1 >= fnorm || temp < 0.1 || !Number.isFinite(temp)) temp = 0.1;
        delta = temp * Math.min(delta, pnorm / 0.1);
        par /= temp;
      } else if (par === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        par *= 0.5;
      }

      // Accept the step.
      if (ratio >= 1e-4) {
        x.set(wa2);
        for (let j = 0; j < n; j++) wa2[j] = (diag[j] as number) * (x[j] as number);
        const swap = fvec;
        fvec = wa4;
        wa4 = swap;
        xnorm = enorm(wa2);
        fnorm = fnorm1;
        iter++;
      }

      // Convergence tests.
      const reductionOk = Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
      const stepOk = delta <= xtol * xnorm;
      if (reductionOk && stepOk) reason = "relative-reduction-and-step";
      else if (reductionOk) reason = "relative-reduction";
      else if (stepOk) reason = "relative-step";
      if (reason !== undefined) break outer;
      if (gnorm <= EPSMCH) reason = "orthogonal-at-machine-precision";
      if (delta <= EPSMCH * xnorm) reason = "no-further-step";
      if (Math.abs(actred) <= EPSMCH && prered <= EPSMCH && 0.5 * ratio <= 1) reason = "no-further-reduction";
      if (reason !== undefined) break outer;
      if (iter > maxIterations || evaluations >= maxEvaluations) {
        reason = "max-iterations";
        break outer;
      }
      if (ratio >= 1e-4) break;
    }
  }
  return { theta: x, f: fvec, fnorm, iterations: iter - 1, evaluations, reason: reason ?? "max-iterations" };
}
