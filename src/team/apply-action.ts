/**
 * The round rules of phase A: a round's replies applied to the team state one action at a time.
 *
 * The state is a mutable `TeamState` passed explicitly, and each function returns the events to log.
 * Why not a value returned new per action: the board and workspace are classes that keep their own
 * invariants (per-round locks, the version log, claim order within a round), which the rules rely
 * on, and whose outcome depends on the order actions are applied in (the earlier reply wins a tie,
 * the first writer of a path holds its lock). Copying them per action would add cost without making
 * that order any more explicit than the one call sequence below does. The functions are still what
 * the tests need: synchronous and deterministic, and they read no clock, backend, test runner or
 * random source; the same state and action always give the same events and the same change.
 */
import type { TeamEvent } from "../events/types.js";
import type { AgentReply } from "../agent/types.js";
import type { AgentAction, CompleteAction, RunTestsAction } from "../agent/actions.js";
import { parseActions, excerpt, type ParseLimits } from "../agent/parse-actions.js";
import * as H from "../agent/history.js";
import { assertNever } from "../core/errors.js";
import { agentNamed, type TeamState } from "./team-state.js";

/** Where an action lands: its round, its agent, and the timestamp every event of the reply carries. */
export interface ActionContext {
  round: number;
  agent: string;
  /** The reply's arrival on the run's clock (the round's start plus the reply's latency). */
  ts: number;
}

/** The actions settled after the round's barrier, against the workspace as all writes left it. */
export type DeferredAction = RunTestsAction | CompleteAction;

/** A deferred action and the agent that took it, in the order they were taken. */
export interface PendingAction {
  agent: string;
  action: DeferredAction;
}

/** What one action did: the events to log, in order, and the action itself if it waits for settlement. */
export interface ActionEffect {
  events: TeamEvent[];
  /** `run_tests` and `complete` are not applied now but settled by `settleRound`; null for the rest. */
  deferred: DeferredAction | null;
}

/** One reply as it arrived: from whom, what it said, and its latency on the run's clock. */
export interface Arrival {
  agent: string;
  reply: AgentReply;
  /** Seconds from the round's start to the reply. */
  latency: number;
}

/** Phase A's events and the actions left for `settleRound`. */
export interface RepliesEffect {
  events: TeamEvent[];
  pending: PendingAction[];
}

/** An `action_rejected` event, also told to the agent through its history. */
function reject(state: TeamState, at: ActionContext, reason: string, detail: string): TeamEvent {
  agentNamed(state, at.agent, "applyAction").history.push(H.rejectedEntry({ round: at.round, reason, detail }));
  return { type: "action_rejected", ts: at.ts, run_dir: state.runId, round: at.round, agent: at.agent, reason, detail };
}

/**
 * Apply one action of `at.agent`'s reply. The rules, by action:
 * - `claim`: only workers in `decentralized` mode claim (else `claim_not_allowed`). The board decides
 *   (see `TaskBoard.take`): `claim_task`, or `claim_blocked` with reason `unknown_task`,
 *   `already_done`, `lost_tie` (taken earlier this round), `already_claimed` (taken in an earlier
 *   round) or `dependencies_pending`; a claim of the agent's own task is `already_yours` (rejected,
 *   not a blocked claim).
 * - `assign`: only the lead assigns (`assign_not_allowed`), only to a worker (`unknown_recipient`).
 *   It is a claim on the assignee's behalf under the same board rules: `assign_task`, or a
 *   `claim_blocked` logged as the lead's; assigning the assignee's own task is `already_assigned`.
 * - `write`: the workspace refuses bad paths and path conflicts (rejected, nothing written);
 *   otherwise a `lock_attempt` (ok when the agent holds or takes the path's lock for this round) and
 *   an `edit_file`. A second writer of a path in one round is refused the lock but still writes.
 * - `message`: to one other agent (`unknown_recipient` for anyone else, the sender included);
 *   logged as a `broadcast` event with one recipient, delivered to its inbox (shown next round).
 * - `broadcast`: to every other agent.
 * - `run_tests`, `complete`: deferred to `settleRound`; no events now.
 */
