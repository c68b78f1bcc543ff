import { describe, expect, it } from "vitest";
import { runTeam, workerNames } from "../../src/team/orchestrator.js";
import { summarizeRun, eventsOfType } from "../../src/team/run-summary.js";
import { createScriptedBackend, type ScriptedReply } from "../../src/llm/scripted-backend.js";
import { BackendError } from "../../src/llm/errors.js";
import type { AgentView } from "../../src/agent/types.js";
import type { TeamEvent } from "../../src/events/types.js";
import type { Suite } from "../../src/tasks/types.js";
import type { TeamMode } from "../../src/agent/mode.js";
import { eventTableFromRecords } from "../../src/events/event-table.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import { chainSuite, exactRunner } from "./fixtures.js";

type Script = Record<string, Record<number, ScriptedReply | string>>;

const sol = (s: Suite, id: string): string => Object.values(s.tasks.find((t) => t.id === id)!.solution!)[0]!;
const bad = (s: Suite, id: string): string => Object.values(s.tasks.find((t) => t.id === id)!.faulty!)[0]!;
const write = (path: string, content: string): string => `<write path="${path}">\n${content}</write>`;
/** Claim, write the reference solution, test and complete: the whole of a task in one reply. */
const doTask = (s: Suite, id: string, claim = true): string =>
  [claim ? `<claim task="${id}"/>` : "", write(`${id}.js`, sol(s, id)), `<run_tests task="${id}"/>`, `<complete task="${id}"/>`].join("\n");

/** Run a team whose agents answer from `script[agent][round]` (silence when absent). */
async function play(script: Script, opts: { mode?: TeamMode; n?: number; maxRounds?: number; suite?: Suite } = {}) {
  const suite = opts.suite ?? chainSuite();
  const backend = createScriptedBackend((view: AgentView) => script[view.agent]?.[view.round] ?? "Nothing to do.");
  const result = await runTeam(
    { runId: "r1", suite, mode: opts.mode ?? "decentralized", teammates: opts.n ?? 2, maxRounds: opts.maxRounds ?? 5, seed: 1 },
    { backend, testRunner: exactRunner },
  );
  const row = summarizeRun(result, {
    runId: "r1",
    expDir: "exp",
    suite,
    mode: opts.mode ?? "decentralized",
    teammates: opts.n ?? 2,
    rep: 0,
    seed: 1,
    backend,
  });
  const metrics = runEventMetrics(eventTableFromRecords(result.events)).get("r1")!;
  return { result, row, metrics, events: result.events };
}

const strip = (events: readonly TeamEvent[], types: readonly string[]): Record<string, unknown>[] =>
  events
    .filter((e) => types.includes(e.type))
    .map((e) => {
      const { run_dir: _r, ts: _t, ...rest } = e as TeamEvent & Record<string, unknown>;
      return rest;
    });

