import type { RunRow } from "../runs/types.js";
import { conditionOf, type Condition } from "../runs/types.js";
import type { RunEventMetrics } from "./per-run.js";
import { mean, sem, varianceOfMean } from "./stats.js";
import { speedupSeries } from "./speedup.js";

/**
 * Every table behind the paper's figures, computed as the paper's own analysis notebook does
 * (analyze_experiments.ipynb in the paper's repository). Inputs: the run table and the per-run event
 * metrics (`runEventMetrics`). Where the notebook's choices are not obvious they are stated at the
 * function: which runs (success filter or not), what a missing count means (0), and the error bar.
 *
 * Orders are fixed so the CSV files diff cleanly: condition (preassign, decentralized), model (sorted
 * `model_dir`), p label (p09, p05, p02), n ascending. Rows where a group has no data are omitted.
 */

export const CONDITIONS: readonly Condition[] = ["preassign", "decentralized"];
export const P_LABELS: readonly string[] = ["p09", "p05", "p02"];
export const TEAM_SIZES: readonly number[] = [1, 2, 3, 4, 5];

/** SEM as the notebook computes it for bar charts: sample SD (n - 1) / √N, and 0 for a single value. */
export function semOrZero(values: readonly number[]): number {
  return sem(values, "zero");
}

/** A mean with its standard error. */
export interface MeanSem {
  mean: number;
  sem: number;
}

function meanSem(values: readonly number[]): MeanSem {
  return { mean: mean(values), sem: semOrZero(values) };
}

const sortedModels = (runs: readonly RunRow[]): string[] => [...new Set(runs.map((r) => r.model_dir))].sort();
const inCondition = (runs: readonly RunRow[], c: Condition): RunRow[] => runs.filter((r) => conditionOf(r.mode) === c);

/** A per-run count from the event metrics; a run without events counts 0 (the notebook's left merge + fill 0). */
function countOf(metrics: ReadonlyMap<string, RunEventMetrics>, run: RunRow, key: "messages" | "idleRounds" | "rewrites" | "testFailures"): number {
  return metrics.get(run.run_dir)?.[key] ?? 0;
}

// ---------------------------------------------------------------- speedup.csv

export interface SpeedupTableRow extends MeanSem {
  condition: Condition;
  model: string;
  p_label: string;
  n: number;
}

