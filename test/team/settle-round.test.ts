import { describe, expect, it } from "vitest";
import { settleRound, type RoundSettlement, type TestRequest, type TestResult } from "../../src/team/settle-round.js";
import type { PendingAction } from "../../src/team/apply-action.js";
import { createTeamState, type TeamState } from "../../src/team/team-state.js";
import type { TeamEvent } from "../../src/events/types.js";
import type { Suite } from "../../src/tasks/types.js";
import { chainSuite, exactOutcome } from "./fixtures.js";

// The phase-B rules driven directly: the generator asks for test runs and these tests answer them,
// synchronously, with the content-comparing outcome of fixtures.ts and a chosen duration.
// chainSuite: a -> b -> c, plus independent d and e.

function team(teammates = 2): TeamState {
  return createTeamState({ runId: "r", suite: chainSuite(), mode: "decentralized", teammates });
}

const sol = (s: Suite, id: string): string => Object.values(s.tasks.find((t) => t.id === id)!.solution!)[0]!;
const bad = (s: Suite, id: string): string => Object.values(s.tasks.find((t) => t.id === id)!.faulty!)[0]!;

/** Claim `task` for `agent` and write its reference (or faulty) solution, as phase A would have. */
function own(s: TeamState, agent: string, task: string, correct = true): void {
  const r = s.board.take(agent, task, 1);
  if (r.ok !== true) throw new Error(`setup: ${agent} cannot take ${task}: ${r.reason}`);
  s.workspace.write(`${task}.js`, correct ? sol(s.suite, task) : bad(s.suite, task), agent, 1);
}

/** Give `task` to `agent` up front (as preassignment does, dependencies or not) and write its reference solution. */
function give(s: TeamState, agent: string, task: string): void {
  s.board.preassign(agent, task);
  s.workspace.write(`${task}.js`, sol(s.suite, task), agent, 1);
}

/** Drive `settleRound`, answering each request with the workspace's exact outcome taking `seconds(request)`. */
function settle(
  s: TeamState,
  pending: PendingAction[],
  opts: { barrier?: number; seconds?: (r: TestRequest) => number } = {},
): RoundSettlement & { asked: TestRequest[] } {
  const asked: TestRequest[] = [];
  const steps = settleRound(s, 1, opts.barrier ?? 10, pending);
  let step = steps.next();
  while (step.done !== true) {
    asked.push(step.value);
    const answer: TestResult = { outcome: exactOutcome(s.workspace.contents(), s.suite, step.value.taskIds), seconds: opts.seconds?.(step.value) ?? 1 };
    step = steps.next(answer);
  }
  return { ...step.value, asked };
}

const complete = (agent: string, task: string): PendingAction => ({ agent, action: { type: "complete", task } });
const runTests = (agent: string, task: string | null): PendingAction => ({ agent, action: { type: "run_tests", task } });
const brief = (events: readonly TeamEvent[]): unknown[] =>
  events.map((e) => {
    const { run_dir: _r, round: _n, ...rest } = e as TeamEvent & Record<string, unknown>;
    return rest;
  });
const lastHistory = (s: TeamState, agent: string): string => s.byName.get(agent)!.history.at(-1)!.text;

