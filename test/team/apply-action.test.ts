import { describe, expect, it } from "vitest";
import { applyAction, applyReplies, applyReply, type ActionContext } from "../../src/team/apply-action.js";
import { createTeamState, preassignTasks, type TeamState } from "../../src/team/team-state.js";
import { DEFAULT_PARSE_LIMITS } from "../../src/agent/parse-actions.js";
import type { AgentAction } from "../../src/agent/actions.js";
import type { TeamMode } from "../../src/agent/mode.js";
import type { TeamEvent } from "../../src/events/types.js";
import { chainSuite } from "./fixtures.js";

// The phase-A rules applied directly to a team state, without runTeam, a backend or a clock.
// chainSuite: a -> b -> c, plus independent d and e.

function team(mode: TeamMode = "decentralized", teammates = 2): TeamState {
  return createTeamState({ runId: "r", suite: chainSuite(), mode, teammates });
}

/** Apply `action` as `agent` in `round` at time `ts` and return its events without the run-wide fields. */
function act(state: TeamState, agent: string, action: AgentAction, round = 1, ts = 1): Record<string, unknown>[] {
  const at: ActionContext = { round, agent, ts };
  const effect = applyAction(state, at, action);
  expect(effect.deferred).toBeNull();
  return effect.events.map(strip);
}

function strip(e: TeamEvent): Record<string, unknown> {
  const { run_dir: _r, ts: _t, ...rest } = e as TeamEvent & Record<string, unknown>;
  return rest;
}

const lastHistory = (state: TeamState, agent: string): string => state.byName.get(agent)!.history.at(-1)!.text;

describe("applyAction: claim", () => {
  it("gives a free task whose dependencies are done to the claimant", () => {
    const s = team();
    expect(act(s, "Dev1", { type: "claim", task: "a" })).toEqual([{ type: "claim_task", round: 1, agent: "Dev1", task: "a" }]);
    expect(s.board.ownerOf("a")).toBe("Dev1");
    expect(lastHistory(s, "Dev1")).toBe("[round 1] You claimed a.");
  });

  it("blocks a claim on a task with unfinished dependencies (a temporal violation) and leaves it free", () => {
    const s = team();
    act(s, "Dev1", { type: "claim", task: "a" });
    // b needs a, which is claimed but not done.
    expect(act(s, "Dev2", { type: "claim", task: "b" })).toEqual([
      { type: "claim_blocked", round: 1, agent: "Dev2", task: "b", reason: "dependencies_pending" },
    ]);
    expect(s.board.statusOf("b")).toBe("free");
    expect(lastHistory(s, "Dev2")).toBe("[round 1] Your claim of b was refused: dependencies_pending.");
  });

  it("settles two claims of one task in one round as lost_tie for the later one, naming the owner", () => {
    const s = team();
    act(s, "Dev2", { type: "claim", task: "d" });
    expect(act(s, "Dev1", { type: "claim", task: "d" })).toEqual([{ type: "claim_blocked", round: 1, agent: "Dev1", task: "d", reason: "lost_tie" }]);
    expect(s.board.ownerOf("d")).toBe("Dev2");
    expect(lastHistory(s, "Dev1")).toBe("[round 1] Your claim of d was refused: lost_tie (owner Dev2).");
  });

  it("refuses a task taken in an earlier round as already_claimed, a done one as already_done, an unknown one as unknown_task", () => {
    const s = team();
    act(s, "Dev2", { type: "claim", task: "d" }, 1);
    act(s, "Dev2", { type: "claim", task: "e" }, 1);
    s.board.markDone("e", 1);
    expect(act(s, "Dev1", { type: "claim", task: "d" }, 2)).toEqual([{ type: "claim_blocked", round: 2, agent: "Dev1", task: "d", reason: "already_claimed" }]);
    expect(act(s, "Dev1", { type: "claim", task: "e" }, 2)).toEqual([{ type: "claim_blocked", round: 2, agent: "Dev1", task: "e", reason: "already_done" }]);
    expect(act(s, "Dev1", { type: "claim", task: "zz" }, 2)).toEqual([{ type: "claim_blocked", round: 2, agent: "Dev1", task: "zz", reason: "unknown_task" }]);
  });

  it("rejects a claim of the agent's own task as already_yours, not as a blocked claim", () => {
    const s = team();
    act(s, "Dev1", { type: "claim", task: "d" });
    expect(act(s, "Dev1", { type: "claim", task: "d" }, 2)).toEqual([
      { type: "action_rejected", round: 2, agent: "Dev1", reason: "already_yours", detail: "d is already yours" },
    ]);
    expect(lastHistory(s, "Dev1")).toBe("[round 2] Refused (already_yours): d is already yours");
  });

  it("refuses claims outside decentralized mode, and the lead's claims, without touching the board", () => {
    const pre = team("preassign");
    expect(act(pre, "Dev1", { type: "claim", task: "d" })).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "claim_not_allowed", detail: "preassign mode: tasks are assigned, not claimed (claim of d)" },
    ]);
    const led = team("lead");
    expect(act(led, "Lead", { type: "claim", task: "d" })[0]).toMatchObject({ reason: "claim_not_allowed", detail: "lead mode: tasks are assigned, not claimed (claim of d)" });
    expect(act(led, "Dev1", { type: "claim", task: "d" })[0]).toMatchObject({ reason: "claim_not_allowed" });
    expect(led.board.statusOf("d")).toBe("free");
  });
});