/** `speedup.csv`: per (condition, model, p, n), the speedup of `speedupSeries` (successful runs; delta-method SEM). */
export function speedupTable(runs: readonly RunRow[]): SpeedupTableRow[] {
  const out: SpeedupTableRow[] = [];
  for (const condition of CONDITIONS) {
    const cond = inCondition(runs, condition);
    for (const model of sortedModels(cond)) {
      const sub = cond.filter((r) => r.model_dir === model);
      for (const p of P_LABELS) {
        for (const pt of speedupSeries(sub, p, TEAM_SIZES)) {
          out.push({ condition, model, p_label: p, n: pt.n, mean: pt.mean, sem: pt.sem });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- conflicts.csv

export type ConflictMetric = "concurrent_writes" | "rewrites" | "claims_blocked";
export const CONFLICT_METRICS: readonly ConflictMetric[] = ["concurrent_writes", "rewrites", "claims_blocked"];

export interface ConflictRow extends MeanSem {
  model: string;
  metric: ConflictMetric;
}

/**
 * `conflicts.csv`: consistency conflicts per run of successful decentralized runs, per model, pooled over
 * task types, p and n (n = 1 included). Concurrent writes and blocked claims are the run table's columns;
 * rewrites come from the events. Error bar: SD/√N (0 for one run).
 */
export function conflictsTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): ConflictRow[] {
  const ok = inCondition(runs, "decentralized").filter((r) => r.success);
  const out: ConflictRow[] = [];
  for (const model of sortedModels(ok)) {
    const sub = ok.filter((r) => r.model_dir === model);
    for (const metric of CONFLICT_METRICS) {
      const values = sub.map((r) => (metric === "rewrites" ? countOf(metrics, r, "rewrites") : r[metric]));
      out.push({ model, metric, ...meanSem(values) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- test_failures.csv

export interface TestFailureRow extends MeanSem {
  model: string;
  condition: Condition;
}

/**
 * `test_failures.csv`: failed test runs (return code 1, 2 or 3) per successful run, per model and
 * condition, pooled over task types, p and n. Error bar: SD/√N (0 for one run).
 */
export function testFailuresTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): TestFailureRow[] {
  const out: TestFailureRow[] = [];
  for (const model of sortedModels(runs)) {
    for (const condition of CONDITIONS) {
      const sub = inCondition(runs, condition).filter((r) => r.success && r.model_dir === model);
      if (sub.length === 0) continue;
      out.push({ model, condition, ...meanSem(sub.map((r) => countOf(metrics, r, "testFailures"))) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- straggler_gap.csv

export interface StragglerRow extends MeanSem {
  model: string;
  condition: Condition;
  p_label: string;
  n: number;
  /** (run, round) pairs pooled into the mean. */
  rounds: number;
}

/**
 * `straggler_gap.csv`: the straggler gap (max minus mean reply latency in a round) pooled over all
 * (run, round) pairs of a (model, condition, p, n), successful or not; a point needs at least two rounds.
 * Error bar: SD/√(rounds).
 *
 * The paper's notebook draws its centralized line from `preassign_nolead` runs only (plain `preassign`
 * runs there have a lead agent); the published data has no plain `preassign` run, so grouping both
 * centralized modes, as here, gives the same numbers on it.
 */
export function stragglerTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): StragglerRow[] {
  const out: StragglerRow[] = [];
  const ns = [...new Set(runs.map((r) => r.n_teammates))].sort((a, b) => a - b);
  for (const model of sortedModels(runs)) {
    for (const condition of CONDITIONS) {
      const sub = inCondition(runs, condition).filter((r) => r.model_dir === model);
      for (const p of P_LABELS) {
        for (const n of ns) {
          const gaps: number[] = [];
          for (const r of sub) {
            if (r.p_label !== p || r.n_teammates !== n) continue;
            for (const g of metrics.get(r.run_dir)?.stragglerGaps ?? []) gaps.push(g.gap);
          }
          if (gaps.length < 2) continue;
          out.push({ model, condition, p_label: p, n, mean: mean(gaps), sem: sem(gaps), rounds: gaps.length });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- extra_messages.csv, extra_idle_rounds.csv

export interface ExtraRow extends MeanSem {
  model: string;
  n: number;
}

/**
 * Decentralized minus centralized mean of a per-run count, per (model, n), over all runs (successful or
 * not), pooled over task types and p. SEM = √(s_d²/N_d + s_c²/N_c) (a side with one run contributes 0).
 */
function extraTable(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  key: "messages" | "idleRounds",
): ExtraRow[] {
  const eligible = runs.filter((r) => conditionOf(r.mode) !== null);
  const ns = [...new Set(eligible.map((r) => r.n_teammates))].sort((a, b) => a - b);
  const out: ExtraRow[] = [];
  for (const model of sortedModels(eligible)) {
    for (const n of ns) {
      const side = (c: Condition): number[] =>
        eligible.filter((r) => r.model_dir === model && r.n_teammates === n && conditionOf(r.mode) === c).map((r) => countOf(metrics, r, key));
      const d = side("decentralized");
      const c = side("preassign");
      if (d.length === 0 || c.length === 0) continue;
      out.push({ model, n, mean: mean(d) - mean(c), sem: Math.sqrt(varianceOfMean(d, "zero") + varianceOfMean(c, "zero")) });
    }
  }
  return out;
}

/** `extra_messages.csv`: extra `agent_reply` events per run in decentralized teams (see `extraTable`). */
export function extraMessagesTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): ExtraRow[] {
  return extraTable(runs, metrics, "messages");
}

/** `extra_idle_rounds.csv`: extra idle rounds (replies but no completed task) per run in decentralized teams. */
export function extraIdleRoundsTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): ExtraRow[] {
  return extraTable(runs, metrics, "idleRounds");
}

// ---------------------------------------------------------------- token_cost.csv

export interface TokenCostRow extends MeanSem {
  condition: Condition;
  model: string;
  p_label: string;
  n: number;
}

/** Input plus output tokens of a run. */
export const totalTokens = (r: RunRow): number => r.total_input_tokens + r.total_output_tokens;

/**
 * `token_cost.csv`: mean total tokens (input + output) per successful run with a non-zero total, per
 * (condition, model, p, n), pooled over task types. Error bar: SD/√N (0 for one run).
 */
export function tokenCostTable(runs: readonly RunRow[]): TokenCostRow[] {
  const out: TokenCostRow[] = [];
  for (const condition of CONDITIONS) {
    const cond = inCondition(runs, condition).filter((r) => r.success && totalTokens(r) !== 0);
    for (const model of sortedModels(cond)) {
      for (const p of P_LABELS) {
        for (const n of TEAM_SIZES) {
          const v = cond.filter((r) => r.model_dir === model && r.p_label === p && r.n_teammates === n).map(totalTokens);
          if (v.length === 0) continue;
          out.push({ condition, model, p_label: p, n, ...meanSem(v) });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- cost_speedup.csv

export interface CostSpeedupRow {
  condition: Condition;
  model: string;
  p_label: string;
  n: number;
  speedup: number;
  token_multiplier: number;
  efficiency: number;
  /** Task types averaged over. */
  taskTypes: number;
}

/**
 * `cost_speedup.csv`. Successful runs with total tokens > 0, averaged per (task type, p, model, n) into a
 * mean wall clock w̄ and mean tokens t̄. Against the same task type's n = 1 group (dropped when there is
 * none): speedup_k = w̄₁ / w̄ₙ, token multiplier_k = t̄ₙ / t̄₁, efficiency_k = speedup_k / multiplier_k.
 * Each column is then the plain mean over task types: efficiency is the mean of the ratios, not the ratio
 * of the two means beside it.
 */
export function costSpeedupTable(runs: readonly RunRow[]): CostSpeedupRow[] {
  const out: CostSpeedupRow[] = [];
  for (const condition of CONDITIONS) {
    const cond = inCondition(runs, condition).filter((r) => r.success && totalTokens(r) > 0);
    const taskTypes = [...new Set(cond.map((r) => r.task_type))].sort();
    for (const model of sortedModels(cond)) {
      for (const p of P_LABELS) {
        const group = (tt: string, n: number): { wall: number; tokens: number } | null => {
          const g = cond.filter((r) => r.model_dir === model && r.p_label === p && r.task_type === tt && r.n_teammates === n);
          return g.length === 0 ? null : { wall: mean(g.map((r) => r.wall_clock_seconds)), tokens: mean(g.map(totalTokens)) };
        };
        for (const n of TEAM_SIZES) {
          const s: number[] = [];
          const m: number[] = [];
          const e: number[] = [];
          for (const tt of taskTypes) {
            const base = group(tt, 1);
            const at = group(tt, n);
            if (!base || !at) continue;
            const speedup = base.wall / at.wall;
            const mult = at.tokens / base.tokens;
            s.push(speedup);
            m.push(mult);
            e.push(speedup / mult);
          }
          if (s.length === 0) continue;
          out.push({ condition, model, p_label: p, n, speedup: mean(s), token_multiplier: mean(m), efficiency: mean(e), taskTypes: s.length });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- all of them

export interface PaperTables {
  speedup: SpeedupTableRow[];
  conflicts: ConflictRow[];
  testFailures: TestFailureRow[];
  straggler: StragglerRow[];
  extraMessages: ExtraRow[];
  extraIdleRounds: ExtraRow[];
  tokenCost: TokenCostRow[];
  costSpeedup: CostSpeedupRow[];
}

/** Every table, from the run table and the per-run event metrics. */
export function paperTables(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): PaperTables {
  return {
    speedup: speedupTable(runs),
    conflicts: conflictsTable(runs, metrics),
    testFailures: testFailuresTable(runs, metrics),
    straggler: stragglerTable(runs, metrics),
    extraMessages: extraMessagesTable(runs, metrics),
    extraIdleRounds: extraIdleRoundsTable(runs, metrics),
    tokenCost: tokenCostTable(runs),
    costSpeedup: costSpeedupTable(runs),
  };
}
