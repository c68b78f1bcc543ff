/**
 * Nonlinear least squares for any vectorised model (see `nonlinear-model.ts`): validation, the
 * Levenberg–Marquardt solve, and the statistics at the solution.
 *
 *   minimise  RSS(θ) = Σ wᵢ (yᵢ − ŷᵢ(θ))²,   s² = RSS/(n − p),   Cov(θ̂) = s² (JᵀWJ)⁻¹
 *
 * The covariance is computed stably: the Jacobian at the solution is column-scaled and factorised by
 * Householder QR with pivoting, and (JᵀWJ)⁻¹ is obtained column by column with iterative refinement
 * (`least-squares.ts`); JᵀJ is never formed or inverted directly.
 */
import { accumulateProduct, accumulatorValue } from "./compensated.js";
import { coefficientTable } from "./coefficient-table.js";
import { analysisError, type AnalysisError } from "./errors.js";
import { informationCriteria } from "./information-criteria.js";
import { levenbergMarquardt } from "./levenberg-marquardt.js";
import { factorLeastSquares, findDependentColumn, solveAugmented } from "./least-squares.js";
import type { ModelFit } from "./model-fit.js";
import { CONVERGED_REASONS, type NonlinearModel, type StopReason } from "./nonlinear-model.js";
import { assertFiniteVector, assertKnownKeys, assertOpenInterval, formatValue, resolveWeights } from "./validate.js";

/** Options of {@link fitNonlinear} (and of `fitExpression`). */
export interface FitNonlinearOptions {
  /** Lower bounds by parameter name (others unbounded). Bounds are enforced by projection. */
  lower?: Record<string, number>;
  /** Upper bounds by parameter name (others unbounded). */
  upper?: Record<string, number>;
  /** Maximum Levenberg–Marquardt iterations (Jacobian evaluations). @default 2000 */
  maxIterations?: number;
  /** Relative tolerance on the reduction of the RSS and on the scaled step (MINPACK ftol = xtol). @default 1e-15 */
  tolerance?: number;
  /** Observation weights wᵢ > 0 (e.g. 1/σᵢ²). @default all 1 */
  weights?: number[];
  /** Confidence level of the intervals. @default 0.95 */
  confidenceLevel?: number;
  /** Throw a ConvergenceError instead of returning a fit with converged = false. @default false */
  requireConvergence?: boolean;
}

/** Result of a nonlinear fit. */
export interface NonlinearFit extends ModelFit {
  /** Model evaluations (each trial point counts one). */
  evaluations: number;
  /** The solver's stop reason (MINPACK's info codes by name). */
  stopReason: StopReason;
  /** Parameters that ended exactly on a bound (their SEs are the unconstrained local ones). */
  atBounds: string[];
  /** Lower and upper bounds used (±Infinity serialises as null). */
  lower: Record<string, number>;
  upper: Record<string, number>;
}

/** Who is calling, for error messages and the result's labels. */
export interface FitContext {
  fn: string;
  model: string;
  formula: string;
}

export const FIT_NONLINEAR_OPTION_KEYS = ["lower", "upper", "maxIterations", "tolerance", "weights", "confidenceLevel", "requireConvergence"] as const;

const REASON_TEXT: Record<StopReason, string> = {
  "relative-reduction": "the relative reduction of the RSS fell below the tolerance",
  "relative-step": "the relative change of the parameters fell below the tolerance",
  "relative-reduction-and-step": "the relative reduction of the RSS and the relative change of the parameters fell below the tolerance",
  gradient: "the residuals are orthogonal to the Jacobian (gradient test)",
  "no-further-reduction": "no further reduction of the RSS is possible at machine precision",
  "no-further-step": "no further change of the parameters is possible at machine precision",
  "orthogonal-at-machine-precision": "the residuals are orthogonal to the Jacobian at machine precision",
  "max-iterations": "the iteration limit was reached before convergence",
  "non-finite-jacobian": "the Jacobian became NaN or infinite",
};

