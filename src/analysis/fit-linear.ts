/**
 * Ordinary and weighted linear least squares: y = X β + ε (plus an intercept by default).
 *
 * Numerics: Householder QR with column pivoting of the centred, column-scaled design, followed by Björck's
 * iterative refinement of the augmented system with compensated (double-double) residuals; the covariance
 * (XᵀX)⁻¹ is refined the same way, column by column (see `least-squares.ts`). The normal equations are never
 * formed. This reproduces every NIST StRD linear regression certified value (including Filip, Wampler1–5,
 * Longley, Pontius, NoInt1/2) to at least 12 significant digits in the tests.
 *
 * Definitions (weights wᵢ, all 1 when unweighted; rᵢ = yᵢ − ŷᵢ):
 *   RSS = Σ wᵢ rᵢ²,  df = n − p,  s = √(RSS / df),  Cov(β̂) = s² (XᵀWX)⁻¹,  se_j = √Cov_jj
 *   with an intercept: R² = 1 − RSS / Σ wᵢ (yᵢ − ȳ_w)²  (centred),
 *   without:           R² = 1 − RSS / Σ wᵢ yᵢ²           (uncentred; NIST's and R's definition for NoInt1/2)
 *   adjusted R² = 1 − (1 − R²)(n − i)/df with i = 1 if there is an intercept, else 0
 *   F = ((TSS − RSS)/(p − i)) / (RSS/df) on (p − i, df) degrees of freedom
 *   AIC / BIC as R's `AIC(lm)` / `BIC(lm)` (see `information-criteria.ts`).
 * Weighted least squares multiplies each row of X and y by √wᵢ.
 */
import { accumulateProduct, accumulatorValue } from "./compensated.js";
import { coefficientTable } from "./coefficient-table.js";
import { analysisError, RankDeficientError } from "./errors.js";
import { fSurvival } from "./f-distribution.js";
import { informationCriteria } from "./information-criteria.js";
import { factorLeastSquares, findDependentColumn, solveLeastSquares } from "./least-squares.js";
import { assertFiniteVector, assertKnownKeys, assertOpenInterval, formatValue, resolveWeights } from "./validate.js";

const FN = "fitLinear";

/** Options of {@link fitLinear}. */
export interface FitLinearOptions {
  /** Prepend a column of ones (an intercept) to X. @default true */
  intercept?: boolean;
  /** Observation weights wᵢ > 0: minimise Σ wᵢ (yᵢ − xᵢβ)² (e.g. 1/σᵢ²). @default all 1 */
  weights?: number[];
  /** Names of X's columns, used in the result and in error messages. @default ["x1", "x2", ...] */
  names?: string[];
  /** Confidence level of the intervals, in (0, 1). @default 0.95 */
  confidenceLevel?: number;
  /**
   * Relative tolerance for the numerical rank of the centred, column-scaled design: a pivoted diagonal entry
   * |R_kk| <= rankTolerance·|R_00| marks a dependent column. @default max(n, p)·2.2e-16
   */
  rankTolerance?: number;
}

/** The result of {@link fitLinear}; JSON-serialisable (±Infinity and NaN become null in JSON). */
export interface LinearFit {
  model: "linear";
  /** Coefficient names, intercept first when present: "(Intercept)", then `names`. */
  names: string[];
  coefficients: number[];
  standardErrors: number[];
  tValues: number[];
  /** Two-sided p-values of H₀: β_j = 0, from Student's t with `df` degrees of freedom. */
  pValues: number[];
  /** [lower, upper] at `confidenceLevel`, per coefficient. */
  confidenceIntervals: Array<[number, number]>;
  confidenceLevel: number;
  /** Cov(β̂) = s² (XᵀWX)⁻¹, p×p. */
  covariance: number[][];
  /** yᵢ − ŷᵢ (not multiplied by √wᵢ). */
  residuals: number[];
  fitted: number[];
  /** Σ wᵢ rᵢ². */
  rss: number;
  /** s = √(RSS/df). */
  residualSD: number;
  r2: number;
  adjR2: number;
  /** "centred" with an intercept, "uncentred" without (NIST's convention). */
  r2Definition: "centred" | "uncentred";
  /** Overall F statistic and its p-value; null when the model has no term besides the intercept. */
  fStatistic: number | null;
  fPValue: number | null;
  /** Residual degrees of freedom n − p. */
  df: number;
  nObservations: number;
  nParameters: number;
  intercept: boolean;
  weighted: boolean;
  logLik: number;
  aic: number;
  bic: number;
}

interface ResolvedLinearOptions {
  intercept: boolean;
  weights: number[] | undefined;
  names: string[];
  confidenceLevel: number;
  rankTolerance: number | undefined;
}

