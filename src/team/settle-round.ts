/**
 * The round rules of phase B: test runs and completions, settled after the round's barrier against
 * the workspace as all of the round's writes left it.
 *
 * Running a suite's tests is I/O (the sandboxed runner starts processes) and takes time on the
 * run's clock, so the rules do not run them: `settleRound` is a generator that yields each test run
 * it needs (`TestRequest`) and is resumed with its result (`TestResult`: outcome and seconds). The
 * orchestrator answers with the test runner and its clock; a unit test answers with canned outcomes.
 * Which tests are needed depends on earlier outcomes (a completion accepted earlier in the round can
 * satisfy a later one's dependencies), which is why this is a conversation, not a plan made up front.
 */
import type { TeamEvent } from "../events/types.js";
import type { TestOutcome } from "../tasks/types.js";
import { excerpt } from "../agent/parse-actions.js";
import * as H from "../agent/history.js";
import type { DeferredAction, PendingAction } from "./apply-action.js";
import type { AgentState, TeamState } from "./team-state.js";

/** A test run the rules need: these tasks' tests, for this agent, on the current workspace. */
export interface TestRequest {
  agent: string;
  taskIds: readonly string[];
}

/** A test run's answer: its outcome and how long it took on the run's clock (seconds, >= 0). */
export interface TestResult {
  outcome: TestOutcome;
  seconds: number;
}

/** Phase B's events, in time order, and when the round ends (its last agent's last test). */
export interface RoundSettlement {
  events: TeamEvent[];
  roundEnd: number;
}

/**
 * Settle a round's deferred actions. Agents go in team order, each on its own timeline starting at
 * the barrier (their tests run in parallel with each other's); each agent's actions go in the order
 * taken:
 * - `run_tests` of a task: `unknown_task` if there is no such task, else that task's tests;
 *   `run_tests` with no task: the tests of the agent's unfinished tasks (all tasks if it owns none).
 * - `complete`: refused without running tests when the board says no (`unknown_task`,
 *   `already_done`, `not_owner`, `dependencies_pending`; see `TaskBoard.checkComplete`); otherwise
 *   backed by one test run of the task and accepted (`complete_task`, the task done) only if it
 *   passes (returncode 0). A failure leaves the task open with its owner.
 * An agent's identical test runs in one round run once: a `complete` after a `run_tests` of the same
 * task reuses its outcome. Each test run is logged as `run_tests` at the time it finishes (the
 * agent's timeline advanced by its seconds); refusals carry the agent's time when they happen.
 * The events are returned sorted by time (stable, so each agent's order is kept on equal times),
 * and `roundEnd` is the latest agent's end (the barrier when no test ran).
 */
export function* settleRound(
  state: TeamState,
  round: number,
  barrier: number,
  pending: readonly PendingAction[],
): Generator<TestRequest, RoundSettlement, TestResult> {
  const settled: TeamEvent[] = [];
  let roundEnd = barrier;
  for (const agent of state.agents) {
    const mine = pending.filter((d) => d.agent === agent.name).map((d) => d.action);
    if (mine.length === 0) continue;
    const end = yield* settleAgent(state, agent, round, barrier, mine, settled);
    if (end > roundEnd) roundEnd = end;
  }
  settled.sort((a, b) => a.ts - b.ts);
  return { events: settled, roundEnd };
}

/** One agent's deferred actions on its own timeline from `start`; returns the timeline's end. */
function* settleAgent(
  state: TeamState,
  agent: AgentState,
  round: number,
  start: number,
  actions: readonly DeferredAction[],
  out: TeamEvent[],
): Generator<TestRequest, number, TestResult> {
  const { board, suite, runId: run_dir } = state;
  let tp = start;
  const outcomes = new Map<string, TestOutcome>();

  function* test(ids: readonly string[], label: string | null): Generator<TestRequest, TestOutcome, TestResult> {
    const key = ids.join("\u0000");
    const known = outcomes.get(key);
    if (known) return known;
    const { outcome, seconds } = yield { agent: agent.name, taskIds: ids };
    tp += seconds;
    outcomes.set(key, outcome);
    out.push({
      type: "run_tests",
      ts: tp,
      run_dir,
      round,
      agent: agent.name,
      returncode: outcome.returncode,
      seconds,
      passed: outcome.passed,
      failed: outcome.failed,
    });
    agent.history.push(H.testsEntry({ round, task: label, returncode: outcome.returncode, passed: outcome.passed, failed: outcome.failed, failures: outcome.failures }));
    return outcome;
  }
  const refuse = (reason: string, detail: string): void => {
    out.push({ type: "action_rejected", ts: tp, run_dir, round, agent: agent.name, reason, detail });
  };

  for (const action of actions) {
    if (action.type === "run_tests") {
      if (action.task !== null) {
        if (!board.has(action.task)) {
          const detail = `no task ${excerpt(action.task, 60)} in ${suite.id}`;
          refuse("unknown_task", detail);
          agent.history.push(H.rejectedEntry({ round, reason: "unknown_task", detail }));
          continue;
        }
        yield* test([action.task], action.task);
      } else {
        const open = board.ownedOpen(agent.name);
        yield* test(open.length ? open : suite.tasks.map((x) => x.id), null);
      }
      continue;
    }
    const refusal = board.checkComplete(agent.name, action.task);
    if (refusal !== null) {
      const owner = board.ownerOf(action.task);
      const detail =
        refusal === "not_owner"
          ? `${action.task} is ${owner === null ? "not claimed" : `owned by ${owner}`}`
          : refusal === "unknown_task"
            ? `no task ${excerpt(action.task, 60)} in ${suite.id}`
            : `${action.task}: ${refusal}`;
      refuse(refusal, detail);
      agent.history.push(H.completeEntry({ round, task: action.task, ok: false, reason: refusal }));
      continue;
    }
    const outcome = yield* test([action.task], action.task);
    if (outcome.returncode === 0) {
      board.markDone(action.task, round);
      out.push({ type: "complete_task", ts: tp, run_dir, round, agent: agent.name, task: action.task });
      agent.history.push(H.completeEntry({ round, task: action.task, ok: true, reason: null }));
    } else {
      agent.history.push(H.completeEntry({ round, task: action.task, ok: false, reason: "tests failed" }));
    }
  }
  return tp;
}
