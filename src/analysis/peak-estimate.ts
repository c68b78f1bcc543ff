/**
 * A peak team size n* estimated from fitted parameters, with a delta-method standard error:
 *   Var(n*) ≈ ∇n*ᵀ Cov(θ̂) ∇n*,  interval n* ± t_{df,(1+level)/2} · SE.
 * Either a peak exists (`kind: "peak"`) or the fitted parameters imply none (`kind: "no-peak"`, with why).
 */
import { studentTQuantile } from "./student-t.js";

export type PeakEstimate =
  | {
      kind: "peak";
      /** n* (a real number; round to a team size as needed). */
      n: number;
      standardError: number;
      confidenceInterval: [number, number];
      /** The model's speedup at n*. */
      speedup: number;
    }
  | { kind: "no-peak"; reason: string };

export function peakEstimate(nStar: number, gradient: readonly number[], covariance: number[][], df: number, level: number, speedup: number): PeakEstimate {
  let v = 0;
  for (let i = 0; i < gradient.length; i++) {
    for (let j = 0; j < gradient.length; j++) v += (gradient[i] as number) * ((covariance[i] as number[])[j] as number) * (gradient[j] as number);
  }
  const se = Math.sqrt(v);
  const t = studentTQuantile(0.5 + level / 2, df);
  return { kind: "peak", n: nStar, standardError: se, confidenceInterval: [nStar - t * se, nStar + t * se], speedup };
}
