import { describe, expect, it } from "vitest";
import { runRecords } from "../../src/runs/run-records.js";
import type { RunRecord } from "../../src/runs/run-table.js";

const run: RunRecord = {
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
  extras: { simulated: true, seed: 7 },
};

describe("runRecords", () => {
  it("flattens run records: the paper's columns in order, then the extras", () => {
    const [r] = runRecords([run]);
    expect(Object.keys(r!)).toEqual([
      "run_dir", "model_dir", "exp_dir", "mode", "task_type", "p_label", "p_true", "n_teammates", "rep", "success",
      "wall_clock_seconds", "total_rounds", "concurrent_writes", "claims_blocked", "total_input_tokens", "total_output_tokens",
      "simulated", "seed",
    ]);
    expect(r).toMatchObject({ run_dir: "r1", simulated: true, seed: 7 });
  });
});
