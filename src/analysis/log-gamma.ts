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
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + stirlingSeries(z) - shift;
}

/** The Stirling series part of ln Γ(z) for z >= 15: Σ B₂ₖ / (2k(2k−1) z^(2k−1)), k = 1..7. */
function stirlingSeries(z: number): number {
  const zi = 1 / z;
  const zi2 = zi * zi;
  return zi * (1 / 12 + zi2 * (-1 / 360 + zi2 * (1 / 1260 + zi2 * (-1 / 1680 + zi2 * (1 / 1188 + zi2 * (-691 / 360360 + zi2 * (1 / 156)))))));
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * When the larger argument g >= 15 the difference ln Γ(g) − ln Γ(g + s) (s the smaller one) is computed
 * without cancellation from the Stirling expansion:
 *   ln Γ(g) − ln Γ(g + s) = −s ln g − (g + s − ½) log1p(s/g) + s + S(g) − S(g + s),
 * which keeps full relative accuracy for large degrees of freedom (e.g. the t distribution with ν = 10⁹).
 */
export function logBeta(a: number, b: number): number {
  const g = Math.max(a, b);
  const s = Math.min(a, b);
  if (g < 15) return logGamma(a) + logGamma(b) - logGamma(a + b);
  return logGamma(s) - s * Math.log(g) - (g + s - 0.5) * Math.log1p(s / g) + s + stirlingSeries(g) - stirlingSeries(g + s);
}
