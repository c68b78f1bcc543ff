/**
 * What a notebook and its team worker say to each other. The worker (`team-worker.ts`) runs teams and
 * sweeps in a child process (`node --import tsx`), because the team runtime (`src/team`) does not
 * type-check under tslab's TypeScript 5.0.4 without strict mode (its `ok: true | false` unions do not
 * narrow there), and tslab refuses a cell whose imports do not type-check. This file holds only types
 * and pure functions, and imports nothing from `src/team` beyond `mode.ts`, so notebooks can use it.
 *
 * The request goes to the worker's stdin as one JSON document; the worker answers on stdout with one
 * message per line, each line `WORKER_LINE_PREFIX` + JSON: progress messages, then one result or one
 * error.
 */
import { error } from "../errors.js";
import type { TeamEvent } from "../events/types.js";
import type { SweepOptionsInput } from "../experiment/options.js";
import type { RunRow, RunRowExtras } from "../runs/types.js";
import type { TeamMode } from "../team/mode.js";

/** Marks the worker's protocol lines on stdout, so that stray output (a library's log line) is ignored. */
export const WORKER_LINE_PREFIX = "@@team-worker ";

/** The model behind the agents. */
export type WorkerBackendSpec = { kind: "simulated"; profile: string };

/** One team run: the worker builds the suite and backend, calls `runTeam`, then `summarizeRun`. */
export interface WorkerRunSpec {
  /** The run's id (`run_dir` on every event). */
  runId: string;
  /** A built-in suite id, e.g. `mathutils_p05` (`SUITE_IDS`). */
  suite: string;
  mode: TeamMode;
  /** Worker agents (the paper's n). */
  teammates: number;
  maxRounds: number;
  seed: number;
  backend: WorkerBackendSpec;
  /** The run table's `rep` and `exp_dir`. */
  rep: number;
  expDir: string;
}

export type WorkerRequest =
  | { type: "run"; run: WorkerRunSpec }
  | { type: "sweep"; options: SweepOptionsInput & { out: string }; packageVersion: string };

/**
 * A finished run: the fields of `TeamRunResult` (`src/team/types.ts`; the worker checks at compile
 * time that they match) and its run-table row from `summarizeRun`.
 */
export interface WorkerRunResult {
  /** The run's event log, in log order. */
  events: TeamEvent[];
  success: boolean;
  endReason: "all_tasks_done" | "max_rounds" | "error";
  /** Rounds started. */
  rounds: number;
  /** Seconds from run_start to run_end on the run's clock (virtual for the simulated backend). */
  elapsedSeconds: number;
  tasksDone: number;
  /** The run-table row (`summarizeRun`): the paper's sixteen columns, then ours. */
  row: RunRow & RunRowExtras;
}

/** A finished sweep (its files are in the `out` folder of the request). */
export interface WorkerSweepResult {
  total: number;
  ran: number;
  failed: number;
  events: number;
  aborted: boolean;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; result: WorkerRunResult | WorkerSweepResult }
  | { type: "error"; message: string };

/** A message as one stdout line. */
export function formatWorkerMessage(message: WorkerMessage): string {
  return WORKER_LINE_PREFIX + JSON.stringify(message);
}

/**
 * The message on a stdout line of the worker, or null for a line that is not a protocol line.
 * @throws ToolkitError for a protocol line whose JSON is broken or is not a known message.
 */
export function parseWorkerLine(line: string): WorkerMessage | null {
  if (!line.startsWith(WORKER_LINE_PREFIX)) return null;
  const text = line.slice(WORKER_LINE_PREFIX.length);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw error("parseWorkerLine", `a worker line is not valid JSON: ${text.slice(0, 80)}`, e);
  }
  const m = value as Partial<Record<string, unknown>> | null;
  const type = m?.["type"];
  if (type === "progress" && Number.isInteger(m?.["done"]) && Number.isInteger(m?.["total"])) return value as WorkerMessage;
  if (type === "result" && typeof m?.["result"] === "object" && m["result"] !== null) return value as WorkerMessage;
  if (type === "error" && typeof m?.["message"] === "string") return value as WorkerMessage;
  throw error("parseWorkerLine", `unknown worker message ${text.slice(0, 80)}; expected type progress (done, total), result or error (message)`);
}
