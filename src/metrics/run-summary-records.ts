import { conditionOf, type RunRow } from "../runs/types.js";
import type { RunEventMetrics } from "./per-run.js";

/**
 * One record per run: the run's keys from the run table (model, mode and its condition, task type, p, n,
 * success) beside its event-derived counts, for a DataFrame to group. A run without events counts 0, as
 * in the paper's notebook (left merge, then fill 0); its straggler columns are 0 rounds and NaN.
 *
 * Blocked claims, as everywhere in the toolkit: `claims_blocked` is the run table's count, claims refused
 * because a dependency was not done (the paper's temporal violations); `claim_refusals` counts every
 * `claim_blocked` event, whatever the reason (an unknown task, a task already taken, too).
 */
export function runSummaryRecords(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): Record<string, string | number | boolean>[] {
  return runs.map((r) => {
    const m = metrics.get(r.run_dir);
    const gaps = m ? m.stragglerGaps.map((g) => g.gap) : [];
    return {
      run_dir: r.run_dir,
      model_dir: r.model_dir,
      mode: r.mode,
      condition: conditionOf(r.mode) ?? r.mode,
      task_type: r.task_type,
      p_label: r.p_label,
      n_teammates: r.n_teammates,
      success: r.success,
      messages: m?.messages ?? 0,
      idle_rounds: m?.idleRounds ?? 0,
      rewrites: m?.rewrites ?? 0,
      test_failures: m?.testFailures ?? 0,
      claims_blocked: r.claims_blocked,
      claim_refusals: m?.claimRefusals ?? 0,
      straggler_rounds: gaps.length,
      mean_straggler_gap_s: gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : Number.NaN,
    };
  });
}
