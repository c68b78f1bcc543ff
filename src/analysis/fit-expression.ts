/**
 * Nonlinear least squares for a model written as a mathjs expression over data columns and parameters.
 *
 *   fitExpression("b1*(1-exp(-b2*x))", { x, y }, { b1: 500, b2: 1e-4 })
 *
 * The parameters are the keys of `start`; every other symbol must be a data column (or a mathjs constant
 * such as `pi`). The response is the column `y` unless `options.response` names another. The Jacobian comes
 * from mathjs's symbolic `derivative` (finite differences only where that fails); the fit is MINPACK-style
 * Levenberg–Marquardt (`levenberg-marquardt.ts`); bounds are enforced by projection with an active set.
 * Standard errors are s²(JᵀWJ)⁻¹ from a refined QR of the Jacobian at the solution.
 */
import { analysisError } from "./errors.js";
import { compileExpressionModel, type JacobianSource } from "./expression-model.js";
import { fitNonlinear, type FitNonlinearOptions, type NonlinearFit } from "./fit-nonlinear.js";
import { formatValue } from "./validate.js";

const FN = "fitExpression";

/** Options of {@link fitExpression}. */
export interface FitExpressionOptions extends FitNonlinearOptions {
  /** The response column of `data`. @default "y" */
  response?: string;
}

/** The result of {@link fitExpression}. */
export interface ExpressionFit extends NonlinearFit {
  model: "expression";
  /** The expression as parsed (printed back by mathjs). */
  expression: string;
  response: string;
  /** Per parameter: "symbolic" (mathjs derivative) or "finite-difference". */
  jacobian: Record<string, JacobianSource>;
}

/**
 * Fits `expression` to `data` by nonlinear least squares.
 *
 * @param expression a mathjs expression, e.g. "b1*(1-exp(-b2*x))"
 * @param data columns of equal length, by name; must include the response column
 * @param start starting values, one per parameter (the parameters are exactly these keys)
 * @throws {ExpressionError} if the expression does not parse or names an unknown symbol
 * @throws {InvalidArgumentError} on missing/ragged/non-finite columns, a missing response, n <= p, bad options
 * @throws {ConvergenceError} only with `requireConvergence: true`
 * @example
 * const fit = fitExpression("b1*(1-exp(-b2*x))", { x: [1, 2, 3, 4], y: [0.9, 1.6, 2.1, 2.5] }, { b1: 3, b2: 0.3 });
 * fit.params.b1; fit.standardErrors.b2; fit.converged;
 */
export function fitExpression(
  expression: string,
  data: Record<string, number[]>,
  start: Record<string, number>,
  options: FitExpressionOptions = {},
): ExpressionFit {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw analysisError("invalid-argument", FN, `data is ${formatValue(data)}; it must be an object mapping column names to arrays of numbers`);
  }
  if (typeof start !== "object" || start === null || Array.isArray(start) || Object.keys(start).length === 0) {
    throw analysisError("invalid-argument", FN, `start is ${formatValue(start)}; it must be an object with one starting value per parameter, e.g. { b1: 1, b2: 0.1 }`);
  }
  const response = options.response ?? "y";
  if (typeof response !== "string") throw analysisError("invalid-argument", FN, `options.response is ${formatValue(response)}; it must be a column name`);
  const names = Object.keys(data);
  const yCol = data[response];
  if (yCol === undefined) {
    throw analysisError("invalid-argument", FN, `the response column ${JSON.stringify(response)} is missing from data; data has columns ${names.map((c) => JSON.stringify(c)).join(", ") || "(none)"} (set options.response to choose another)`);
  }
  const params = Object.keys(start);
  for (const q of params) {
    if (q in data) throw analysisError("invalid-argument", FN, `${JSON.stringify(q)} is both a parameter (a key of start) and a data column; rename one of them`);
  }
  // Column checks: arrays of equal length.
  const m = Array.isArray(yCol) ? yCol.length : -1;
  for (const c of names) {
    const col: unknown = data[c];
    if (!Array.isArray(col)) throw analysisError("invalid-argument", FN, `data.${c} is ${formatValue(col)}; every column must be an array of numbers`);
    if (col.length !== m) {
      throw analysisError("invalid-argument", FN, `data.${c} has ${col.length} values but the response ${JSON.stringify(response)} has ${m}; all columns must have the same length`);
    }
  }
  const typed: Record<string, Float64Array> = {};
  for (const c of names) typed[c] = Float64Array.from(data[c] as number[]);
  const model = compileExpressionModel(FN, expression, typed, params, response);
  // Non-finite values in the columns the model uses (and the response) are refused, naming row and column.
  for (const c of [...model.columnsUsed, response]) {
    const col = data[c] as unknown[];
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw analysisError("invalid-argument", FN, `data.${c}[${i}] (row ${i}, column ${JSON.stringify(c)}) is ${formatValue(v)}; every value must be a finite number`);
      }
    }
  }
  const fit = fitNonlinear(model, yCol as number[], start, options, { fn: FN, model: "expression", formula: `${response} ~ ${model.expression}` });
  return { ...fit, model: "expression", expression: model.expression, response, jacobian: model.jacobianSources };
}