describe("runTeam: claim rules", () => {
  it("settles a tie in arrival order: the faster reply wins, the loser's claim is logged as lost_tie", async () => {
    const s = chainSuite();
    const { events } = await play({
      Dev1: { 1: { text: '<claim task="d"/>', latencySeconds: 3 } },
      Dev2: { 1: { text: '<claim task="d"/>', latencySeconds: 2 } },
    });
    expect(strip(events, ["claim_task", "claim_blocked"])).toEqual([
      { type: "claim_task", round: 1, agent: "Dev2", task: "d" },
      { type: "claim_blocked", round: 1, agent: "Dev1", task: "d", reason: "lost_tie" },
    ]);
    void s;
  });

  it("breaks equal arrival times by agent order", async () => {
    const { events } = await play({ Dev1: { 1: '<claim task="d"/>' }, Dev2: { 1: '<claim task="d"/>' } });
    expect(strip(events, ["claim_task", "claim_blocked"])).toEqual([
      { type: "claim_task", round: 1, agent: "Dev1", task: "d" },
      { type: "claim_blocked", round: 1, agent: "Dev2", task: "d", reason: "lost_tie" },
    ]);
  });

  it("refuses a claim of a task claimed in an earlier round as already_claimed, and of a done task as already_done", async () => {
    const s = chainSuite();
    const { events } = await play({
      Dev1: { 1: doTask(s, "d") },
      Dev2: { 2: '<claim task="d"/>' },
    });
    expect(strip(events, ["claim_blocked"])).toEqual([{ type: "claim_blocked", round: 2, agent: "Dev2", task: "d", reason: "already_done" }]);
    const again = await play({ Dev1: { 1: '<claim task="e"/>' }, Dev2: { 2: '<claim task="e"/>' } });
    expect(strip(again.events, ["claim_blocked"])).toEqual([{ type: "claim_blocked", round: 2, agent: "Dev2", task: "e", reason: "already_claimed" }]);
  });

  it("refuses a claim whose dependencies are not done (a temporal violation) and counts it in claims_blocked", async () => {
    const s = chainSuite();
    const { events, row, metrics } = await play({
      Dev1: { 1: doTask(s, "a") },
      // Acting on the round-1 snapshot, where a is not done yet.
      Dev2: { 1: '<claim task="b"/> <claim task="zz"/>', 2: '<claim task="b"/>' },
    });
    expect(strip(events, ["claim_task", "claim_blocked"])).toEqual([
      { type: "claim_task", round: 1, agent: "Dev1", task: "a" },
      { type: "claim_blocked", round: 1, agent: "Dev2", task: "b", reason: "dependencies_pending" },
      { type: "claim_blocked", round: 1, agent: "Dev2", task: "zz", reason: "unknown_task" },
      { type: "claim_task", round: 2, agent: "Dev2", task: "b" },
    ]);
    expect(row.claims_blocked).toBe(1);
    expect(metrics.claimRefusals).toBe(2);
  });

  it("accepts a chain completed within one reply (completions are settled in reply order after the round's writes)", async () => {
    const s = chainSuite();
    const reply = [
      '<claim task="a"/>',
      write("a.js", sol(s, "a")),
      write("b.js", sol(s, "b")),
      '<complete task="a"/>',
      '<claim task="b"/>',
      '<complete task="b"/>',
    ].join("\n");
    const { events } = await play({ Dev1: { 1: reply } }, { n: 1 });
    // The claim of b is refused (a is not done when claims are processed), so b's completion is too.
    expect(strip(events, ["claim_blocked", "complete_task", "action_rejected"])).toEqual([
      { type: "claim_blocked", round: 1, agent: "Dev1", task: "b", reason: "dependencies_pending" },
      { type: "complete_task", round: 1, agent: "Dev1", task: "a" },
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "not_owner", detail: "b is not claimed" },
    ]);
  });
});

describe("runTeam: workspace, locks and violations", () => {
  it("logs a concurrent write when two agents write one path in one round: a lock_attempt per write, the second refused", async () => {
    const s = chainSuite();
    const { events, row, metrics } = await play({
      Dev1: { 1: { text: write("d.js", bad(s, "d")), latencySeconds: 1 } },
      Dev2: { 1: { text: write("d.js", sol(s, "d")), latencySeconds: 2 } },
    });
    expect(strip(events, ["lock_attempt", "edit_file"])).toEqual([
      { type: "lock_attempt", round: 1, agent: "Dev1", path: "d.js", ok: true },
      { type: "edit_file", round: 1, agent: "Dev1", path: "d.js", bytes: bad(s, "d").length },
      { type: "lock_attempt", round: 1, agent: "Dev2", path: "d.js", ok: false },
      { type: "edit_file", round: 1, agent: "Dev2", path: "d.js", bytes: sol(s, "d").length },
    ]);
    expect(row.concurrent_writes).toBe(1);
    expect(metrics.rewrites).toBe(0);
  });

  it("logs a rewrite when a teammate redoes a file in a later round", async () => {
    const s = chainSuite();
    const { row, metrics } = await play({
      Dev1: { 1: `<claim task="d"/>${write("d.js", sol(s, "d"))}` },
      Dev2: { 2: write("d.js", sol(s, "d")) },
    });
    expect(metrics.rewrites).toBe(1);
    expect(row.concurrent_writes).toBe(0);
  });

  it("refuses paths outside the workspace and never writes them", async () => {
    const { events, result } = await play({
      Dev1: { 1: [write("../escape.js", "x"), write("/etc/passwd", "x"), write("a\\b.js", "x"), write(".git/config", "x")].join("\n") },
    });
    expect(strip(events, ["action_rejected"]).map((e) => e.reason)).toEqual(["path_traversal", "path_absolute", "path_backslash", "path_hidden"]);
    expect(eventsOfType(events, "edit_file")).toEqual([]);
    expect(eventsOfType(events, "lock_attempt")).toEqual([]);
    void result;
  });

  it("logs parse problems as action_rejected and carries on with the valid actions", async () => {
    const { events } = await play({ Dev1: { 1: '<claim task="d"> <frobnicate/> <claim task="e"/>' } });
    expect(strip(events, ["action_rejected", "claim_task"])).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "malformed_tag", detail: "<claim> must be self-closing: <claim .../>" },
      {
        type: "action_rejected",
        round: 1,
        agent: "Dev1",
        reason: "unknown_tag",
        detail: "<frobnicate> is not an action; valid: claim, write, run_tests, complete, message, broadcast, assign",
      },
      { type: "claim_task", round: 1, agent: "Dev1", task: "e" },
    ]);
  });
});

