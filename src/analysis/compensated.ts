/**
 * Error-free transformations and compensated ("double-double") accumulation, used where the last digits
 * matter: the residuals of the iterative refinement in the least-squares solver.
 *
 * - TwoSum (Knuth): s + e = a + b exactly, with s = fl(a + b).
 * - TwoProduct (Dekker, with Veltkamp splitting; JavaScript has no fused multiply-add): p + e = a·b exactly.
 * - A compensated dot product in the style of Ogita, Rump and Oishi's Dot2 ("Accurate sum and dot product",
 *   SIAM J. Sci. Comput. 26, 2005): the result is as accurate as if computed in twice the working precision
 *   and then rounded once.
 */

/** Veltkamp splitter for binary64: 2^27 + 1. */
const SPLITTER = 134217729;

/**
 * Adds `a·b` to the double-double accumulator `acc` = [hi, lo] in place.
 * acc_hi + acc_lo ≈ Σ a_i b_i with error ≈ eps² Σ |a_i b_i| + eps |result|.
 */
export function accumulateProduct(acc: Float64Array, a: number, b: number): void {
  const p = a * b;
  // TwoProduct: split a and b into 26-bit halves, recover the rounding error of a*b exactly.
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
  // TwoSum of the running high part and p.
  const hi = acc[0] as number;
  const s = hi + p;
  const bb = s - hi;
  const se = (hi - (s - bb)) + (p - bb);
  acc[0] = s;
  acc[1] = (acc[1] as number) + se + pe;
}

/** Adds `a` to the double-double accumulator `acc` in place (TwoSum). */
export function accumulate(acc: Float64Array, a: number): void {
  const hi = acc[0] as number;
  const s = hi + a;
  const bb = s - hi;
  acc[0] = s;
  acc[1] = (acc[1] as number) + ((hi - (s - bb)) + (a - bb));
}

/** The accumulator's value rounded to one double. */
export function accumulatorValue(acc: Float64Array): number {
  return (acc[0] as number) + (acc[1] as number);
}

/** Compensated dot product Σ a_i b_i (Dot2). */
export function dot2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const acc = new Float64Array(2);
  for (let i = 0; i < a.length; i++) accumulateProduct(acc, a[i] as number, b[i] as number);
  return accumulatorValue(acc);
}

/** Compensated sum of squares Σ a_i². */
export function sumSquares2(a: ArrayLike<number>): number {
  return dot2(a, a);
}

/** Compensated sum Σ a_i (Sum2). */
export function sum2(a: ArrayLike<number>): number {
  const acc = new Float64Array(2);
  for (let i = 0; i < a.length; i++) accumulate(acc, a[i] as number);
  return accumulatorValue(acc);
}
