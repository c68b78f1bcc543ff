import type { TeamEvent } from "../events/types.js";
import type { RunRow, RunRowExtras } from "../runs/types.js";
import type { Suite } from "../tasks/types.js";
import type { AgentBackend } from "../llm/types.js";
import { eventTableFromRecords } from "../io/event-table.js";
import { runEventMetrics } from "../metrics/per-run.js";
import { parallelFraction } from "../tasks/parallel-fraction.js";
import { error } from "../errors.js";
import type { TeamMode } from "./mode.js";
import type { TeamRunResult } from "./types.js";

/** A run-table row of our own runs: the paper's sixteen columns, then our extras. */
export type RunSummaryRow = RunRow & RunRowExtras;

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
] as const satisfies readonly (keyof RunRowExtras)[];

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
  const m = runEventMetrics(eventTableFromRecords(result.events as unknown as Record<string, unknown>[])).get(meta.runId);
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
    cost_usd: null,
  };
}

/** Events of one type, for tests and quick looks. */
export function eventsOfType<K extends TeamEvent["type"]>(events: readonly TeamEvent[], type: K): Extract<TeamEvent, { type: K }>[] {
  return events.filter((e): e is Extract<TeamEvent, { type: K }> => e.type === type);
}