describe("runTeam: tests and completion", () => {
  it("accepts complete only when the task's tests pass; a failure leaves the task open with its owner", async () => {
    const s = chainSuite();
    const { events, result } = await play(
      {
        Dev1: {
          1: `<claim task="a"/>${write("a.js", bad(s, "a"))}<complete task="a"/>`,
          2: `${write("a.js", sol(s, "a"))}<run_tests task="a"/><complete task="a"/>`,
        },
      },
      { n: 1, maxRounds: 2 },
    );
    expect(strip(events, ["run_tests", "complete_task"])).toEqual([
      { type: "run_tests", round: 1, agent: "Dev1", returncode: 1, seconds: 0.9, passed: 0, failed: 1 },
      { type: "run_tests", round: 2, agent: "Dev1", returncode: 0, seconds: 0.9, passed: 1, failed: 0 },
      { type: "complete_task", round: 2, agent: "Dev1", task: "a" },
    ]);
    expect(result.endReason).toBe("max_rounds");
  });

  it("refuses complete from a non-owner without running tests", async () => {
    const s = chainSuite();
    const { events } = await play({ Dev1: { 1: `<claim task="d"/>` }, Dev2: { 1: `${write("d.js", sol(s, "d"))}<complete task="d"/>` } });
    expect(strip(events, ["action_rejected", "run_tests"])).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev2", reason: "not_owner", detail: "d is owned by Dev1" },
    ]);
  });

  it("runs the tests of the agent's open tasks for a bare <run_tests/>", async () => {
    const s = chainSuite();
    const { events } = await play({ Dev1: { 1: `<claim task="d"/><claim task="e"/>${write("d.js", sol(s, "d"))}<run_tests/>` } });
    expect(strip(events, ["run_tests"])).toEqual([{ type: "run_tests", round: 1, agent: "Dev1", returncode: 2, seconds: 1, passed: 1, failed: 1 }]);
  });

  it("refuses tests and completions of unknown tasks", async () => {
    const { events } = await play({ Dev1: { 1: '<run_tests task="nope"/><complete task="nope"/>' } });
    expect(strip(events, ["action_rejected", "run_tests"])).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_task", detail: "no task nope in mini_p50" },
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_task", detail: "no task nope in mini_p50" },
    ]);
  });

  it("ends with success when every task is done, with a virtual clock of slowest reply plus test time per round", async () => {
    const s = chainSuite();
    const { result, row, events } = await play(
      {
        Dev1: { 1: { text: doTask(s, "a") + doTask(s, "d"), latencySeconds: 4 }, 2: { text: doTask(s, "b"), latencySeconds: 2 }, 3: { text: doTask(s, "c"), latencySeconds: 1 } },
        Dev2: { 1: { text: doTask(s, "e"), latencySeconds: 6 } },
      },
      { maxRounds: 5 },
    );
    expect(result.endReason).toBe("all_tasks_done");
    expect(result.success).toBe(true);
    expect(result.rounds).toBe(3);
    // Round 1: barrier 6 s, Dev1 tests two tasks (2 x 0.9 s): 7.8 s. Round 2: Dev2 silent at 1 s, Dev1 2 s + 0.9 s.
    // Round 3: 1 s + 0.9 s.
    expect(result.elapsedSeconds).toBeCloseTo(7.8 + 2.9 + 1.9, 10);
    expect(row.wall_clock_seconds).toBeCloseTo(12.6, 10);
    expect(row.total_rounds).toBe(3);
    expect(row.success).toBe(true);
    const ends = eventsOfType(events, "run_end");
    expect(ends).toEqual([{ type: "run_end", ts: result.elapsedSeconds, run_dir: "r1", round: 3, success: true, reason: "all_tasks_done" }]);
    const replies = eventsOfType(events, "agent_reply").filter((e) => e.round === 2);
    const start2 = eventsOfType(events, "round_start").find((e) => e.round === 2)!.ts;
    expect(replies.map((e) => [e.agent, e.latency_s, e.ts - start2])).toEqual([
      ["Dev2", 1, 1],
      ["Dev1", 2, 2],
    ]);
    // Timestamps never go backwards in the log.
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts).toBeGreaterThanOrEqual(events[i - 1]!.ts);
  });

  it("fails with max_rounds when tasks remain", async () => {
    const { result, row, events } = await play({}, { maxRounds: 2 });
    expect(result.endReason).toBe("max_rounds");
    expect(row.success).toBe(false);
    expect(row.end_reason).toBe("max_rounds");
    expect(eventsOfType(events, "run_end")[0]).toMatchObject({ round: 2, success: false, reason: "max_rounds" });
    expect(eventsOfType(events, "round_start")).toHaveLength(2);
    expect(row.messages).toBe(4);
  });
});

