import { ToolkitError } from "../core/errors.js";
import type { TestRunner } from "../tasks/runner.js";
import type { TestOutcome } from "../tasks/types.js";
import type { AgentBackend, AgentRequest, ChatMessage } from "../agent/types.js";
import type { RecordableReply } from "./request-record.js";
import { abortError } from "../core/clock.js";
import { parseCassette, type CassetteClock, type CassetteError, type CassetteExchange, type CassetteHeader, type CassetteTests } from "./cassette.js";
import { cassetteRequest, hashWorkspace } from "./record-run.js";

/** A replay that does not match its recording: the message names the run, the turn and what differs. */
export class ReplayMismatchError extends ToolkitError {
  override name = "ReplayMismatchError";
}

let warnedUnchained = false;
/** The default warning for version-1 cassettes: once per process (a replay sweep reads hundreds). */
function warnUnchainedOnce(message: string): void {
  if (warnedUnchained) return;
  warnedUnchained = true;
  process.emitWarning(`${message}; further version-1 cassettes are not reported`, { code: "LLM_TEAMS_UNCHAINED_CASSETTE" });
}

/** A recorded error, thrown again on replay with the same name and message. */
class ReplayedError extends Error {
  readonly status: number | null;
  readonly retryable: boolean;
  readonly fatal: boolean;
  constructor(rec: CassetteError) {
    super(rec.message);
    this.name = rec.name;
    this.status = rec.status;
    this.retryable = rec.retryable;
    this.fatal = rec.fatal;
  }
}

export interface ReplaySession {
  header: CassetteHeader;
  /** Answers from the recording, in the recorded order (see `createReplaySession`). */
  backend: AgentBackend;
  /** Recorded test outcomes, checked against the task ids and workspace they ran on. */
  testRunner: TestRunner;
  /** The recorded clock readings, in order. */
  now: () => number;
  usageEstimatedReplies(): number;
  /** The recorded fatal error, once it has been replayed (the sweep stops as the recorded one did). */
  fatalError(): Error | null;
  /** @throws ReplayMismatchError if the run diverged or did not use the whole recording. */
  finish(): void;
}

function describeDifference(recorded: readonly ChatMessage[], now: readonly ChatMessage[]): string {
  if (recorded.length !== now.length) return `${now.length} messages instead of the recorded ${recorded.length}`;
  for (let i = 0; i < now.length; i++) {
    const a = recorded[i]!;
    const b = now[i]!;
    if (a.role !== b.role) return `messages[${i}].role is ${b.role}, recorded ${a.role}`;
    if (a.content !== b.content) {
      let k = 0;
      while (k < a.content.length && k < b.content.length && a.content[k] === b.content[k]) k++;
      const near = (s: string): string => JSON.stringify(s.slice(Math.max(0, k - 30), k + 30));
      return `messages[${i}].content differs at character ${k}: recorded ${near(a.content)}, now ${near(b.content)}`;
    }
  }
  return "";
}

/**
 * Play back a cassette (`recordRun`) for one run: the backend answers each request with the recorded
 * reply (text, usage, latency) or throws the recorded error, after checking that the request is the
 * recorded one; `now` returns the recorded clock readings; `testRunner` returns the recorded outcomes.
 * Offline and instant.
 *
 * Order: a round's requests are all made at once, and the orchestrator reads the clock as each reply
 * arrives, so replies are released one at a time in the recorded completion order, each after a
 * macrotask turn (the orchestrator's handling of a reply takes only microtasks). With the recorded
 * readings that makes every `ts`, latency and arrival order the recorded ones: the event log comes out
 * byte for byte as recorded. Requests cut short in the recording (their round failed) are not
 * answered; they end when the orchestrator aborts them, as they did.
 *
 * A version-2 cassette whose hash chain breaks (an edited, dropped, added or moved line) is refused
 * before anything is replayed; a version-1 cassette (no chain) is replayed after a warning
 * (`onWarning`, by default `process.emitWarning` once per process).
 *
 * @throws DataFileError for a malformed or tampered cassette, naming the line.
 */
