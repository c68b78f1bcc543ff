/**
 * Gaussian log-likelihood, AIC and BIC of a least-squares fit, with the conventions of R's `logLik.lm`
 * and `AIC()` (so numbers agree with R):
 *
 *   ln L = ½ [ Σ ln wᵢ − n (ln 2π + 1 − ln n + ln RSS) ]     (wᵢ = 1 when unweighted; RSS weighted)
 *   AIC  = −2 ln L + 2 (k + 1)                                (k fitted coefficients, +1 for σ²)
 *   BIC  = −2 ln L + ln(n) (k + 1)
 *
 * For an exact fit (RSS = 0) ln L = +∞ and AIC = BIC = −∞.
 */

/** Log-likelihood, AIC and BIC of a fit. */
export interface InformationCriteria {
  logLik: number;
  aic: number;
  bic: number;
}

/**
 * @param rss residual sum of squares (weighted when weights are used)
 * @param n number of observations
 * @param k number of estimated coefficients (σ² is counted on top)
 * @param sumLogWeights Σ ln wᵢ (0 when unweighted)
 */
export function informationCriteria(rss: number, n: number, k: number, sumLogWeights = 0): InformationCriteria {
  const logLik = 0.5 * (sumLogWeights - n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(rss)));
  const params = k + 1;
  return { logLik, aic: -2 * logLik + 2 * params, bic: -2 * logLik + Math.log(n) * params };
}