interface ResolvedNonlinearOptions {
  lower: Float64Array;
  upper: Float64Array;
  maxIterations: number;
  tolerance: number;
  weights: number[] | undefined;
  confidenceLevel: number;
  requireConvergence: boolean;
}

function resolveBounds(fn: string, name: "lower" | "upper", given: unknown, params: readonly string[], fill: number): Float64Array {
  const out = new Float64Array(params.length).fill(fill);
  if (given === undefined) return out;
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw analysisError("invalid-argument", fn, `options.${name} is ${formatValue(given)}; it must be an object mapping parameter names to numbers`);
  }
  for (const [key, value] of Object.entries(given)) {
    const j = params.indexOf(key);
    if (j < 0) {
      throw analysisError("invalid-argument", fn, `options.${name} names ${JSON.stringify(key)}, which is not a parameter; parameters are ${params.map((p) => JSON.stringify(p)).join(", ")}`);
    }
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw analysisError("invalid-argument", fn, `options.${name}.${key} is ${formatValue(value)}; it must be a number (use ±Infinity for no bound)`);
    }
    out[j] = value;
  }
  return out;
}

/** Validates the options and the start point once, so the solver sees complete, valid values. */
export function resolveNonlinearOptions(fn: string, options: FitNonlinearOptions, params: readonly string[], start: Float64Array, n: number): ResolvedNonlinearOptions {
  assertKnownKeys(fn, "options", options, [...FIT_NONLINEAR_OPTION_KEYS, "response"]);
  const lower = resolveBounds(fn, "lower", options.lower, params, -Infinity);
  const upper = resolveBounds(fn, "upper", options.upper, params, Infinity);
  for (let j = 0; j < params.length; j++) {
    const name = params[j] as string;
    if (!((lower[j] as number) < (upper[j] as number))) {
      throw analysisError("invalid-argument", fn, `the bounds of ${name} are lower = ${lower[j]}, upper = ${upper[j]}; lower must be < upper`);
    }
    const s = start[j] as number;
    if (s < (lower[j] as number) || s > (upper[j] as number)) {
      throw analysisError("invalid-argument", fn, `start.${name} is ${s}, outside its bounds [${lower[j]}, ${upper[j]}]; give a starting value inside the bounds`);
    }
  }
  const maxIterations = options.maxIterations ?? 2000;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw analysisError("invalid-argument", fn, `options.maxIterations is ${formatValue(maxIterations)}; it must be an integer >= 1`);
  }
  const tolerance = options.tolerance ?? 1e-15;
  assertOpenInterval(fn, "options.tolerance", tolerance, 0, 1);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  assertOpenInterval(fn, "options.confidenceLevel", confidenceLevel, 0, 1);
  const requireConvergence = options.requireConvergence ?? false;
  if (typeof requireConvergence !== "boolean") {
    throw analysisError("invalid-argument", fn, `options.requireConvergence is ${formatValue(requireConvergence)}; it must be true or false`);
  }
  return { lower, upper, maxIterations, tolerance, weights: resolveWeights(fn, options.weights, n), confidenceLevel, requireConvergence };
}

/** Checks `start` against the model's parameters and returns θ₀ in the model's order. */
export function resolveStart(fn: string, start: unknown, params: readonly string[]): Float64Array {
  if (typeof start !== "object" || start === null || Array.isArray(start)) {
    throw analysisError("invalid-argument", fn, `start is ${formatValue(start)}; it must be an object mapping each parameter name to a starting value`);
  }
  const rec = start as Record<string, unknown>;
  const theta = new Float64Array(params.length);
  params.forEach((name, j) => {
    const v = rec[name];
    if (v === undefined) {
      throw analysisError("invalid-argument", fn, `start has no value for parameter ${JSON.stringify(name)}; parameters are ${params.map((p) => JSON.stringify(p)).join(", ")}`);
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw analysisError("invalid-argument", fn, `start.${name} is ${formatValue(v)}; it must be a finite number`);
    }
    theta[j] = v;
  });
  for (const key of Object.keys(rec)) {
    if (!params.includes(key)) {
      throw analysisError("invalid-argument", fn, `start names ${JSON.stringify(key)}, which is not a parameter of the model; parameters are ${params.map((p) => JSON.stringify(p)).join(", ")}`);
    }
  }
  return theta;
}