function resolveOptions(options: FitLinearOptions, n: number, k: number): ResolvedLinearOptions {
  assertKnownKeys(FN, "options", options, ["intercept", "weights", "names", "confidenceLevel", "rankTolerance"]);
  const intercept = options.intercept ?? true;
  if (typeof intercept !== "boolean") {
    throw analysisError("invalid-argument", FN, `options.intercept is ${formatValue(intercept)}; it must be true or false`);
  }
  const names = options.names ?? Array.from({ length: k }, (_, j) => `x${j + 1}`);
  if (!Array.isArray(names) || names.length !== k || names.some((s) => typeof s !== "string")) {
    throw analysisError("invalid-argument", FN, `options.names has ${Array.isArray(names) ? names.length : formatValue(names)} entries; it must be ${k} strings, one per column of X`);
  }
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  assertOpenInterval(FN, "options.confidenceLevel", confidenceLevel, 0, 1);
  const rankTolerance = options.rankTolerance;
  if (rankTolerance !== undefined) assertOpenInterval(FN, "options.rankTolerance", rankTolerance, 0, 1);
  return { intercept, weights: resolveWeights(FN, options.weights, n), names, confidenceLevel, rankTolerance };
}

/**
 * Fits y = β₀ + X β by (weighted) least squares.
 *
 * @param X rows of observations: X[i] holds the predictors of observation i (all rows the same length)
 * @param y the response, one value per row of X
 * @throws {InvalidArgumentError} on mismatched lengths, non-finite values, or n <= p
 * @throws {RankDeficientError} if a column of the design is (numerically) a linear combination of others
 * @example
 * const fit = fitLinear([[1], [2], [3], [4]], [2.1, 3.9, 6.2, 7.8]);
 * fit.coefficients; // [0.15, 1.94]  (intercept, slope)
 */
