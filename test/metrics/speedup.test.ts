import { describe, expect, it } from "vitest";
import { speedupSeries } from "../../src/metrics/speedup.js";
import type { RunRow } from "../../src/runs/types.js";

function run(task_type: string, n: number, wall: number, success = true, p_label = "p09"): RunRow {
  return {
    run_dir: `${task_type}/${n}/${wall}`,
    model_dir: "m",
    exp_dir: "e",
    mode: "preassign_nolead",
    task_type,
    p_label,
    p_true: 0.9,
    n_teammates: n,
    rep: 0,
    success,
    wall_clock_seconds: wall,
    total_rounds: 1,
    concurrent_writes: 0,
    claims_blocked: 0,
    total_input_tokens: 0,
    total_output_tokens: 0,
  };
}

describe("speedupSeries", () => {
  it("averages per-task-type speedups and combines delta-method variances", () => {
    // Task type A: n=1 walls 100, 120 (mean 110, s² = 200); n=2 walls 50, 60 (mean 55, s² = 50).
    //   S_A = 110/55 = 2; var_A = 4 * (200/(2*110²) + 50/(2*55²)) = 4 * (0.0082645 + 0.0082645) = 0.0661157
    // Task type B: n=1 wall 90 (s² = 0 for one run); n=2 walls 30, 30, 30 (mean 30, s² = 0).
    //   S_B = 3; var_B = 0.
    // mean = (2 + 3)/2 = 2.5; SEM = sqrt(0.0661157)/2 = 0.128565
    const runs = [
      run("A", 1, 100),
      run("A", 1, 120),
      run("A", 2, 50),
      run("A", 2, 60),
      run("A", 2, 1, false), // failed runs are not used
      run("B", 1, 90),
      run("B", 2, 30),
      run("B", 2, 30),
      run("B", 2, 30),
      run("B", 2, 10, true, "p05"), // other p labels are not used
    ];
    const s = speedupSeries(runs, "p09", [1, 2, 3]);
    expect(s).toHaveLength(2); // n = 3 has no data: omitted
    expect(s[0]).toEqual({ n: 1, mean: 1, sem: 0, taskTypes: 2 });
    expect(s[1]!.n).toBe(2);
    expect(s[1]!.mean).toBeCloseTo(2.5, 12);
    const varA = 4 * (200 / (2 * 110 ** 2) + 50 / (2 * 55 ** 2));
    expect(s[1]!.sem).toBeCloseTo(Math.sqrt(varA) / 2, 12);
    expect(s[1]!.sem).toBeCloseTo(0.128565, 5);
    expect(s[1]!.taskTypes).toBe(2);
  });

  it("skips task types without a successful single-agent baseline", () => {
    const s = speedupSeries([run("A", 1, 100, false), run("A", 2, 50), run("B", 1, 80), run("B", 2, 40)], "p09", [2]);
    // only B counts: 80/40 = 2
    expect(s).toEqual([{ n: 2, mean: 2, sem: 0, taskTypes: 1 }]);
  });
});