describe("runTeam: modes", () => {
  it("preassign: assigns everything before round 1 as the orchestrator, and refuses claims", async () => {
    const s = chainSuite();
    const { events } = await play({ Dev2: { 1: `<claim task="e"/>` }, Dev1: { 1: doTask(s, "a", false) } }, { mode: "preassign" });
    expect(strip(events, ["assign_task"])).toEqual([
      { type: "assign_task", round: 0, agent: "orchestrator", task: "a", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "b", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "c", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "d", assignee: "Dev1" },
      { type: "assign_task", round: 0, agent: "orchestrator", task: "e", assignee: "Dev2" },
    ]);
    expect(strip(events, ["action_rejected", "complete_task"])).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev2", reason: "claim_not_allowed", detail: "preassign mode: tasks are assigned, not claimed (claim of e)" },
      { type: "complete_task", round: 1, agent: "Dev1", task: "a" },
    ]);
  });

  it("lead: the lead is an extra agent whose assignments are checked like claims", async () => {
    const s = chainSuite();
    const { events, row } = await play(
      {
        Lead: { 1: '<assign task="a" to="Dev1"/><assign task="b" to="Dev2"/><assign task="d" to="Nobody"/>' },
        Dev2: { 1: '<assign task="e" to="Dev2"/>' },
        Dev1: { 2: doTask(s, "a", false) },
      },
      { mode: "lead", maxRounds: 2 },
    );
    expect(eventsOfType(events, "initialize")[0]).toMatchObject({ agents: ["Dev1", "Dev2", "Lead"], num_teammates: 2 });
    expect(strip(events, ["assign_task", "claim_blocked", "action_rejected", "complete_task"])).toEqual([
      { type: "action_rejected", round: 1, agent: "Dev2", reason: "assign_not_allowed", detail: "only the lead assigns tasks (assign of e)" },
      { type: "assign_task", round: 1, agent: "Lead", task: "a", assignee: "Dev1" },
      { type: "claim_blocked", round: 1, agent: "Lead", task: "b", reason: "dependencies_pending" },
      { type: "action_rejected", round: 1, agent: "Lead", reason: "unknown_recipient", detail: 'no teammate named "Nobody"; teammates: Dev1, Dev2' },
      { type: "complete_task", round: 2, agent: "Dev1", task: "a" },
    ]);
    // n counts teammates; the lead's replies count as messages.
    expect(row.n_teammates).toBe(2);
    expect(row.messages).toBe(6);
  });
});

