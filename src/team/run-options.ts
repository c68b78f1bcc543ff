import type { TestRunner } from "../tasks/runner.js";
import type { AgentBackend } from "../agent/types.js";
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from "../agent/parse-actions.js";
import { monotonicUnixSeconds } from "../core/clock.js";
import { error } from "../core/errors.js";
import { DEFAULT_PROMPT_WINDOW, type PromptWindow } from "./prompt.js";
import { DEFAULT_VIRTUAL_TEST_SECONDS, type RunTeamOptions, type TeamRunConfig, type VirtualTestSeconds } from "./types.js";

/** Most workers a team may have. */
export const MAX_TEAMMATES = 64;
/** Most rounds a run may last. */
export const MAX_ROUNDS = 10_000;
/** Longest per-request timeout, in seconds: `setTimeout`'s limit of 2^31 - 1 ms, rounded down. */
export const MAX_REQUEST_TIMEOUT_SECONDS = 2_147_483;

/** `RunTeamOptions` with every default filled in and every value checked: what the round loop sees. */
export interface ResolvedRunTeamOptions {
  backend: AgentBackend;
  testRunner: TestRunner;
  virtualTestSeconds: Readonly<VirtualTestSeconds>;
  parseLimits: Readonly<ParseLimits>;
  promptWindow: Readonly<PromptWindow>;
  /** The run's cancellation signal, or null when it cannot be cancelled. */
  signal: AbortSignal | null;
  /** Wall-clock limit per request in seconds, or null for none. */
  requestTimeoutSeconds: number | null;
  /** Wall clock in Unix seconds (read only for wall-clock backends). */
  now: () => number;
  /** Written to `run_start.unsafe_no_sandbox`. */
  unsafeNoSandbox: boolean;
}

/**
 * Check a run's config: `teammates` an integer in [1, 64], `maxRounds` an integer in [1, 10000],
 * `seed` an integer in [0, 2^32), a non-empty `runId`, a suite with at least one task.
 * @throws ToolkitError naming the field, its value and the valid range.
 */
