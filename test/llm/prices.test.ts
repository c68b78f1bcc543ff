import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_TABLE, PAPER_PRICE_IDS, priceIdFor, runCostUsd, tokenCostUsd, withPrices } from "../../src/llm/prices.js";

describe("the price table", () => {
  it("prices usage: 2M input and 0.1M output tokens of claude-sonnet-4.6 at $3/$15 per million = $7.50", () => {
    expect(tokenCostUsd({ model: "claude-sonnet-4.6", inputTokens: 2e6, outputTokens: 1e5 })).toBeCloseTo(7.5, 12);
  });

  it("is dated, marked as assumptions, and overridable", () => {
    expect(DEFAULT_PRICE_TABLE.note).toContain("ASSUMED");
    expect(DEFAULT_PRICE_TABLE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const t = withPrices({ "my-model": { inputPerMillion: 1, outputPerMillion: 2 } }, DEFAULT_PRICE_TABLE, "2026-12-01");
    expect(tokenCostUsd({ model: "my-model", inputTokens: 1e6, outputTokens: 1e6 }, t)).toBe(3);
    expect(t.asOf).toBe("2026-12-01");
    expect(DEFAULT_PRICE_TABLE.models["my-model"]).toBeUndefined(); // a copy, the default untouched
  });

  it("maps every model_dir of the paper's data to a price", () => {
    for (const [model, id] of Object.entries(PAPER_PRICE_IDS)) expect(DEFAULT_PRICE_TABLE.models[id], model).toBeDefined();
    // 1M input + 1M output tokens of Gemini 3 Flash at the assumed $0.50 / $3
    expect(tokenCostUsd({ model: "gemini-3-flash-preview", inputTokens: 1e6, outputTokens: 1e6 })).toBeCloseTo(3.5, 12);
  });
});

describe("runCostUsd: the one cost of a run, for the fits and for real runs", () => {
  it("finds the model under its API name, lower-cased, without a provider prefix or a date suffix", () => {
    expect(priceIdFor("gpt-4o-mini-2024-07-18")).toBe("gpt-4o-mini");
    expect(priceIdFor("openai/GPT-4o")).toBe("gpt-4o");
    expect(priceIdFor("claude-sonnet-4.6")).toBe("claude-sonnet-4.6");
    expect(priceIdFor("llama3.1")).toBeNull();
  });

  it("prices by the formula in/1e6 · price_in + out/1e6 · price_out, and gives null (not an error) without a price", () => {
    // 2e6 in at $0.15/M + 1e5 out at $0.60/M = 0.30 + 0.06
    expect(runCostUsd("gpt-4o-mini-2024-07-18", 2e6, 1e5)).toBeCloseTo(0.36, 12);
    expect(runCostUsd("gpt-4o-mini", 2e6, 1e5)).toBe(tokenCostUsd({ model: "gpt-4o-mini", inputTokens: 2e6, outputTokens: 1e5 }));
    expect(runCostUsd("llama3.1", 2e6, 1e5)).toBeNull();
    expect(runCostUsd("llama3.1", 2e6, 1e5, withPrices({ "llama3.1": { inputPerMillion: 0, outputPerMillion: 0 } }))).toBe(0);
  });
});

describe("bad input is refused with the function, the value and what is valid", () => {
  it("names the missing model and the ones the table has", () => {
    expect(() => tokenCostUsd({ model: "gpt-9", inputTokens: 1, outputTokens: 1 })).toThrow(
      'tokenCostUsd: no price for model "gpt-9"; the table (as of 2026-11-24) has "claude-sonnet-4.6", "gpt-5.2", "gemini-3-flash-preview", "gpt-5.1", "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o4-mini"; add it with withPrices()',
    );
  });

  it("bad prices and token counts", () => {
    expect(() => withPrices({ x: { inputPerMillion: Number.NaN, outputPerMillion: 1 } })).toThrow('withPrices: the price of "x" has inputPerMillion = NaN; prices must be finite numbers >= 0 (USD per million tokens)');
    expect(() => tokenCostUsd({ model: "gpt-5", inputTokens: -1, outputTokens: 0 })).toThrow("tokenCostUsd: usage.inputTokens is -1; token counts must be finite numbers >= 0");
    expect(() => runCostUsd("gpt-5", 0, Number.POSITIVE_INFINITY)).toThrow("tokenCostUsd: usage.outputTokens is Infinity; token counts must be finite numbers >= 0");
  });
});
