/**
 * Message growth, per model × condition, on run-level data: messages per run = the run's `agent_reply`
 * events (0 for a run without events, as the paper's notebook counts), all runs (successful or not),
 * pooled over task types and p; x = n_teammates (n = 1 included). Linear, quadratic and pairwise
 * n(n − 1)/2 models by OLS; the F-test of the quadratic term decides the verdict (`fitMessageGrowth`:
 * supported when p < alpha and c > 0). OLS assumes a constant variance, while counts spread more in
 * larger teams: read the F-test as approximate.
 */
import { fitMessageGrowth } from "../analysis/index.js";
import type { RunEventMetrics } from "../metrics/per-run.js";
import { mean, sem } from "../metrics/stats.js";
import { conditionOf, type RunRow } from "../runs/types.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { MessageCell, SkippedFit } from "./types.js";

/**
 * The message-growth fits of every model × condition (models sorted, centralized first), with the cells
 * that have too few team sizes or runs in `skipped`.
 *
 * @param runs runs of a known condition (`conditionOf(mode) !== null`)
 */
export function fitMessageCells(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  o: ResolvedAnalysisOptions,
): { messages: MessageCell[]; skipped: SkippedFit[] } {
  const messages: MessageCell[] = [];
  const skipped: SkippedFit[] = [];
  const models = [...new Set(runs.map((r) => r.model_dir))].sort();
  for (const model of models) {
    for (const condition of ["preassign", "decentralized"] as const) {
      const sub = runs.filter((r) => r.model_dir === model && conditionOf(r.mode) === condition);
      if (sub.length === 0) continue;
      const points = sub.map((r) => ({ n: r.n_teammates, messages: metrics.get(r.run_dir)?.messages ?? 0 }));
      const runsWithoutEvents = sub.filter((r) => !metrics.has(r.run_dir)).length;
      const ns = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
      if (ns.length < 3 || points.length < 4) {
        skipped.push({ table: "messages", condition, model, p_label: null, reason: `${points.length} runs at ${ns.length} team sizes; the quadratic fit needs at least 3 team sizes and 4 runs` });
        continue;
      }
      const means = ns.map((n) => {
        const v = points.filter((p) => p.n === n).map((p) => p.messages);
        return { n, mean: mean(v), sem: sem(v, "zero"), runs: v.length };
      });
      const result = fitMessageGrowth(points, { alpha: o.alpha, confidenceLevel: o.confidenceLevel });
      messages.push({ model, condition, points, means, runsWithoutEvents, result });
    }
  }
  return { messages, skipped };
}
