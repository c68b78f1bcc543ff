/**
 * Comparing fitted models on the same data.
 *
 * AIC/BIC table: rows sorted by AIC with ΔAIC = AIC − min AIC, ΔBIC likewise, and Akaike weights
 *   w_k = exp(−ΔAIC_k / 2) / Σ_j exp(−ΔAIC_j / 2).
 * Nested F-test (reduced model with p_r parameters inside a full model with p_f > p_r, same data):
 *   F = ((RSS_r − RSS_f) / (p_f − p_r)) / (RSS_f / (n − p_f)),  p-value = P(F_{p_f − p_r, n − p_f} > F).
 * The F-test is valid only when the reduced model is a special case of the full one; that is the caller's
 * claim (the models' formulas are reported alongside).
 */
import { analysisError } from "./errors.js";
import { fSurvival } from "./f-distribution.js";

/** The fields of a fit that model comparison needs (both `LinearFit` and `ModelFit` have them). */
export interface ComparableFit {
  model: string;
  rss: number;
  df: number;
  nObservations: number;
  nParameters: number;
  aic: number;
  bic: number;
  weighted: boolean;
}

/** One row of an AIC/BIC table. */
export interface ModelComparisonRow {
  /** The label given (the key of the record, or the fit's model name). */
  label: string;
  model: string;
  nParameters: number;
  rss: number;
  aic: number;
  bic: number;
  deltaAic: number;
  deltaBic: number;
  akaikeWeight: number;
}

/**
 * AIC/BIC table of fits to the same observations, best (lowest AIC) first.
 *
 * @param fits fits by label, e.g. { amdahl: fitA, usl: fitU }
 * @throws {InvalidArgumentError} if fewer than two fits are given or they were not fitted to the same number
 *   of observations with the same weighting (their AICs would not be comparable)
 */
export function compareModels(fits: Record<string, ComparableFit>): ModelComparisonRow[] {
  const fn = "compareModels";
  const entries = Object.entries(fits);
  if (entries.length < 2) throw analysisError("invalid-argument", fn, `fits has ${entries.length} entries; give at least two fits to compare`);
  const [label0, first] = entries[0] as [string, ComparableFit];
  for (const [label, f] of entries) {
    if (f.nObservations !== first.nObservations || f.weighted !== first.weighted) {
      throw analysisError(
        "invalid-argument",
        fn,
        `fits.${label} used ${f.nObservations} observations (weighted: ${f.weighted}) but fits.${label0} used ${first.nObservations} (weighted: ${first.weighted}); AIC/BIC compare fits to the same data only`,
      );
    }
  }
  const minAic = Math.min(...entries.map(([, f]) => f.aic));
  const minBic = Math.min(...entries.map(([, f]) => f.bic));
  const rel = entries.map(([, f]) => Math.exp(-(f.aic - minAic) / 2));
  const total = rel.reduce((s, v) => s + v, 0);
  return entries
    .map(([label, f], i) => ({
      label,
      model: f.model,
      nParameters: f.nParameters,
      rss: f.rss,
      aic: f.aic,
      bic: f.bic,
      deltaAic: f.aic - minAic,
      deltaBic: f.bic - minBic,
      akaikeWeight: (rel[i] as number) / total,
    }))
    .sort((a, b) => a.aic - b.aic);
}

/** Result of a nested-model F-test. */
export interface NestedFTest {
  reducedModel: string;
  fullModel: string;
  f: number;
  /** Numerator degrees of freedom p_f − p_r. */
  df1: number;
  /** Denominator degrees of freedom n − p_f. */
  df2: number;
  pValue: number;
}

/**
 * F-test of a reduced model nested in a full model (same observations).
 *
 * @throws {InvalidArgumentError} if the observation counts differ or the full model does not have more parameters
 * @example fTestNested(linearFit, quadraticFit).pValue
 */
export function fTestNested(reduced: ComparableFit, full: ComparableFit): NestedFTest {
  const fn = "fTestNested";
  if (reduced.nObservations !== full.nObservations) {
    throw analysisError("invalid-argument", fn, `reduced has ${reduced.nObservations} observations but full has ${full.nObservations}; nested models must be fitted to the same data`);
  }
  if (!(full.nParameters > reduced.nParameters)) {
    throw analysisError("invalid-argument", fn, `full has ${full.nParameters} parameters and reduced has ${reduced.nParameters}; the full model must have more`);
  }
  const df1 = full.nParameters - reduced.nParameters;
  const df2 = full.df;
  const f = (reduced.rss - full.rss) / df1 / (full.rss / df2);
  const fClamped = Math.max(0, f); // RSS_full > RSS_reduced only by rounding when the models are nested
  return { reducedModel: reduced.model, fullModel: full.model, f, df1, df2, pValue: fSurvival(fClamped, df1, df2) };
}
