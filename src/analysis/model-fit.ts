/**
 * The one JSON-serialisable result shape shared by the nonlinear fits and the scaling-law models:
 * model name, parameter estimates, standard errors, confidence intervals, residuals, RSS, R², degrees of
 * freedom, AIC and BIC. (±Infinity and NaN, which can occur for exact or unidentifiable fits, become null
 * in JSON.)
 */

/** A fitted model with named parameters. */
export interface ModelFit {
  /** Model name, e.g. "amdahl", "usl", "expression". */
  model: string;
  /** The model's formula in words/maths, e.g. "S(n) = 1 / ((1 - p) + p / n)". */
  formula: string;
  /** Parameter names, in the order used by `covariance`. */
  parameterNames: string[];
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  /** t = estimate / SE. */
  tValues: Record<string, number>;
  /** Two-sided p-values of H₀: parameter = 0 (Student's t with `df` degrees of freedom). */
  pValues: Record<string, number>;
  /** Wald intervals estimate ± t_{df,(1+level)/2}·SE. */
  confidenceIntervals: Record<string, [number, number]>;
  confidenceLevel: number;
  /** s² (JᵀWJ)⁻¹ in the order of `parameterNames`. */
  covariance: number[][];
  /** Observed minus fitted (not weighted). */
  residuals: number[];
  fitted: number[];
  /** Σ wᵢ rᵢ². */
  rss: number;
  /** √(RSS / df). */
  residualSD: number;
  /** 1 − RSS / Σ wᵢ (yᵢ − ȳ_w)²; descriptive for nonlinear models (may be negative). */
  r2: number;
  /** n − p. */
  df: number;
  nObservations: number;
  nParameters: number;
  weighted: boolean;
  logLik: number;
  aic: number;
  bic: number;
  /** False when the solver stopped without meeting a convergence test; `message` says why. */
  converged: boolean;
  iterations: number;
  /** How the fit ended, in words. */
  message: string;
}