export function validateTeamRunConfig(config: TeamRunConfig): void {
  const { teammates, maxRounds, seed, runId } = config;
  if (!Number.isInteger(teammates) || teammates < 1 || teammates > MAX_TEAMMATES) {
    throw error("runTeam", `config.teammates must be an integer from 1 to ${MAX_TEAMMATES}; got ${String(teammates)}`);
  }
  if (!Number.isInteger(maxRounds) || maxRounds < 1 || maxRounds > MAX_ROUNDS) {
    throw error("runTeam", `config.maxRounds must be an integer from 1 to ${MAX_ROUNDS}; got ${String(maxRounds)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw error("runTeam", `config.seed must be an integer in [0, 2^32); got ${String(seed)}`);
  }
  if (runId === "") throw error("runTeam", "config.runId is empty");
  if (config.suite.tasks.length === 0) throw error("runTeam", `suite ${config.suite.id} has no tasks`);
}

const FN = "resolveRunTeamOptions";

function checkNonNegative(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw error(FN, `options.${name} must be a finite number >= 0; got ${String(value)}`);
  }
  return value;
}

function checkKeys(name: string, given: object, valid: readonly string[]): void {
  for (const k of Object.keys(given)) {
    if (!valid.includes(k)) throw error(FN, `options.${name} has no field "${k}"; valid fields: ${valid.join(", ")}`);
  }
}

/**
 * Fill in `runTeam`'s defaults and check every option once, so the round loop never sees an
 * undefined or out-of-range value.
 *
 * Defaults: `virtualTestSeconds` = `DEFAULT_VIRTUAL_TEST_SECONDS` (0.8 s + 0.1 s per task tested);
 * `parseLimits` = `DEFAULT_PARSE_LIMITS`, field by field; `promptWindow` = `DEFAULT_PROMPT_WINDOW`
 * (40 history entries, 20 messages); no signal; no request timeout; `now` = a monotonic wall clock
 * in Unix seconds (`monotonicUnixSeconds()`, started here: the epoch time now plus monotonic time
 * elapsed, so a clock adjustment during the run cannot make its timestamps go backwards).
 *
 * Valid values: `backend` with a `reply` function and `clock` "virtual" or "wall"; `testRunner` with
 * a `run` function; `virtualTestSeconds.base` and `.perTask` finite and >= 0; every parse limit a
 * positive integer; `promptWindow.history` and `.inbox` integers >= 0; `requestTimeoutSeconds` in
 * (0, 2147483] (the longest `setTimeout`); `now` a function; `unsafeNoSandbox` a boolean (default false).
 * @throws ToolkitError naming the option, its value and the valid range; also for unknown fields of
 *   `virtualTestSeconds`, `parseLimits` and `promptWindow` (a misspelt limit would otherwise be ignored).
 * @example resolveRunTeamOptions({ backend, testRunner }).promptWindow // { history: 40, inbox: 20 }
 */
export function resolveRunTeamOptions(options: RunTeamOptions): ResolvedRunTeamOptions {
  const { backend, testRunner } = options;
  if (typeof backend?.reply !== "function") throw error(FN, "options.backend must be an AgentBackend (an object with a reply function)");
  if (backend.clock !== "virtual" && backend.clock !== "wall") {
    throw error(FN, `options.backend.clock must be "virtual" or "wall"; got ${String(backend.clock)}`);
  }
  if (typeof testRunner?.run !== "function") throw error(FN, "options.testRunner must be a TestRunner (an object with a run function)");

  const vts = options.virtualTestSeconds ?? DEFAULT_VIRTUAL_TEST_SECONDS;
  checkKeys("virtualTestSeconds", vts, ["base", "perTask"]);
  const virtualTestSeconds = { base: checkNonNegative("virtualTestSeconds.base", vts.base), perTask: checkNonNegative("virtualTestSeconds.perTask", vts.perTask) };

  const limits = options.parseLimits ?? {};
  checkKeys("parseLimits", limits, Object.keys(DEFAULT_PARSE_LIMITS));
  const parseLimits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...limits };
  for (const [k, v] of Object.entries(parseLimits)) {
    if (!Number.isInteger(v) || v <= 0) throw error(FN, `options.parseLimits.${k} must be a positive integer; got ${String(v)}`);
  }

  const window = options.promptWindow ?? DEFAULT_PROMPT_WINDOW;
  checkKeys("promptWindow", window, ["history", "inbox"]);
  for (const k of ["history", "inbox"] as const) {
    if (!Number.isInteger(window[k]) || window[k] < 0) throw error(FN, `options.promptWindow.${k} must be an integer >= 0; got ${String(window[k])}`);
  }

  const timeout = options.requestTimeoutSeconds ?? null;
  if (timeout !== null && !(typeof timeout === "number" && timeout > 0 && timeout <= MAX_REQUEST_TIMEOUT_SECONDS)) {
    throw error(FN, `options.requestTimeoutSeconds must be a number of seconds in (0, ${MAX_REQUEST_TIMEOUT_SECONDS}]; got ${String(timeout)}`);
  }
  if (options.now !== undefined && typeof options.now !== "function") {
    throw error(FN, `options.now must be a function returning Unix seconds; got ${typeof options.now}`);
  }
  const unsafeNoSandbox = options.unsafeNoSandbox ?? false;
  if (typeof unsafeNoSandbox !== "boolean") throw error(FN, `options.unsafeNoSandbox must be true or false; got ${String(unsafeNoSandbox)}`);
  return {
    backend,
    testRunner,
    virtualTestSeconds,
    parseLimits,
    promptWindow: { history: window.history, inbox: window.inbox },
    signal: options.signal ?? null,
    requestTimeoutSeconds: timeout,
    now: options.now ?? monotonicUnixSeconds(),
    unsafeNoSandbox,
  };
}
