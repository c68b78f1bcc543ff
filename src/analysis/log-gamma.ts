/**
 * Natural logarithm of the gamma function for x > 0.
 *
 * For x >= 15 the Stirling series with Bernoulli-number terms up to B₁₄:
 *   ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷)
 *             + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)        (truncation error < 1e-19 at x = 15)
 * and for 0 < x < 15 the recurrence ln Γ(x) = ln Γ(x + k) − ln(x (x+1) … (x+k−1)).
 * Accurate to about 1e-15 relative (checked against Python's `math.lgamma` in the tests).
 *
 * @throws {InvalidArgumentError} if x is not a finite number > 0
 * @example logGamma(10) // ln(9!) = 12.801827480081469
 */
import { analysisError } from "./errors.js";

const HALF_LOG_2PI = 0.9189385332046728;

export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw analysisError("invalid-argument", "logGamma", `x is ${String(x)}; it must be a finite number > 0`);
  }
  let shift = 0;
  let z = x;
  if (z < 15) {
    let prod = 1;
    while (z < 15) {
      prod *= z;
      z += 1;
    }
    shift = Math.log(prod);
  }
  const zi = 1 / z;
  const zi2 = zi * zi;
  const series =
    zi *
    (1 / 12 +
      zi2 * (-1 / 360 + zi2 * (1 / 1260 + zi2 * (-1 / 1680 + zi2 * (1 / 1188 + zi2 * (-691 / 360360 + zi2 * (1 / 156)))))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + series - shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
