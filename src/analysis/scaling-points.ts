/**
 * Shared input handling for the scaling-law fits (Amdahl, Amdahl with overhead, USL).
 *
 * Points at n = 1 are always excluded from the fit and listed in `excluded`: every model here has
 * S(1) = 1 for all parameter values (so ∂S/∂θ = 0 there). Such a point carries no information about the
 * parameters; keeping it would only add a zero residual and inflate the residual degrees of freedom (and,
 * with inverse-variance weights, its SEM of 0 would give it infinite weight).
 *
 * With `weighting: "inverse-variance"` each remaining point gets weight 1/sem²; a missing, zero or
 * non-finite sem at n > 1 is an error (there is no honest weight for it). Standard errors are then scaled by
 * the residual variance, as R's `nls(weights = )` does, i.e. the weights are treated as relative.
 */
import { analysisError } from "./errors.js";
import type { FitNonlinearOptions, NonlinearFit } from "./fit-nonlinear.js";
import { formatValue } from "./validate.js";

/** One observed speedup at team size n, optionally with its standard error of the mean. */
export interface SpeedupPoint {
  /** Team size (number of agents), >= 1. */
  n: number;
  /** Observed speedup S(n) = T(1) / T(n), > 0. */
  speedup: number;
  /** Standard error of the mean speedup; needed (> 0) for inverse-variance weighting at n > 1. */
  sem?: number;
}

/** How points are weighted. */
export type Weighting = "none" | "inverse-variance";

/** Whether parameters are kept in their physically meaningful ranges. */
export type ScalingMode = "constrained" | "unconstrained";

/** Options shared by the scaling-law fits. */
export interface ScalingFitOptions {
  /** "constrained" keeps parameters in their meaningful box (see each model); "unconstrained" does not. @default "constrained" */
  mode?: ScalingMode;
  /** @default "none" */
  weighting?: Weighting;
  /** @default 0.95 */
  confidenceLevel?: number;
  /** Passed to the Levenberg–Marquardt solver. @default 2000 */
  maxIterations?: number;
  /** Throw a ConvergenceError instead of returning converged = false. @default false */
  requireConvergence?: boolean;
}

/** A point left out of the fit, and why. */
export interface ExcludedPoint {
  /** Index in the caller's array. */
  index: number;
  n: number;
  speedup: number;
  reason: string;
}

/** A scaling-law fit: the common fit shape plus what was excluded and how it was fitted. */
export interface ScalingFit extends NonlinearFit {
  mode: ScalingMode;
  weighting: Weighting;
  /** Team sizes of the points used, in order (aligned with residuals and fitted). */
  n: number[];
  excluded: ExcludedPoint[];
}

/** The validated points of a scaling fit. */
export interface PreparedPoints {
  n: Float64Array;
  speedup: number[];
  weights: number[] | undefined;
  excluded: ExcludedPoint[];
  mode: ScalingMode;
  weighting: Weighting;
  solverOptions: FitNonlinearOptions;
}

