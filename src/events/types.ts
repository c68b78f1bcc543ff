/**
 * The event log is the source of truth: every metric is a pure function of events plus the run table.
 *
 * The published data of the paper (events.parquet) has the columns
 * `type, ts, run_dir, agents, num_teammates, round, agent, path, returncode, seconds`.
 * Our own runs write the same type names and fields, plus a few additions
 * (`input_tokens`, `output_tokens`, `latency_s` on `agent_reply`; `task` on claim events;
 * `ok` on `lock_attempt`). Fields that do not apply to an event type are absent (JSONL) or null (parquet).
 *
 * Time: `ts` is in seconds. Whether it is a virtual clock (simulation) or wall-clock time is stated
 * once per run, in `run_start.clock`; the two are never mixed in one run.
 */

/** Which clock a run's `ts` values come from. */
export type Clock = "virtual" | "wall";

/** Fields every event carries. `round` is null for run-level events that belong to no round. */
export interface EventBase {
  /** Seconds since the run's clock origin (virtual) or Unix epoch seconds (wall). */
  ts: number;
  run_dir: string;
}

export interface RunStartEvent extends EventBase {
  type: "run_start";
  clock: Clock;
  /** True when the run was produced by the simulated backend (a model, not a measurement). */
  simulated: boolean;
}

export interface InitializeEvent extends EventBase {
  type: "initialize";
  agents: string[];
  num_teammates: number;
}

export interface RoundStartEvent extends EventBase {
  type: "round_start";
  round: number;
}

export interface AgentReplyEvent extends EventBase {
  type: "agent_reply";
  round: number;
  agent: string;
  input_tokens: number;
  output_tokens: number;
  /** Seconds from the round's start to this reply. */
  latency_s: number;
}

export interface LockAttemptEvent extends EventBase {
  type: "lock_attempt";
  round: number;
  agent: string;
  path: string;
  ok: boolean;
}

export interface EditFileEvent extends EventBase {
  type: "edit_file";
  round: number;
  agent: string;
  path: string;
  /** Bytes written. */
  bytes: number;
}

export interface ClaimTaskEvent extends EventBase {
  type: "claim_task";
  round: number;
  agent: string;
  task: string;
}

/** A refused claim. `reason` says why: dependencies not done (a temporal violation), already owned, or unknown task. */
export interface ClaimBlockedEvent extends EventBase {
  type: "claim_blocked";
  round: number;
  agent: string;
  task: string;
  reason: "dependencies_pending" | "already_claimed" | "already_done" | "unknown_task" | "lost_tie";
}

export interface AssignTaskEvent extends EventBase {
  type: "assign_task";
  round: number;
  /** The agent that assigns (the lead, or "orchestrator" for up-front preassignment). */
  agent: string;
  task: string;
  assignee: string;
}

export interface CompleteTaskEvent extends EventBase {
  type: "complete_task";
  round: number;
  agent: string;
  task: string;
}

export interface RunTestsEvent extends EventBase {
  type: "run_tests";
  round: number;
  agent: string;
  /** 0 = all passed, 1 = some tests failed, 2 = a module failed to load, 3 = runner error, 5 = no tests collected (pytest's codes). */
  returncode: number;
  /** Seconds the test run took (on the run's clock). */
  seconds: number;
  passed: number;
  failed: number;
}

export interface BroadcastEvent extends EventBase {
  type: "broadcast";
  round: number;
  agent: string;
  /** Recipients; every other agent for a broadcast. */
  to: string[];
  chars: number;
}

export interface SynthesizeEvent extends EventBase {
  type: "synthesize";
  round: number;
  agent: string;
}

/** Something an agent asked for that the runtime refused: a path outside the workspace, a malformed tag, an oversized file. */
export interface ActionRejectedEvent extends EventBase {
  type: "action_rejected";
  round: number;
  agent: string;
  reason: string;
  detail: string;
}

export interface RunEndEvent extends EventBase {
  type: "run_end";
  round: number;
  success: boolean;
  /** Why the run ended: all tasks done, the round limit, or an error (message without secrets). */
  reason: "all_tasks_done" | "max_rounds" | "error";
  detail?: string;
}

/** Every event our runtime writes. A `switch` over `type` ends in an exhaustiveness check. */
export type TeamEvent =
  | RunStartEvent
  | InitializeEvent
  | RoundStartEvent
  | AgentReplyEvent
  | LockAttemptEvent
  | EditFileEvent
  | ClaimTaskEvent
  | ClaimBlockedEvent
  | AssignTaskEvent
  | CompleteTaskEvent
  | RunTestsEvent
  | BroadcastEvent
  | SynthesizeEvent
  | ActionRejectedEvent
  | RunEndEvent;

export type TeamEventType = TeamEvent["type"];

/** All event type names, in log order of first appearance. */
export const TEAM_EVENT_TYPES: readonly TeamEventType[] = [
  "run_start",
  "initialize",
  "round_start",
  "agent_reply",
  "lock_attempt",
  "edit_file",
  "claim_task",
  "claim_blocked",
  "assign_task",
  "complete_task",
  "run_tests",
  "broadcast",
  "synthesize",
  "action_rejected",
  "run_end",
];
