import { describe, expect, it } from "vitest";
import { eventTableFromRecords } from "../../src/events/event-table.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import { runSummaryRecords } from "../../src/metrics/run-summary-records.js";
import type { RunRow } from "../../src/runs/types.js";

const run = (over: Partial<RunRow>): RunRow => ({
  run_dir: "r1",
  model_dir: "m",
  exp_dir: "e",
  mode: "decentralized",
  task_type: "t",
  p_label: "p09",
  p_true: 0.9,
  n_teammates: 2,
  rep: 0,
  success: true,
  wall_clock_seconds: 10,
  total_rounds: 2,
  concurrent_writes: 0,
  claims_blocked: 0,
  total_input_tokens: 5,
  total_output_tokens: 6,
  ...over,
});

const events = eventTableFromRecords([
  { type: "run_start", ts: 0, run_dir: "r1" },
  { type: "round_start", ts: 1, run_dir: "r1", round: 1 },
  { type: "agent_reply", ts: 3, run_dir: "r1", round: 1, agent: "a" },
  { type: "agent_reply", ts: 5, run_dir: "r1", round: 1, agent: "b" },
  // Three refused claims; one of them (dependencies_pending) is a blocked claim in the run table's sense.
  { type: "claim_blocked", ts: 5, run_dir: "r1", round: 1, agent: "a", task: "t2" },
  { type: "claim_blocked", ts: 5, run_dir: "r1", round: 1, agent: "b", task: "t1" },
  { type: "claim_blocked", ts: 5, run_dir: "r1", round: 1, agent: "b", task: "t9" },
  { type: "run_start", ts: 0, run_dir: "r2" },
  { type: "run_end", ts: 9, run_dir: "r1" },
]);

describe("runSummaryRecords", () => {
  it("puts each run's keys beside its event counts, counting 0 for a run without events", () => {
    const recs = runSummaryRecords([run({}), run({ run_dir: "r3", mode: "preassign_nolead" })], runEventMetrics(events));
    expect(recs[0]).toMatchObject({ run_dir: "r1", condition: "decentralized", messages: 2, idle_rounds: 1, straggler_rounds: 1, mean_straggler_gap_s: 1 });
    expect(recs[1]).toMatchObject({ run_dir: "r3", condition: "preassign", messages: 0, idle_rounds: 0, claim_refusals: 0, straggler_rounds: 0 });
    expect(recs[1]!.mean_straggler_gap_s).toBeNaN();
  });

  it("takes claims_blocked (dependency refusals) from the run table and counts every refusal as claim_refusals", () => {
    // The run table counts claim_blocked events with reason dependencies_pending (summarizeRun): 1 here.
    const [rec] = runSummaryRecords([run({ claims_blocked: 1 })], runEventMetrics(events));
    expect(rec).toMatchObject({ claims_blocked: 1, claim_refusals: 3 });
  });
});
