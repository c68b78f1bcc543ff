import { DataFileError } from "../core/errors.js";
import type { Clock } from "../events/types.js";
import type { TestOutcome } from "../tasks/types.js";
import type { ChatMessage } from "../agent/types.js";
import type { AttemptRecord } from "./request-record.js";

/**
 * A cassette: everything that crossed the edges of one run, in the order it happened, as JSONL
 * (`OUT/cassettes/<run-id>.jsonl`). Replaying it reproduces the run's event log byte for byte,
 * offline: the team runtime is deterministic given these inputs.
 *
 * Lines (`kind`):
 * - `header`: format, version, run id, backend, model, model_dir, prompt version, clock.
 * - `clock`: one reading of the orchestrator's wall clock (`t`, Unix seconds), in reading order.
 * - `exchange`: one request and its outcome, in completion order (`seq` 0, 1, ...): round, agent, the
 *   request as sent (model and messages; never headers or keys), and either the `reply` (text, usage,
 *   latency, whether usage was estimated) or the `error` (name, message, status), with every attempt.
 * - `tests`: one test run, in order: task ids, the SHA-256 of the workspace it ran on, the outcome.
 */
export const CASSETTE_FORMAT = "llm-teams-ds/cassette";
export const CASSETTE_VERSION = 1;

export interface CassetteHeader {
  kind: "header";
  format: typeof CASSETTE_FORMAT;
  version: number;
  run: string;
  backend: string;
  model: string;
  model_dir: string;
  prompt_version: string;
  clock: Clock;
}

export interface CassetteClock {
  kind: "clock";
  t: number;
}

export interface CassetteRequest {
  model: string;
  messages: ChatMessage[];
}

export interface CassetteReply {
  text: string;
  input_tokens: number;
  output_tokens: number;
  latency_s: number;
  usage_estimated: boolean;
}

export interface CassetteError {
  /** The error's `name` and `message` exactly as the run saw them (they end up in `run_end.detail`). */
  name: string;
  message: string;
  status: number | null;
  retryable: boolean;
  fatal: boolean;
  /** True when the request was cut short because its round was aborted (another request failed). */
  aborted: boolean;
}

export interface CassetteExchange {
  kind: "exchange";
  seq: number;
  round: number;
  agent: string;
  request: CassetteRequest;
  reply: CassetteReply | null;
  error: CassetteError | null;
  attempts: AttemptRecord[];
}

export interface CassetteTests {
  kind: "tests";
  task_ids: string[] | null;
  files_sha256: string;
  outcome: TestOutcome;
}

export type CassetteEntry = CassetteHeader | CassetteClock | CassetteExchange | CassetteTests;

/** Entries as JSONL text, one per line, ending in a newline. */
export function formatCassette(entries: readonly CassetteEntry[]): string {
  let out = "";
  for (const e of entries) out += JSON.stringify(e) + "\n";
  return out;
}

/**
 * Parse a cassette, checking each line's shape.
 * @throws DataFileError naming `source`, the line and the problem.
 */
export function parseCassette(text: string, source: string): { header: CassetteHeader; entries: CassetteEntry[] } {
  const entries: CassetteEntry[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, i) => {
    const at = `line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new DataFileError(source, `${at} is not JSON (${(e as Error).message})`);
    }
    const o = v as Record<string, unknown> | null;
    const bad = (what: string): never => {
      throw new DataFileError(source, `${at}: ${what}`);
    };
    if (typeof o !== "object" || o === null) bad("expected a JSON object");
    switch (o!["kind"]) {
      case "header":
        if (o!["format"] !== CASSETTE_FORMAT) bad(`not a cassette (format ${JSON.stringify(o!["format"])})`);
        if (o!["version"] !== CASSETTE_VERSION) bad(`cassette version ${String(o!["version"])}; this toolkit reads version ${CASSETTE_VERSION}`);
        for (const k of ["run", "backend", "model", "model_dir", "prompt_version", "clock"]) if (typeof o![k] !== "string") bad(`header.${k} must be a string`);
        break;
      case "clock":
        if (typeof o!["t"] !== "number") bad("clock.t must be a number");
        break;
      case "exchange": {
        if (typeof o!["seq"] !== "number" || typeof o!["round"] !== "number" || typeof o!["agent"] !== "string") bad("exchange needs seq, round and agent");
        const req = o!["request"] as { messages?: unknown } | null;
        if (typeof req !== "object" || req === null || !Array.isArray(req.messages)) bad("exchange.request.messages must be an array");
        if ((o!["reply"] === null) === (o!["error"] === null)) bad("an exchange has exactly one of reply and error");
        break;
      }
      case "tests":
        if (typeof o!["files_sha256"] !== "string" || typeof o!["outcome"] !== "object") bad("tests needs files_sha256 and outcome");
        break;
      default:
        bad(`unknown kind ${JSON.stringify(o!["kind"])}`);
    }
    entries.push(o as unknown as CassetteEntry);
  });
  const header = entries[0];
  if (header === undefined || header.kind !== "header") throw new DataFileError(source, "the first line must be the cassette header");
  return { header, entries };
}
