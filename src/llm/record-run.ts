import { createHash } from "node:crypto";
import type { TestRunner } from "../tasks/runner.js";
import type { AgentBackend, AgentRequest, ChatMessage } from "../agent/types.js";
import type { Rng } from "../core/rng.js";
import { asRecordable, type AttemptRecord } from "./request-record.js";
import { redactSecrets } from "./secrets.js";
import {
  CASSETTE_FORMAT,
  CASSETTE_VERSION,
  formatCassette,
  type CassetteEntry,
  type CassetteError,
  type CassetteRequest,
} from "./cassette.js";

/** SHA-256 of a workspace (paths sorted, each path and content length-prefixed), to match test runs on replay. */
export function hashWorkspace(files: ReadonlyMap<string, string>): string {
  const h = createHash("sha256").update("workspace-v1");
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    h.update(`\0${path.length}:${path}\0${content.length}:`).update(content);
  }
  return h.digest("hex");
}

/** The request as a cassette stores it: the model and the messages, nothing else (no headers, no key). */
export function cassetteRequest(model: string, messages: readonly ChatMessage[]): CassetteRequest {
  return { model, messages: messages.map((m) => ({ role: m.role, content: m.content })) };
}

export interface RecordRunOptions {
  runId: string;
  backend: AgentBackend;
  /** The model name sent in requests. @default backend.profile */
  model?: string;
  testRunner: TestRunner;
  /** The orchestrator's wall clock (Unix seconds) to record. */
  now: () => number;
  promptVersion: string;
  /**
   * Removed from every text the cassette holds (the API key), whole or in 8-character fragments, before
   * the hash chain is computed; only secrets `isRedactableSecret` accepts (long and specific enough).
   */
  secrets?: readonly string[];
}

/** A run being recorded: pass `backend`, `testRunner` and `now` to `runTeam`, then take `cassette()`. */
export interface RunRecorder {
  backend: AgentBackend;
  testRunner: TestRunner;
  now: () => number;
  /** Replies whose usage was estimated with the tokenizer (the endpoint reported none). */
  usageEstimatedReplies(): number;
  /** The cassette so far, as JSONL, with secrets removed. */
  cassette(): string;
}

/**
 * Record one run: every clock reading of the orchestrator, every request with its reply or error (in
 * completion order), and every test run with its outcome. `createReplaySession` plays it back.
 */
export function recordRun(options: RecordRunOptions): RunRecorder {
  const { backend, testRunner } = options;
  const model = options.model ?? backend.profile;
  const entries: CassetteEntry[] = [
    {
      kind: "header",
      format: CASSETTE_FORMAT,
      version: CASSETTE_VERSION,
      run: options.runId,
      backend: backend.name,
      model,
      model_dir: backend.modelDir,
      prompt_version: options.promptVersion,
      clock: backend.clock,
    },
  ];
  let seq = 0;
  let estimated = 0;
  const recordingBackend: AgentBackend = {
    name: backend.name,
    modelDir: backend.modelDir,
    profile: backend.profile,
    simulated: backend.simulated,
    clock: backend.clock,
    async reply(request: AgentRequest, rng: Rng) {
      const req = cassetteRequest(model, request.messages);
      const base = { kind: "exchange" as const, round: request.view.round, agent: request.view.agent, request: req };
      try {
        const reply = await backend.reply(request, rng);
        const r = asRecordable(reply);
        if (r.usageEstimated) estimated++;
        entries.push({
          ...base,
          seq: seq++,
          reply: { text: r.text, input_tokens: r.inputTokens, output_tokens: r.outputTokens, latency_s: r.latencySeconds, usage_estimated: r.usageEstimated },
          error: null,
          attempts: r.attempts,
        });
        return reply;
      } catch (e) {
        const err = e as Partial<{ name: string; message: string; status: number | null; retryable: boolean; fatal: boolean; attempts: AttemptRecord[] }>;
        const recorded: CassetteError = {
          name: typeof err.name === "string" ? err.name : "Error",
          message: typeof err.message === "string" ? err.message : String(e),
          status: typeof err.status === "number" ? err.status : null,
          retryable: err.retryable === true,
          fatal: err.fatal === true,
          aborted: request.signal.aborted,
        };
        entries.push({ ...base, seq: seq++, reply: null, error: recorded, attempts: Array.isArray(err.attempts) ? err.attempts : [] });
        throw e;
      }
    },
  };
  const recordingRunner: TestRunner = {
    async run(files, suite, taskIds) {
      const outcome = await testRunner.run(files, suite, taskIds);
      entries.push({ kind: "tests", task_ids: taskIds === undefined ? null : [...taskIds], files_sha256: hashWorkspace(files), outcome: { ...outcome, failures: [...outcome.failures] } });
      return outcome;
    },
  };
  const now = (): number => {
    const t = options.now();
    entries.push({ kind: "clock", t });
    return t;
  };
  const secrets = options.secrets ?? [];
  return {
    backend: recordingBackend,
    testRunner: recordingRunner,
    now,
    usageEstimatedReplies: () => estimated,
    cassette: () => formatCassette(entries, secrets.length === 0 ? null : (text) => redactSecrets(text, secrets, { patterns: false })),
  };
}
