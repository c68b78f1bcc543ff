import { describe, expect, it } from "vitest";
import { describeRunCost } from "../../src/llm/describe-run-cost.js";

describe("describeRunCost", () => {
  it("prices a run at the dated table, and says when a model has no price", () => {
    // gpt-4o-mini at $0.15 / $0.60 per million: 10,000 x 0.15e-6 + 2,000 x 0.6e-6 = 0.0015 + 0.0012 = 0.0027
    expect(describeRunCost("gpt-4o-mini", { total_input_tokens: 10_000, total_output_tokens: 2_000 })).toMatch(/^\$0\.0027 for 10,000 input and 2,000 output tokens \(gpt-4o-mini at the prices assumed on \d{4}-\d{2}-\d{2}, not a quote\)$/);
    expect(describeRunCost("llama3.1", { total_input_tokens: 5, total_output_tokens: 1 })).toMatch(/^5 input and 1 output tokens; no price for model "llama3\.1" in the price table/);
  });
});