describe("settleRound: completions", () => {
  it("accepts a completion whose tests pass: one test run, then complete_task when it ends", () => {
    const s = team();
    own(s, "Dev1", "d");
    const r = settle(s, [complete("Dev1", "d")], { barrier: 10, seconds: () => 0.9 });
    expect(r.asked).toEqual([{ agent: "Dev1", taskIds: ["d"] }]);
    expect(brief(r.events)).toEqual([
      { type: "run_tests", ts: 10.9, agent: "Dev1", returncode: 0, seconds: 0.9, passed: 1, failed: 0 },
      { type: "complete_task", ts: 10.9, agent: "Dev1", task: "d" },
    ]);
    expect(r.roundEnd).toBe(10.9);
    expect(s.board.statusOf("d")).toBe("done");
    expect(lastHistory(s, "Dev1")).toBe("[round 1] d is complete.");
  });

  it("refuses a completion whose tests fail: the task stays open with its owner", () => {
    const s = team();
    own(s, "Dev1", "d", false);
    const r = settle(s, [complete("Dev1", "d")]);
    expect(brief(r.events)).toEqual([{ type: "run_tests", ts: 11, agent: "Dev1", returncode: 1, seconds: 1, passed: 0, failed: 1 }]);
    expect(s.board.statusOf("d")).toBe("claimed");
    expect(s.board.ownerOf("d")).toBe("Dev1");
    expect(lastHistory(s, "Dev1")).toBe("[round 1] d was not marked complete: tests failed.");
  });

  it("refuses completions the board forbids without running any test", () => {
    const s = team();
    own(s, "Dev1", "d");
    own(s, "Dev1", "e");
    s.board.markDone("e", 1);
    const r = settle(s, [complete("Dev2", "d"), complete("Dev2", "a"), complete("Dev2", "nope"), complete("Dev1", "e")]);
    expect(r.asked).toEqual([]);
    expect(brief(r.events)).toEqual([
      { type: "action_rejected", ts: 10, agent: "Dev1", reason: "already_done", detail: "e: already_done" },
      { type: "action_rejected", ts: 10, agent: "Dev2", reason: "not_owner", detail: "d is owned by Dev1" },
      { type: "action_rejected", ts: 10, agent: "Dev2", reason: "not_owner", detail: "a is not claimed" },
      { type: "action_rejected", ts: 10, agent: "Dev2", reason: "unknown_task", detail: "no task nope in mini_p50" },
    ]);
    expect(r.roundEnd).toBe(10);
    expect(lastHistory(s, "Dev2")).toBe("[round 1] nope was not marked complete: unknown_task.");
  });

  it("refuses a completion whose dependencies are not done, even when the owner was given the task early", () => {
    const s = team();
    give(s, "Dev1", "b");
    const r = settle(s, [complete("Dev1", "b")]);
    expect(r.asked).toEqual([]);
    expect(brief(r.events)).toEqual([{ type: "action_rejected", ts: 10, agent: "Dev1", reason: "dependencies_pending", detail: "b: dependencies_pending" }]);
  });

  it("accepts a chain completed in order within one round: a's completion satisfies b's dependency", () => {
    const s = team();
    own(s, "Dev1", "a");
    s.board.markDone("a", 0);
    give(s, "Dev1", "b");
    give(s, "Dev1", "c");
    // c before b: c's dependency b is not done yet when c is settled.
    const r = settle(s, [complete("Dev1", "b"), complete("Dev1", "c")]);
    expect(brief(r.events).map((e) => (e as { type: string }).type)).toEqual(["run_tests", "complete_task", "run_tests", "complete_task"]);
    const s2 = team();
    own(s2, "Dev1", "a");
    s2.board.markDone("a", 0);
    give(s2, "Dev1", "b");
    give(s2, "Dev1", "c");
    const r2 = settle(s2, [complete("Dev1", "c"), complete("Dev1", "b")]);
    expect(brief(r2.events)).toEqual([
      { type: "action_rejected", ts: 10, agent: "Dev1", reason: "dependencies_pending", detail: "c: dependencies_pending" },
      { type: "run_tests", ts: 11, agent: "Dev1", returncode: 0, seconds: 1, passed: 1, failed: 0 },
      { type: "complete_task", ts: 11, agent: "Dev1", task: "b" },
    ]);
  });

  it("settles agents in team order: an earlier agent's completion can satisfy a later agent's dependency, not the reverse", () => {
    const forward = team();
    own(forward, "Dev1", "a");
    give(forward, "Dev2", "b");
    const f = settle(forward, [complete("Dev2", "b"), complete("Dev1", "a")]);
    expect(f.events.filter((e) => e.type === "complete_task").map((e) => (e as { task: string }).task)).toEqual(["a", "b"]);

    const reverse = team();
    own(reverse, "Dev2", "a");
    give(reverse, "Dev1", "b");
    const r = settle(reverse, [complete("Dev1", "b"), complete("Dev2", "a")]);
    expect(brief(r.events)).toEqual([
      { type: "action_rejected", ts: 10, agent: "Dev1", reason: "dependencies_pending", detail: "b: dependencies_pending" },
      { type: "run_tests", ts: 11, agent: "Dev2", returncode: 0, seconds: 1, passed: 1, failed: 0 },
      { type: "complete_task", ts: 11, agent: "Dev2", task: "a" },
    ]);
  });
});

