import type { TeamEvent } from "../events/types.js";
import type { RunRow, RunRowExtras } from "../runs/types.js";
import type { Suite } from "../tasks/types.js";
import type { AgentBackend } from "../agent/types.js";
import { eventTableFromRecords } from "../events/event-table.js";
import { runEventMetrics } from "../metrics/per-run.js";
import { parallelFraction } from "../tasks/parallel-fraction.js";
import { error } from "../core/errors.js";
import type { TeamMode } from "../agent/mode.js";
import type { TeamRunResult } from "./types.js";
import { PROMPT_VERSION } from "./prompt.js";

/** Extra columns of our runs beyond `RunRowExtras`. */
export interface RunSummaryExtras {
  /**
   * Replies whose token usage was counted with the tokenizer because the endpoint reported none: 0
   * when every count is the provider's; null for backends without a provider (simulated, scripted).
   */
  usage_estimated: number | null;
  /** The prompts' version (`PROMPT_VERSION`), so runs with different prompts are never pooled by mistake. */
  prompt_version: string;
}

/** A run-table row of our own runs: the paper's sixteen columns, then our extras. */
export type RunSummaryRow = RunRow & RunRowExtras & RunSummaryExtras;

/** Our extra run-table columns, in the order they follow the paper's. */
export const RUN_EXTRA_COLUMNS = [
  "simulated",
  "backend",
  "profile",
  "seed",
  "suite",
  "end_reason",
  "messages",
  "cost_usd",
  "usage_estimated",
  "prompt_version",
] as const satisfies readonly (keyof (RunRowExtras & RunSummaryExtras))[];

/** What the run row needs beyond the run's result. */
export interface RunSummaryMeta {
  runId: string;
  /** The experiment (sweep) the run belongs to: the run table's `exp_dir`. */
  expDir: string;
  suite: Suite;
  mode: TeamMode;
  teammates: number;
  rep: number;
  seed: number;
  backend: Pick<AgentBackend, "name" | "modelDir" | "profile" | "simulated">;
  /** Dollar cost of the run's tokens, null when unknown (no price, or a simulated model). @default null */
  costUsd?: number | null;
  /** See `RunSummaryExtras.usage_estimated`. @default null */
  usageEstimated?: number | null;
}

/**
 * The run-table row of a finished run. Counts come from the event log (the source of truth), through
 * the same per-run metrics the analysis applies to the paper's data:
 * - `concurrent_writes`: (round, path) pairs written by two or more distinct agents;
 * - `claims_blocked`: `claim_blocked` events with reason `dependencies_pending` (temporal violations;
 *   refusals for ties or already-claimed tasks are not counted here);
 * - `messages`: `agent_reply` events (the paper's message count; the lead's replies included);
 * - tokens: sums over `agent_reply` events;
 * - `wall_clock_seconds`: run_start to run_end on the run's clock (virtual for simulated runs: the
 *   sum over rounds of the slowest reply plus the round's test time);
 * - `p_true`: the suite's parallel fraction (N - C) / N.
 */
export function summarizeRun(result: TeamRunResult, meta: RunSummaryMeta): RunSummaryRow {
  const m = runEventMetrics(eventTableFromRecords(result.events)).get(meta.runId);
  if (m === undefined) throw error("summarizeRun", `no events with run_dir ${meta.runId}`);
  let claimsBlocked = 0;
  for (const e of result.events) if (e.type === "claim_blocked" && e.reason === "dependencies_pending") claimsBlocked++;
  return {
    run_dir: meta.runId,
    model_dir: meta.backend.modelDir,
    exp_dir: meta.expDir,
    mode: meta.mode,
    task_type: meta.suite.domain,
    p_label: meta.suite.p_label,
    p_true: parallelFraction(meta.suite.tasks),
    n_teammates: meta.teammates,
    rep: meta.rep,
    success: result.success,
    wall_clock_seconds: result.elapsedSeconds,
    total_rounds: result.rounds,
    concurrent_writes: m.concurrentWrites,
    claims_blocked: claimsBlocked,
    // A run that ended before any reply (a backend error in round 1) used no tokens.
    total_input_tokens: m.messages === 0 ? 0 : m.inputTokens,
    total_output_tokens: m.messages === 0 ? 0 : m.outputTokens,
    simulated: meta.backend.simulated,
    backend: meta.backend.name,
    profile: meta.backend.profile,
    seed: meta.seed,
    suite: meta.suite.id,
    end_reason: result.endReason,
    messages: m.messages,
    cost_usd: meta.costUsd ?? null,
    usage_estimated: meta.usageEstimated ?? null,
    prompt_version: PROMPT_VERSION,
  };
}

/** Events of one type, for tests and quick looks. */
export function eventsOfType<K extends TeamEvent["type"]>(events: readonly TeamEvent[], type: K): Extract<TeamEvent, { type: K }>[] {
  return events.filter((e): e is Extract<TeamEvent, { type: K }> => e.type === type);
}