describe("applyAction: assign", () => {
  it("lets the lead give a free task to a worker, telling both", () => {
    const s = team("lead");
    expect(act(s, "Lead", { type: "assign", task: "a", to: "Dev2" })).toEqual([{ type: "assign_task", round: 1, agent: "Lead", task: "a", assignee: "Dev2" }]);
    expect(s.board.ownerOf("a")).toBe("Dev2");
    expect(lastHistory(s, "Lead")).toBe("[round 1] You assigned a to Dev2.");
    expect(lastHistory(s, "Dev2")).toBe("[round 1] Lead assigned a to you.");
  });

  it("logs a refused assignment as the lead's blocked claim, under the claim rules", () => {
    const s = team("lead");
    expect(act(s, "Lead", { type: "assign", task: "b", to: "Dev1" })).toEqual([
      { type: "claim_blocked", round: 1, agent: "Lead", task: "b", reason: "dependencies_pending" },
    ]);
    expect(lastHistory(s, "Lead")).toBe("[round 1] Your assignment of b to Dev1 was refused: dependencies_pending.");
    expect(s.byName.get("Dev1")!.history).toEqual([]);
    act(s, "Lead", { type: "assign", task: "d", to: "Dev1" });
    expect(act(s, "Lead", { type: "assign", task: "d", to: "Dev2" })[0]).toMatchObject({ type: "claim_blocked", reason: "lost_tie" });
    expect(act(s, "Lead", { type: "assign", task: "d", to: "Dev1" })).toEqual([
      { type: "action_rejected", round: 1, agent: "Lead", reason: "already_assigned", detail: "d is already Dev1's" },
    ]);
  });

  it("refuses assignments by workers and to anyone who is not a worker", () => {
    const s = team("lead");
    expect(act(s, "Dev1", { type: "assign", task: "d", to: "Dev2" })).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "assign_not_allowed", detail: "only the lead assigns tasks (assign of d)" },
    ]);
    const expected = { type: "action_rejected", round: 1, agent: "Lead", reason: "unknown_recipient" };
    expect(act(s, "Lead", { type: "assign", task: "d", to: "Lead" })).toEqual([{ ...expected, detail: 'no teammate named "Lead"; teammates: Dev1, Dev2' }]);
    expect(act(s, "Lead", { type: "assign", task: "d", to: "Dev9" })).toEqual([{ ...expected, detail: 'no teammate named "Dev9"; teammates: Dev1, Dev2' }]);
    expect(s.board.statusOf("d")).toBe("free");
  });
});