describe("runTeam: messages", () => {
  it("delivers messages and broadcasts at the next round and logs them as broadcast events", async () => {
    const seen: Record<string, string[]> = {};
    const backend = createScriptedBackend((view) => {
      seen[`${view.agent}@${view.round}`] = view.inbox.map((m) => `${m.from}:${m.text}:${m.broadcast}`);
      if (view.round === 1 && view.agent === "Dev1") return '<message to="Dev3">hello</message><broadcast>all</broadcast><message to="Dev9">x</message><message to="Dev1">me</message>';
      return "";
    });
    const r = await runTeam({ runId: "m", suite: chainSuite(), mode: "decentralized", teammates: 3, maxRounds: 2, seed: 0 }, { backend, testRunner: exactRunner });
    expect(strip(r.events, ["broadcast", "action_rejected"])).toEqual([
      { type: "broadcast", round: 1, agent: "Dev1", to: ["Dev3"], chars: 5 },
      { type: "broadcast", round: 1, agent: "Dev1", to: ["Dev2", "Dev3"], chars: 3 },
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_recipient", detail: 'no teammate named "Dev9"; teammates: Dev2, Dev3' },
      { type: "action_rejected", round: 1, agent: "Dev1", reason: "unknown_recipient", detail: 'no teammate named "Dev1"; teammates: Dev2, Dev3' },
    ]);
    expect(seen["Dev3@1"]).toEqual([]);
    expect(seen["Dev3@2"]).toEqual(["Dev1:hello:false", "Dev1:all:true"]);
    expect(seen["Dev2@2"]).toEqual(["Dev1:all:true"]);
  });
});

