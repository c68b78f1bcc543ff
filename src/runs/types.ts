/**
 * The run table: one row per run. The first sixteen columns are the paper's `runs.parquet` columns,
 * in that order; our own runs write them first and add columns after them.
 */

/** Coordination modes as they appear in run tables. The paper's data has `decentralized` and `preassign_nolead`. */
export type RunMode = "preassign" | "preassign_nolead" | "decentralized" | "lead";

/** The two conditions the paper compares; `preassign` and `preassign_nolead` are both centralized. */
export type Condition = "preassign" | "decentralized";

export interface RunRow {
  run_dir: string;
  model_dir: string;
  exp_dir: string;
  mode: string;
  task_type: string;
  /** `p09`, `p05`, `p02`. */
  p_label: string;
  p_true: number;
  n_teammates: number;
  rep: number;
  success: boolean;
  wall_clock_seconds: number;
  total_rounds: number;
  concurrent_writes: number;
  claims_blocked: number;
  total_input_tokens: number;
  total_output_tokens: number;
}

/** Extra columns our own runs add after the paper's sixteen. */
export interface RunRowExtras {
  /** True for runs of the simulated backend: a model of LLM teams, not a measurement of them. */
  simulated: boolean;
  backend: string;
  profile: string;
  seed: number;
  suite: string;
  end_reason: string;
  messages: number;
  cost_usd: number | null;
}

/** The paper's run-table columns, in order. */
export const RUN_COLUMNS = [
  "run_dir",
  "model_dir",
  "exp_dir",
  "mode",
  "task_type",
  "p_label",
  "p_true",
  "n_teammates",
  "rep",
  "success",
  "wall_clock_seconds",
  "total_rounds",
  "concurrent_writes",
  "claims_blocked",
  "total_input_tokens",
  "total_output_tokens",
] as const satisfies readonly (keyof RunRow)[];

/** Map a run-table mode to the paper's condition, or null when the mode is neither (e.g. `lead`). */
export function conditionOf(mode: string): Condition | null {
  if (mode === "decentralized") return "decentralized";
  if (mode === "preassign" || mode === "preassign_nolead") return "preassign";
  return null;
}