export function createReplaySession(
  text: string,
  source: string,
  options: { backendName?: string; onWarning?: (message: string) => void } = {},
): ReplaySession {
  const { header, entries, chained } = parseCassette(text, source);
  if (!chained) {
    const say = options.onWarning ?? warnUnchainedOnce;
    say(`${source} is a version-1 cassette, without a hash chain: edits to it cannot be detected (re-record to get version 2)`);
  }
  const run = header.run;
  const clocks = entries.filter((e): e is CassetteClock => e.kind === "clock").map((e) => e.t);
  const exchanges = entries.filter((e): e is CassetteExchange => e.kind === "exchange").sort((a, b) => a.seq - b.seq);
  const tests = entries.filter((e): e is CassetteTests => e.kind === "tests");
  const release = exchanges.filter((e) => !(e.error?.aborted ?? false));
  // Rounds that failed: their other requests were cut short, and may have ended after the recording did.
  const failedRounds = new Set(exchanges.filter((e) => e.error !== null && !e.error.aborted).map((e) => e.round));
  const byTurn = new Map<string, CassetteExchange[]>();
  for (const e of exchanges) {
    const key = `${e.round}|${e.agent}`;
    const list = byTurn.get(key) ?? [];
    list.push(e);
    byTurn.set(key, list);
  }
  let clockAt = 0;
  let testAt = 0;
  let cursor = 0;
  let estimated = 0;
  let stopped = false;
  let mismatch: ReplayMismatchError | null = null;
  let fatal: Error | null = null;
  const waiting = new Map<number, { go: () => void; fail: (e: Error) => void }>();
  let pumpQueued = false;

  const diverged = (message: string): ReplayMismatchError => {
    const e = new ReplayMismatchError(`replay of run ${run} (${source}): ${message}`);
    mismatch ??= e;
    return e;
  };

  const pump = (): void => {
    pumpQueued = false;
    if (stopped || waiting.size === 0) return;
    const next = release[cursor];
    const w = next === undefined ? undefined : waiting.get(next.seq);
    if (next === undefined || w === undefined) {
      const e = diverged(
        next === undefined
          ? "the run made more requests than were recorded"
          : `round ${next.round}: the recording has ${next.agent}'s reply next, but ${next.agent} made no request`,
      );
      for (const x of waiting.values()) x.fail(e);
      waiting.clear();
      return;
    }
    waiting.delete(next.seq);
    cursor++;
    w.go();
    schedule();
  };
  const schedule = (): void => {
    if (!pumpQueued && waiting.size > 0) {
      pumpQueued = true;
      setImmediate(pump);
    }
  };

  /** A request that was in flight when its round failed: it ends when the orchestrator aborts it. */
  const cutShort = (request: AgentRequest): Promise<RecordableReply> =>
    new Promise((_, reject) => {
      const onAbort = (): void => {
        stopped = true;
        reject(abortError(request.signal));
      };
      if (request.signal.aborted) onAbort();
      else request.signal.addEventListener("abort", onAbort, { once: true });
    });

  const backend: AgentBackend = {
    name: options.backendName ?? "replay",
    modelDir: header.model_dir,
    profile: header.model_dir.replace(/^[^_]*_/, ""),
    simulated: false,
    clock: header.clock,
    reply(request: AgentRequest): Promise<RecordableReply> {
      const { round, agent } = request.view;
      const turn = `round ${round}, agent ${agent}`;
      const ex = byTurn.get(`${round}|${agent}`)?.shift();
      if (ex === undefined) {
        if (failedRounds.has(round)) return cutShort(request);
        return Promise.reject(diverged(`${turn}: no recorded request`));
      }
      const now = cassetteRequest(header.model, request.messages);
      const diff = describeDifference(ex.request.messages, now.messages);
      if (diff !== "" || ex.request.model !== now.model) {
        return Promise.reject(diverged(`${turn}: the request differs from the recorded one: ${diff || `model ${now.model}, recorded ${ex.request.model}`}`));
      }
      return new Promise<RecordableReply>((resolve, reject) => {
        const onAbort = (): void => {
          waiting.delete(ex.seq);
          stopped = true;
          reject(abortError(request.signal));
        };
        if (request.signal.aborted) return onAbort();
        request.signal.addEventListener("abort", onAbort, { once: true });
        if (ex.error?.aborted) return; // cut short in the recording too: ends by the abort
        waiting.set(ex.seq, {
          go: () => {
            request.signal.removeEventListener("abort", onAbort);
            if (ex.reply !== null) {
              if (ex.reply.usage_estimated) estimated++;
              resolve({
                text: ex.reply.text,
                inputTokens: ex.reply.input_tokens,
                outputTokens: ex.reply.output_tokens,
                latencySeconds: ex.reply.latency_s,
                usageEstimated: ex.reply.usage_estimated,
                attempts: ex.attempts,
              });
            } else {
              const e = new ReplayedError(ex.error!);
              if (e.fatal) fatal ??= e;
              reject(e);
            }
          },
          fail: (e) => {
            request.signal.removeEventListener("abort", onAbort);
            reject(e);
          },
        });
        schedule();
      });
    },
  };

  const testRunner: TestRunner = {
    async run(files, suite, taskIds): Promise<TestOutcome> {
      const rec = tests[testAt];
      const ids = taskIds === undefined ? null : [...taskIds];
      const what = `test run ${testAt + 1} (tasks ${ids === null ? "all" : ids.join(", ")} of ${suite.id})`;
      if (rec === undefined) throw diverged(`${what} was not recorded`);
      if (JSON.stringify(rec.task_ids) !== JSON.stringify(ids)) throw diverged(`${what}: recorded tasks ${rec.task_ids === null ? "all" : rec.task_ids.join(", ")}`);
      if (rec.files_sha256 !== hashWorkspace(files)) throw diverged(`${what}: the workspace differs from the recorded one`);
      testAt++;
      return { ...rec.outcome, failures: [...rec.outcome.failures] };
    },
  };

  return {
    header,
    backend,
    testRunner,
    now(): number {
      const t = clocks[clockAt];
      if (t === undefined) throw diverged(`the run read the clock more often than the ${clocks.length} recorded readings`);
      clockAt++;
      return t;
    },
    usageEstimatedReplies: () => estimated,
    fatalError: () => fatal,
    finish(): void {
      if (mismatch) throw mismatch;
      const left: string[] = [];
      if (clockAt < clocks.length) left.push(`${clocks.length - clockAt} clock readings`);
      if (!stopped && cursor < release.length) left.push(`${release.length - cursor} replies (next: round ${release[cursor]!.round}, ${release[cursor]!.agent})`);
      if (testAt < tests.length) left.push(`${tests.length - testAt} test runs`);
      if (left.length > 0) throw diverged(`the run ended with ${left.join(", ")} of the recording unused`);
    },
  };
}
