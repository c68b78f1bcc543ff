import { createHash } from "node:crypto";
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
 * - `end`: the last line: how many lines came before it.
 *
 * Hash chain (version 2): every line carries `chain`, the SHA-256 (hex) of the previous line's
 * `chain` and the line's own content (`canonicalJson` of it without `chain`); the header's
 * "previous" is `CHAIN_SEED`. So an edited line (a reply, a usage, a clock reading), a dropped,
 * added or moved line, and a cut-off end are refused by `parseCassette`, naming the first line whose
 * chain breaks. The chain is tamper-evidence against edits by hand or by other tools, not a
 * signature: whoever edits a line and recomputes every later hash is not detected.
 *
 * Version 1 cassettes (no chain, no end line) are still read; `parseCassette` says `chained: false`
 * and the replay warns once that edits to them cannot be detected.
 */
export const CASSETTE_FORMAT = "llm-teams-ds/cassette";
export const CASSETTE_VERSION = 2;
/** The oldest version still read (without a hash chain). */
export const CASSETTE_OLDEST_VERSION = 1;
/** What the header's chain hash starts from. */
export const CHAIN_SEED = "llm-teams-ds/cassette/v2";

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

/** The last line of a version-2 cassette. */
export interface CassetteEnd {
  kind: "end";
  /** Lines before this one (header included). */
  lines: number;
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "null" : canonicalJson(x))).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The chain hash of a line: SHA-256 of the previous hash, a newline and the line's canonical JSON. */
export function chainHash(previous: string, entry: object): string {
  return createHash("sha256").update(previous).update("\n").update(canonicalJson(entry)).digest("hex");
}

/** `v` with `f` applied to every string in it (object keys excepted). */
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === "string") return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/**
 * Entries as a version-2 cassette: JSONL, one entry per line, each with its `chain` hash, then the
 * `end` line. `redact` rewrites every string of every entry before it is hashed (the recorder removes
 * secrets there, so the chain covers what is stored).
 */
export function formatCassette(entries: readonly CassetteEntry[], redact: ((text: string) => string) | null = null): string {
  let out = "";
  let chain = CHAIN_SEED;
  const put = (entry: object): void => {
    const stored = (redact === null ? entry : mapStrings(entry, redact)) as object;
    chain = chainHash(chain, stored);
    out += JSON.stringify({ ...stored, chain }) + "\n";
  };
  for (const e of entries) put(e);
  put({ kind: "end", lines: entries.length } satisfies CassetteEnd);
  return out;
}

/** A line's place, for messages: `line 7 (exchange seq 3, round 2, Dev1)`. */
function describeLine(i: number, o: Record<string, unknown>): string {
  const kind = o["kind"];
  if (kind === "exchange") return `line ${i + 1} (exchange seq ${String(o["seq"])}, round ${String(o["round"])}, ${String(o["agent"])})`;
  return `line ${i + 1} (${typeof kind === "string" ? kind : "?"})`;
}

/**
 * Parse a cassette, checking each line's shape and, for version 2, the hash chain and the end line.
 * `chained` is false for a version-1 cassette (read without a chain).
 * @throws DataFileError naming `source`, the line and the problem.
 */
export function parseCassette(text: string, source: string): { header: CassetteHeader; entries: CassetteEntry[]; chained: boolean } {
  const entries: CassetteEntry[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let chained = true;
  let chain = CHAIN_SEED;
  let ended = false;
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
    if (typeof o !== "object" || o === null || Array.isArray(o)) bad("expected a JSON object");
    if (i === 0) {
      if (o!["kind"] !== "header") throw new DataFileError(source, "the first line must be the cassette header");
      if (o!["format"] !== CASSETTE_FORMAT) bad(`not a cassette (format ${JSON.stringify(o!["format"])})`);
      if (o!["version"] !== CASSETTE_VERSION && o!["version"] !== CASSETTE_OLDEST_VERSION) {
        bad(`cassette version ${String(o!["version"])}; this toolkit reads versions ${CASSETTE_OLDEST_VERSION} to ${CASSETTE_VERSION}`);
      }
      chained = o!["version"] === CASSETTE_VERSION;
    }
    if (ended) throw new DataFileError(source, `${describeLine(i, o!)}: a line after the end line (lines were appended)`);
    if (chained) {
      const { chain: stored, ...content } = o!;
      const want = chainHash(chain, content);
      if (stored !== want) {
        throw new DataFileError(
          source,
          `${describeLine(i, o!)}: the hash chain breaks here (${typeof stored === "string" ? "stored" : "no"} chain hash): this line was edited, or a line before it was dropped, added or moved; the cassette cannot be trusted`,
        );
      }
      chain = want;
      delete o!["chain"];
    }
    switch (o!["kind"]) {
      case "header":
        if (i !== 0) bad("a second header");
        for (const k of ["run", "backend", "model", "model_dir", "prompt_version", "clock"]) if (typeof o![k] !== "string") bad(`header.${k} must be a string`);
        break;
      case "end":
        if (!chained) bad("an end line in a version-1 cassette");
        if (o!["lines"] !== i) throw new DataFileError(source, `${describeLine(i, o!)}: the end line counts ${String(o!["lines"])} lines before it, the file has ${i}`);
        ended = true;
        return;
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
  if (chained && !ended) throw new DataFileError(source, `no end line after line ${lines.length}: the cassette was cut short (its last lines dropped)`);
  return { header, entries, chained };
}
