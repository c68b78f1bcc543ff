/** Small descriptive statistics used by the metrics (the regression core lives in src/analysis). */

/** Arithmetic mean. @throws on an empty array (a mean of nothing is not 0). */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error("mean: needs at least one value");
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/**
 * Sample variance with n - 1 in the denominator: s² = Σ(x - x̄)² / (n - 1).
 * As in the paper's analysis, a single value has variance 0 (not NaN).
 * @throws on an empty array.
 */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new Error("sampleVariance: needs at least one value");
  if (n === 1) return 0;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2;
  return ss / (n - 1);
}

/**
 * Standard error of the mean, s / √n with s the n - 1 sample standard deviation.
 * With one value it is NaN: pandas' `std(ddof=1)` of one value, which the paper's analysis inherits.
 */
export function sem(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new Error("sem: needs at least one value");
  if (n === 1) return Number.NaN;
  return Math.sqrt(sampleVariance(values) / n);
}