export function applyAction(state: TeamState, at: ActionContext, action: AgentAction): ActionEffect {
  const { round, ts, agent } = at;
  const run_dir = state.runId;
  const me = agentNamed(state, agent, "applyAction");
  const events: TeamEvent[] = [];
  switch (action.type) {
    case "claim": {
      if (state.mode !== "decentralized" || me.role !== "worker") {
        events.push(reject(state, at, "claim_not_allowed", `${state.mode} mode: tasks are assigned, not claimed (claim of ${excerpt(action.task, 60)})`));
        break;
      }
      const r = state.board.take(agent, action.task, round);
      if (r.ok === true) {
        events.push({ type: "claim_task", ts, run_dir, round, agent, task: action.task });
        me.history.push(H.claimEntry({ round, task: action.task, ok: true, reason: null, owner: agent }));
      } else if (r.reason === "already_yours") {
        events.push(reject(state, at, "already_yours", `${action.task} is already yours`));
      } else {
        events.push({ type: "claim_blocked", ts, run_dir, round, agent, task: action.task, reason: r.reason });
        me.history.push(H.claimEntry({ round, task: action.task, ok: false, reason: r.reason, owner: r.owner }));
      }
      break;
    }
    case "assign": {
      if (me.role !== "lead") {
        events.push(reject(state, at, "assign_not_allowed", `only the lead assigns tasks (assign of ${excerpt(action.task, 60)})`));
        break;
      }
      const to = state.byName.get(action.to);
      if (!to || to.role !== "worker") {
        events.push(reject(state, at, "unknown_recipient", `no teammate named "${excerpt(action.to, 40)}"; teammates: ${state.workers.join(", ")}`));
        break;
      }
      const r = state.board.take(to.name, action.task, round);
      if (r.ok === true) {
        events.push({ type: "assign_task", ts, run_dir, round, agent, task: action.task, assignee: to.name });
        me.history.push(H.assignEntry({ round, task: action.task, to: to.name, ok: true, reason: null }));
        to.history.push(H.assignedEntry({ round, task: action.task, by: agent }));
      } else if (r.reason === "already_yours") {
        events.push(reject(state, at, "already_assigned", `${action.task} is already ${to.name}'s`));
      } else {
        // A refused assignment is a claim made on the assignee's behalf: logged as the lead's blocked claim.
        events.push({ type: "claim_blocked", ts, run_dir, round, agent, task: action.task, reason: r.reason });
        me.history.push(H.assignEntry({ round, task: action.task, to: to.name, ok: false, reason: r.reason }));
      }
      break;
    }
    case "write": {
      const w = state.workspace.write(action.path, action.content, agent, round);
      if (w.ok === false) {
        events.push(reject(state, at, w.reason, w.detail));
        break;
      }
      events.push({ type: "lock_attempt", ts, run_dir, round, agent, path: action.path, ok: w.lockOk });
      events.push({ type: "edit_file", ts, run_dir, round, agent, path: action.path, bytes: w.bytes });
      me.history.push(H.writeEntry({ round, path: action.path, bytes: w.bytes, lockOk: w.lockOk, lockHolder: w.lockHolder }));
      break;
    }
    case "message": {
      const to = state.byName.get(action.to);
      if (!to || to === me) {
        const others = state.agents.filter((x) => x !== me).map((x) => x.name);
        events.push(reject(state, at, "unknown_recipient", `no teammate named "${excerpt(action.to, 40)}"; teammates: ${others.join(", ")}`));
        break;
      }
      events.push({ type: "broadcast", ts, run_dir, round, agent, to: [to.name], chars: action.text.length });
      to.inbox.push({ round, from: agent, text: action.text, broadcast: false });
      me.history.push(H.sentEntry({ round, to: [to.name], body: action.text }));
      break;
    }
    case "broadcast": {
      const to = state.agents.filter((x) => x !== me);
      events.push({ type: "broadcast", ts, run_dir, round, agent, to: to.map((x) => x.name), chars: action.text.length });
      for (const x of to) x.inbox.push({ round, from: agent, text: action.text, broadcast: true });
      me.history.push(H.sentEntry({ round, to: to.map((x) => x.name), body: action.text }));
      break;
    }
    case "run_tests":
    case "complete":
      return { events, deferred: action };
    default:
      assertNever(action, "applyAction");
  }
  return { events, deferred: null };
}

/**
 * Apply one reply: its `agent_reply` event, an `action_rejected` for each part the parser refused,
 * then its actions in the order written (`applyAction`). All carry the reply's timestamp `at.ts`.
 */
export function applyReply(state: TeamState, at: ActionContext, reply: AgentReply, latency: number, limits: Readonly<ParseLimits>): RepliesEffect {
  const { round, ts, agent } = at;
  const events: TeamEvent[] = [
    {
      type: "agent_reply",
      ts,
      run_dir: state.runId,
      round,
      agent,
      input_tokens: reply.inputTokens,
      output_tokens: reply.outputTokens,
      latency_s: latency,
    },
  ];
  const pending: PendingAction[] = [];
  const parsed = parseActions(reply.text, limits);
  for (const d of parsed.diagnostics) events.push(reject(state, at, d.reason, d.detail));
  for (const action of parsed.actions) {
    const effect = applyAction(state, at, action);
    events.push(...effect.events);
    if (effect.deferred !== null) pending.push({ agent, action: effect.deferred });
  }
  return { events, pending };
}

/**
 * Phase A of a round: the replies applied in arrival order, by latency, ties broken by agent order
 * (workers before the lead). Each reply's events are stamped `roundStart + latency`.
 */
export function applyReplies(state: TeamState, round: number, roundStart: number, arrivals: readonly Arrival[], limits: Readonly<ParseLimits>): RepliesEffect {
  const order = (a: Arrival): number => agentNamed(state, a.agent, "applyReplies").order;
  const sorted = [...arrivals].sort((a, b) => a.latency - b.latency || order(a) - order(b));
  const events: TeamEvent[] = [];
  const pending: PendingAction[] = [];
  for (const { agent, reply, latency } of sorted) {
    const effect = applyReply(state, { round, agent, ts: roundStart + latency }, reply, latency, limits);
    events.push(...effect.events);
    pending.push(...effect.pending);
  }
  return { events, pending };
}
