/**
 * The Pareto frontier of (cost, speedup) points: the points not dominated by another point that costs no
 * more (token multiplier <=) and is at least as fast (speedup >=), with one of the two strict. Sorted by
 * token multiplier, ascending (speedup then strictly increases along the frontier). Of exact duplicates
 * only the first is kept.
 */
import { analysisError } from "./errors.js";
import { formatValue } from "./validate.js";

/** A configuration's cost (tokens used relative to a single agent) and speedup. */
export interface CostSpeedupPoint {
  /** Tokens used relative to the single-agent baseline (>= 0). */
  tokenMultiplier: number;
  speedup: number;
}

/**
 * @throws {InvalidArgumentError} if a point has a non-finite or negative token multiplier or non-finite speedup
 * @example paretoFrontier([{ tokenMultiplier: 1, speedup: 1 }, { tokenMultiplier: 2, speedup: 0.9 }, { tokenMultiplier: 3, speedup: 2 }])
 * // → the first and the third
 */
export function paretoFrontier<T extends CostSpeedupPoint>(points: readonly T[]): T[] {
  const fn = "paretoFrontier";
  if (!Array.isArray(points)) throw analysisError("invalid-argument", fn, `points is ${formatValue(points)}; it must be an array of { tokenMultiplier, speedup }`);
  points.forEach((p, i) => {
    if (typeof p.tokenMultiplier !== "number" || !Number.isFinite(p.tokenMultiplier) || p.tokenMultiplier < 0) {
      throw analysisError("invalid-argument", fn, `points[${i}].tokenMultiplier is ${formatValue(p.tokenMultiplier)}; it must be a finite number >= 0`);
    }
    if (typeof p.speedup !== "number" || !Number.isFinite(p.speedup)) {
      throw analysisError("invalid-argument", fn, `points[${i}].speedup is ${formatValue(p.speedup)}; it must be a finite number`);
    }
  });
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => a.p.tokenMultiplier - b.p.tokenMultiplier || b.p.speedup - a.p.speedup || a.i - b.i);
  const frontier: T[] = [];
  let bestSpeedup = -Infinity;
  for (const { p } of order) {
    if (p.speedup > bestSpeedup) {
      frontier.push(p);
      bestSpeedup = p.speedup;
    }
  }
  return frontier;
}
