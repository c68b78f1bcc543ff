import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eventTableFromRecords, type EventRow } from "../../src/events/event-table.js";
import type { TeamEventType } from "../../src/events/types.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import {
  conflictsTable,
  costSpeedupTable,
  extraMessagesTable,
  stragglerTable,
  testFailuresTable,
  tokenCostTable,
} from "../../src/metrics/paper-tables.js";
import { loadPaperData, computePaperTables } from "../../src/report/paper.js";
import type { RunRow } from "../../src/runs/types.js";
import { HAVE_PAPER_DATA } from "../helpers/paper.js";

function run(p: Partial<RunRow> & Pick<RunRow, "run_dir">): RunRow {
  return {
    model_dir: "m",
    exp_dir: "e",
    mode: "decentralized",
    task_type: "A",
    p_label: "p09",
    p_true: 0.9,
    n_teammates: 2,
    rep: 0,
    success: true,
    wall_clock_seconds: 100,
    total_rounds: 1,
    concurrent_writes: 0,
    claims_blocked: 0,
    total_input_tokens: 0,
    total_output_tokens: 0,
    ...p,
  };
}

describe("paper tables on hand-built runs", () => {
  // Three decentralized runs and two centralized ones, model m, n = 2.
  const runs = [
    run({ run_dir: "d1", concurrent_writes: 4, claims_blocked: 1 }),
    run({ run_dir: "d2", concurrent_writes: 2, claims_blocked: 3 }),
    run({ run_dir: "d3", concurrent_writes: 100, success: false }), // failed: not in the conflict means
    run({ run_dir: "c1", mode: "preassign_nolead" }),
    run({ run_dir: "c2", mode: "preassign" }), // both centralized modes are pooled
  ];
  const ev = (run_dir: string, type: TeamEventType, extra: Partial<EventRow> = {}): EventRow => ({ type, run_dir, ts: 0, ...extra });
  const events = eventTableFromRecords([
    // d1: 3 replies; a.js written in round 1 then twice in round 2 -> 2 rewrites; one failed test run (rc 1)
    ev("d1", "agent_reply", { round: 1 }),
    ev("d1", "agent_reply", { round: 1 }),
    ev("d1", "agent_reply", { round: 2 }),
    ev("d1", "edit_file", { round: 1, path: "a.js" }),
    ev("d1", "edit_file", { round: 2, path: "a.js" }),
    ev("d1", "edit_file", { round: 2, path: "a.js" }),
    ev("d1", "run_tests", { round: 2, returncode: 1 }),
    // d2: 1 reply, no edits, no tests (it has no rewrites: counts 0)
    ev("d2", "agent_reply", { round: 1 }),
    // d3 (failed): 5 replies
    ...[1, 2, 3, 4, 5].map(() => ev("d3", "agent_reply", { round: 1 })),
    // c1: 1 reply; c2: no events at all (counts 0 messages)
    ev("c1", "agent_reply", { round: 1 }),
  ]);
  const metrics = runEventMetrics(events);

  it("conflicts: successful decentralized runs, stored columns plus rewrites with a missing run counted 0", () => {
    const t = conflictsTable(runs, metrics);
    // concurrent writes of d1, d2: 4 and 2 -> mean 3, SD √2, SEM √2/√2 = 1
    expect(t.find((r) => r.metric === "concurrent_writes")).toEqual({ model: "m", metric: "concurrent_writes", mean: 3, sem: 1 });
    // rewrites 2 (d1) and 0 (d2) -> mean 1, SEM √2/√2 = 1
    expect(t.find((r) => r.metric === "rewrites")).toEqual({ model: "m", metric: "rewrites", mean: 1, sem: 1 });
    // claims blocked 1 and 3 -> mean 2, SEM 1
    expect(t.find((r) => r.metric === "claims_blocked")).toEqual({ model: "m", metric: "claims_blocked", mean: 2, sem: 1 });
  });

  it("test failures: per successful run, runs without failures count 0", () => {
    const t = testFailuresTable(runs, metrics);
    // decentralized: d1 has 1, d2 has 0 -> mean 0.5, SEM √0.5/√2 = 0.5; centralized: c1, c2 have 0 -> 0, 0
    expect(t).toEqual([
      { model: "m", condition: "preassign", mean: 0, sem: 0 },
      { model: "m", condition: "decentralized", mean: 0.5, sem: 0.5 },
    ]);
  });

  it("extra messages: all runs, decentralized minus centralized, SEMs combined in quadrature", () => {
    const [row] = extraMessagesTable(runs, metrics);
    // decentralized d1, d2, d3: 3, 1, 5 -> mean 3, s² = 4, s²/N = 4/3
    // centralized c1, c2: 1, 0 -> mean 0.5, s² = 0.5, s²/N = 0.25
    // extra = 2.5, SEM = √(4/3 + 1/4) = 1.258306
    expect(row!.mean).toBe(2.5);
    expect(row!.sem).toBeCloseTo(Math.sqrt(4 / 3 + 0.25), 12);
  });

  it("token cost: successful runs with non-zero tokens; a single run has SEM 0", () => {
    const t = tokenCostTable([
      run({ run_dir: "a", total_input_tokens: 100, total_output_tokens: 20 }),
      run({ run_dir: "b", total_input_tokens: 200, total_output_tokens: 40 }),
      run({ run_dir: "c", total_input_tokens: 0, total_output_tokens: 0 }), // zero tokens: skipped
      run({ run_dir: "d", total_input_tokens: 999, success: false }), // failed: skipped
      run({ run_dir: "e", n_teammates: 3, total_input_tokens: 50 }),
    ]);
    // n=2: 120 and 240 -> mean 180, SD 84.8528, SEM 60; n=3: 50 -> SEM 0
    expect(t).toEqual([
      { condition: "decentralized", model: "m", p_label: "p09", n: 2, mean: 180, sem: 60 },
      { condition: "decentralized", model: "m", p_label: "p09", n: 3, mean: 50, sem: 0 },
    ]);
  });

  it("cost-speedup: per task type ratios against n = 1, efficiency is the mean of ratios", () => {
    const t = costSpeedupTable([
      // task A: n=1 wall 100, tokens 1000; n=2 wall 50, tokens 4000 -> speedup 2, multiplier 4, efficiency 0.5
      run({ run_dir: "a1", task_type: "A", n_teammates: 1, wall_clock_seconds: 100, total_input_tokens: 1000 }),
      run({ run_dir: "a2", task_type: "A", n_teammates: 2, wall_clock_seconds: 50, total_input_tokens: 4000 }),
      // task B: n=1 wall 90 (mean of 80 and 100), tokens 500; n=2 wall 90, tokens 500 -> 1, 1, 1
      run({ run_dir: "b1", task_type: "B", n_teammates: 1, wall_clock_seconds: 80, total_input_tokens: 400 }),
      run({ run_dir: "b1b", task_type: "B", n_teammates: 1, wall_clock_seconds: 100, total_input_tokens: 600 }),
      run({ run_dir: "b2", task_type: "B", n_teammates: 2, wall_clock_seconds: 90, total_input_tokens: 500 }),
      // task C: no n=1 baseline -> dropped
      run({ run_dir: "c2", task_type: "C", n_teammates: 2, wall_clock_seconds: 10, total_input_tokens: 1 }),
    ]);
    const n2 = t.find((r) => r.n === 2)!;
    // speedup (2 + 1)/2 = 1.5; multiplier (4 + 1)/2 = 2.5; efficiency (0.5 + 1)/2 = 0.75, not 1.5/2.5 = 0.6
    expect(n2).toMatchObject({ speedup: 1.5, token_multiplier: 2.5, efficiency: 0.75, taskTypes: 2 });
  });

  it("straggler gap: pooled over (run, round), points need two rounds", () => {
    const rr = [run({ run_dir: "s1", mode: "decentralized" }), run({ run_dir: "s2", mode: "decentralized", n_teammates: 3 })];
    const e = eventTableFromRecords([
      ev("s1", "round_start", { round: 1, ts: 0 }),
      ev("s1", "agent_reply", { round: 1, ts: 10 }),
      ev("s1", "agent_reply", { round: 1, ts: 30 }), // gap 30 - 20 = 10
      ev("s1", "round_start", { round: 2, ts: 100 }),
      ev("s1", "agent_reply", { round: 2, ts: 104 }),
      ev("s1", "agent_reply", { round: 2, ts: 110 }), // gap 10 - 7 = 3
      ev("s2", "round_start", { round: 1, ts: 0 }),
      ev("s2", "agent_reply", { round: 1, ts: 5 }),
      ev("s2", "agent_reply", { round: 1, ts: 9 }), // one round only at n = 3: no point
    ]);
    const t = stragglerTable(rr, runEventMetrics(e));
    // n = 2: gaps 10 and 3 -> mean 6.5, SD 4.9497, SEM 3.5
    expect(t).toEqual([{ model: "m", condition: "decentralized", p_label: "p09", n: 2, mean: 6.5, sem: 3.5, rounds: 2 }]);
  });
});

