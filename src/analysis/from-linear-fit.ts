/**
 * Converts a `LinearFit` into the common {@link ModelFit} shape, naming its coefficients, so linear models
 * (message growth) report like the nonlinear scaling laws.
 */
import type { LinearFit } from "./fit-linear.js";
import type { ModelFit } from "./model-fit.js";

export function linearToModelFit(fit: LinearFit, model: string, formula: string, parameterNames: readonly string[]): ModelFit {
  const rec = (v: readonly number[]): Record<string, number> => Object.fromEntries(parameterNames.map((q, j) => [q, v[j] as number]));
  return {
    model,
    formula,
    parameterNames: [...parameterNames],
    params: rec(fit.coefficients),
    standardErrors: rec(fit.standardErrors),
    tValues: rec(fit.tValues),
    pValues: rec(fit.pValues),
    confidenceIntervals: Object.fromEntries(parameterNames.map((q, j) => [q, fit.confidenceIntervals[j] as [number, number]])),
    confidenceLevel: fit.confidenceLevel,
    covariance: fit.covariance,
    residuals: fit.residuals,
    fitted: fit.fitted,
    rss: fit.rss,
    residualSD: fit.residualSD,
    r2: fit.r2,
    df: fit.df,
    nObservations: fit.nObservations,
    nParameters: fit.nParameters,
    weighted: fit.weighted,
    logLik: fit.logLik,
    aic: fit.aic,
    bic: fit.bic,
    converged: true,
    iterations: 0,
    message: "exact least-squares solution (linear model)",
  };
}
