/**
 * Cost against speedup, per condition × model × p: the cost-speedup table's points (n = 1..5), the
 * Pareto frontier over n (fewest tokens, most speedup: n is what one chooses, p is a property of the
 * task), and the mean dollar cost per run from a price table (the one cost function, `runCostUsd`).
 */
import { paretoFrontier } from "../analysis/index.js";
import { error } from "../core/errors.js";
import { priceIdFor, runCostUsd, type PriceTable } from "../llm/prices.js";
import type { CostSpeedupRow } from "../metrics/paper-tables.js";
import { mean } from "../metrics/stats.js";
import type { RunRow } from "../runs/types.js";
import { groupBy } from "./cells.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { CostFrontierPoint } from "./types.js";

/** The name a run-table model is priced under: mapped by `priceIds`, else its own. */
const priceNameOf = (model: string, o: ResolvedAnalysisOptions): string => o.priceIds[model] ?? model;

/** Dollar cost of one run. @throws when the model has no price (the message says how to give one). */
function pricedRunUsd(run: RunRow, prices: PriceTable, o: ResolvedAnalysisOptions): number {
  const id = priceNameOf(run.model_dir, o);
  const cost = runCostUsd(id, run.total_input_tokens, run.total_output_tokens, prices);
  if (cost === null) {
    throw error(
      "analyzeRuns",
      `no price for model ${JSON.stringify(run.model_dir)} (price id ${JSON.stringify(id)}); the price table (as of ${prices.asOf}) has ${Object.keys(prices.models).map((m) => JSON.stringify(m)).join(", ")}; ` +
        `add it (withPrices), map it with options.priceIds, or pass options.prices = "none" (e.g. for simulated models)`,
    );
  }
  return cost;
}

/**
 * Mean dollar cost per run of one (condition, model, p, n), averaged as `costSpeedupTable` averages
 * speedups: successful runs with tokens > 0, mean per task type, then the plain mean over the task types
 * that also have an n = 1 group.
 *
 * @param conditionRuns the successful runs with tokens of the row's condition
 */
function meanCostUsd(conditionRuns: readonly RunRow[], row: CostSpeedupRow, o: ResolvedAnalysisOptions): number | null {
  const prices = o.prices;
  if (prices === "none") return null;
  const byTask = groupBy(
    conditionRuns.filter((r) => r.model_dir === row.model && r.p_label === row.p_label && (r.n_teammates === row.n || r.n_teammates === 1)),
    (r) => r.task_type,
  );
  const perTask: number[] = [];
  for (const list of byTask.values()) {
    const at = list.filter((r) => r.n_teammates === row.n);
    if (at.length === 0 || !list.some((r) => r.n_teammates === 1)) continue;
    perTask.push(mean(at.map((r) => pricedRunUsd(r, prices, o))));
  }
  if (perTask.length !== row.taskTypes) {
    throw error("analyzeRuns", `tables.costSpeedup (${row.condition} / ${row.model} / ${row.p_label} / n = ${row.n}) averages ${row.taskTypes} task types but the runs give ${perTask.length}; pass tables computed from the same runs`);
  }
  return mean(perTask);
}

/**
 * The points of one cell of the cost-speedup table with their dollar costs, those on the Pareto frontier
 * over n marked.
 *
 * @param rows the cost-speedup rows of one condition × model × p
 * @param conditionRuns the successful runs with tokens of that condition
 */
export function costFrontierCell(rows: readonly CostSpeedupRow[], conditionRuns: readonly RunRow[], o: ResolvedAnalysisOptions): CostFrontierPoint[] {
  const pts: CostFrontierPoint[] = rows.map((r) => ({
    condition: r.condition,
    model: r.model,
    p_label: r.p_label,
    n: r.n,
    speedup: r.speedup,
    tokenMultiplier: r.token_multiplier,
    efficiency: r.efficiency,
    taskTypes: r.taskTypes,
    costUsd: meanCostUsd(conditionRuns, r, o),
    onFrontier: false,
    priceModel: o.prices === "none" ? null : priceIdFor(priceNameOf(r.model, o), o.prices),
  }));
  for (const f of paretoFrontier(pts)) f.onFrontier = true;
  return pts;
}
