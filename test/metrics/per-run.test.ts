import { describe, expect, it } from "vitest";
import { eventTableFromRecords, type EventRow } from "../../src/events/event-table.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import type { TeamEventType } from "../../src/events/types.js";

// A hand-built two-agent run. Every expected value below is worked out by hand from these events.
const R = "runA";
const events: EventRow[] = [
  { type: "run_start", ts: 0, run_dir: R },
  { type: "round_start", ts: 100, run_dir: R, round: 1 },
  { type: "agent_reply", ts: 110, run_dir: R, round: 1, agent: "Dev1", input_tokens: 1000, output_tokens: 50 },
  { type: "agent_reply", ts: 130, run_dir: R, round: 1, agent: "Dev2", input_tokens: 1200, output_tokens: 70 },
  { type: "edit_file", ts: 131, run_dir: R, round: 1, agent: "Dev1", path: "a.js" },
  { type: "edit_file", ts: 131, run_dir: R, round: 1, agent: "Dev2", path: "a.js" }, // same round, same path, 2 agents
  { type: "edit_file", ts: 131, run_dir: R, round: 1, agent: "Dev2", path: "b.js" },
  { type: "claim_blocked", ts: 131, run_dir: R, round: 1, agent: "Dev2" },
  { type: "run_tests", ts: 132, run_dir: R, round: 1, returncode: 1, seconds: 0.5 },
  { type: "round_start", ts: 200, run_dir: R, round: 2 },
  { type: "agent_reply", ts: 205, run_dir: R, round: 2, agent: "Dev1", input_tokens: 900, output_tokens: 30 },
  { type: "agent_reply", ts: 400, run_dir: R, round: 2, agent: "Dev2", input_tokens: 800, output_tokens: 20 }, // latency 200 >= 180: dropped
  { type: "edit_file", ts: 401, run_dir: R, round: 2, agent: "Dev1", path: "a.js" }, // rewrite (first written in round 1)
  { type: "edit_file", ts: 401, run_dir: R, round: 2, agent: "Dev1", path: "c.js" },
  { type: "run_tests", ts: 402, run_dir: R, round: 2, returncode: 0, seconds: 0.5 },
  { type: "run_tests", ts: 402, run_dir: R, round: 2, returncode: 5, seconds: 0.5 }, // "no tests": not a failure
  { type: "complete_task", ts: 402, run_dir: R, round: 2 },
  { type: "round_start", ts: 500, run_dir: R, round: 3 },
  { type: "agent_reply", ts: 520, run_dir: R, round: 3, agent: "Dev1", input_tokens: 100, output_tokens: 10 },
  { type: "agent_reply", ts: 560, run_dir: R, round: 3, agent: "Dev2", input_tokens: 100, output_tokens: 10 },
  { type: "agent_reply", ts: 500, run_dir: R, round: 3, agent: "Lead", input_tokens: 0, output_tokens: 0 }, // latency 0: dropped
  { type: "edit_file", ts: 561, run_dir: R, round: 3, agent: "Dev2", path: "b.js" }, // rewrite
  { type: "edit_file", ts: 561, run_dir: R, round: 3, agent: "Dev2", path: "b.js" }, // rewrite again; one agent: not concurrent
  { type: "run_tests", ts: 562, run_dir: R, round: 3, returncode: 2, seconds: 0.5 },
  { type: "run_tests", ts: 562, run_dir: R, round: 3, returncode: 3, seconds: 0.5 },
  { type: "run_end", ts: 600, run_dir: R, round: 3 },
];

describe("runEventMetrics on a hand-built run", () => {
  const m = runEventMetrics(eventTableFromRecords(events)).get(R)!;

  it("counts messages as agent_reply events", () => {
    // 2 (round 1) + 2 (round 2) + 3 (round 3) = 7
    expect(m.messages).toBe(7);
  });

  it("counts idle rounds: rounds with replies and no complete_task", () => {
    // round 1: replies, no completion -> idle; round 2: completion -> not idle; round 3: idle. 2 idle rounds.
    expect(m.idleRounds).toBe(2);
  });

  it("counts rewrites: edits after the round a path was first written", () => {
    // a.js first in round 1, rewritten in round 2 (1); b.js first in round 1, written twice in round 3 (2). 3 in all.
    expect(m.rewrites).toBe(3);
  });

  it("counts concurrent writes: (round, path) written by 2+ distinct agents", () => {
    // (1, a.js) by Dev1 and Dev2 -> 1. (3, b.js) twice by Dev2 alone -> not concurrent.
    expect(m.concurrentWrites).toBe(1);
  });

  it("counts failed test runs: return codes 1, 2, 3", () => {
    // round 1: rc 1; round 2: rc 0 and 5 (not failures); round 3: rc 2 and 3. 3 failures.
    expect(m.testFailures).toBe(3);
  });

  it("counts claim_blocked events", () => {
    expect(m.claimRefusals).toBe(1);
  });

  it("sums reply tokens", () => {
    // input: 1000 + 1200 + 900 + 800 + 100 + 100 + 0 = 4100; output: 50 + 70 + 30 + 20 + 10 + 10 + 0 = 190
    expect(m.inputTokens).toBe(4100);
    expect(m.outputTokens).toBe(190);
  });

  it("computes the straggler gap per round with 2+ kept latencies", () => {
    // round 1: latencies 10 and 30: max 30 - mean 20 = 10.
    // round 2: latencies 5 and 200; 200 is not < 180, so one reply remains: no gap.
    // round 3: latencies 20, 60 and 0; 0 is not > 0, so 20 and 60 remain: 60 - 40 = 20.
    expect(m.stragglerGaps).toEqual([
      { round: 1, gap: 10, replies: 2 },
      { round: 3, gap: 20, replies: 2 },
    ]);
  });

  it("gives NaN concurrent writes when edit events do not name their agent (as in the paper's events)", () => {
    const anon = events.map((e) => (e.type === "edit_file" ? { ...e, agent: null } : e));
    const a = runEventMetrics(eventTableFromRecords(anon)).get(R)!;
    expect(a.concurrentWrites).toBeNaN();
    // rewrites do not need the agent
    expect(a.rewrites).toBe(3);
  });

  it("keeps runs apart", () => {
    const two = [...events, ...events.map((e) => ({ ...e, run_dir: "runB" }))];
    const all = runEventMetrics(eventTableFromRecords(two));
    expect([...all.keys()]).toEqual([R, "runB"]);
    expect(all.get("runB")!.rewrites).toBe(3);
    expect(all.get("runB")!.messages).toBe(7);
  });

  it("refuses an event type outside the union (its switch ends in assertNever)", () => {
    const t = eventTableFromRecords(events);
    // Only a value that bypassed the types can get here: the type column is typed by the union.
    const forged = { ...t, type: [...t.type.slice(0, -1), "vote" as string as TeamEventType] };
    expect(() => runEventMetrics(forged)).toThrow('runEventMetrics: unexpected value "vote"');
  });
});
