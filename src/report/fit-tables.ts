/**
 * The fit tables of an analysis (`analyzeRuns`) as CSV tables, one function per file written:
 * amdahl_fits.csv, usl_fits.csv, message_fits.csv, cost_frontier.csv, team_worth.csv. Each table's
 * columns are documented beside it.
 */
import type { MessageGrowthModel, ModelFit } from "../analysis/index.js";
import type { AmdahlCell, CostFrontierPoint, MessageCell, TeamWorthCell, UslCell } from "../fits/index.js";
import type { PriceTable } from "../llm/prices.js";
import type { CsvTable } from "../plots/types.js";

type Cell = string | number | boolean | null;
/** A number for a CSV cell: non-finite values (an SE of an exact fit, an infinite AIC) are written empty. */
const num = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
const inside = (v: number | null, lo: number, hi: number): boolean | null => (v === null || !Number.isFinite(lo) || !Number.isFinite(hi) ? null : v >= lo && v <= hi);

/**
 * `amdahl_fits.csv`, one row per condition × model × p. The first nine columns are the constrained fit
 * (p ∈ [0, 1]; Wald interval from the nonlinear-least-squares SE, not truncated to [0, 1]); then:
 * p_true (design p), p_true_in_ci (empty when p̂ is on a bound, where a Wald interval is not valid), at_bound
 * (p̂ on 0 or 1: its SE is the local, unconstrained one), the unconstrained
 * fit (unconstrained_p_hat, _se, _ci_low, _ci_high), the run-level bootstrap (boot_se, boot_ci_low,
 * boot_ci_high: percentile interval; p_true_in_boot_ci; boot_replicates, boot_failed, boot_seed; empty when
 * off), and weighting, n_points (points fitted, n > 1), df, r2, converged.
 */
export const AMDAHL_FIT_COLUMNS = [
  "model", "condition", "p_label", "p_hat", "se", "ci_low", "ci_high", "rss", "aic",
  "p_true", "p_true_in_ci", "at_bound",
  "unconstrained_p_hat", "unconstrained_se", "unconstrained_ci_low", "unconstrained_ci_high",
  "boot_se", "boot_ci_low", "boot_ci_high", "p_true_in_boot_ci", "boot_replicates", "boot_failed", "boot_seed",
  "weighting", "n_points", "df", "r2", "converged",
] as const;

/** `amdahl_fits.csv` of the Amdahl cells ({@link AMDAHL_FIT_COLUMNS}). */
export function amdahlFitsCsv(cells: readonly AmdahlCell[]): CsvTable {
  return {
    columns: AMDAHL_FIT_COLUMNS,
    rows: cells.map((c): Cell[] => {
      const f = c.constrained;
      const u = c.unconstrained;
      const [lo, hi] = f.confidenceIntervals["p"] as [number, number];
      const [ulo, uhi] = u.confidenceIntervals["p"] as [number, number];
      const b = c.bootstrap;
      return [
        c.model, c.condition, c.p_label, num(f.params["p"]), num(f.standardErrors["p"]), num(lo), num(hi), num(f.rss), num(f.aic),
        c.pTrue, f.atBounds.includes("p") ? null : inside(c.pTrue, lo, hi), f.atBounds.includes("p"),
        num(u.params["p"]), num(u.standardErrors["p"]), num(ulo), num(uhi),
        num(b?.se), num(b?.ciLow), num(b?.ciHigh), b ? inside(c.pTrue, b.ciLow, b.ciHigh) : null, b?.replicates ?? null, b?.failed ?? null, b?.seed ?? null,
        f.weighting, f.nObservations, f.df, num(f.r2), f.converged,
      ];
    }),
  };
}

