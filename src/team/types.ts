import type { TeamEvent } from "../events/types.js";
import type { Suite } from "../tasks/types.js";
import type { TestRunner } from "../tasks/runner.js";
import type { AgentBackend } from "../agent/types.js";
import type { ParseLimits } from "../agent/parse-actions.js";
import type { PromptWindow } from "./prompt.js";
import type { TeamMode } from "../agent/mode.js";

/** What to run: one team on one suite. */
export interface TeamRunConfig {
  /** The run's id, written as `run_dir` on every event. */
  runId: string;
  suite: Suite;
  mode: TeamMode;
  /** Worker agents, the paper's `n_teammates` (1 to 64). In `lead` mode the lead is one more agent. */
  teammates: number;
  /** The run fails with reason `max_rounds` if tasks remain after this many rounds (1 to 10000). */
  maxRounds: number;
  /** Seed of the run; each agent draws from its own stream `deriveSeed(seed, "agent", name)`. */
  seed: number;
}

/** Virtual seconds a test run takes: `base + perTask * tasks tested`. Used by virtual-clock backends. */
export interface VirtualTestSeconds {
  /** @default 0.8 */
  base: number;
  /** @default 0.1 */
  perTask: number;
}

export const DEFAULT_VIRTUAL_TEST_SECONDS: Readonly<VirtualTestSeconds> = { base: 0.8, perTask: 0.1 };

/**
 * How to run it: the model, the tests, limits, and the edges (cancellation, wall clock). `runTeam`
 * resolves and checks these once, up front (`resolveRunTeamOptions`, which lists the valid ranges).
 */
export interface RunTeamOptions {
  backend: AgentBackend;
  /** Runs a suite's tests against the workspace (for built-in suites: the in-process runner of `src/tasks`). */
  testRunner: TestRunner;
  /** @default DEFAULT_VIRTUAL_TEST_SECONDS */
  virtualTestSeconds?: VirtualTestSeconds;
  /** @default DEFAULT_PARSE_LIMITS */
  parseLimits?: Partial<ParseLimits>;
  /** @default DEFAULT_PROMPT_WINDOW */
  promptWindow?: PromptWindow;
  /** Cancels the run: it ends with `run_end` reason "error", detail "aborted". */
  signal?: AbortSignal;
  /** Wall-clock limit per request, in seconds, in (0, 2147483]; on expiry the request's signal is aborted. @default none */
  requestTimeoutSeconds?: number;
  /**
   * Wall clock in Unix seconds, read for wall-clock backends only (virtual-clock runs never read it).
   * @default monotonicUnixSeconds(), started when the run starts: monotonic, so timestamps never go backwards
   */
  now?: () => number;
  /**
   * Whether the test runner was allowed to run agent-written code without the OS sandbox
   * (`unsafeNoSandbox` of the sandbox runners, CLI `--unsafe-no-sandbox`); written to
   * `run_start.unsafe_no_sandbox`. @default false
   */
  unsafeNoSandbox?: boolean;
}

export type EndReason = "all_tasks_done" | "max_rounds" | "error";

export interface TeamRunResult {
  /** The run's event log, in log order. */
  events: TeamEvent[];
  success: boolean;
  endReason: EndReason;
  /** Rounds started. */
  rounds: number;
  /** Seconds from run_start to run_end on the run's clock (virtual, or wall for real backends). */
  elapsedSeconds: number;
  /** Tasks done at the end. */
  tasksDone: number;
}
