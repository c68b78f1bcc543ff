import { DEFAULT_PRICE_TABLE, priceIdFor, runCostUsd, type PriceTable } from "./prices.js";

/**
 * What a run's tokens cost at the assumed, dated prices of `prices` (`DEFAULT_PRICE_TABLE`, see
 * `src/llm/prices.ts`): `$0.0031 for 18,204 input and 1,950 output tokens (gpt-4o-mini at the
 * prices assumed on 2026-11-24)`, or a sentence saying the model has no price (e.g. a local model).
 */
export function describeRunCost(model: string, usage: { total_input_tokens: number; total_output_tokens: number }, prices: PriceTable = DEFAULT_PRICE_TABLE): string {
  const tokens = `${usage.total_input_tokens.toLocaleString("en-US")} input and ${usage.total_output_tokens.toLocaleString("en-US")} output tokens`;
  const cost = runCostUsd(model, usage.total_input_tokens, usage.total_output_tokens, prices);
  if (cost === null) return `${tokens}; no price for model ${JSON.stringify(model)} in the price table (as of ${prices.asOf}), so no dollar cost`;
  return `$${cost.toFixed(4)} for ${tokens} (${priceIdFor(model, prices)} at the prices assumed on ${prices.asOf}, not a quote)`;
}