export function prepareScalingPoints(fn: string, points: unknown, options: ScalingFitOptions, minPoints: number): PreparedPoints {
  if (typeof options !== "object" || options === null) throw analysisError("invalid-argument", fn, `options is ${formatValue(options)}; it must be an object`);
  for (const key of Object.keys(options)) {
    if (!["mode", "weighting", "confidenceLevel", "maxIterations", "requireConvergence"].includes(key)) {
      throw analysisError("invalid-argument", fn, `options has an unknown key ${JSON.stringify(key)}; valid keys are "mode", "weighting", "confidenceLevel", "maxIterations", "requireConvergence"`);
    }
  }
  const mode = options.mode ?? "constrained";
  if (mode !== "constrained" && mode !== "unconstrained") {
    throw analysisError("invalid-argument", fn, `options.mode is ${formatValue(mode)}; it must be "constrained" or "unconstrained"`);
  }
  const weighting = options.weighting ?? "none";
  if (weighting !== "none" && weighting !== "inverse-variance") {
    throw analysisError("invalid-argument", fn, `options.weighting is ${formatValue(weighting)}; it must be "none" or "inverse-variance"`);
  }
  if (!Array.isArray(points)) throw analysisError("invalid-argument", fn, `points is ${formatValue(points)}; it must be an array of { n, speedup, sem? }`);
  const n: number[] = [];
  const speedup: number[] = [];
  const weights: number[] = [];
  const excluded: ExcludedPoint[] = [];
  points.forEach((pt: unknown, i) => {
    if (typeof pt !== "object" || pt === null) throw analysisError("invalid-argument", fn, `points[${i}] is ${formatValue(pt)}; it must be an object { n, speedup, sem? }`);
    const { n: ni, speedup: si, sem } = pt as Record<string, unknown>;
    if (typeof ni !== "number" || !Number.isFinite(ni) || ni < 1) {
      throw analysisError("invalid-argument", fn, `points[${i}].n is ${formatValue(ni)}; team sizes must be finite numbers >= 1`);
    }
    if (typeof si !== "number" || !Number.isFinite(si) || si <= 0) {
      throw analysisError("invalid-argument", fn, `points[${i}].speedup is ${formatValue(si)}; speedups must be finite numbers > 0`);
    }
    if (sem !== undefined && (typeof sem !== "number" || !Number.isFinite(sem) || sem < 0)) {
      throw analysisError("invalid-argument", fn, `points[${i}].sem is ${formatValue(sem)}; a standard error must be a finite number >= 0`);
    }
    if (ni === 1) {
      excluded.push({
        index: i,
        n: ni,
        speedup: si,
        reason: "n = 1: the model gives S(1) = 1 for every parameter value, so this point carries no information about the parameters (and its sem is 0 by definition); excluded rather than counted as a degree of freedom",
      });
      return;
    }
    if (weighting === "inverse-variance") {
      if (sem === undefined || sem === 0) {
        throw analysisError("invalid-argument", fn, `points[${i}] (n = ${ni}) has sem ${formatValue(sem)}; inverse-variance weighting needs sem > 0 at every n > 1 (use weighting "none", or give its standard error)`);
      }
      weights.push(1 / ((sem as number) * (sem as number)));
    }
    n.push(ni);
    speedup.push(si);
  });
  if (n.length < minPoints) {
    throw analysisError("invalid-argument", fn, `${n.length} usable points (n > 1) after excluding ${excluded.length} at n = 1; at least ${minPoints} are needed`);
  }
  const solverOptions: FitNonlinearOptions = {};
  if (options.confidenceLevel !== undefined) solverOptions.confidenceLevel = options.confidenceLevel;
  if (options.maxIterations !== undefined) solverOptions.maxIterations = options.maxIterations;
  if (options.requireConvergence !== undefined) solverOptions.requireConvergence = options.requireConvergence;
  if (weighting === "inverse-variance") solverOptions.weights = weights;
  return { n: Float64Array.from(n), speedup, weights: weighting === "inverse-variance" ? weights : undefined, excluded, mode, weighting, solverOptions };
}

/**
 * Least-squares start values from a model that is linear after a transformation: solves the small
 * normal equations Σ zᵢzᵢᵀ β = Σ zᵢ tᵢ (used only to pick a starting point; the fit itself never uses
 * normal equations).
 */
export function linearisedStart(rows: number[][], targets: number[]): number[] {
  const k = (rows[0] ?? []).length;
  const a = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  rows.forEach((z, i) => {
    for (let r = 0; r < k; r++) {
      b[r] = (b[r] as number) + (z[r] as number) * (targets[i] as number);
      for (let c = 0; c < k; c++) (a[r] as number[])[c] = ((a[r] as number[])[c] as number) + (z[r] as number) * (z[c] as number);
    }
  });
  // Gaussian elimination with partial pivoting on the k×k system (k <= 2 here).
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[piv] as number[])[c] as number)) piv = r;
    [a[c], a[piv]] = [a[piv] as number[], a[c] as number[]];
    [b[c], b[piv]] = [b[piv] as number, b[c] as number];
    const d = (a[c] as number[])[c] as number;
    if (d === 0) return new Array<number>(k).fill(0);
    for (let r = c + 1; r < k; r++) {
      const f = ((a[r] as number[])[c] as number) / d;
      for (let cc = c; cc < k; cc++) (a[r] as number[])[cc] = ((a[r] as number[])[cc] as number) - f * ((a[c] as number[])[cc] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let c = r + 1; c < k; c++) s -= ((a[r] as number[])[c] as number) * (x[c] as number);
    x[r] = s / ((a[r] as number[])[r] as number);
  }
  return x.map((v) => (Number.isFinite(v) ? v : 0));
}

/** Attaches the scaling-specific fields to a nonlinear fit. */
export function toScalingFit(fit: NonlinearFit, prepared: PreparedPoints): ScalingFit {
  return { ...fit, mode: prepared.mode, weighting: prepared.weighting, n: Array.from(prepared.n), excluded: prepared.excluded };
}
