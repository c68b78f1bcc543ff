/**
 * The event log is the source of truth: every metric is a pure function of events plus the run table.
 *
 * The published data of the paper (events.parquet) has the columns
 * `type, ts, run_dir, agents, num_teammates, round, agent, path, returncode, seconds`.
 * Our own runs write the same type names and fields, plus a few additions
 * (`input_tokens`, `output_tokens`, `latency_s` on `agent_reply`; `task` on claim events;
 * `ok` on `lock_attempt`). Fields that do not apply to an event type are absent (JSONL) or null (parquet).
 *
 * Time (schema version 2). `ts` is always seconds since the run's `run_start`, on the run's clock, so
 * `run_start.ts` is 0 and only differences of `ts` carry meaning:
 * - `clock: "virtual"` (simulated and scripted runs): virtual seconds; the log holds no wall-clock
 *   time at all, so the same seed gives the same bytes;
 * - `clock: "wall"` (real models): a monotonic offset (readings of the orchestrator's clock minus its
 *   first reading), and the wall-clock time of the start, in Unix seconds, goes in `run_start.wall_start`
 *   (null on a virtual clock). A wall-clock time is never put in `ts`, and a `ts` is never a wall-clock time.
 *
 * Older logs: in version 1 (no `schema_version` on `run_start`), a wall-clock run's `ts` were Unix
 * seconds. The reader (`parseEventLines`) upgrades such runs: `wall_start` = the old `run_start.ts`,
 * every `ts` minus it. The paper's events.parquet has Unix-second `ts`; its loader does the same per
 * run. Both subtractions are exact in floating point (Sterbenz: x - y is exact when y/2 <= x <= 2y, as
 * for two Unix times of one run), so every difference of `ts`, and every metric built on one such as the
 * straggler gap (reply `ts` minus its `round_start` `ts`), is bit-identical to one on the original `ts`.
 */

/**
 * Version of the event schema our runs write, in `run_start.schema_version`.
 * - 1: the paper's event types and fields plus `input_tokens`, `output_tokens`, `latency_s` on replies,
 *   `task` on claims, `ok` on lock attempts, `assignee` on assignments, `passed`/`failed` on test runs,
 *   `to`/`chars` on broadcasts, and `action_rejected`; `ts` was Unix seconds on a wall clock.
 * - 2: `run_start` carries `schema_version` and `wall_start`; `ts` is run-relative on every clock.
 * - 3: `run_start` carries `unsafe_no_sandbox` (issue 10: whether agent-written code was allowed to run
 *   without the OS sandbox); older logs are read with `false` (no sweep could allow it before).
 */
export const EVENT_SCHEMA_VERSION = 3;
export type EventSchemaVersion = typeof EVENT_SCHEMA_VERSION;

/** Which clock a run's `ts` values come from. */
export type Clock = "virtual" | "wall";

/** Fields every event carries. `round` is null for run-level events that belong to no round. */
export interface EventBase {
  /** Seconds since the run's `run_start`, on the run's clock (virtual seconds, or a monotonic offset of wall time). */
  ts: number;
  run_dir: string;
}

/** The first event of every run; `ts` is 0. */
export interface RunStartEvent extends EventBase {
  type: "run_start";
  /** The event schema version the log was written in (`EVENT_SCHEMA_VERSION`; older logs are upgraded when read). */
  schema_version: EventSchemaVersion;
  clock: Clock;
  /** True when the run was produced by the simulated backend (a model, not a measurement). */
  simulated: boolean;
  /** Wall-clock time of the start in Unix seconds for a wall clock; null for a virtual clock. */
  wall_start: number | null;
  /**
   * True when the run was allowed to execute agent-written code without the OS sandbox
   * (`--unsafe-no-sandbox`, the runners' `unsafeNoSandbox`). Where the sandbox starts it is used
   * anyway; the sweep's config.json says which (`test_runner.isolation`). False for simulated runs.
   */
  unsafe_no_sandbox: boolean;
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
export const TEAM_EVENT_TYPES = [
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
] as const satisfies readonly TeamEventType[];

/** Compiles only when `TEAM_EVENT_TYPES` names every type of the union. */
type MustBeNever<T extends never> = T;
type _EveryTypeListed = MustBeNever<Exclude<TeamEventType, (typeof TEAM_EVENT_TYPES)[number]>>;

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(TEAM_EVENT_TYPES);

/** True when `value` is one of the union's type names. */
export function isTeamEventType(value: unknown): value is TeamEventType {
  return typeof value === "string" && EVENT_TYPE_SET.has(value);
}
