/**
 * Brent's root finder (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4, zeroin):
 * inverse quadratic interpolation and secant steps, safeguarded by bisection, on a bracket [a, b] with
 * f(a)·f(b) <= 0. Converges whenever f is continuous on the bracket; superlinearly for smooth f.
 *
 * @throws {InvalidArgumentError} if f(a) and f(b) have the same sign
 * @example brentRoot((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */
import { analysisError } from "./errors.js";

export function brentRoot(f: (x: number) => number, lo: number, hi: number, relTol = 4 * Number.EPSILON, maxIterations = 200): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0 || Number.isNaN(fa) || Number.isNaN(fb)) {
    throw analysisError("invalid-argument", "brentRoot", `f(${a}) = ${fa} and f(${b}) = ${fb} must have opposite signs`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * relTol * Math.abs(b) + Number.MIN_VALUE;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}
