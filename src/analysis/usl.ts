/**
 * Gunther's Universal Scalability Law for a team of n agents:
 *
 *   S(n) = n / (1 + a (n − 1) + b n (n − 1))
 *
 * a is contention (serialisation), b coherency (pairwise coordination). With D = 1 + a(n−1) + b n(n−1):
 *   ∂S/∂a = −n (n − 1) / D²,   ∂S/∂b = −n² (n − 1) / D².
 * For b > 0 and a < 1 the speedup peaks at n* = √((1 − a) / b), reported with a delta-method SE
 * (derivatives: with respect to a, −1/(2 b n⋆); with respect to b, −n⋆/(2 b)). When b <= 0 (no coherency cost)
 * or a >= 1 there is no peak.
 * Modes: "constrained" keeps a in [0, 1] and b >= 0; "unconstrained" leaves both free.
 */
import { analysisError } from "./errors.js";
import { fitNonlinear } from "./fit-nonlinear.js";
import type { NonlinearModel } from "./nonlinear-model.js";
import { peakEstimate, type PeakEstimate } from "./peak-estimate.js";
import { linearisedStart, prepareScalingPoints, toScalingFit, type ScalingFit, type ScalingFitOptions, type SpeedupPoint } from "./scaling-points.js";

export const USL_FORMULA = "S(n) = n / (1 + a * (n - 1) + b * n * (n - 1))";

/** A USL fit and its peak team size. */
export interface UslFit extends ScalingFit {
  peak: PeakEstimate;
}

/**
 * USL speedup at team size n.
 *
 * @example predictUsl(0.05, 0.01, 5) // 5 / (1 + 0.2 + 0.2) = 3.571…
 */
export function predictUsl(a: number, b: number, n: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(n) || n < 1) {
    throw analysisError("invalid-argument", "predictUsl", `a = ${a}, b = ${b}, n = ${n}; a and b must be finite and n a finite number >= 1`);
  }
  return n / (1 + a * (n - 1) + b * n * (n - 1));
}

/** The vectorised USL over team sizes `n` (parameters "a", "b"). */
export function uslModel(n: Float64Array): NonlinearModel {
  const m = n.length;
  return {
    parameters: ["a", "b"],
    nObservations: m,
    evaluate(theta, out) {
      const a = theta[0] as number;
      const b = theta[1] as number;
      for (let i = 0; i < m; i++) {
        const ni = n[i] as number;
        out[i] = ni / (1 + a * (ni - 1) + b * ni * (ni - 1));
      }
    },
    jacobian(theta, cols) {
      const a = theta[0] as number;
      const b = theta[1] as number;
      const ca = cols[0] as Float64Array;
      const cb = cols[1] as Float64Array;
      for (let i = 0; i < m; i++) {
        const ni = n[i] as number;
        const d = 1 + a * (ni - 1) + b * ni * (ni - 1);
        ca[i] = (-ni * (ni - 1)) / (d * d);
        cb[i] = (-ni * ni * (ni - 1)) / (d * d);
      }
    },
  };
}

/**
 * Fits the Universal Scalability Law.
 *
 * @throws {InvalidArgumentError} on invalid points or options, or fewer than 3 usable points
 */
export function fitUsl(points: SpeedupPoint[], options: ScalingFitOptions = {}): UslFit {
  const fn = "fitUsl";
  const prep = prepareScalingPoints(fn, points, options, 3);
  // Start from the linearisation n/S − 1 = a (n − 1) + b n (n − 1).
  const rows = Array.from(prep.n, (ni) => [ni - 1, ni * (ni - 1)]);
  let [a0, b0] = linearisedStart(rows, prep.speedup.map((s, i) => (prep.n[i] as number) / s - 1)) as [number, number];
  const solver = { ...prep.solverOptions };
  if (prep.mode === "constrained") {
    a0 = Math.min(1, Math.max(0, a0));
    b0 = Math.max(0, b0);
    solver.lower = { a: 0, b: 0 };
    solver.upper = { a: 1 };
  }
  const fit = fitNonlinear(uslModel(prep.n), prep.speedup, { a: a0, b: b0 }, solver, { fn, model: "usl", formula: USL_FORMULA });
  const a = fit.params.a as number;
  const b = fit.params.b as number;
  let peak: PeakEstimate;
  if (!(b > 0)) {
    peak = { kind: "no-peak", reason: `b = ${b} <= 0: no coherency cost, so the fitted speedup never turns down (no peak team size)` };
  } else if (!(a < 1)) {
    peak = { kind: "no-peak", reason: `a = ${a} >= 1: contention alone stops any gain, so there is no interior peak` };
  } else {
    const nStar = Math.sqrt((1 - a) / b);
    const g = [-1 / (2 * b * nStar), -nStar / (2 * b)];
    peak = peakEstimate(nStar, g, fit.covariance, fit.df, fit.confidenceLevel, predictUsl(a, b, Math.max(1, nStar)));
  }
  return { ...toScalingFit(fit, prep), peak };
}
