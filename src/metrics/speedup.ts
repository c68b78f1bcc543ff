import type { RunRow } from "../runs/types.js";
import { mean, sampleVariance } from "./stats.js";

/** Speedup of teams of size n over single agents in one cell (model, condition, p), with its SEM. */
export interface SpeedupSeriesPoint {
  n: number;
  mean: number;
  sem: number;
  /** Task types that had successful runs at both n = 1 and n. */
  taskTypes: number;
}

/**
 * Speedup as the paper's analysis computes it, for the runs of one (model, condition) and one p label.
 *
 * For each task type k with successful runs at n = 1 and at n: S_k = b̄ / m̄, where b̄ and m̄ are the mean
 * wall-clock seconds of the successful runs at n = 1 and at n. Its variance by the delta method:
 *   var_k = S_k² (s_b² / (N_b b̄²) + s_n² / (N_n m̄²)),
 * with sample variances s² (n - 1 denominator; a single run gives 0) and run counts N. Then over the K
 * task types that have both: mean = (1/K) Σ S_k and SEM = √(Σ var_k) / K.
 * n = 1 gives mean 1, SEM 0 by definition. A size with no task type having both is omitted.
 * Failed runs are not used.
 */
export function speedupSeries(
  runs: readonly RunRow[],
  pLabel: string,
  ns: readonly number[] = [1, 2, 3, 4, 5],
): SpeedupSeriesPoint[] {
  const ok = runs.filter((r) => r.success && r.p_label === pLabel);
  const taskTypes = [...new Set(runs.map((r) => r.task_type))].sort();
  const wall = (tt: string, n: number): number[] =>
    ok.filter((r) => r.task_type === tt && r.n_teammates === n).map((r) => r.wall_clock_seconds);
  const out: SpeedupSeriesPoint[] = [];
  for (const n of ns) {
    if (n === 1) {
      out.push({ n, mean: 1, sem: 0, taskTypes: taskTypes.filter((tt) => wall(tt, 1).length > 0).length });
      continue;
    }
    const speedups: number[] = [];
    let varSum = 0;
    for (const tt of taskTypes) {
      const base = wall(tt, 1);
      const team = wall(tt, n);
      if (base.length === 0 || team.length === 0) continue;
      const b = mean(base);
      const m = mean(team);
      const s = b / m;
      speedups.push(s);
      varSum += s * s * (sampleVariance(base) / (base.length * b * b) + sampleVariance(team) / (team.length * m * m));
    }
    if (speedups.length === 0) continue;
    out.push({ n, mean: mean(speedups), sem: Math.sqrt(varSum) / speedups.length, taskTypes: speedups.length });
  }
  return out;
}
