import type { TeamEvent, RunEndEvent } from "../events/types.js";
import type { TestOutcome } from "../tasks/types.js";
import type { AgentReply, AgentRequest, AgentView, HistoryEntry, InboxMessage, WorkspaceFileEntry } from "../agent/types.js";
import { createRng, deriveSeed, type Rng } from "../core/rng.js";
import { error } from "../core/errors.js";
import { assertNever } from "../core/errors.js";
import { type AgentAction } from "../agent/actions.js";
import { parseActions, excerpt } from "../agent/parse-actions.js";
import { renderPrompt } from "./prompt.js";
import { TaskBoard } from "./board.js";
import { Workspace } from "./workspace.js";
import { planPreassignment } from "../tasks/assignment.js";
import * as H from "../agent/history.js";
import { resolveRunTeamOptions, validateTeamRunConfig } from "./run-options.js";
import {
  type EndReason,
  type RunTeamOptions,
  type TeamRunConfig,
  type TeamRunResult,
} from "./types.js";

/** The agent name on up-front assignments in `preassign` mode. */
export const ORCHESTRATOR = "orchestrator";
/** The lead's name in `lead` mode. */
export const LEAD = "Lead";

/** Worker names `Dev1` ... `Devn`, as in the paper's logs. */
export function workerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `Dev${i + 1}`);
}

interface Participant {
  name: string;
  role: "worker" | "lead";
  /** Workers 0..n-1; the lead n (it sorts after the workers on ties). */
  order: number;
  rng: Rng;
  history: HistoryEntry[];
  inbox: InboxMessage[];
}

interface Arrival {
  p: Participant;
  reply: AgentReply;
  /** Seconds from the round's start to the reply. */
  latency: number;
}

interface Deferred {
  p: Participant;
  action: Extract<AgentAction, { type: "run_tests" | "complete" }>;
}

function checkReply(backend: string, reply: AgentReply): void {
  const bad = (what: string): never => {
    throw error("runTeam", `backend ${backend} returned ${what}`);
  };
  if (typeof reply.text !== "string") bad("a reply without text");
  for (const k of ["inputTokens", "outputTokens"] as const) {
    if (!Number.isInteger(reply[k]) || reply[k] < 0) bad(`${k} = ${String(reply[k])}; expected a non-negative integer`);
  }
  if (!Number.isFinite(reply.latencySeconds) || reply.latencySeconds < 0) {
    bad(`latencySeconds = ${String(reply.latencySeconds)}; expected a finite number >= 0`);
  }
}

/** A one-line, secret-free description of an error for `run_end.detail`. */
function describeError(e: unknown): string {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return msg.length > 300 ? msg.slice(0, 300) + "…" : msg;
}

/**
 * Run one team on one suite, round by round, and return its event log.
 *
 * Each round: `round_start`; every agent is sent a prompt rendered from the same snapshot (board,
 * workspace, plus its own history and inbox) and all requests are in flight at once; the round's
 * barrier is the slowest reply. Replies are then applied in arrival order (virtual clock: by latency,
 * ties by agent order, workers before the lead): `agent_reply`, then the reply's actions in the order
 * written (claims, assignments, writes with their `lock_attempt` + `edit_file`, messages). After the
 * barrier, test runs and completions are settled against the workspace as all of the round's writes
 * left it, agent by agent: each `complete` is backed by one `run_tests` of that task (the agent's own
 * `run_tests` of it this round, or one the runtime runs) and is accepted (`complete_task`) only when
 * the agent owns the task, its dependencies are done and its tests pass; otherwise the task stays
 * open with its owner. The round lasts until the barrier plus the longest test time of any agent.
 * The run ends when every task is done (`all_tasks_done`, success), after `maxRounds` rounds
 * (`max_rounds`, failure), or when the backend fails (`error`, failure).
 *
 * Deterministic for a deterministic backend: same config and seed, same events.
 */
