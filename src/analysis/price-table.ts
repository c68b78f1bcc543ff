/**
 * Dollar cost of token usage from a per-model price table (USD per million input and output tokens):
 *   cost = inputTokens / 1e6 · inputPerMillion + outputTokens / 1e6 · outputPerMillion.
 *
 * The default prices are ASSUMPTIONS (published list prices as we understood them on the date in `asOf`,
 * for the model families in the paper's data); they are not quotes and they change. Override them with
 * `withPrices` or pass your own table.
 */
import { analysisError } from "./errors.js";
import { formatValue } from "./validate.js";

/** Price of one model, USD per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** A dated price table. */
export interface PriceTable {
  currency: "USD";
  /** Date the prices were taken (ISO 8601). */
  asOf: string;
  /** Where the prices come from and how far to trust them. */
  note: string;
  /** Model id → price. */
  models: Record<string, ModelPrice>;
}

/** Default prices: assumptions, see `note`. */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  currency: "USD",
  asOf: "2026-11-24",
  note:
    "ASSUMED list prices (USD per million tokens, standard tier, no caching or batch discounts), not quotes: " +
    "Claude Sonnet 4.x $3 in / $15 out; GPT-5.x $1.25 in / $10 out; Gemini Pro $1.25 in / $10 out (prompts <= 200k tokens). " +
    "Check the providers' current pricing and override with withPrices().",
  models: {
    "claude-sonnet-4.6": { inputPerMillion: 3, outputPerMillion: 15 },
    "gpt-5.2": { inputPerMillion: 1.25, outputPerMillion: 10 },
    "gemini-pro": { inputPerMillion: 1.25, outputPerMillion: 10 },
  },
};

/** Token usage of one run (or a total). */
export interface TokenUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * A copy of `base` with some models' prices replaced or added.
 *
 * @example withPrices({ "gpt-5.2": { inputPerMillion: 2, outputPerMillion: 8 } }, DEFAULT_PRICE_TABLE, "2026-12-01")
 */
export function withPrices(overrides: Record<string, ModelPrice>, base: PriceTable = DEFAULT_PRICE_TABLE, asOf: string = base.asOf): PriceTable {
  for (const [model, price] of Object.entries(overrides)) checkPrice("withPrices", model, price);
  return { ...base, asOf, note: `${base.note} Overridden: ${Object.keys(overrides).join(", ")}.`, models: { ...base.models, ...overrides } };
}

function checkPrice(fn: string, model: string, price: unknown): void {
  const p = price as Partial<ModelPrice> | null;
  for (const key of ["inputPerMillion", "outputPerMillion"] as const) {
    const v = p?.[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw analysisError("invalid-argument", fn, `the price of ${JSON.stringify(model)} has ${key} = ${formatValue(v)}; prices must be finite numbers >= 0 (USD per million tokens)`);
    }
  }
}

/**
 * Dollar cost of `usage` under `prices`.
 *
 * @throws {InvalidArgumentError} if the model is not in the table (the message lists the models that are) or a
 *   token count is negative or not finite
 * @example tokenCostUsd({ model: "claude-sonnet-4.6", inputTokens: 2e6, outputTokens: 1e5 }) // 2·3 + 0.1·15 = 7.5
 */
export function tokenCostUsd(usage: TokenUsage, prices: PriceTable = DEFAULT_PRICE_TABLE): number {
  const fn = "tokenCostUsd";
  const price = prices.models[usage.model];
  if (price === undefined) {
    throw analysisError("invalid-argument", fn, `no price for model ${JSON.stringify(usage.model)}; the table (as of ${prices.asOf}) has ${Object.keys(prices.models).map((m) => JSON.stringify(m)).join(", ")}; add it with withPrices()`);
  }
  checkPrice(fn, usage.model, price);
  for (const key of ["inputTokens", "outputTokens"] as const) {
    const v = usage[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw analysisError("invalid-argument", fn, `usage.${key} is ${formatValue(v)}; token counts must be finite numbers >= 0`);
  }
  return (usage.inputTokens / 1e6) * price.inputPerMillion + (usage.outputTokens / 1e6) * price.outputPerMillion;
}
