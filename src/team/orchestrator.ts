import { EVENT_SCHEMA_VERSION, type TeamEvent, type RunEndEvent } from "../events/types.js";
import type { AgentBackend, AgentReply, AgentRequest } from "../agent/types.js";
import { createRng, deriveSeed, type Rng } from "../core/rng.js";
import { error } from "../core/errors.js";
import { renderPrompt } from "./prompt.js";
import { resolveRunTeamOptions, validateTeamRunConfig, type ResolvedRunTeamOptions } from "./run-options.js";
import { agentView, createTeamState, preassignTasks, roundSnapshot, type TeamState } from "./team-state.js";
import { applyReplies, type Arrival, type PendingAction } from "./apply-action.js";
import { settleRound, type RoundSettlement } from "./settle-round.js";
import type { EndReason, RunTeamOptions, TeamRunConfig, TeamRunResult } from "./types.js";

export { ORCHESTRATOR, LEAD, workerNames } from "./team-state.js";

/** Refuse a reply a backend should never give (no text, bad token counts or latency): a backend error. */
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
 * One agent's request, under the round's signal and, when set, its own timeout (the request's
 * signal aborts when either fires). The reply is checked before it is used.
 */
async function askAgent(
  backend: AgentBackend,
  request: Omit<AgentRequest, "signal">,
  rng: Rng,
  roundSignal: AbortSignal,
  timeoutS: number | null,
): Promise<AgentReply> {
  if (timeoutS === null) {
    // No per-request timeout: every request of the round shares the round's signal.
    const reply = await backend.reply({ ...request, signal: roundSignal }, rng);
    checkReply(backend.name, reply);
    return reply;
  }
  const controller = new AbortController();
  const onRound = (): void => controller.abort();
  roundSignal.addEventListener("abort", onRound);
  const timer = setTimeout(() => controller.abort(), timeoutS * 1000);
  try {
    const reply = await backend.reply({ ...request, signal: controller.signal }, rng);
    checkReply(backend.name, reply);
    return reply;
  } finally {
    clearTimeout(timer);
    roundSignal.removeEventListener("abort", onRound);
  }
}

/**
 * Phase B with the real test runner: answer each test run `settleRound` asks for, timed on the
 * run's clock (virtual: `base + perTask * tasks tested`; wall: measured).
 */
async function settleWithRunner(state: TeamState, round: number, barrier: number, pending: readonly PendingAction[], opts: ResolvedRunTeamOptions): Promise<RoundSettlement> {
  const { testRunner, now } = opts;
  const { base, perTask } = opts.virtualTestSeconds;
  const virtual = opts.backend.clock === "virtual";
  const steps = settleRound(state, round, barrier, pending);
  let step = steps.next();
  while (step.done !== true) {
    const ids = step.value.taskIds;
    const started = virtual ? 0 : now();
    const outcome = await testRunner.run(state.workspace.contents(), state.suite, ids);
    const seconds = virtual ? base + perTask * ids.length : now() - started;
    step = steps.next({ outcome, seconds });
  }
  return step.value;
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
 *
 * This function is the shell: it resolves the options, fans the requests out to the backend, owns
 * cancellation, timeouts and the clock, and runs the tests. The rules of a round live elsewhere, as
 * synchronous, deterministic functions of an explicit team state that read no clock, backend or test
 * runner: `applyReplies` / `applyAction` (phase A) and `settleRound` (phase B).
 */
export async function runTeam(config: TeamRunConfig, options: RunTeamOptions): Promise<TeamRunResult> {
  validateTeamRunConfig(config);
  const opts = resolveRunTeamOptions(options);
  const { backend, signal } = opts;
  const { runId, maxRounds } = config;
  const virtual = backend.clock === "virtual";
  const state = createTeamState(config);
  const rngs = new Map(state.agents.map((a) => [a.name, createRng(deriveSeed(config.seed, "agent", a.name))]));
  const events: TeamEvent[] = [];
  const log = (more: readonly TeamEvent[]): void => {
    for (const e of more) events.push(e);
  };
  // Time (src/events/types.ts): every ts counts from the run's start; a wall clock's start goes in run_start.wall_start.
  const wallStart = virtual ? null : opts.now();
  const now = (): number => opts.now() - (wallStart ?? 0);
  const origin = 0;
  let t = origin;

  events.push({ type: "run_start", ts: t, run_dir: runId, schema_version: EVENT_SCHEMA_VERSION, clock: backend.clock, simulated: backend.simulated, wall_start: wallStart, unsafe_no_sandbox: opts.unsafeNoSandbox });
  events.push({ type: "initialize", ts: t, run_dir: runId, agents: state.agents.map((a) => a.name), num_teammates: state.workers.length });
  // Round 0 is set-up, before the first round.
  if (config.mode === "preassign") log(preassignTasks(state, t));

  const end = (round: number, reason: EndReason, detail?: string): TeamRunResult => {
    const ev: RunEndEvent = { type: "run_end", ts: t, run_dir: runId, round, success: reason === "all_tasks_done", reason };
    if (detail !== undefined) ev.detail = detail;
    events.push(ev);
    return { events, success: ev.success, endReason: reason, rounds: round, elapsedSeconds: t - origin, tasksDone: state.board.doneTasks };
  };

  for (let round = 1; round <= maxRounds; round++) {
    if (signal?.aborted) return end(round - 1, "error", "aborted");
    const roundStart = t;
    events.push({ type: "round_start", ts: t, run_dir: runId, round });

    // Every agent of the round acts on this one snapshot; all requests are in flight at once.
    const snapshot = roundSnapshot(state);
    const roundAbort = new AbortController();
    const onRunAbort = (): void => roundAbort.abort();
    signal?.addEventListener("abort", onRunAbort);
    let arrivals: Arrival[];
    try {
      arrivals = await Promise.all(
        state.agents.map(async (agent): Promise<Arrival> => {
          const view = agentView(state, agent, snapshot, round, maxRounds);
          const prompt = renderPrompt(view, opts.promptWindow);
          const request = { messages: prompt.messages, segments: prompt.segments, view };
          const reply = await askAgent(backend, request, rngs.get(agent.name)!, roundAbort.signal, opts.requestTimeoutSeconds);
          return { agent: agent.name, reply, latency: virtual ? reply.latencySeconds : now() - roundStart };
        }),
      );
    } catch (e) {
      roundAbort.abort();
      if (!virtual) t = now();
      return end(round, "error", signal?.aborted ? "aborted" : describeError(e));
    } finally {
      signal?.removeEventListener("abort", onRunAbort);
    }
    if (signal?.aborted) return end(round, "error", "aborted");

    // Phase A: replies in arrival order. Phase B: tests and completions after the barrier.
    const applied = applyReplies(state, round, roundStart, arrivals, opts.parseLimits);
    log(applied.events);
    const barrier = virtual ? roundStart + Math.max(0, ...arrivals.map((a) => a.latency)) : now();
    const settled = await settleWithRunner(state, round, barrier, applied.pending, opts);
    log(settled.events);
    t = virtual ? settled.roundEnd : now();

    if (state.board.allDone) return end(round, "all_tasks_done");
  }
  return end(maxRounds, "max_rounds");
}
