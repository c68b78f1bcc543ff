import { error } from "../core/errors.js";

/**
 * The descriptive statistics of the metrics and tables, each defined once (the regression core lives in
 * src/analysis). Sample variances use n - 1, as pandas' `var()` / `std()` (ddof = 1) and the paper's
 * analysis do.
 */

/** Arithmetic mean. @throws ToolkitError on an empty array (a mean of nothing is not 0). */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw error("mean", "needs at least one value");
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/**
 * Sample variance with n - 1 in the denominator: s² = Σ(x - x̄)² / (n - 1).
 * As in the paper's analysis, a single value has variance 0 (not NaN).
 * @throws ToolkitError on an empty array.
 */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw error("sampleVariance", "needs at least one value");
  if (n === 1) return 0;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2;
  return ss / (n - 1);
}

/** Sample standard deviation, √(sample variance) (n - 1; 0 for a single value). */
export function sd(values: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(values));
}

/**
 * What the standard error of a single value is. pandas' `sem()` of one value is NaN (`"nan"`), which the
 * paper's speedup and straggler tables inherit; the paper's bar charts draw a single run with no error
 * bar (`"zero"`).
 */
export type SingleValueSem = "nan" | "zero";

/**
 * The squared standard error of the mean, s² / N (s² with n - 1). The one SEM formula: `sem` is its
 * square root, and differences of means add it (SEM of x̄ - ȳ = √(s²ₓ/Nₓ + s²ᵧ/Nᵧ)).
 * @throws ToolkitError on an empty array.
 */
export function varianceOfMean(values: ArrayLike<number>, single: SingleValueSem = "nan"): number {
  const n = values.length;
  if (n === 0) throw error("varianceOfMean", "needs at least one value");
  if (n === 1) return single === "zero" ? 0 : Number.NaN;
  return sampleVariance(values) / n;
}

/**
 * Standard error of the mean, s / √N with s the n - 1 sample standard deviation. A single value gives NaN
 * (pandas' `sem()`), or 0 with `single = "zero"`.
 * @throws ToolkitError on an empty array.
 * @example sem([1, 2, 3, 4]) // √(1.6667 / 4) = 0.6455 (R: sd(1:4) / sqrt(4))
 */
export function sem(values: ArrayLike<number>, single: SingleValueSem = "nan"): number {
  if (values.length === 0) throw error("sem", "needs at least one value");
  return Math.sqrt(varianceOfMean(values, single));
}