describe("settleRound: test runs", () => {
  it("runs one task's tests; an unknown task is refused and told to the agent", () => {
    const s = team();
    own(s, "Dev1", "d");
    const r = settle(s, [runTests("Dev1", "nope"), runTests("Dev1", "d")]);
    expect(r.asked).toEqual([{ agent: "Dev1", taskIds: ["d"] }]);
    expect(brief(r.events)).toEqual([
      { type: "action_rejected", ts: 10, agent: "Dev1", reason: "unknown_task", detail: "no task nope in mini_p50" },
      { type: "run_tests", ts: 11, agent: "Dev1", returncode: 0, seconds: 1, passed: 1, failed: 0 },
    ]);
    expect(s.byName.get("Dev1")!.history.map((h) => h.text)).toEqual([
      "[round 1] Refused (unknown_task): no task nope in mini_p50",
      "[round 1] Tests of d passed (1).",
    ]);
  });

  it("runs the tests of the agent's unfinished tasks for a bare run_tests, or of every task when it owns none", () => {
    const s = team();
    own(s, "Dev1", "e");
    own(s, "Dev1", "d");
    const r = settle(s, [runTests("Dev1", null), runTests("Dev2", null)]);
    expect(r.asked).toEqual([
      { agent: "Dev1", taskIds: ["d", "e"] },
      { agent: "Dev2", taskIds: ["a", "b", "c", "d", "e"] },
    ]);
    // a, b, c have no files yet: a module is missing, return code 2.
    expect(brief(r.events).map((e) => (e as { returncode: number }).returncode)).toEqual([0, 2]);
  });

  it("runs an agent's identical test runs once per round: a completion reuses its run_tests outcome", () => {
    const s = team();
    own(s, "Dev1", "d");
    const r = settle(s, [runTests("Dev1", "d"), complete("Dev1", "d"), runTests("Dev1", "d")], { seconds: () => 2 });
    expect(r.asked).toHaveLength(1);
    expect(brief(r.events)).toEqual([
      { type: "run_tests", ts: 12, agent: "Dev1", returncode: 0, seconds: 2, passed: 1, failed: 0 },
      { type: "complete_task", ts: 12, agent: "Dev1", task: "d" },
    ]);
    expect(r.roundEnd).toBe(12);
  });

  it("keeps one timeline per agent from the barrier, merges events in time order and ends the round at the latest", () => {
    const s = team(3);
    own(s, "Dev1", "d");
    own(s, "Dev2", "e");
    const seconds = (r: TestRequest): number => (r.agent === "Dev1" ? 3 : 0.5);
    const r = settle(s, [runTests("Dev1", "d"), complete("Dev1", "d"), runTests("Dev2", null), runTests("Dev2", "e"), complete("Dev3", "a")], { barrier: 5, seconds });
    expect(r.asked.map((q) => q.agent)).toEqual(["Dev1", "Dev2"]);
    expect(brief(r.events).map((e) => [(e as { agent: string }).agent, (e as { type: string }).type, (e as { ts: number }).ts])).toEqual([
      ["Dev3", "action_rejected", 5],
      ["Dev2", "run_tests", 5.5],
      ["Dev1", "run_tests", 8],
      ["Dev1", "complete_task", 8],
    ]);
    expect(r.roundEnd).toBe(8);
  });

  it("ends at the barrier when nothing is pending", () => {
    expect(settle(team(), [], { barrier: 7 })).toEqual({ events: [], roundEnd: 7, asked: [] });
  });
});