/**
 * `usl_fits.csv`, one row per condition × model × p (constrained USL: a ∈ [0, 1], b ≥ 0):
 * model, condition, p_label; a, a_se, a_ci_low, a_ci_high (contention); b, b_se, b_ci_low, b_ci_high
 * (coherency); peak_n, peak_n_se, peak_n_ci_low, peak_n_ci_high, peak_speedup (n* = √((1 − a)/b), delta
 * method; empty when there is no peak), peak_note (why there is no peak, or that n* lies outside the
 * observed sizes; empty otherwise); rss, aic; amdahl_aic, delta_aic_vs_amdahl (AIC(USL) − AIC(Amdahl),
 * negative favours the USL); at_bounds (parameters on a bound, `;`-separated), weighting, n_points, df,
 * converged.
 */
export const USL_FIT_COLUMNS = [
  "model", "condition", "p_label",
  "a", "a_se", "a_ci_low", "a_ci_high", "b", "b_se", "b_ci_low", "b_ci_high",
  "peak_n", "peak_n_se", "peak_n_ci_low", "peak_n_ci_high", "peak_speedup", "peak_note",
  "rss", "aic", "amdahl_aic", "delta_aic_vs_amdahl",
  "at_bounds", "weighting", "n_points", "df", "converged",
] as const;

/** `usl_fits.csv` of the USL cells ({@link USL_FIT_COLUMNS}). */
export function uslFitsCsv(cells: readonly UslCell[]): CsvTable {
  return {
    columns: USL_FIT_COLUMNS,
    rows: cells.map((c): Cell[] => {
      const f = c.fit;
      const par = (k: string): Cell[] => {
        const [lo, hi] = f.confidenceIntervals[k] as [number, number];
        return [num(f.params[k]), num(f.standardErrors[k]), num(lo), num(hi)];
      };
      const pk = f.peak.kind === "peak" ? [num(f.peak.n), num(f.peak.standardError), num(f.peak.confidenceInterval[0]), num(f.peak.confidenceInterval[1]), num(f.peak.speedup)] : [null, null, null, null, null];
      return [
        c.model, c.condition, c.p_label, ...par("a"), ...par("b"), ...pk, c.peakNote,
        num(f.rss), num(f.aic), num(c.amdahl.aic), num(c.deltaAic),
        f.atBounds.join(";"), f.weighting, f.nObservations, f.df, f.converged,
      ];
    }),
  };
}

const MESSAGE_FORMS: readonly MessageGrowthModel[] = ["linear", "quadratic", "pairwise"];

/**
 * `message_fits.csv`, long format: one row per model × condition × form (linear, quadratic, pairwise),
 * fitted to one point per run. Columns: model, condition, form, formula; a, b, c with _se, _ci_low,
 * _ci_high (the form's coefficients in the order of its formula: intercept a, then the coefficient of n,
 * n² or n(n − 1)/2; c only for the quadratic); rss, r2, aic, delta_aic (to the lowest AIC of the three),
 * akaike_weight; n_runs, runs_without_events (counted as 0 messages), df; then the same on each of the
 * three rows: quad_f, quad_df1, quad_df2, quad_p_value (F-test of the quadratic term), alpha,
 * quadratic_supported (p < alpha and c > 0), verdict.
 */
export const MESSAGE_FIT_COLUMNS = [
  "model", "condition", "form", "formula",
  "a", "a_se", "a_ci_low", "a_ci_high", "b", "b_se", "b_ci_low", "b_ci_high", "c", "c_se", "c_ci_low", "c_ci_high",
  "rss", "r2", "aic", "delta_aic", "akaike_weight", "n_runs", "runs_without_events", "df",
  "quad_f", "quad_df1", "quad_df2", "quad_p_value", "alpha", "quadratic_supported", "verdict",
] as const;

