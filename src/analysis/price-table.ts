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

/**
 * Default prices: assumptions, see `note`. The one price table of the toolkit: the analysis of the
 * paper's data (`PAPER_PRICE_IDS` maps its `model_dir`s to these ids) and the cost of our own real runs
 * (`runCostUsd`) both read it.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  currency: "USD",
  asOf: "2026-11-24",
  note:
    "ASSUMED list prices on 2026-11-24 (USD per million tokens, standard tier, no caching or batch discounts), not quotes: " +
    "Claude Sonnet 4.6 $3 in / $15 out; GPT-5.2 $1.75 in / $14 out; Gemini 3 Flash Preview $0.50 in / $3 out (text; thinking " +
    "tokens bill as output); other OpenAI models at their list prices as we understood them. Sources: provider list prices as " +
    "reported by public price trackers. Check the providers' current pricing and override with withPrices() (or --prices FILE).",
  models: {
    "claude-sonnet-4.6": { inputPerMillion: 3, outputPerMillion: 15 },
    "gpt-5.2": { inputPerMillion: 1.75, outputPerMillion: 14 },
    "gemini-3-flash-preview": { inputPerMillion: 0.5, outputPerMillion: 3 },
    "gpt-5.1": { inputPerMillion: 1.25, outputPerMillion: 10 },
    "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10 },
    "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2 },
    "gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4 },
    "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
    "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
    "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
    "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
    "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    "o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
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
