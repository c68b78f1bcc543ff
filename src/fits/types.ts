/**
 * The result shapes of `analyzeRuns`: one cell type per fit family, JSON-serialisable, read by the
 * figures (`src/plots`) and written as CSV by the report layer (`src/report/fit-tables.ts`).
 */
import type { MessageGrowthResult, ScalingFit, UslFit } from "../analysis/index.js";
import type { PaperTables, SpeedupTableRow } from "../metrics/paper-tables.js";
import type { Condition } from "../runs/types.js";
import type { ResolvedAnalysisOptions } from "./options.js";

/** The condition, model and p label that name one fitted cell. */
export interface CellId {
  condition: Condition;
  model: string;
  p_label: string;
}

/** A run-level bootstrap of the constrained Amdahl p of one cell. */
export interface AmdahlBootstrap {
  replicates: number;
  /** The cell's own seed, `deriveSeed(options.seed, condition, model, p_label)`. */
  seed: number;
  /** Replicates whose fit did not converge (left out of the interval; 0 on the paper's data). */
  failed: number;
  /** Standard deviation of the replicate estimates. */
  se: number;
  /** Percentile interval at the confidence level (R's quantile type 7). */
  ciLow: number;
  ciHigh: number;
}

/** The Amdahl fits of one condition × model × p. */
export interface AmdahlCell extends CellId {
  /** The design p of the task suite (the runs' `p_true`), or null when the runs do not say. */
  pTrue: number | null;
  /** The speedup table's points of this cell, n = 1 included (the fit excludes it). */
  points: SpeedupTableRow[];
  /** p ∈ [0, 1]: the fit in the CSV's p_hat. */
  constrained: ScalingFit;
  /** p free (p > 1 is super-linear, p < 0 slower than one agent). */
  unconstrained: ScalingFit;
  bootstrap: AmdahlBootstrap | null;
}

/** The USL fit of one condition × model × p, with the Amdahl fit it is compared with. */
export interface UslCell extends CellId {
  points: SpeedupTableRow[];
  fit: UslFit;
  amdahl: ScalingFit;
  /** AIC(USL) − AIC(Amdahl) on the same points: negative favours the USL. */
  deltaAic: number;
  /** Why n* should be read with care (outside the observed team sizes), or "" when it is inside. */
  peakNote: string;
}

/** Mean messages per run at one team size. */
export interface MessageMean {
  n: number;
  mean: number;
  /** SD/√N (0 for one run). */
  sem: number;
  runs: number;
}

/** The message-growth fits of one model × condition. */
export interface MessageCell {
  model: string;
  condition: Condition;
  /** One point per run: (n_teammates, agent_reply count). */
  points: { n: number; messages: number }[];
  means: MessageMean[];
  /** Runs with no event at all, counted as 0 messages (the paper's convention). */
  runsWithoutEvents: number;
  result: MessageGrowthResult;
}

/** A cost-speedup point with its dollar cost and whether it is on its cell's Pareto frontier. */
export interface CostFrontierPoint extends CellId {
  n: number;
  speedup: number;
  tokenMultiplier: number;
  efficiency: number;
  taskTypes: number;
  /** Mean dollar cost per run (mean over the same task types as the speedup), null without prices. */
  costUsd: number | null;
  onFrontier: boolean;
  /** The price-table id used, null without prices. */
  priceModel: string | null;
}

/** "Is a team worth it?" for one condition × model × p. */
export interface TeamWorthCell extends CellId {
  fraction: number;
  bestN: number;
  bestSpeedup: number;
  targetSpeedup: number;
  /** Smallest n reaching the target. */
  n: number;
  speedup: number;
  tokenMultiplier: number;
  efficiency: number;
  costUsd: number | null;
  singleAgentCostUsd: number | null;
  verdict: string;
}

/** A fit that could not be made, and why (e.g. too few team sizes in a small sweep). */
export interface SkippedFit {
  table: "amdahl" | "usl" | "messages";
  condition: Condition;
  model: string;
  p_label: string | null;
  reason: string;
}

/** Everything `analyzeRuns` computes. */
export interface RunAnalysis {
  options: ResolvedAnalysisOptions;
  amdahl: AmdahlCell[];
  usl: UslCell[];
  messages: MessageCell[];
  costFrontier: CostFrontierPoint[];
  teamWorth: TeamWorthCell[];
  skipped: SkippedFit[];
}

/** The paper tables the analysis reads (`paperTables(runs, metrics)` has them). */
export type AnalysisTables = Pick<PaperTables, "speedup" | "costSpeedup">;