describe.skipIf(!HAVE_PAPER_DATA)("paper tables on the published data", async () => {
  const data = HAVE_PAPER_DATA ? await loadPaperData() : null;
  const t = data ? computePaperTables(data) : null;

  it("reproduces Claude Sonnet 4.6's centralized p = 0.9 speedups (DESIGN.md: 1.80, 2.42, 2.78, 3.35)", () => {
    const s = t!.speedup.filter((r) => r.condition === "preassign" && r.model === "anthropic_claude-sonnet-4-6" && r.p_label === "p09");
    expect(s.map((r) => r.mean.toFixed(2))).toEqual(["1.00", "1.80", "2.42", "2.78", "3.35"]);
  });

  it("reproduces the extra messages at n = 5 (DESIGN.md: about 168, 52, 134)", () => {
    const at5 = Object.fromEntries(t!.extraMessages.filter((r) => r.n === 5).map((r) => [r.model, Math.round(r.mean)]));
    expect(at5).toEqual({ "anthropic_claude-sonnet-4-6": 168, "google_gemini-3-flash-preview": 52, "openai_gpt-5.2": 134 });
  });

  it("reproduces all 18 cost-speedup tables printed by the paper's notebook, to the printed 2 decimals", () => {
    const fixture = JSON.parse(readFileSync("test/fixtures/paper-cost-speedup.json", "utf8")) as {
      rows: { condition: string; model: string; p_label: string; n: number; speedup: string; token_multiplier: string; efficiency: string }[];
    };
    expect(fixture.rows).toHaveLength(90);
    const ours = t!.costSpeedup.map((r) => ({
      condition: r.condition,
      model: r.model,
      p_label: r.p_label,
      n: r.n,
      speedup: r.speedup.toFixed(2),
      token_multiplier: r.token_multiplier.toFixed(2),
      efficiency: r.efficiency.toFixed(2),
    }));
    expect(ours).toEqual(fixture.rows);
  });

  it("has every figure's table filled for the three models", () => {
    const models = ["anthropic_claude-sonnet-4-6", "google_gemini-3-flash-preview", "openai_gpt-5.2"];
    expect([...new Set(t!.conflicts.map((r) => r.model))]).toEqual(models);
    expect(t!.conflicts).toHaveLength(9);
    expect(t!.testFailures).toHaveLength(6);
    expect(t!.speedup).toHaveLength(2 * 3 * 3 * 5);
    expect(t!.tokenCost).toHaveLength(2 * 3 * 3 * 5);
    // straggler needs 2+ rounds with 2+ replies: n = 1 has at most one reply per round
    expect(new Set(t!.straggler.map((r) => r.n))).toEqual(new Set([2, 3, 4, 5]));
  });
});