describe("applyAction: write", () => {
  it("writes the file, takes the path's lock and logs lock_attempt then edit_file with the UTF-8 size", () => {
    const s = team();
    expect(act(s, "Dev1", { type: "write", path: "d.js", content: "é\n" })).toEqual([
      { type: "lock_attempt", round: 1, agent: "Dev1", path: "d.js", ok: true },
      { type: "edit_file", round: 1, agent: "Dev1", path: "d.js", bytes: 3 },
    ]);
    expect(s.workspace.read("d.js")).toBe("é\n");
    expect(lastHistory(s, "Dev1")).toBe("[round 1] You wrote d.js (3 bytes).");
  });

  it("lets two writers of one path in one round both write: the second is refused the lock and its write wins", () => {
    const s = team();
    act(s, "Dev1", { type: "write", path: "d.js", content: "one" });
    expect(act(s, "Dev2", { type: "write", path: "d.js", content: "two" })).toEqual([
      { type: "lock_attempt", round: 1, agent: "Dev2", path: "d.js", ok: false },
      { type: "edit_file", round: 1, agent: "Dev2", path: "d.js", bytes: 3 },
    ]);
    expect(s.workspace.read("d.js")).toBe("two");
    expect(lastHistory(s, "Dev2")).toBe("[round 1] You wrote d.js (3 bytes) without the lock (held by Dev1); your write still landed.");
    // The lock holder may write again in the round; the next round's first writer takes the lock.
    expect(act(s, "Dev1", { type: "write", path: "d.js", content: "1" })[0]).toMatchObject({ ok: true });
    expect(act(s, "Dev2", { type: "write", path: "d.js", content: "2" }, 2)[0]).toMatchObject({ ok: true });
  });

  it("rejects paths outside the workspace and path conflicts, writing nothing", () => {
    const s = team();
    expect(act(s, "Dev1", { type: "write", path: "../x.js", content: "x" })).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "path_traversal", detail: expect.any(String) as unknown },
    ]);
    act(s, "Dev1", { type: "write", path: "lib", content: "x" });
    expect(act(s, "Dev1", { type: "write", path: "lib/x.js", content: "x" })).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "path_conflict", detail: "lib is a file, not a folder" },
    ]);
    expect(s.workspace.list().map((f) => f.path)).toEqual(["lib"]);
  });
});