/** `message_fits.csv` of the message cells, three rows each ({@link MESSAGE_FIT_COLUMNS}). */
export function messageFitsCsv(cells: readonly MessageCell[]): CsvTable {
  const rows: Cell[][] = [];
  for (const c of cells) {
    const t = c.result.quadraticTest;
    for (const form of MESSAGE_FORMS) {
      const f: ModelFit = c.result[form];
      const cmp = c.result.comparison.find((r) => r.label === form);
      const par = (k: string): Cell[] => {
        if (!(k in f.params)) return [null, null, null, null];
        const [lo, hi] = f.confidenceIntervals[k] as [number, number];
        return [num(f.params[k]), num(f.standardErrors[k]), num(lo), num(hi)];
      };
      rows.push([
        c.model, c.condition, form, f.formula, ...par("a"), ...par("b"), ...par("c"),
        num(f.rss), num(f.r2), num(f.aic), num(cmp?.deltaAic), num(cmp?.akaikeWeight), f.nObservations, c.runsWithoutEvents, f.df,
        num(t.f), t.df1, t.df2, num(t.pValue), c.result.alpha, c.result.quadraticSupported, c.result.verdict,
      ]);
    }
  }
  return { columns: MESSAGE_FIT_COLUMNS, rows };
}

/**
 * `cost_frontier.csv`, one row per condition × model × p × n (the cost-speedup table's points):
 * condition, model, p_label, n, speedup, token_multiplier, efficiency, task_types (from the paper
 * table); cost_usd_per_run (mean over the same task types; empty without prices); on_frontier (Pareto
 * frontier over n within the cell: no other n has a token multiplier as low and a speedup as high);
 * price_model, price_input_per_m, price_output_per_m, prices_as_of (the assumed prices used).
 */
export const COST_FRONTIER_COLUMNS = [
  "condition", "model", "p_label", "n", "speedup", "token_multiplier", "efficiency", "task_types",
  "cost_usd_per_run", "on_frontier", "price_model", "price_input_per_m", "price_output_per_m", "prices_as_of",
] as const;

/** `cost_frontier.csv` of the cost points, with the prices used ({@link COST_FRONTIER_COLUMNS}). */
export function costFrontierCsv(points: readonly CostFrontierPoint[], prices: PriceTable | "none"): CsvTable {
  return {
    columns: COST_FRONTIER_COLUMNS,
    rows: points.map((p): Cell[] => {
      const price = prices === "none" || p.priceModel === null ? undefined : prices.models[p.priceModel];
      return [
        p.condition, p.model, p.p_label, p.n, num(p.speedup), num(p.tokenMultiplier), num(p.efficiency), p.taskTypes,
        num(p.costUsd), p.onFrontier, p.priceModel, price?.inputPerMillion ?? null, price?.outputPerMillion ?? null, prices === "none" ? null : prices.asOf,
      ];
    }),
  };
}

/**
 * `team_worth.csv`, one row per condition × model × p: condition, model, p_label, fraction (of the best
 * speedup to reach), best_n, best_speedup, target_speedup; n (smallest team reaching the target), speedup,
 * token_multiplier, efficiency (= speedup / token_multiplier, the ratio of the two means; the paper
 * table's efficiency in cost_frontier.csv is the mean of per-task-type ratios, which can differ a lot),
 * cost_usd_per_run, single_agent_cost_usd_per_run; verdict.
 */
export const TEAM_WORTH_COLUMNS = [
  "condition", "model", "p_label", "fraction", "best_n", "best_speedup", "target_speedup",
  "n", "speedup", "token_multiplier", "efficiency", "cost_usd_per_run", "single_agent_cost_usd_per_run", "verdict",
] as const;

/** `team_worth.csv` of the team-worth cells ({@link TEAM_WORTH_COLUMNS}). */
export function teamWorthCsv(cells: readonly TeamWorthCell[]): CsvTable {
  return {
    columns: TEAM_WORTH_COLUMNS,
    rows: cells.map((c): Cell[] => [
      c.condition, c.model, c.p_label, c.fraction, c.bestN, num(c.bestSpeedup), num(c.targetSpeedup),
      c.n, num(c.speedup), num(c.tokenMultiplier), num(c.efficiency), num(c.costUsd), num(c.singleAgentCostUsd), c.verdict,
    ]),
  };
}

