/**
 * One small error hierarchy for the analysis module, built by one factory (`analysisError`).
 *
 * Every message starts with the name of the function that refused the input, then says which parameter,
 * which value, and what would be valid, e.g.
 * `fitLinear: X[3][1] is NaN; every predictor value must be a finite number`.
 */

import { ToolkitError } from "../core/errors.js";

/** What kind of failure an {@link AnalysisError} reports. */
export type AnalysisErrorCode =
  | "invalid-argument"
  | "rank-deficient"
  | "expression"
  | "not-converged";

/** Base class of every error thrown by `src/analysis`; a `ToolkitError` like every error of the toolkit. */
export class AnalysisError extends ToolkitError {
  override name = "AnalysisError";
  /** The kind of failure. */
  readonly code: AnalysisErrorCode;
  /** The public function that refused the input, e.g. `fitLinear`. */
  readonly fn: string;

  constructor(code: AnalysisErrorCode, fn: string, message: string, options?: { cause?: unknown }) {
    super(`${fn}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fn = fn;
  }
}

/** Bad input: wrong lengths, non-finite values, too few observations, unknown options. */
export class InvalidArgumentError extends AnalysisError {
  override name = "InvalidArgumentError";
}

/** A design (or Jacobian) whose columns are linearly dependent. */
export class RankDeficientError extends AnalysisError {
  override name = "RankDeficientError";
  /** Index of the dependent column in the caller's numbering (for `fitLinear`: the column of X; -1 = the intercept). */
  readonly column: number;
  constructor(fn: string, message: string, column: number, options?: { cause?: unknown }) {
    super("rank-deficient", fn, message, options);
    this.column = column;
  }
}

/** An expression that does not parse, names an unknown symbol, or cannot be evaluated. */
export class ExpressionError extends AnalysisError {
  override name = "ExpressionError";
}

/** A nonlinear fit that did not converge (thrown only on request: see `assertConverged`). */
export class ConvergenceError extends AnalysisError {
  override name = "ConvergenceError";
}

/**
 * The one factory for analysis errors: picks the class from `code` and keeps `cause`.
 *
 * @example
 * throw analysisError("invalid-argument", "fitLinear", "y has 3 values but X has 4 rows; they must match");
 */
export function analysisError(
  code: Exclude<AnalysisErrorCode, "rank-deficient">,
  fn: string,
  message: string,
  options?: { cause?: unknown },
): AnalysisError {
  switch (code) {
    case "invalid-argument":
      return new InvalidArgumentError(code, fn, message, options);
    case "expression":
      return new ExpressionError(code, fn, message, options);
    case "not-converged":
      return new ConvergenceError(code, fn, message, options);
    default: {
      const unreachable: never = code;
      throw new ToolkitError(`analysisError: unknown code ${String(unreachable)}`);
    }
  }
}
