import type { TeamSizeSummary } from "../analysis/team-worth.js";
import type { CostFrontierPoint } from "../fits/index.js";

/** The group name of a cost point: `condition / model / p_label`. */
export function costGroupOf(p: Pick<CostFrontierPoint, "condition" | "model" | "p_label">): string {
  return `${p.condition} / ${p.model} / ${p.p_label}`;
}

/**
 * The cost-frontier points of an analysis (`analyzeRuns(...).costFrontier`) as the rows `teamWorth`
 * takes, one group per condition × model × p, so that a notebook can ask the question again with
 * another fraction of the best speedup. A point without a dollar cost leaves `costUsd` out.
 */
export function teamSizeRows(points: readonly CostFrontierPoint[]): TeamSizeSummary[] {
  return points.map((p) => ({
    group: costGroupOf(p),
    n: p.n,
    speedup: p.speedup,
    tokenMultiplier: p.tokenMultiplier,
    ...(p.costUsd === null ? {} : { costUsd: p.costUsd }),
  }));
}