describe("applyAction: messages", () => {
  it("delivers a message to one teammate's inbox, logged as a broadcast event with one recipient", () => {
    const s = team("decentralized", 3);
    expect(act(s, "Dev1", { type: "message", to: "Dev3", text: "hello" })).toEqual([{ type: "broadcast", round: 1, agent: "Dev1", to: ["Dev3"], chars: 5 }]);
    expect(s.byName.get("Dev3")!.inbox).toEqual([{ round: 1, from: "Dev1", text: "hello", broadcast: false }]);
    expect(s.byName.get("Dev2")!.inbox).toEqual([]);
    expect(lastHistory(s, "Dev1")).toBe("[round 1] You told Dev3: hello");
  });

  it("rejects a message to the sender itself or to no one on the team", () => {
    const s = team("lead", 2);
    const detail = (name: string): string => `no teammate named "${name}"; teammates: Dev2, Lead`;
    expect(act(s, "Dev1", { type: "message", to: "Dev1", text: "x" })).toEqual([{ type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_recipient", detail: detail("Dev1") }]);
    expect(act(s, "Dev1", { type: "message", to: "dev2", text: "x" })).toEqual([{ type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_recipient", detail: detail("dev2") }]);
    expect(s.agents.every((a) => a.inbox.length === 0)).toBe(true);
  });

  it("broadcasts to every other agent, the lead included", () => {
    const s = team("lead", 2);
    expect(act(s, "Dev2", { type: "broadcast", text: "all" })).toEqual([{ type: "broadcast", round: 1, agent: "Dev2", to: ["Dev1", "Lead"], chars: 3 }]);
    expect(s.agents.map((a) => a.inbox.length)).toEqual([1, 0, 1]);
    expect(lastHistory(s, "Dev2")).toBe("[round 1] You told everyone: all");
  });
});

describe("applyAction: deferred actions and mistakes", () => {
  it("defers run_tests and complete to settlement without events or state changes", () => {
    const s = team();
    for (const action of [{ type: "run_tests", task: null }, { type: "complete", task: "a" }] as const) {
      expect(applyAction(s, { round: 1, agent: "Dev1", ts: 0 }, action)).toEqual({ events: [], deferred: action });
    }
    expect(s.byName.get("Dev1")!.history).toEqual([]);
    expect(s.board.statusOf("a")).toBe("free");
  });

  it("throws for an agent not on the team (a caller's mistake)", () => {
    expect(() => applyAction(team(), { round: 1, agent: "Dev3", ts: 0 }, { type: "claim", task: "a" })).toThrow(
      "applyAction: no agent named Dev3 in run r; agents: Dev1, Dev2",
    );
  });
});

describe("applyReply and applyReplies", () => {
  const reply = (text: string) => ({ text, inputTokens: 10, outputTokens: 2, latencySeconds: 0 });

  it("logs the reply, then the parser's refusals, then each action in the order written, all at the reply's time", () => {
    const s = team();
    const r = applyReply(s, { round: 1, agent: "Dev1", ts: 4.5 }, reply('<claim task="d"> <complete task="d"/> <claim task="d"/> <run_tests/>'), 3.5, DEFAULT_PARSE_LIMITS);
    expect(r.events.map((e) => [e.type, e.ts])).toEqual([
      ["agent_reply", 4.5],
      ["action_rejected", 4.5],
      ["claim_task", 4.5],
    ]);
    expect(r.events[0]).toEqual({ type: "agent_reply", ts: 4.5, run_dir: "r", round: 1, agent: "Dev1", input_tokens: 10, output_tokens: 2, latency_s: 3.5 });
    expect(r.pending).toEqual([
      { agent: "Dev1", action: { type: "complete", task: "d" } },
      { agent: "Dev1", action: { type: "run_tests", task: null } },
    ]);
  });

  it("applies replies in arrival order, ties by agent order with the lead last, each stamped round start + latency", () => {
    const s = team("lead", 2);
    const arrivals = [
      { agent: "Lead", reply: reply('<assign task="d" to="Dev1"/>'), latency: 2 },
      { agent: "Dev2", reply: reply('<write path="d.js">2</write>'), latency: 2 },
      { agent: "Dev1", reply: reply('<write path="d.js">1</write>'), latency: 3 },
    ];
    const r = applyReplies(s, 4, 100, arrivals, DEFAULT_PARSE_LIMITS);
    expect(r.events.filter((e) => e.type !== "edit_file").map((e) => [e.type, "agent" in e ? e.agent : "", e.ts, "ok" in e ? e.ok : null])).toEqual([
      ["agent_reply", "Dev2", 102, null],
      ["lock_attempt", "Dev2", 102, true],
      ["agent_reply", "Lead", 102, null],
      ["assign_task", "Lead", 102, null],
      ["agent_reply", "Dev1", 103, null],
      ["lock_attempt", "Dev1", 103, false],
    ]);
    expect(s.workspace.read("d.js")).toBe("1");
  });
});

describe("preassignTasks", () => {
  it("assigns every task before round 1 as the orchestrator (round 0), chains whole to one worker", () => {
    const s = team("preassign");
    expect(preassignTasks(s, 0).map(strip)).toEqual([
      { type: "assign_task", round: 0, agent: "orchestrator", task: "a", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "b", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "c", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "d", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "e", assignee: "Dev2" },
    ]);
    expect(s.board.ownedOpen("Dev2")).toEqual(["e"]);
    expect(lastHistory(s, "Dev2")).toBe("[round 0] orchestrator assigned e to you.");
  });
});