export function fitLinear(X: number[][], y: number[], options: FitLinearOptions = {}): LinearFit {
  if (!Array.isArray(X) || X.length === 0) {
    throw analysisError("invalid-argument", FN, `X is ${formatValue(X)}; it must be a non-empty array of rows`);
  }
  const n = X.length;
  const first = X[0];
  if (!Array.isArray(first)) throw analysisError("invalid-argument", FN, `X[0] is ${formatValue(first)}; each row of X must be an array of numbers`);
  const k = first.length;
  for (let i = 0; i < n; i++) {
    const row: unknown = X[i];
    if (!Array.isArray(row)) throw analysisError("invalid-argument", FN, `X[${i}] is ${formatValue(row)}; each row of X must be an array of numbers`);
    if (row.length !== k) {
      throw analysisError("invalid-argument", FN, `X[${i}] has length ${row.length} but X[0] has length ${k}; every row of X must have the same length`);
    }
    for (let j = 0; j < k; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw analysisError("invalid-argument", FN, `X[${i}][${j}] (row ${i}, column ${j}) is ${formatValue(v)}; every predictor value must be a finite number`);
      }
    }
  }
  assertFiniteVector(FN, "y", y);
  if (y.length !== n) throw analysisError("invalid-argument", FN, `y has ${y.length} values but X has ${n} rows; they must match`);
  const opts = resolveOptions(options, n, k);
  const p = k + (opts.intercept ? 1 : 0);
  if (p === 0) throw analysisError("invalid-argument", FN, "X has no columns and intercept is false; there is nothing to fit");
  if (n <= p) {
    throw analysisError(
      "invalid-argument",
      FN,
      `${n} observations for ${p} parameters; at least ${p + 1} are needed (n > p) to estimate the coefficients and the residual variance`,
    );
  }

  // Weighted design A = √W [1 X], response b = √W y, as columns.
  const sw = opts.weights ? opts.weights.map(Math.sqrt) : undefined;
  const columns: Float64Array[] = [];
  if (opts.intercept) columns.push(Float64Array.from({ length: n }, (_, i) => (sw ? (sw[i] as number) : 1)));
  for (let j = 0; j < k; j++) {
    columns.push(Float64Array.from({ length: n }, (_, i) => ((X[i] as number[])[j] as number) * (sw ? (sw[i] as number) : 1)));
  }
  const b = Float64Array.from({ length: n }, (_, i) => (y[i] as number) * (sw ? (sw[i] as number) : 1));
  const coefNames = opts.intercept ? ["(Intercept)", ...opts.names] : [...opts.names];

  const sys = factorLeastSquares(columns, opts.intercept ? 0 : -1, opts.rankTolerance);
  if (sys.qr.rank < p) throw rankError(sys.qr.rank, p, columns, sys.qr.tolerance, sys.qr.perm[sys.qr.rank] as number, opts);

  const sol = solveLeastSquares(sys, b);
  const coefficients = Array.from(sol.x);
  // Residuals on the original scale: rᵢ = yᵢ − ŷᵢ (compensated), and RSS = Σ wᵢ rᵢ².
  const fitted: number[] = new Array<number>(n);
  const residuals: number[] = new Array<number>(n);
  const acc = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    acc[0] = 0;
    acc[1] = 0;
    if (opts.intercept) accumulateProduct(acc, 1, coefficients[0] as number);
    const row = X[i] as number[];
    for (let j = 0; j < k; j++) accumulateProduct(acc, row[j] as number, coefficients[j + (opts.intercept ? 1 : 0)] as number);
    const yhat = accumulatorValue(acc);
    fitted[i] = yhat;
    // r = y − ŷ from the refined residual of the augmented system (more accurate than y − fl(ŷ)).
    residuals[i] = sw ? (sol.residuals[i] as number) / (sw[i] as number) : (sol.residuals[i] as number);
  }
  const rssAcc = new Float64Array(2);
  for (let i = 0; i < n; i++) accumulateProduct(rssAcc, sol.residuals[i] as number, sol.residuals[i] as number);
  const rss = accumulatorValue(rssAcc);
  const df = n - p;
  const s2 = rss / df;
  const covariance = sol.inverseGram.map((row) => row.map((v) => v * s2));
  const standardErrors = covariance.map((row, j) => Math.sqrt(Math.max(0, row[j] as number)));

  // Total sum of squares: centred about the weighted mean with an intercept, uncentred without.
  const w = opts.weights;
  let tss: number;
  {
    const t = new Float64Array(2);
    if (opts.intercept) {
      const sAcc = new Float64Array(2);
      const wAcc = new Float64Array(2);
      for (let i = 0; i < n; i++) {
        accumulateProduct(sAcc, w ? (w[i] as number) : 1, y[i] as number);
        accumulateProduct(wAcc, w ? (w[i] as number) : 1, 1);
      }
      const mean = accumulatorValue(sAcc) / accumulatorValue(wAcc);
      for (let i = 0; i < n; i++) {
        const d = (y[i] as number) - mean;
        accumulateProduct(t, (w ? (w[i] as number) : 1) * d, d);
      }
    } else {
      for (let i = 0; i < n; i++) accumulateProduct(t, (w ? (w[i] as number) : 1) * (y[i] as number), y[i] as number);
    }
    tss = accumulatorValue(t);
  }
  const r2 = 1 - rss / tss;
  const i0 = opts.intercept ? 1 : 0;
  const adjR2 = 1 - ((1 - r2) * (n - i0)) / df;
  const regDf = p - i0;
  const fStatistic = regDf > 0 ? (tss - rss) / regDf / s2 : null;
  const fPValue = fStatistic === null ? null : fSurvival(fStatistic, regDf, df);

  const table = coefficientTable(coefficients, standardErrors, df, opts.confidenceLevel);
  const sumLogW = w ? w.reduce((s, v) => s + Math.log(v), 0) : 0;
  const ic = informationCriteria(rss, n, p, sumLogW);

  return {
    model: "linear",
    names: coefNames,
    coefficients,
    standardErrors,
    tValues: table.tValues,
    pValues: table.pValues,
    confidenceIntervals: coefficients.map((_, j) => [table.lower[j] as number, table.upper[j] as number]),
    confidenceLevel: opts.confidenceLevel,
    covariance,
    residuals,
    fitted,
    rss,
    residualSD: Math.sqrt(s2),
    r2,
    adjR2,
    r2Definition: opts.intercept ? "centred" : "uncentred",
    fStatistic,
    fPValue,
    df,
    nObservations: n,
    nParameters: p,
    intercept: opts.intercept,
    weighted: w !== undefined,
    logLik: ic.logLik,
    aic: ic.aic,
    bic: ic.bic,
  };
}

/** Builds the rank-deficiency error, naming the first dependent column in the caller's order. */
function rankError(
  rank: number,
  p: number,
  columns: Float64Array[],
  tolerance: number,
  pivotedCandidate: number,
  opts: ResolvedLinearOptions,
): RankDeficientError {
  const found = findDependentColumn(columns, Math.max(tolerance * 10, 1e-12));
  const index = found ? found.column : pivotedCandidate;
  const xIndex = opts.intercept ? index - 1 : index;
  const label = xIndex < 0 ? "the intercept" : `column ${xIndex} of X (${JSON.stringify(opts.names[xIndex])})`;
  const before =
    xIndex < 0
      ? ""
      : xIndex === 0
        ? opts.intercept
          ? " of the intercept (it is constant)"
          : " (it is all zeros)"
        : ` of ${opts.intercept ? "the intercept and " : ""}column${xIndex > 1 ? "s" : ""} ${Array.from({ length: xIndex }, (_, j) => j).join(", ")} of X`;
  const detail = found ? ` (relative residual ${found.relativeResidual.toExponential(2)})` : "";
  return new RankDeficientError(
    FN,
    `the design matrix is rank-deficient (numerical rank ${rank} of ${p} columns): ${label} is a linear combination${before}${detail}; remove or combine the dependent predictors`,
    xIndex,
  );
}
