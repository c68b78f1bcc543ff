/**
 * The toolkit's one price table and one cost function. Dollar cost of token usage from a per-model price
 * table (USD per million input and output tokens):
 *
 *   cost = inputTokens / 1e6 · inputPerMillion + outputTokens / 1e6 · outputPerMillion.
 *
 * Both the fits of a run table (`analyzeRuns`, the paper's data and our sweeps) and the cost of our own
 * real runs (the sweep CLI, the notebook's endpoint) price through {@link runCostUsd} over
 * {@link DEFAULT_PRICE_TABLE} unless given another table.
 *
 * The default prices are ASSUMPTIONS (published list prices as we understood them on the date in `asOf`,
 * for the model families in the paper's data and common OpenAI models); they are not quotes and they
 * change. Override them with `withPrices`, a price file (`loadPriceFile`, `--prices FILE`) or your own table.
 */
import { error } from "../core/errors.js";

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

/** Token usage of one run (or a total). */
export interface TokenUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * The one price table (assumptions, see `note`). Local models (Ollama, vLLM) have no entry: their runs get
 * an empty cost. The paper's `model_dir`s reach it through {@link PAPER_PRICE_IDS}.
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

/**
 * The paper's `model_dir` values → model ids of the price table, which keys models by the names their
 * APIs use (`claude-sonnet-4.6`, `gpt-5.2`), not by the run table's `model_dir`.
 */
export const PAPER_PRICE_IDS: Readonly<Record<string, string>> = {
  "anthropic_claude-sonnet-4-6": "claude-sonnet-4.6",
  "google_gemini-3-flash-preview": "gemini-3-flash-preview",
  "openai_gpt-5.2": "gpt-5.2",
};

/** A value as it appears in an error message (NaN stays "NaN", strings are quoted). */
function shown(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || v === undefined || v === null) return String(v);
  return typeof v;
}

function checkPrice(fn: string, model: string, price: unknown): void {
  const p = price as Partial<ModelPrice> | null;
  for (const key of ["inputPerMillion", "outputPerMillion"] as const) {
    const v = p?.[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw error(fn, `the price of ${JSON.stringify(model)} has ${key} = ${shown(v)}; prices must be finite numbers >= 0 (USD per million tokens)`);
    }
  }
}

/**
 * A copy of `base` with some models' prices replaced or added.
 *
 * @throws {ToolkitError} when a price is negative or not a finite number
 * @example withPrices({ "gpt-5.2": { inputPerMillion: 2, outputPerMillion: 8 } }, DEFAULT_PRICE_TABLE, "2026-12-01")
 */
export function withPrices(overrides: Record<string, ModelPrice>, base: PriceTable = DEFAULT_PRICE_TABLE, asOf: string = base.asOf): PriceTable {
  for (const [model, price] of Object.entries(overrides)) checkPrice("withPrices", model, price);
  return { ...base, asOf, note: `${base.note} Overridden: ${Object.keys(overrides).join(", ")}.`, models: { ...base.models, ...overrides } };
}

/**
 * Dollar cost of `usage` under `prices`, the model looked up by its exact id.
 *
 * @throws {ToolkitError} if the model is not in the table (the message lists the models that are) or a
 *   token count is negative or not finite
 * @example tokenCostUsd({ model: "claude-sonnet-4.6", inputTokens: 2e6, outputTokens: 1e5 }) // 2·3 + 0.1·15 = 7.5
 */
export function tokenCostUsd(usage: TokenUsage, prices: PriceTable = DEFAULT_PRICE_TABLE): number {
  const fn = "tokenCostUsd";
  const price = prices.models[usage.model];
  if (price === undefined) {
    throw error(fn, `no price for model ${JSON.stringify(usage.model)}; the table (as of ${prices.asOf}) has ${Object.keys(prices.models).map((m) => JSON.stringify(m)).join(", ")}; add it with withPrices()`);
  }
  checkPrice(fn, usage.model, price);
  for (const key of ["inputTokens", "outputTokens"] as const) {
    const v = usage[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw error(fn, `usage.${key} is ${shown(v)}; token counts must be finite numbers >= 0`);
  }
  return (usage.inputTokens / 1e6) * price.inputPerMillion + (usage.outputTokens / 1e6) * price.outputPerMillion;
}

/**
 * The table's entry for `model`, trying in turn: the name as given, lower-cased, without a provider
 * prefix (`openai/gpt-4o` -> `gpt-4o`), and without a date suffix (`gpt-4o-2024-08-06` -> `gpt-4o`).
 * Null when none is in the table.
 */
export function priceIdFor(model: string, table: PriceTable = DEFAULT_PRICE_TABLE): string | null {
  const candidates: string[] = [];
  const add = (m: string): void => {
    if (!candidates.includes(m)) candidates.push(m);
  };
  add(model);
  add(model.toLowerCase());
  for (const m of [...candidates]) add(m.slice(m.lastIndexOf("/") + 1));
  for (const m of [...candidates]) add(m.replace(/-\d{4}-\d{2}-\d{2}$/, ""));
  return candidates.find((m) => table.models[m] !== undefined) ?? null;
}

/**
 * Dollar cost of a run's tokens: the model found by {@link priceIdFor}, priced by {@link tokenCostUsd}.
 * Null when the model has no price (never throws for an unknown model: the caller decides whether a
 * missing price is an error, as `analyzeRuns` does, or an empty cost, as a real run's row does).
 *
 * @throws {ToolkitError} when a token count is negative or not finite
 * @example runCostUsd("gpt-4o-mini-2024-07-18", 2e6, 1e5) // 2·0.15 + 0.1·0.60 = 0.36
 */
export function runCostUsd(model: string, inputTokens: number, outputTokens: number, table: PriceTable = DEFAULT_PRICE_TABLE): number | null {
  const id = priceIdFor(model, table);
  return id === null ? null : tokenCostUsd({ model: id, inputTokens, outputTokens }, table);
}
