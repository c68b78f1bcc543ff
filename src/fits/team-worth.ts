/**
 * "Is a team worth it?" per condition × model × p: the smallest n that reaches a fraction (default
 * 90%) of the best observed speedup (`teamWorth` of src/analysis), with its token multiplier and dollar
 * cost against the single agent's, and a one-line verdict.
 */
import { teamWorth } from "../analysis/index.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { CostFrontierPoint, TeamWorthCell } from "./types.js";

/** The verdict of a team-worth cell in words. */
export function worthVerdict(c: Omit<TeamWorthCell, "verdict">): string {
  const pct = `${Math.round(c.fraction * 100)}%`;
  if (c.n === 1) {
    return c.bestN === 1
      ? "no team is faster than a single agent: no team needed"
      : `a single agent is within ${pct} of the best speedup (${c.bestSpeedup.toFixed(2)}x at n = ${c.bestN}): no team needed`;
  }
  const cost = c.costUsd === null ? "" : `; $${c.costUsd.toFixed(2)} per run vs $${(c.singleAgentCostUsd ?? Number.NaN).toFixed(2)} for one agent`;
  const reach = c.n === c.bestN ? `n = ${c.n} gives the best speedup, ${c.speedup.toFixed(2)}x,` : `n = ${c.n} reaches ${c.speedup.toFixed(2)}x, within ${pct} of the best ${c.bestSpeedup.toFixed(2)}x (n = ${c.bestN}),`;
  return `${reach} for ${c.tokenMultiplier.toFixed(2)}x the tokens${cost}`;
}

/**
 * The team-worth answer for one cell's cost-frontier points (one condition × model × p), or null when
 * `teamWorth` has no answer for them.
 */
export function teamWorthCell(pts: readonly CostFrontierPoint[], o: ResolvedAnalysisOptions): TeamWorthCell | null {
  const [w] = teamWorth(
    pts.map((p) => ({ group: "cell", n: p.n, speedup: p.speedup, tokenMultiplier: p.tokenMultiplier, ...(p.costUsd === null ? {} : { costUsd: p.costUsd }) })),
    { fraction: o.worthFraction },
  );
  const first = pts[0];
  if (w === undefined || first === undefined) return null;
  const single = pts.find((p) => p.n === 1);
  const base = {
    condition: first.condition,
    model: first.model,
    p_label: first.p_label,
    fraction: w.fraction,
    bestN: w.bestN,
    bestSpeedup: w.bestSpeedup,
    targetSpeedup: w.targetSpeedup,
    n: w.n,
    speedup: w.speedup,
    tokenMultiplier: w.tokenMultiplier,
    efficiency: w.efficiency,
    costUsd: w.costUsd,
    singleAgentCostUsd: single?.costUsd ?? null,
  };
  return { ...base, verdict: worthVerdict(base) };
}
