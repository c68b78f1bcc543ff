import { predictAmdahl } from "../analysis/amdahl.js";
import { error } from "../core/errors.js";

/**
 * Amdahl's bound on the speedup of n agents on a suite whose parallel fraction is p:
 * S(n) = 1 / ((1 - p) + p / n).  S(1) = 1 and S(n) -> 1 / (1 - p) as n -> infinity.
 *
 * The formula itself lives once, in `analysis/amdahl.ts` (`predictAmdahl`, which also serves fits where p
 * may leave [0, 1]); this wrapper adds the checks that make sense for a task DAG: p = (N - C) / N is in
 * [0, 1]. n may be any real number >= 1 so the curve can be drawn; team sizes are integers.
 *
 * @throws ToolkitError when p is not in [0, 1] or n is not a finite number >= 1.
 * @example amdahlSpeedup(0.9, 2) // 1 / (0.1 + 0.45) = 1.8181...
 */
export function amdahlSpeedup(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw error("amdahlSpeedup", `p must be a number in [0, 1], got ${p}`);
  if (!(Number.isFinite(n) && n >= 1)) throw error("amdahlSpeedup", `n must be a finite number >= 1, got ${n}`);
  return predictAmdahl(p, n);
}
