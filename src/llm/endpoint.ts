import { resolveOpenAIEnv } from "./env-file.js";
import { OPENAI_DEFAULT_BASE_URL, type OpenAIBackendOptions } from "./openai-backend.js";
import { safeBaseUrl } from "./secrets.js";

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