export async function runTeam(config: TeamRunConfig, options: RunTeamOptions): Promise<TeamRunResult> {
  validateTeamRunConfig(config);
  const opts = resolveRunTeamOptions(options);
  const { backend, testRunner, now } = opts;
  const { suite, mode, runId, maxRounds } = config;
  const testSeconds = opts.virtualTestSeconds;
  const window = opts.promptWindow;
  const virtual = backend.clock === "virtual";
  const timeoutS = opts.requestTimeoutSeconds;

  const workers = workerNames(config.teammates);
  const lead = mode === "lead" ? LEAD : null;
  const participants: Participant[] = workers.map((name, i) => ({
    name,
    role: "worker" as const,
    order: i,
    rng: createRng(deriveSeed(config.seed, "agent", name)),
    history: [],
    inbox: [],
  }));
  if (lead !== null) {
    participants.push({ name: lead, role: "lead", order: workers.length, rng: createRng(deriveSeed(config.seed, "agent", lead)), history: [], inbox: [] });
  }
  const byName = new Map(participants.map((p) => [p.name, p]));
  const board = new TaskBoard(suite);
  const ws = new Workspace();
  const events: TeamEvent[] = [];
  const origin = virtual ? 0 : now();
  let t = origin;

  events.push({ type: "run_start", ts: t, run_dir: runId, clock: backend.clock, simulated: backend.simulated });
  events.push({ type: "initialize", ts: t, run_dir: runId, agents: participants.map((p) => p.name), num_teammates: workers.length });

  if (mode === "preassign") {
    // Round 0 is set-up, before the first round.
    for (const [agent, tasks] of planPreassignment(suite, workers)) {
      for (const task of tasks) {
        board.preassign(agent, task);
        events.push({ type: "assign_task", ts: t, run_dir: runId, round: 0, agent: ORCHESTRATOR, task, assignee: agent });
        byName.get(agent)!.history.push(H.assignedEntry({ round: 0, task, by: ORCHESTRATOR }));
      }
    }
  }

  const end = (round: number, reason: EndReason, detail?: string): TeamRunResult => {
    const ev: RunEndEvent = { type: "run_end", ts: t, run_dir: runId, round, success: reason === "all_tasks_done", reason };
    if (detail !== undefined) ev.detail = detail;
    events.push(ev);
    return { events, success: ev.success, endReason: reason, rounds: round, elapsedSeconds: t - origin, tasksDone: board.doneTasks };
  };

  for (let round = 1; round <= maxRounds; round++) {
    if (opts.signal?.aborted) return end(round - 1, "error", "aborted");
    const roundStart = t;
    events.push({ type: "round_start", ts: t, run_dir: runId, round });

    // The snapshot every agent of this round acts on.
    const boardView = board.snapshot();
    const files: WorkspaceFileEntry[] = ws.list().map((f) => ({ path: f.path, bytes: f.bytes, lastWriter: f.lastWriter, lastRound: f.lastRound }));
    const contents = ws.snapshot();

    const roundAbort = new AbortController();
    const onRunAbort = (): void => roundAbort.abort();
    opts.signal?.addEventListener("abort", onRunAbort);
    let arrivals: Arrival[];
    try {
      arrivals = await Promise.all(
        participants.map(async (p): Promise<Arrival> => {
          const view: AgentView = {
            runId,
            suite,
            mode,
            role: p.role,
            agent: p.name,
            agentIndex: p.role === "lead" ? -1 : p.order,
            workers,
            lead,
            round,
            maxRounds,
            board: boardView,
            files,
            contents,
            history: p.history.slice(),
            inbox: p.inbox.slice(),
          };
          const prompt = renderPrompt(view, window);
          if (timeoutS === null) {
            // No per-request timeout: every request of the round shares the round's signal.
            const request: AgentRequest = { messages: prompt.messages, segments: prompt.segments, view, signal: roundAbort.signal };
            const reply = await backend.reply(request, p.rng);
            checkReply(backend.name, reply);
            return { p, reply, latency: virtual ? reply.latencySeconds : now() - roundStart };
          }
          const controller = new AbortController();
          const onRound = (): void => controller.abort();
          roundAbort.signal.addEventListener("abort", onRound);
          const timer = setTimeout(() => controller.abort(), timeoutS * 1000);
          const request: AgentRequest = { messages: prompt.messages, segments: prompt.segments, view, signal: controller.signal };
          try {
            const reply = await backend.reply(request, p.rng);
            checkReply(backend.name, reply);
            return { p, reply, latency: virtual ? reply.latencySeconds : now() - roundStart };
          } finally {
            clearTimeout(timer);
            roundAbort.signal.removeEventListener("abort", onRound);
          }
        }),
      );
    } catch (e) {
      roundAbort.abort();
      if (!virtual) t = now();
      return end(round, "error", opts.signal?.aborted ? "aborted" : describeError(e));
    } finally {
      opts.signal?.removeEventListener("abort", onRunAbort);
    }
    if (opts.signal?.aborted) return end(round, "error", "aborted");

    // Phase A: replies in arrival order.
    arrivals.sort((a, b) => a.latency - b.latency || a.p.order - b.p.order);
    const deferred: Deferred[] = [];
    for (const { p, reply, latency } of arrivals) {
      const ts = roundStart + latency;
      events.push({
        type: "agent_reply",
        ts,
        run_dir: runId,
        round,
        agent: p.name,
        input_tokens: reply.inputTokens,
        output_tokens: reply.outputTokens,
        latency_s: latency,
      });
      const reject = (reason: string, detail: string): void => {
        events.push({ type: "action_rejected", ts, run_dir: runId, round, agent: p.name, reason, detail });
        p.history.push(H.rejectedEntry({ round, reason, detail }));
      };
      const parsed = parseActions(reply.text, opts.parseLimits);
      for (const d of parsed.diagnostics) reject(d.reason, d.detail);
      for (const action of parsed.actions) {
        switch (action.type) {
          case "claim": {
            if (mode !== "decentralized" || p.role !== "worker") {
              reject("claim_not_allowed", `${mode} mode: tasks are assigned, not claimed (claim of ${excerpt(action.task, 60)})`);
              break;
            }
            const r = board.take(p.name, action.task, round);
            if (r.ok === true) {
              events.push({ type: "claim_task", ts, run_dir: runId, round, agent: p.name, task: action.task });
              p.history.push(H.claimEntry({ round, task: action.task, ok: true, reason: null, owner: p.name }));
            } else if (r.reason === "already_yours") {
              reject("already_yours", `${action.task} is already yours`);
            } else {
              events.push({ type: "claim_blocked", ts, run_dir: runId, round, agent: p.name, task: action.task, reason: r.reason });
              p.history.push(H.claimEntry({ round, task: action.task, ok: false, reason: r.reason, owner: r.owner }));
            }
            break;
          }
          case "assign": {
            if (p.role !== "lead") {
              reject("assign_not_allowed", `only the lead assigns tasks (assign of ${excerpt(action.task, 60)})`);
              break;
            }
            const to = byName.get(action.to);
            if (!to || to.role !== "worker") {
              reject("unknown_recipient", `no teammate named "${excerpt(action.to, 40)}"; teammates: ${workers.join(", ")}`);
              break;
            }
            const r = board.take(to.name, action.task, round);
            if (r.ok === true) {
              events.push({ type: "assign_task", ts, run_dir: runId, round, agent: p.name, task: action.task, assignee: to.name });
              p.history.push(H.assignEntry({ round, task: action.task, to: to.name, ok: true, reason: null }));
              to.history.push(H.assignedEntry({ round, task: action.task, by: p.name }));
            } else if (r.reason === "already_yours") {
              reject("already_assigned", `${action.task} is already ${to.name}'s`);
            } else {
              // A refused assignment is a claim made on the assignee's behalf: logged as the lead's blocked claim.
              events.push({ type: "claim_blocked", ts, run_dir: runId, round, agent: p.name, task: action.task, reason: r.reason });
              p.history.push(H.assignEntry({ round, task: action.task, to: to.name, ok: false, reason: r.reason }));
            }
            break;
          }
          case "write": {
            const w = ws.write(action.path, action.content, p.name, round);
            if (w.ok === false) {
              reject(w.reason, w.detail);
              break;
            }
            events.push({ type: "lock_attempt", ts, run_dir: runId, round, agent: p.name, path: action.path, ok: w.lockOk });
            events.push({ type: "edit_file", ts, run_dir: runId, round, agent: p.name, path: action.path, bytes: w.bytes });
            p.history.push(H.writeEntry({ round, path: action.path, bytes: w.bytes, lockOk: w.lockOk, lockHolder: w.lockHolder }));
            break;
          }
          case "message": {
            const to = byName.get(action.to);
            if (!to || to === p) {
              reject("unknown_recipient", `no teammate named "${excerpt(action.to, 40)}"; teammates: ${participants.filter((x) => x !== p).map((x) => x.name).join(", ")}`);
              break;
            }
            events.push({ type: "broadcast", ts, run_dir: runId, round, agent: p.name, to: [to.name], chars: action.text.length });
            to.inbox.push({ round, from: p.name, text: action.text, broadcast: false });
            p.history.push(H.sentEntry({ round, to: [to.name], body: action.text }));
            break;
          }
          case "broadcast": {
            const to = participants.filter((x) => x !== p);
            events.push({ type: "broadcast", ts, run_dir: runId, round, agent: p.name, to: to.map((x) => x.name), chars: action.text.length });
            for (const x of to) x.inbox.push({ round, from: p.name, text: action.text, broadcast: true });
            p.history.push(H.sentEntry({ round, to: to.map((x) => x.name), body: action.text }));
            break;
          }
          case "run_tests":
          case "complete":
            deferred.push({ p, action });
            break;
          default:
            assertNever(action, "runTeam");
        }
      }
    }

    // Phase B: tests and completions against the workspace after all of this round's writes.
    const barrier = virtual ? roundStart + Math.max(0, ...arrivals.map((a) => a.latency)) : now();
    const settled: TeamEvent[] = [];
    let roundEnd = barrier;
    for (const p of participants) {
      const mine = deferred.filter((d) => d.p === p);
      if (mine.length === 0) continue;
      let tp = barrier;
      const outcomes = new Map<string, TestOutcome>();
      const test = async (ids: readonly string[], label: string | null): Promise<TestOutcome> => {
        const key = ids.join("\u0000");
        const known = outcomes.get(key);
        if (known) return known;
        const started = virtual ? 0 : now();
        const outcome = await testRunner.run(ws.contents(), suite, ids);
        const seconds = virtual ? testSeconds.base + testSeconds.perTask * ids.length : now() - started;
        tp += seconds;
        outcomes.set(key, outcome);
        settled.push({
          type: "run_tests",
          ts: tp,
          run_dir: runId,
          round,
          agent: p.name,
          returncode: outcome.returncode,
          seconds,
          passed: outcome.passed,
          failed: outcome.failed,
        });
        p.history.push(H.testsEntry({ round, task: label, returncode: outcome.returncode, passed: outcome.passed, failed: outcome.failed, failures: outcome.failures }));
        return outcome;
      };
      const refuse = (reason: string, detail: string): void => {
        settled.push({ type: "action_rejected", ts: tp, run_dir: runId, round, agent: p.name, reason, detail });
      };
      for (const { action } of mine) {
        if (action.type === "run_tests") {
          if (action.task !== null) {
            if (!board.has(action.task)) {
              const detail = `no task ${excerpt(action.task, 60)} in ${suite.id}`;
              refuse("unknown_task", detail);
              p.history.push(H.rejectedEntry({ round, reason: "unknown_task", detail }));
              continue;
            }
            await test([action.task], action.task);
          } else {
            const open = board.ownedOpen(p.name);
            await test(open.length ? open : suite.tasks.map((x) => x.id), null);
          }
          continue;
        }
        const refusal = board.checkComplete(p.name, action.task);
        if (refusal !== null) {
          const detail =
            refusal === "not_owner"
              ? `${action.task} is ${board.ownerOf(action.task) === null ? "not claimed" : `owned by ${board.ownerOf(action.task)!}`}`
              : refusal === "unknown_task"
                ? `no task ${excerpt(action.task, 60)} in ${suite.id}`
                : `${action.task}: ${refusal}`;
          refuse(refusal, detail);
          p.history.push(H.completeEntry({ round, task: action.task, ok: false, reason: refusal }));
          continue;
        }
        const outcome = await test([action.task], action.task);
        if (outcome.returncode === 0) {
          board.markDone(action.task, round);
          settled.push({ type: "complete_task", ts: tp, run_dir: runId, round, agent: p.name, task: action.task });
          p.history.push(H.completeEntry({ round, task: action.task, ok: true, reason: null }));
        } else {
          p.history.push(H.completeEntry({ round, task: action.task, ok: false, reason: "tests failed" }));
        }
      }
      if (tp > roundEnd) roundEnd = tp;
    }
    // Log order is time order: stable sort keeps each agent's own order on equal timestamps.
    settled.sort((a, b) => a.ts - b.ts);
    for (const e of settled) events.push(e);
    t = virtual ? roundEnd : now();

    if (board.allDone) return end(round, "all_tasks_done");
  }
  return end(maxRounds, "max_rounds");
}
