import type { TeamEvent } from "../events/types.js";
import type { Suite } from "../tasks/types.js";
import type { AgentRole, AgentView, BoardEntry, HistoryEntry, InboxMessage, WorkspaceFileEntry } from "../agent/types.js";
import type { TeamMode } from "../agent/mode.js";
import { planPreassignment } from "../tasks/assignment.js";
import * as H from "../agent/history.js";
import { error } from "../core/errors.js";
import { TaskBoard } from "./board.js";
import { Workspace } from "./workspace.js";
import type { TeamRunConfig } from "./types.js";

/** The agent name on up-front assignments in `preassign` mode. */
export const ORCHESTRATOR = "orchestrator";
/** The lead's name in `lead` mode. */
export const LEAD = "Lead";

/** Worker names `Dev1` ... `Devn`, as in the paper's logs. */
export function workerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `Dev${i + 1}`);
}

/** One agent of the team as the round rules see it: who it is, what it has learned, what it was sent. */
export interface AgentState {
  readonly name: string;
  readonly role: AgentRole;
  /** Workers 0..n-1; the lead n (it sorts after the workers on ties). */
  readonly order: number;
  /** Outcomes of its own actions, oldest first (append-only). */
  readonly history: HistoryEntry[];
  /** Messages delivered to it, oldest first (append-only). */
  readonly inbox: InboxMessage[];
}

/**
 * Everything the round rules read and change: the board, the workspace, and each agent's history
 * and inbox. `applyAction` and `settleRound` change it in place and return the events to log; they
 * never read a clock, a backend or a test runner (see `apply-action.ts` for why the state is a
 * mutable object passed explicitly rather than a value copied per action).
 */
export interface TeamState {
  readonly runId: string;
  readonly suite: Suite;
  readonly mode: TeamMode;
  /** Worker names, in order. */
  readonly workers: readonly string[];
  /** The lead's name in `lead` mode, else null. */
  readonly lead: string | null;
  /** The workers in order, then the lead. */
  readonly agents: readonly AgentState[];
  readonly byName: ReadonlyMap<string, AgentState>;
  readonly board: TaskBoard;
  readonly workspace: Workspace;
}

/** A team before round 1: a fresh board and an empty workspace; in `lead` mode a lead after the workers. */
export function createTeamState(config: Pick<TeamRunConfig, "runId" | "suite" | "mode" | "teammates">): TeamState {
  const workers = workerNames(config.teammates);
  const lead = config.mode === "lead" ? LEAD : null;
  const agents: AgentState[] = workers.map((name, i) => ({ name, role: "worker", order: i, history: [], inbox: [] }));
  if (lead !== null) agents.push({ name: lead, role: "lead", order: workers.length, history: [], inbox: [] });
  return {
    runId: config.runId,
    suite: config.suite,
    mode: config.mode,
    workers,
    lead,
    agents,
    byName: new Map(agents.map((a) => [a.name, a])),
    board: new TaskBoard(config.suite),
    workspace: new Workspace(),
  };
}

/** The agent named `name`; throws for a name not on the team (a caller's mistake, not an agent's). */
export function agentNamed(state: TeamState, name: string, fn: string): AgentState {
  const a = state.byName.get(name);
  if (a === undefined) throw error(fn, `no agent named ${name} in run ${state.runId}; agents: ${state.agents.map((x) => x.name).join(", ")}`);
  return a;
}

/**
 * `preassign` mode's set-up, before round 1 (logged as round 0): the orchestrator assigns every task
 * by `planPreassignment`, without dependency checks. Returns the `assign_task` events, all at `ts`.
 */
export function preassignTasks(state: TeamState, ts: number): TeamEvent[] {
  const events: TeamEvent[] = [];
  for (const [agent, tasks] of planPreassignment(state.suite, state.workers)) {
    for (const task of tasks) {
      state.board.preassign(agent, task);
      events.push({ type: "assign_task", ts, run_dir: state.runId, round: 0, agent: ORCHESTRATOR, task, assignee: agent });
      agentNamed(state, agent, "preassignTasks").history.push(H.assignedEntry({ round: 0, task, by: ORCHESTRATOR }));
    }
  }
  return events;
}

/** The board and workspace at a round's start: the one snapshot every agent of the round acts on. */
export interface RoundSnapshot {
  board: BoardEntry[];
  files: WorkspaceFileEntry[];
  contents: Map<string, string>;
}

export function roundSnapshot(state: TeamState): RoundSnapshot {
  return {
    board: state.board.snapshot(),
    files: state.workspace.list().map((f) => ({ path: f.path, bytes: f.bytes, lastWriter: f.lastWriter, lastRound: f.lastRound })),
    contents: state.workspace.snapshot(),
  };
}

/** What `agent` is shown in `round`: the shared snapshot plus copies of its own history and inbox. */
export function agentView(state: TeamState, agent: AgentState, snapshot: RoundSnapshot, round: number, maxRounds: number): AgentView {
  return {
    runId: state.runId,
    suite: state.suite,
    mode: state.mode,
    role: agent.role,
    agent: agent.name,
    agentIndex: agent.role === "lead" ? -1 : agent.order,
    workers: state.workers,
    lead: state.lead,
    round,
    maxRounds,
    board: snapshot.board,
    files: snapshot.files,
    contents: snapshot.contents,
    history: agent.history.slice(),
    inbox: agent.inbox.slice(),
  };
}
