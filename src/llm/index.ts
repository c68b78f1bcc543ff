export { BackendError } from "./errors.js";
export { TOKENIZER, TOKEN_CHUNK_CHARS, loadTokenizer, countTextTokens, countSegmentTokens, tokenChunks } from "./tokens.js";
export {
  type SimProfile,
  SIM_PROFILES,
  SIM_PROFILE_NAMES,
  DEFAULT_SIM_PROFILE,
  validateSimProfile,
  getSimProfile,
} from "./sim-profiles.js";
export { type SimDecision, decideReply } from "./sim-policy.js";
export { simulateLatency, createSimulatedBackend } from "./simulated-backend.js";
export {
  type ScriptedReply,
  type ReplyScript,
  type ScriptedBackendOptions,
  createScriptedBackend,
} from "./scripted-backend.js";
export { MIN_REDACTED_SECRET_CHARS, isRedactableSecret, redactSecrets, safeBaseUrl, shortSecretWarning } from "./secrets.js";
export { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, boundedFetch } from "./bounded-fetch.js";
export { type CompletionBody, BadResponseError, MAX_PLAUSIBLE_TOKENS, implausibleTokens, readCompletion } from "./completion-body.js";
export { modelSlug, openaiModelDir } from "./model-slug.js";
export {
  type RetryPolicy,
  type HeaderLookup,
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  backoffDelayMs,
  parseRetryAfterMs,
} from "./retry-policy.js";
export {
  type RequestLimits,
  type RequestPermit,
  type RequestLimiter,
  type RequestLimiterStats,
  DEFAULT_REQUEST_LIMITS,
  resolveRequestLimits,
  createRequestLimiter,
} from "./request-limiter.js";
export { type FailureKind, type AttemptRecord, type RecordableReply, asRecordable, RequestFailedError } from "./request-record.js";
export {
  type OpenAIBackendOptions,
  type OpenAIBackend,
  type OpenAIBackendStats,
  type RetryInfo,
  type ClassifiedFailure,
  OPENAI_DEFAULT_BASE_URL,
  classifyOpenAIError,
  createOpenAIBackend,
} from "./openai-backend.js";
export { type OpenAIEnv, readEnvFile, resolveOpenAIEnv } from "./env-file.js";
export {
  DEFAULT_PRICE_TABLE,
  PAPER_PRICE_IDS,
  priceIdFor,
  runCostUsd,
  tokenCostUsd,
  withPrices,
  type ModelPrice,
  type PriceTable,
  type TokenUsage,
} from "./prices.js";
export { loadPriceFile } from "./price-file.js";
export {
  type CassetteHeader,
  type CassetteClock,
  type CassetteRequest,
  type CassetteReply,
  type CassetteError,
  type CassetteExchange,
  type CassetteTests,
  type CassetteEntry,
  type CassetteEnd,
  CASSETTE_FORMAT,
  CASSETTE_VERSION,
  CASSETTE_OLDEST_VERSION,
  CHAIN_SEED,
  canonicalJson,
  chainHash,
  formatCassette,
  parseCassette,
} from "./cassette.js";
export { type RecordRunOptions, type RunRecorder, hashWorkspace, cassetteRequest, recordRun } from "./record-run.js";
export { type ReplaySession, ReplayMismatchError, createReplaySession } from "./replay-backend.js";
export { DEFAULT_NOTEBOOK_MODEL, notebookEndpoint, describeEndpoint, endpointBackendOptions, type NotebookEndpoint } from "./endpoint.js";
export { describeRunCost } from "./describe-run-cost.js";
export { SIMULATED_NOTE } from "./simulated-note.js";
