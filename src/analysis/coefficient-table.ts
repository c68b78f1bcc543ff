/**
 * Per-coefficient inference shared by the linear and nonlinear fits: t values, two-sided p-values and
 * confidence intervals from estimates, standard errors and residual degrees of freedom:
 *   t = β̂ / se,   p = P(|T_df| >= |t|),   CI = β̂ ± t_{df, (1+level)/2} · se.
 */
import { studentTQuantile, studentTTwoSided } from "./student-t.js";

/** t values, p-values and interval bounds, aligned with the inputs. */
export interface CoefficientTable {
  tValues: number[];
  pValues: number[];
  lower: number[];
  upper: number[];
  /** The t quantile used for the intervals. */
  tCritical: number;
}

export function coefficientTable(estimates: readonly number[], standardErrors: readonly number[], df: number, level: number): CoefficientTable {
  const tCritical = studentTQuantile(0.5 + level / 2, df);
  const tValues = estimates.map((b, j) => b / (standardErrors[j] as number));
  const pValues = tValues.map((t) => (Number.isNaN(t) ? 1 : studentTTwoSided(t, df)));
  const lower = estimates.map((b, j) => b - tCritical * (standardErrors[j] as number));
  const upper = estimates.map((b, j) => b + tCritical * (standardErrors[j] as number));
  return { tValues, pValues, lower, upper, tCritical };
}
