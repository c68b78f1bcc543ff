/**
 * The statistics of the reproduction as one pure function of a run table, its per-run event metrics
 * and the paper tables computed from them. The same contracts hold for the paper's published runs and
 * for our own (simulated or real) runs, so one call serves both:
 *
 *   const analysis = analyzeRuns(runs, metrics, paperTables(runs, metrics));
 *
 * Each fit family states its choices in its own file: `amdahl.ts` and `bootstrap.ts` (Amdahl per
 * condition × model × p, with the run-level bootstrap), `usl.ts` (USL and its peak, ΔAIC against
 * Amdahl), `message-growth.ts` (messages per run against n), `cost-frontier.ts` and `team-worth.ts`
 * (tokens, dollars, Pareto frontier, "is a team worth it").
 */
import type { RunEventMetrics } from "../metrics/per-run.js";
import { totalTokens, type SpeedupTableRow } from "../metrics/paper-tables.js";
import { conditionOf, type Condition, type RunRow } from "../runs/types.js";
import { fitAmdahlCell } from "./amdahl.js";
import { cellKey, designP, groupBy } from "./cells.js";
import { costFrontierCell } from "./cost-frontier.js";
import { fitMessageCells } from "./message-growth.js";
import { resolveAnalysisOptions, type AnalysisOptions } from "./options.js";
import { teamWorthCell } from "./team-worth.js";
import type { AmdahlCell, AnalysisTables, CostFrontierPoint, RunAnalysis, SkippedFit, TeamWorthCell, UslCell } from "./types.js";
import { fitUslCell } from "./usl.js";

/**
 * Every fit table of the analysis, from a run table, its per-run event metrics and the paper tables
 * computed from them (`paperTables(runs, metrics)`). Pure: no I/O, randomness only from `options.seed`.
 * Cells with too few team sizes for a fit are listed in `skipped` with the reason.
 *
 * @throws {ToolkitError} on invalid options, tables that do not match the runs, or a model without a price
 */
export function analyzeRuns(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  tables: AnalysisTables,
  options: AnalysisOptions = {},
): RunAnalysis {
  const o = resolveAnalysisOptions(options);
  const pTrue = designP(runs);
  const skipped: SkippedFit[] = [];
  const eligible = runs.filter((r) => conditionOf(r.mode) !== null);
  const runsByCell = groupBy(eligible, (r) => cellKey(conditionOf(r.mode) as Condition, r.model_dir, r.p_label));

  // Amdahl and USL, per cell of the speedup table (its order: condition, model, p). A cell too small for
  // Amdahl is not tried with the USL, which needs more points.
  const amdahl: AmdahlCell[] = [];
  const usl: UslCell[] = [];
  for (const points of groupBy(tables.speedup, (r) => cellKey(r.condition, r.model, r.p_label)).values()) {
    const first = points[0] as SpeedupTableRow;
    const cell = { condition: first.condition, model: first.model, p_label: first.p_label };
    const cellRuns = runsByCell.get(cellKey(cell.condition, cell.model, cell.p_label)) ?? [];
    const a = fitAmdahlCell(cell, points, cellRuns, pTrue.get(cell.p_label) ?? null, o);
    if ("skip" in a) {
      skipped.push({ table: "amdahl", ...cell, reason: a.skip });
      continue;
    }
    amdahl.push(a.cell);
    const u = fitUslCell(cell, points, a.cell.constrained, o);
    if ("skip" in u) skipped.push({ table: "usl", ...cell, reason: u.skip });
    else usl.push(u.cell);
  }

  // Message growth, per model × condition, one point per run.
  const m = fitMessageCells(eligible, metrics, o);
  skipped.push(...m.skipped);

  // Cost against speedup: frontier, dollars, team worth, per cell of the cost-speedup table.
  const costFrontier: CostFrontierPoint[] = [];
  const worth: TeamWorthCell[] = [];
  const okByCondition = new Map<Condition, RunRow[]>();
  for (const c of ["preassign", "decentralized"] as const) okByCondition.set(c, eligible.filter((r) => conditionOf(r.mode) === c && r.success && totalTokens(r) > 0));
  for (const rows of groupBy(tables.costSpeedup, (r) => cellKey(r.condition, r.model, r.p_label)).values()) {
    const pts = costFrontierCell(rows, okByCondition.get(rows[0]!.condition) ?? [], o);
    costFrontier.push(...pts);
    const w = teamWorthCell(pts, o);
    if (w !== null) worth.push(w);
  }

  return { options: o, amdahl, usl, messages: m.messages, costFrontier, teamWorth: worth, skipped };
}
