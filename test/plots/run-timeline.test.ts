import { describe, expect, it } from "vitest";
import type { TeamEvent } from "../../src/events/types.js";
import { runTimelineFigure } from "../../src/plots/run-timeline.js";

const R = "run-1";
/** A two-agent round written by hand: every mark kind once, on a clock that starts at 100 s. */
const events: TeamEvent[] = [
  { type: "run_start", ts: 100, run_dir: R, schema_version: 3, clock: "wall", simulated: false, wall_start: 1_772_478_318, unsafe_no_sandbox: false },
  { type: "initialize", ts: 100, run_dir: R, agents: ["Dev1", "Dev2"], num_teammates: 2 },
  { type: "assign_task", ts: 100, run_dir: R, round: 0, agent: "orchestrator", task: "t1", assignee: "Dev1" },
  { type: "assign_task", ts: 100, run_dir: R, round: 0, agent: "orchestrator", task: "t2", assignee: "Dev2" },
  { type: "round_start", ts: 100, run_dir: R, round: 1 },
  { type: "agent_reply", ts: 105, run_dir: R, round: 1, agent: "Dev1", input_tokens: 1200, output_tokens: 300, latency_s: 5 },
  { type: "claim_task", ts: 105, run_dir: R, round: 1, agent: "Dev1", task: "t3" },
  { type: "lock_attempt", ts: 105, run_dir: R, round: 1, agent: "Dev1", path: "a.js", ok: true },
  { type: "edit_file", ts: 105, run_dir: R, round: 1, agent: "Dev1", path: "a.js", bytes: 10 },
  { type: "lock_attempt", ts: 105, run_dir: R, round: 1, agent: "Dev1", path: "b.js", ok: true },
  { type: "edit_file", ts: 105, run_dir: R, round: 1, agent: "Dev1", path: "b.js", bytes: 10 },
  { type: "agent_reply", ts: 107, run_dir: R, round: 1, agent: "Dev2", input_tokens: 1100, output_tokens: 200, latency_s: 7 },
  { type: "claim_blocked", ts: 107, run_dir: R, round: 1, agent: "Dev2", task: "t4", reason: "dependencies_pending" },
  { type: "broadcast", ts: 107, run_dir: R, round: 1, agent: "Dev2", to: ["Dev1"], chars: 40 },
  { type: "action_rejected", ts: 107, run_dir: R, round: 1, agent: "Dev2", reason: "unknown_tag", detail: "<foo>" },
  { type: "run_tests", ts: 108, run_dir: R, round: 1, agent: "Dev1", returncode: 0, seconds: 1, passed: 3, failed: 0 },
  { type: "complete_task", ts: 108, run_dir: R, round: 1, agent: "Dev1", task: "t1" },
  { type: "run_tests", ts: 108, run_dir: R, round: 1, agent: "Dev2", returncode: 1, seconds: 1, passed: 1, failed: 2 },
  { type: "run_end", ts: 108, run_dir: R, round: 1, success: false, reason: "max_rounds" },
];

const byName = (name: string) => runTimelineFigure(events).data.find((t) => t["name"] === name)!;

describe("runTimelineFigure", () => {
  it("has one row per agent, workers first, then the orchestrator", () => {
    const spec = runTimelineFigure(events);
    expect((spec.layout["yaxis"] as { ticktext: string[] }).ticktext).toEqual(["Dev1", "Dev2", "orchestrator"]);
  });

  it("draws each reply as a bar from its round's start, on time since run_start", () => {
    const replies = byName("reply in flight");
    expect(replies["base"]).toEqual([0, 0]);
    expect(replies["x"]).toEqual([5, 7]);
    expect(replies["y"]).toEqual([0, 1]);
  });

  it("draws test runs as bars ending at their event, passed and failed apart", () => {
    expect(byName("test run passed")["base"]).toEqual([7]);
    expect(byName("test run failed")["base"]).toEqual([7]);
    expect(byName("test run failed")["y"]).toEqual([1.34]);
  });

  it("merges marks of one kind at one time, with their count and details", () => {
    const edits = byName("file edits");
    expect(edits["x"]).toEqual([5]);
    expect(edits["text"]).toEqual(["2"]);
    expect(edits["customdata"]).toEqual(["file edits: a.js, b.js"]);
    expect(byName("tasks assigned")["customdata"]).toEqual(["tasks assigned: t1 → Dev1, t2 → Dev2"]);
    expect(byName("tasks assigned")["y"]).toEqual([2 - 0.17]);
    expect(byName("claims refused")["customdata"]).toEqual(["claims refused: t4 (dependencies_pending)"]);
    expect(byName("messages sent")["x"]).toEqual([7]);
    expect(byName("tasks completed")["x"]).toEqual([8]);
    expect(byName("claims accepted")["text"]).toEqual([""]);
  });

  it("marks every round start and says which clock the times are on", () => {
    const spec = runTimelineFigure(events, { note: "a note" });
    expect(spec.layout["shapes"]).toHaveLength(1);
    expect(JSON.stringify(spec.layout["title"])).toContain("run-1 · 2 agents, 1 round, 8.0 seconds · a note");
    expect(JSON.stringify(spec.layout["xaxis"])).toContain("Time since the run started (seconds)");
  });

  it("refuses a log without run_start", () => {
    expect(() => runTimelineFigure(events.slice(1))).toThrow("runTimelineFigure: the events have no run_start (18 events); pass one run's whole log");
  });
});