/**
 * Fits a vectorised nonlinear model by Levenberg–Marquardt.
 *
 * @param model the model ŷ(θ) and its Jacobian
 * @param y observed responses (length = model.nObservations)
 * @param start starting values by parameter name
 * @throws {InvalidArgumentError} on bad input (lengths, non-finite values, n <= p, start outside bounds,
 *   a model that is not finite at the start)
 * @throws {ConvergenceError} only with `requireConvergence: true`
 */
export function fitNonlinear(
  model: NonlinearModel,
  y: number[],
  start: Record<string, number>,
  options: FitNonlinearOptions = {},
  context: FitContext = { fn: "fitNonlinear", model: "nonlinear", formula: "" },
): NonlinearFit {
  const { fn } = context;
  const params = model.parameters;
  const p = params.length;
  assertFiniteVector(fn, "y", y);
  const n = model.nObservations;
  if (y.length !== n) throw analysisError("invalid-argument", fn, `the response has ${y.length} values but the model has ${n} observations; they must match`);
  if (n <= p) {
    throw analysisError("invalid-argument", fn, `${n} observations for ${p} parameters; at least ${p + 1} are needed (n > p) to estimate the parameters and the residual variance`);
  }
  const theta0 = resolveStart(fn, start, params);
  const opts = resolveNonlinearOptions(fn, options, params, theta0, n);

  const yv = Float64Array.from(y);
  const sw = opts.weights ? Float64Array.from(opts.weights, Math.sqrt) : undefined;
  const y0 = new Float64Array(n);
  model.evaluate(theta0, y0);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y0[i] as number)) {
      throw analysisError(
        "invalid-argument",
        fn,
        `the model is ${formatValue(y0[i])} at the starting values for observation ${i} (${params.map((q, j) => `${q} = ${theta0[j]}`).join(", ")}); choose starting values where it is finite`,
      );
    }
  }

  const lm = levenbergMarquardt(model, yv, sw, theta0, {
    tolerance: opts.tolerance,
    gradientTolerance: 0,
    maxIterations: opts.maxIterations,
    stepBound: 100,
    lower: opts.lower,
    upper: opts.upper,
  });
  const theta = lm.theta;
  const converged = CONVERGED_REASONS.includes(lm.reason);

  // Statistics at the solution.
  const fitted = new Float64Array(n);
  model.evaluate(theta, fitted);
  const residuals = Array.from(fitted, (f, i) => (y[i] as number) - f);
  const rssAcc = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const r = (residuals[i] as number) * (sw ? (sw[i] as number) : 1);
    accumulateProduct(rssAcc, r, r);
  }
  const rss = accumulatorValue(rssAcc);
  const df = n - p;
  const s2 = rss / df;

  const jac = Array.from({ length: p }, () => new Float64Array(n));
  model.jacobian(theta, jac);
  if (sw) for (const col of jac) for (let i = 0; i < n; i++) col[i] = (col[i] as number) * (sw[i] as number);
  const jacFinite = jac.every((col) => col.every((v) => Number.isFinite(v)));
  let covariance: number[][] = params.map(() => params.map(() => Number.NaN));
  let identifiabilityNote = "";
  if (jacFinite) {
    const sys = factorLeastSquares(jac, -1);
    if (sys.qr.rank === p) {
      const inv = params.map(() => new Array<number>(p).fill(0));
      for (let j = 0; j < p; j++) {
        const e = new Float64Array(p);
        e[j] = 1;
        const col = solveAugmented(sys, undefined, e).x;
        for (let i = 0; i < p; i++) (inv[i] as number[])[j] = -(col[i] as number);
      }
      covariance = inv.map((row, i) => row.map((v, j) => 0.5 * (v + ((inv[j] as number[])[i] as number)) * s2));
    } else {
      const dep = findDependentColumn(jac, 1e-10);
      const name = dep ? params[dep.column] : params[sys.qr.perm[sys.qr.rank] as number];
      identifiabilityNote = `; the Jacobian is rank-deficient at the solution (${JSON.stringify(name)} is not identifiable from these data), so standard errors are NaN`;
    }
  } else {
    identifiabilityNote = "; the Jacobian is not finite at the solution, so standard errors are NaN";
  }
  const estimates = Array.from(theta);
  const se = covariance.map((row, j) => Math.sqrt(row[j] as number));
  const table = coefficientTable(estimates, se, df, opts.confidenceLevel);

  // R² about the weighted mean.
  const w = opts.weights;
  let sy = 0;
  let sw0 = 0;
  for (let i = 0; i < n; i++) {
    sy += (w ? (w[i] as number) : 1) * (y[i] as number);
    sw0 += w ? (w[i] as number) : 1;
  }
  const mean = sy / sw0;
  const tssAcc = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - mean;
    accumulateProduct(tssAcc, (w ? (w[i] as number) : 1) * d, d);
  }
  const tss = accumulatorValue(tssAcc);
  const ic = informationCriteria(rss, n, p, w ? w.reduce((s, v) => s + Math.log(v), 0) : 0);

  const rec = (values: readonly number[]): Record<string, number> => Object.fromEntries(params.map((q, j) => [q, values[j] as number]));
  const atBounds = params.filter((_, j) => theta[j] === opts.lower[j] || theta[j] === opts.upper[j]);
  const message = `${converged ? "converged" : "did not converge"}: ${REASON_TEXT[lm.reason]} after ${lm.iterations} iterations (${lm.evaluations} model evaluations)${atBounds.length ? `; ${atBounds.join(", ")} ended on a bound` : ""}${identifiabilityNote}`;
  const fit: NonlinearFit = {
    model: context.model,
    formula: context.formula,
    parameterNames: [...params],
    params: rec(estimates),
    standardErrors: rec(se),
    tValues: rec(table.tValues),
    pValues: rec(table.pValues),
    confidenceIntervals: Object.fromEntries(params.map((q, j) => [q, [table.lower[j] as number, table.upper[j] as number] as [number, number]])),
    confidenceLevel: opts.confidenceLevel,
    covariance,
    residuals,
    fitted: Array.from(fitted),
    rss,
    residualSD: Math.sqrt(s2),
    r2: 1 - rss / tss,
    df,
    nObservations: n,
    nParameters: p,
    weighted: w !== undefined,
    logLik: ic.logLik,
    aic: ic.aic,
    bic: ic.bic,
    converged,
    iterations: lm.iterations,
    message,
    evaluations: lm.evaluations,
    stopReason: lm.reason,
    atBounds,
    lower: rec(Array.from(opts.lower)),
    upper: rec(Array.from(opts.upper)),
  };
  if (opts.requireConvergence) assertConverged(fit, fn);
  return fit;
}

/**
 * Throws a ConvergenceError (naming `fn` and carrying the fit's message) unless `fit.converged`.
 *
 * @example assertConverged(fitExpression("b1*(1-exp(-b2*x))", data, start));
 */
export function assertConverged(fit: Pick<ModelFit, "converged" | "message" | "model">, fn = "assertConverged"): void {
  if (!fit.converged) {
    const err: AnalysisError = analysisError("not-converged", fn, `the ${fit.model} fit did not converge: ${fit.message.replace(/^did not converge: /, "")}; try other starting values, bounds or a larger maxIterations`);
    throw err;
  }
}
