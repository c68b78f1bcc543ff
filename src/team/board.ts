import type { ClaimBlockedEvent } from "../events/types.js";
import type { Suite } from "../tasks/types.js";
import type { BoardEntry } from "../agent/types.js";
import { error } from "../core/errors.js";

export type ClaimRefusal = ClaimBlockedEvent["reason"];

export type ClaimOutcome = { ok: true } | { ok: false; reason: ClaimRefusal | "already_yours"; owner: string | null };

export type CompleteRefusal = "unknown_task" | "already_done" | "not_owner" | "dependencies_pending";

interface TaskState {
  status: "free" | "claimed" | "done";
  owner: string | null;
  /** Round of the accepted claim or assignment (0 for up-front preassignment). */
  takenRound: number;
  doneRound: number;
}

/**
 * The shared task board: each task is free, claimed (or assigned) by one agent, or done.
 *
 * Claim rules, checked in this order when a claim is processed:
 * 1. `unknown_task`: no such task id.
 * 2. `already_done`: the task is done.
 * 3. Owned by another agent: `lost_tie` when that agent took it earlier in the same round (both acted
 *    on the same snapshot, in which the task was free; the earlier reply wins), `already_claimed` when
 *    it was taken in an earlier round (the claimant ignored or misread the board).
 * 4. `dependencies_pending`: some dependency is not done (the paper's temporal violation).
 * A claim of a task the agent already owns changes nothing (`already_yours`, not a blocked claim).
 */
export class TaskBoard {
  private readonly state = new Map<string, TaskState>();
  private readonly order: string[];
  private readonly deps: Map<string, readonly string[]>;
  private doneCount = 0;

  constructor(readonly suite: Suite) {
    this.order = suite.tasks.map((t) => t.id);
    this.deps = new Map(suite.tasks.map((t) => [t.id, t.dependencies]));
    for (const t of suite.tasks) {
      if (this.state.has(t.id)) throw error("TaskBoard", `suite ${suite.id}: task id ${t.id} appears twice`);
      this.state.set(t.id, { status: "free", owner: null, takenRound: Number.NaN, doneRound: Number.NaN });
    }
    for (const t of suite.tasks) {
      for (const d of t.dependencies) {
        if (!this.state.has(d)) throw error("TaskBoard", `suite ${suite.id}: task ${t.id} depends on unknown task ${d}`);
      }
    }
  }

  has(task: string): boolean {
    return this.state.has(task);
  }

  statusOf(task: string): "free" | "claimed" | "done" | undefined {
    return this.state.get(task)?.status;
  }

  ownerOf(task: string): string | null {
    return this.state.get(task)?.owner ?? null;
  }

  /** True when every dependency of `task` is done. */
  dependenciesDone(task: string): boolean {
    for (const d of this.deps.get(task) ?? []) if (this.state.get(d)?.status !== "done") return false;
    return true;
  }

  get allDone(): boolean {
    return this.doneCount === this.order.length;
  }

  get doneTasks(): number {
    return this.doneCount;
  }

  /** Try to take `task` for `agent` in `round` (a claim, or an assignment made on the agent's behalf). */
  take(agent: string, task: string, round: number): ClaimOutcome {
    const s = this.state.get(task);
    if (!s) return { ok: false, reason: "unknown_task", owner: null };
    if (s.status === "done") return { ok: false, reason: "already_done", owner: s.owner };
    if (s.status === "claimed") {
      if (s.owner === agent) return { ok: false, reason: "already_yours", owner: agent };
      return { ok: false, reason: s.takenRound === round ? "lost_tie" : "already_claimed", owner: s.owner };
    }
    if (!this.dependenciesDone(task)) return { ok: false, reason: "dependencies_pending", owner: null };
    s.status = "claimed";
    s.owner = agent;
    s.takenRound = round;
    return { ok: true };
  }

  /** Assign up front (preassignment before round 1): no dependency check, the task must be free. */
  preassign(agent: string, task: string): void {
    const s = this.state.get(task);
    if (!s || s.status !== "free") throw error("TaskBoard.preassign", `task ${task} is not a free task of ${this.suite.id}`);
    s.status = "claimed";
    s.owner = agent;
    s.takenRound = 0;
  }

  /** Whether `agent` may mark `task` done now (its tests are a separate condition). */
  checkComplete(agent: string, task: string): CompleteRefusal | null {
    const s = this.state.get(task);
    if (!s) return "unknown_task";
    if (s.status === "done") return "already_done";
    if (s.owner !== agent) return "not_owner";
    if (!this.dependenciesDone(task)) return "dependencies_pending";
    return null;
  }

  markDone(task: string, round: number): void {
    const s = this.state.get(task);
    if (!s || s.status === "done") throw error("TaskBoard.markDone", `task ${task} is unknown or already done`);
    s.status = "done";
    s.doneRound = round;
    this.doneCount++;
  }

  /** Unfinished tasks owned by `agent`, in suite order. */
  ownedOpen(agent: string): string[] {
    return this.order.filter((id) => {
      const s = this.state.get(id)!;
      return s.status === "claimed" && s.owner === agent;
    });
  }

  /** The board as agents see it at a round's start, in suite order. */
  snapshot(): BoardEntry[] {
    return this.suite.tasks.map((t) => {
      const s = this.state.get(t.id)!;
      return { id: t.id, title: t.title, files: t.files, dependencies: t.dependencies, status: s.status, owner: s.owner };
    });
  }
}
