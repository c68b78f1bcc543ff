/**
 * The F distribution with d₁, d₂ > 0 degrees of freedom, through the regularized incomplete beta function
 * (A&S 26.6.2):
 *   P(F <= f) = I_{d₁f/(d₁f + d₂)}(d₁/2, d₂/2),   P(F > f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2).
 * Both tails are computed directly (no 1 − cdf cancellation), so small p-values keep their digits.
 *
 * Known values (R 4.x): pf(3, 2, 10) = 0.9046; pf(3, 2, 10, lower.tail = FALSE) = 0.09537; see the tests.
 */
import { analysisError } from "./errors.js";
import { regularizedBetaPair } from "./incomplete-beta.js";

function check(fn: string, f: number, d1: number, d2: number): void {
  if (!(d1 > 0) || !(d2 > 0) || Number.isNaN(d1) || Number.isNaN(d2)) {
    throw analysisError("invalid-argument", fn, `degrees of freedom are d1 = ${d1}, d2 = ${d2}; both must be > 0`);
  }
  if (Number.isNaN(f)) throw analysisError("invalid-argument", fn, "f is NaN; it must be a number");
}

/** P(F <= f). */
export function fCdf(f: number, d1: number, d2: number): number {
  check("fCdf", f, d1, d2);
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  const x = (d1 * f) / (d1 * f + d2);
  const y = d2 / (d1 * f + d2);
  return regularizedBetaPair(x, y, d1 / 2, d2 / 2)[0];
}

/** P(F > f), the p-value of an F test. */
export function fSurvival(f: number, d1: number, d2: number): number {
  check("fSurvival", f, d1, d2);
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const x = (d1 * f) / (d1 * f + d2);
  const y = d2 / (d1 * f + d2);
  return regularizedBetaPair(x, y, d1 / 2, d2 / 2)[1];
}
