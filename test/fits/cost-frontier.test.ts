import { describe, expect, it } from "vitest";
import { predictAmdahl } from "../../src/analysis/index.js";
import { analyzeRuns } from "../../src/fits/index.js";
import { runCostUsd } from "../../src/llm/prices.js";
import { mean } from "../../src/metrics/stats.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { syntheticRuns } from "./synthetic-runs.js";

describe("the fits price runs with the same function as real runs (runCostUsd)", () => {
  // A model named as an API returns it, with a date suffix: priceIdFor finds "gpt-4o-mini" in the table.
  const s = syntheticRuns({ seed: 21, reps: 2, modes: ["preassign_nolead"], models: [{ model: "gpt-4o-mini-2024-07-18", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }] });
  const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 0, priceIds: {} });

  it("finds the dated model's price and names the price id used", () => {
    expect(a.costFrontier).toHaveLength(3 * 5);
    expect(a.costFrontier.every((p) => p.priceModel === "gpt-4o-mini")).toBe(true);
  });

  it("the cost per run is the mean over task types of the mean runCostUsd of the runs", () => {
    const pt = a.costFrontier.find((p) => p.p_label === "p05" && p.n === 3)!;
    const perTask = ["alpha", "beta", "gamma"].map((tt) =>
      mean(s.runs.filter((r) => r.p_label === "p05" && r.n_teammates === 3 && r.task_type === tt).map((r) => runCostUsd(r.model_dir, r.total_input_tokens, r.total_output_tokens)!)),
    );
    expect(pt.costUsd).toBe(mean(perTask));
  });

  it("a model the table cannot price is an error for the fits (a real run's row gets an empty cost instead)", () => {
    const local = syntheticRuns({ seed: 21, reps: 2, modes: ["preassign_nolead"], models: [{ model: "llama3.1", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }] });
    expect(runCostUsd("llama3.1", 1, 1)).toBeNull();
    expect(() => analyzeRuns(local.runs, local.metrics, paperTables(local.runs, local.metrics), { bootstrapReplicates: 0 })).toThrow(
      /^analyzeRuns: no price for model "llama3\.1" \(price id "llama3\.1"\); the price table \(as of 2026-11-24\) has "claude-sonnet-4\.6", .*or pass options\.prices = "none"/,
    );
  });
});