describe("runTeam: prompts, errors and cancellation", () => {
  it("sends the rendered prompt with the board, history and messages; scripted input tokens are the segment sum", async () => {
    const s = chainSuite();
    let prompt = "";
    const backend = createScriptedBackend((view, request) => {
      if (view.round === 2) prompt = request.messages.map((m) => m.content).join("\n");
      return view.round === 1 ? doTask(s, "a") : "";
    });
    const r = await runTeam({ runId: "p", suite: s, mode: "decentralized", teammates: 1, maxRounds: 2, seed: 0 }, { backend, testRunner: exactRunner });
    expect(prompt).toContain("- a [done by Dev1] a.js: Build a");
    expect(prompt).toContain("- b [free] b.js: Build b (needs a)");
    expect(prompt).toContain("[round 1] You claimed a.");
    expect(prompt).toContain("[round 1] a is complete.");
    expect(prompt).toContain('<claim task="task-3"/>');
    expect(eventsOfType(r.events, "agent_reply").every((e) => e.input_tokens > 100)).toBe(true);
  });

  it("ends the run with reason error when the backend fails, and the row still summarises it", async () => {
    const backend = createScriptedBackend((view) => {
      if (view.round === 2 && view.agent === "Dev2") throw new BackendError("openai", "429 rate limited", { status: 429, retryable: true });
      return "ok";
    });
    const suite = chainSuite();
    const r = await runTeam({ runId: "e", suite, mode: "decentralized", teammates: 2, maxRounds: 5, seed: 0 }, { backend, testRunner: exactRunner });
    expect(r.endReason).toBe("error");
    expect(eventsOfType(r.events, "run_end")[0]).toMatchObject({ round: 2, success: false, reason: "error", detail: "BackendError: openai: 429 rate limited" });
    // Nothing of the failed round is applied.
    expect(eventsOfType(r.events, "agent_reply")).toHaveLength(2);
    const row = summarizeRun(r, { runId: "e", expDir: "x", suite, mode: "decentralized", teammates: 2, rep: 0, seed: 0, backend });
    expect(row).toMatchObject({ success: false, end_reason: "error", total_rounds: 2 });
  });

  it("treats an invalid reply (negative tokens) as a backend error", async () => {
    const backend = createScriptedBackend(() => ({ text: "", outputTokens: -1 }));
    const r = await runTeam({ runId: "e", suite: chainSuite(), mode: "decentralized", teammates: 1, maxRounds: 5, seed: 0 }, { backend, testRunner: exactRunner });
    expect(eventsOfType(r.events, "run_end")[0]!.detail).toBe("ToolkitError: runTeam: backend scripted returned outputTokens = -1; expected a non-negative integer");
    const row = summarizeRun(r, { runId: "e", expDir: "x", suite: chainSuite(), mode: "decentralized", teammates: 1, rep: 0, seed: 0, backend });
    expect(row.total_input_tokens).toBe(0);
  });

  it("stops at the next round when the run's signal is aborted", async () => {
    const controller = new AbortController();
    const backend = createScriptedBackend((view) => {
      if (view.round === 2) controller.abort();
      return "";
    });
    const r = await runTeam(
      { runId: "a", suite: chainSuite(), mode: "decentralized", teammates: 1, maxRounds: 5, seed: 0 },
      { backend, testRunner: exactRunner, signal: controller.signal },
    );
    expect(eventsOfType(r.events, "run_end")[0]).toMatchObject({ round: 2, reason: "error", detail: "aborted" });
  });

  it("refuses bad configurations naming the field and the valid range", async () => {
    const backend = createScriptedBackend(() => "");
    const base = { runId: "x", suite: chainSuite(), mode: "decentralized" as const, teammates: 1, maxRounds: 1, seed: 0 };
    await expect(runTeam({ ...base, teammates: 0 }, { backend, testRunner: exactRunner })).rejects.toThrow(
      "runTeam: config.teammates must be an integer from 1 to 64; got 0",
    );
    await expect(runTeam({ ...base, maxRounds: 1.5 }, { backend, testRunner: exactRunner })).rejects.toThrow("config.maxRounds must be an integer");
    await expect(runTeam({ ...base, seed: -1 }, { backend, testRunner: exactRunner })).rejects.toThrow("config.seed must be an integer in [0, 2^32)");
  });

  it("timestamps a wall-clock backend's events with the injected clock and measures latency from it", async () => {
    let clock = 1_700_000_000;
    const backend = {
      ...createScriptedBackend(() => ""),
      clock: "wall" as const,
      simulated: false,
      reply: async () => {
        clock += 2.5;
        return { text: "", inputTokens: 10, outputTokens: 1, latencySeconds: 99 };
      },
    };
    const r = await runTeam(
      { runId: "w", suite: chainSuite(), mode: "decentralized", teammates: 1, maxRounds: 2, seed: 0 },
      { backend, testRunner: exactRunner, now: () => clock },
    );
    // ts counts from the run's start; the wall-clock start is run_start.wall_start (src/events/types.ts).
    expect(eventsOfType(r.events, "run_start")[0]).toMatchObject({ ts: 0, clock: "wall", simulated: false, wall_start: 1_700_000_000 });
    // The backend's own latency report is ignored on the wall clock: latency is measured.
    expect(eventsOfType(r.events, "agent_reply").map((e) => [e.ts, e.latency_s])).toEqual([
      [2.5, 2.5],
      [5, 2.5],
    ]);
    expect(r.elapsedSeconds).toBe(5);
  });

  it("aborts a request that exceeds requestTimeoutSeconds and ends the run with an error", async () => {
    const backend = {
      ...createScriptedBackend(() => ""),
      reply: (request: { signal: AbortSignal }) =>
        new Promise<never>((_, reject) => request.signal.addEventListener("abort", () => reject(new Error("request aborted")))),
    };
    const r = await runTeam(
      { runId: "t", suite: chainSuite(), mode: "decentralized", teammates: 2, maxRounds: 2, seed: 0 },
      { backend: backend as never, testRunner: exactRunner, requestTimeoutSeconds: 0.02 },
    );
    expect(eventsOfType(r.events, "run_end")[0]).toMatchObject({ round: 1, reason: "error", detail: "Error: request aborted" });
  });

  it("names workers as the paper does", () => {
    expect(workerNames(3)).toEqual(["Dev1", "Dev2", "Dev3"]);
  });
});
