/**
 * Amdahl's law with a coordination-overhead term that grows linearly with the number of other agents:
 *
 *   S(n) = 1 / ((1 − p) + p / n + c (n − 1))
 *
 * p is the parallel fraction and c the cost of coordinating with each additional agent, in units of the
 * single-agent run time. ∂S/∂p = (1 − 1/n) S², ∂S/∂c = −(n − 1) S².
 * For c > 0 the speedup peaks where p/n + c n is smallest: n* = √(p / c) (reported with a delta-method SE).
 * Modes: "constrained" keeps p in [0, 1] and c >= 0; "unconstrained" leaves both free.
 *
 * Note: this form is algebraically the Universal Scalability Law reparametrised. Since
 * n / S_USL(n) = 1 + a(n − 1) + b n(n − 1), we get 1 / S_USL(n) = a + (1 − a)/n + b (n − 1), which is this
 * model with p = 1 − a and c = b. The two fits therefore give the same RSS and fitted values; this one
 * reports the parameters in Amdahl's terms (parallel fraction and per-agent overhead).
 */
import { analysisError } from "./errors.js";
import { fitNonlinear } from "./fit-nonlinear.js";
import type { NonlinearModel } from "./nonlinear-model.js";
import { peakEstimate, type PeakEstimate } from "./peak-estimate.js";
import { linearisedStart, prepareScalingPoints, toScalingFit, type ScalingFit, type ScalingFitOptions, type SpeedupPoint } from "./scaling-points.js";

export const AMDAHL_OVERHEAD_FORMULA = "S(n) = 1 / ((1 - p) + p / n + c * (n - 1))";

/** An Amdahl-with-overhead fit and its peak team size. */
export interface AmdahlOverheadFit extends ScalingFit {
  /** n* = √(p/c) when c > 0 and p > 0. */
  peak: PeakEstimate;
}

/**
 * Speedup with parallel fraction p and per-agent overhead c at team size n.
 *
 * @example predictAmdahlOverhead(0.9, 0.02, 5) // 1 / (0.1 + 0.18 + 0.08) = 2.777…
 */
export function predictAmdahlOverhead(p: number, c: number, n: number): number {
  if (!Number.isFinite(p) || !Number.isFinite(c) || !Number.isFinite(n) || n < 1) {
    throw analysisError("invalid-argument", "predictAmdahlOverhead", `p = ${p}, c = ${c}, n = ${n}; p and c must be finite and n a finite number >= 1`);
  }
  return 1 / (1 - p + p / n + c * (n - 1));
}

/** The vectorised model over team sizes `n` (parameters "p", "c"). */
export function amdahlOverheadModel(n: Float64Array): NonlinearModel {
  const m = n.length;
  return {
    parameters: ["p", "c"],
    nObservations: m,
    evaluate(theta, out) {
      const p = theta[0] as number;
      const c = theta[1] as number;
      for (let i = 0; i < m; i++) {
        const ni = n[i] as number;
        out[i] = 1 / (1 - p + p / ni + c * (ni - 1));
      }
    },
    jacobian(theta, cols) {
      const p = theta[0] as number;
      const c = theta[1] as number;
      const cp = cols[0] as Float64Array;
      const cc = cols[1] as Float64Array;
      for (let i = 0; i < m; i++) {
        const ni = n[i] as number;
        const s = 1 / (1 - p + p / ni + c * (ni - 1));
        cp[i] = (1 - 1 / ni) * s * s;
        cc[i] = -(ni - 1) * s * s;
      }
    },
  };
}

/**
 * Fits Amdahl's law with a linear coordination-overhead term.
 *
 * @throws {InvalidArgumentError} on invalid points or options, or fewer than 3 usable points
 */
export function fitAmdahlOverhead(points: SpeedupPoint[], options: ScalingFitOptions = {}): AmdahlOverheadFit {
  const fn = "fitAmdahlOverhead";
  const prep = prepareScalingPoints(fn, points, options, 3);
  // Start from the linearisation 1/S − 1 = −p (1 − 1/n) + c (n − 1).
  const rows = Array.from(prep.n, (ni) => [-(1 - 1 / ni), ni - 1]);
  let [p0, c0] = linearisedStart(rows, prep.speedup.map((s) => 1 / s - 1)) as [number, number];
  const solver = { ...prep.solverOptions };
  if (prep.mode === "constrained") {
    p0 = Math.min(1, Math.max(0, p0));
    c0 = Math.max(0, c0);
    solver.lower = { p: 0, c: 0 };
    solver.upper = { p: 1 };
  }
  const fit = fitNonlinear(amdahlOverheadModel(prep.n), prep.speedup, { p: p0, c: c0 }, solver, { fn, model: "amdahl-overhead", formula: AMDAHL_OVERHEAD_FORMULA });
  const p = fit.params.p as number;
  const c = fit.params.c as number;
  const cov = fit.covariance;
  let peak: PeakEstimate;
  if (!(c > 0) || !(p > 0)) {
    peak = { kind: "no-peak", reason: c <= 0 ? `c = ${c} <= 0: the overhead term never outweighs the parallel gain, so the speedup keeps rising with n` : `p = ${p} <= 0: nothing parallelises, so there is no interior optimum` };
  } else {
    const nStar = Math.sqrt(p / c);
    // Delta method: ∂n*/∂p = 1/(2 √(p c)), ∂n*/∂c = −n*/(2c).
    const g = [1 / (2 * Math.sqrt(p * c)), -nStar / (2 * c)];
    peak = peakEstimate(nStar, g, cov, fit.df, fit.confidenceLevel, predictAmdahlOverhead(p, c, Math.max(1, nStar)));
  }
  return { ...toScalingFit(fit, prep), peak };
}
