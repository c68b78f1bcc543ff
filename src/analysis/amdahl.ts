/**
 * Amdahl's law: the speedup of a team of n agents when a fraction p of the work parallelises perfectly,
 *
 *   S(n) = 1 / ((1 − p) + p / n),        ∂S/∂p = (1 − 1/n) · S(n)².
 *
 * `fitAmdahl` estimates p by (weighted) nonlinear least squares on (n, speedup) points.
 * Modes: "constrained" keeps p in [0, 1] (projection onto the box; if p̂ ends on 0 or 1, `atBounds` says so
 * and its SE is the local, unconstrained one); "unconstrained" lets p range freely (p > 1 means
 * super-linear speedup; S(n) is undefined once p >= n/(n − 1)).
 * Points at n = 1 are excluded (S(1) = 1 for every p); see `scaling-points.ts` for weighting.
 */
import { analysisError } from "./errors.js";
import { fitNonlinear } from "./fit-nonlinear.js";
import type { NonlinearModel } from "./nonlinear-model.js";
import { linearisedStart, prepareScalingPoints, toScalingFit, type ScalingFit, type ScalingFitOptions, type SpeedupPoint } from "./scaling-points.js";

export const AMDAHL_FORMULA = "S(n) = 1 / ((1 - p) + p / n)";

/**
 * Amdahl speedup for parallel fraction p at team size n.
 *
 * @throws {InvalidArgumentError} if p or n is not finite, or n < 1
 * @example predictAmdahl(0.9, 5) // 3.5714285714285716
 */
export function predictAmdahl(p: number, n: number): number {
  if (!Number.isFinite(p) || !Number.isFinite(n) || n < 1) {
    throw analysisError("invalid-argument", "predictAmdahl", `p = ${p}, n = ${n}; p must be finite and n a finite number >= 1`);
  }
  return 1 / (1 - p + p / n);
}

/** The vectorised Amdahl model over team sizes `n` (parameter "p"). */
export function amdahlModel(n: Float64Array): NonlinearModel {
  const m = n.length;
  return {
    parameters: ["p"],
    nObservations: m,
    evaluate(theta, out) {
      const p = theta[0] as number;
      for (let i = 0; i < m; i++) out[i] = 1 / (1 - p + p / (n[i] as number));
    },
    jacobian(theta, cols) {
      const p = theta[0] as number;
      const c = cols[0] as Float64Array;
      for (let i = 0; i < m; i++) {
        const ni = n[i] as number;
        const s = 1 / (1 - p + p / ni);
        c[i] = (1 - 1 / ni) * s * s;
      }
    },
  };
}

/**
 * Fits Amdahl's law to observed speedups.
 *
 * @param points (n, speedup[, sem]) observations; n = 1 points are excluded and reported
 * @throws {InvalidArgumentError} on invalid points or options, or fewer than 2 usable points
 * @example
 * const fit = fitAmdahl([{ n: 2, speedup: 1.8 }, { n: 3, speedup: 2.4 }, { n: 5, speedup: 3.3 }]);
 * fit.params.p; fit.confidenceIntervals.p;
 */
export function fitAmdahl(points: SpeedupPoint[], options: ScalingFitOptions = {}): ScalingFit {
  const fn = "fitAmdahl";
  const prep = prepareScalingPoints(fn, points, options, 2);
  // Start from the linearisation 1/S = 1 − p (1 − 1/n).
  const rows = Array.from(prep.n, (ni) => [1 - 1 / ni]);
  let p0 = linearisedStart(rows, prep.speedup.map((s) => 1 - 1 / s))[0] as number;
  const maxP = Math.min(...Array.from(prep.n, (ni) => ni / (ni - 1)));
  if (prep.mode === "constrained") p0 = Math.min(1, Math.max(0, p0));
  else p0 = Math.min(p0, 0.99 * maxP);
  const solver = { ...prep.solverOptions };
  if (prep.mode === "constrained") {
    solver.lower = { p: 0 };
    solver.upper = { p: 1 };
  }
  const fit = fitNonlinear(amdahlModel(prep.n), prep.speedup, { p: p0 }, solver, { fn, model: "amdahl", formula: AMDAHL_FORMULA });
  return toScalingFit(fit, prep);
}
