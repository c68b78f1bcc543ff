import { resolveOpenAIEnv } from "../llm/env-file.js";
import { DEFAULT_PRICE_TABLE, priceIdFor, runCostUsd, type PriceTable } from "../llm/prices.js";
import { OPENAI_DEFAULT_BASE_URL, type OpenAIBackendOptions } from "../llm/openai-backend.js";
import { safeBaseUrl } from "../llm/secrets.js";

/** The model a notebook runs when `OPENAI_MODEL` is not set: small and cheap. */
export const DEFAULT_NOTEBOOK_MODEL = "gpt-4o-mini";

/** A real OpenAI-compatible endpoint for a notebook's team. Show it with `describeEndpoint`, never whole. */
export interface NotebookEndpoint {
  /** From `OPENAI_API_KEY`. Never shown or written. */
  apiKey: string;
  /** From `OPENAI_BASE_URL`, or null for the SDK's default (OpenAI). */
  baseURL: string | null;
  /** From `OPENAI_MODEL`, else `DEFAULT_NOTEBOOK_MODEL`. */
  model: string;
  /** The `.env` file the values came from, if one was read. */
  envFile: string | null;
}

/**
 * The endpoint a notebook's real team uses, or null when no API key is set. `OPENAI_API_KEY` and
 * `OPENAI_BASE_URL` come from the environment or from a `.env` file in `cwd` (the environment wins, as
 * for the sweep CLI; `resolveOpenAIEnv`), `OPENAI_MODEL` from the environment. Endpoints without keys
 * (Ollama, vLLM) accept any non-empty value.
 */
export function notebookEndpoint(env: Readonly<Record<string, string | undefined>>, cwd: string): NotebookEndpoint | null {
  const resolved = resolveOpenAIEnv({ env, cwd });
  if (resolved.apiKey === null) return null;
  const model = env["OPENAI_MODEL"];
  return { apiKey: resolved.apiKey, baseURL: resolved.baseURL, model: model !== undefined && model !== "" ? model : DEFAULT_NOTEBOOK_MODEL, envFile: resolved.envFile };
}

/** `model gpt-4o-mini at https://api.openai.com/v1`: the endpoint without its key, user info or query. */
export function describeEndpoint(e: NotebookEndpoint): string {
  const from = e.envFile === null ? "" : ` (key and URL may come from ${e.envFile})`;
  return `model ${e.model} at ${safeBaseUrl(e.baseURL ?? OPENAI_DEFAULT_BASE_URL)}${from}`;
}

/** The options of `createOpenAIBackend` for an endpoint: its model, key and (when set) base URL. */
export function endpointBackendOptions(e: NotebookEndpoint): OpenAIBackendOptions {
  return { model: e.model, apiKey: e.apiKey, ...(e.baseURL === null ? {} : { baseURL: e.baseURL }) };
}

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
