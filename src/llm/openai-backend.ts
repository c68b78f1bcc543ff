import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { error } from "../core/errors.js";
import type { AgentBackend, AgentRequest } from "../agent/types.js";
import { createRng, type Rng } from "../core/rng.js";
import { countSegmentTokens, countTextTokens, loadTokenizer } from "./tokens.js";
import { openaiModelDir, modelSlug } from "./model-slug.js";
import { redactSecrets, safeBaseUrl, shortSecretWarning } from "./secrets.js";
import { backoffDelayMs, parseRetryAfterMs, resolveRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { createRequestLimiter, type RequestLimiter, type RequestLimits } from "./request-limiter.js";
import { systemClock, type WallClock } from "../core/clock.js";
import { RequestFailedError, type AttemptRecord, type FailureKind, type RecordableReply } from "./request-record.js";
import { boundedFetch, DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from "./bounded-fetch.js";
import { BadResponseError, readCompletion } from "./completion-body.js";

/** The default endpoint when neither `baseURL` nor `OPENAI_BASE_URL` is set. */
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Options of `createOpenAIBackend`; only `model` is required. */
export interface OpenAIBackendOptions {
  /** The model name the endpoint knows, e.g. `gpt-4o-mini` or `llama3.1` (Ollama). */
  model: string;
  /**
   * The API key. Never written anywhere: not to events, cassettes, config.json or error messages.
   * Endpoints without keys (Ollama, vLLM) accept any non-empty value.
   * @default process.env.OPENAI_API_KEY, read when the backend is created
   */
  apiKey?: string;
  /** @default process.env.OPENAI_BASE_URL, else https://api.openai.com/v1 */
  baseURL?: string;
  /** Sampling temperature; null sends none (the endpoint's default). @default null */
  temperature?: number | null;
  /** Sent as `max_completion_tokens`; null sends none. @default null */
  maxOutputTokens?: number | null;
  /**
   * More fields of the request body, for endpoints that want them (e.g. `{ max_tokens: 2048 }` for an
   * older server, `{ seed: 1 }`). They cannot replace `model` or `messages`.
   * @default {}
   */
  extraBody?: Record<string, unknown>;
  /** Time limit of one attempt (headers and body), in seconds; a stalled attempt is retried. @default 180 */
  requestTimeoutSeconds?: number;
  /**
   * Time limit of a whole request, in seconds: all its attempts and the waits between them, from the
   * start of the first attempt. A retry that could not finish before it is not made; the request
   * fails, saying so. @default 900
   */
  requestDeadlineSeconds?: number;
  /**
   * Largest response body read, in bytes (after decompression); a longer one (a body that never ends,
   * a gzip bomb) is cut off while it streams and the request fails without retrying.
   * @default DEFAULT_MAX_RESPONSE_BYTES (8 MiB)
   */
  maxResponseBytes?: number;
  /** @default DEFAULT_RETRY_POLICY (6 retries, 1 s doubling to 60 s, equal jitter, Retry-After up to 120 s) */
  retry?: Partial<RetryPolicy>;
  /** A limiter shared with other backends (all runs of a sweep). @default a new one with `limits` */
  limiter?: RequestLimiter;
  /** Limits of the limiter made when `limiter` is not given. @default DEFAULT_REQUEST_LIMITS */
  limits?: Partial<RequestLimits>;
  /** Clock for back-off waits, timeouts and latency. @default systemClock */
  clock?: WallClock;
  /** Seed of the back-off jitter. @default 1 */
  jitterSeed?: number;
  /** The jitter source in [0, 1); overrides `jitterSeed`. */
  random?: () => number;
  /** `fetch` for the SDK (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Called before each retry (for a progress line); the message is free of secrets. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * Told things worth a line on stderr, such as a key too short to be redacted safely
   * (`shortSecretWarning`). @default `process.emitWarning`, each distinct message once per process
   */
  onWarning?: (message: string) => void;
}

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: "LLM_TEAMS_SHORT_KEY" });
}

/** What `onRetry` is told. */
export interface RetryInfo {
  runId: string;
  round: number;
  agent: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  maxAttempts: number;
  kind: FailureKind;
  status: number | null;
  message: string;
  waitMs: number;
}

/** Counters of one backend (all its requests). */
export interface OpenAIBackendStats {
  requests: number;
  attempts: number;
  retries: number;
  failures: number;
  usageEstimated: number;
  /** Replies whose reported usage was implausible, refused and replaced by the tokenizer's count. */
  usageRefused: number;
}

export interface OpenAIBackend extends AgentBackend {
  readonly model: string;
  /** The endpoint, without credentials, query or fragment. */
  readonly baseURL: string;
  /** The first fatal failure (401, 403, 404): every later request fails at once with it. */
  fatalError(): RequestFailedError | null;
  stats(): OpenAIBackendStats;
}

/** One attempt's failure, classified. */
export interface ClassifiedFailure {
  kind: FailureKind;
  status: number | null;
  retryable: boolean;
  /** A 401, 403 or 404: the same model and key will fail every time. */
  fatal: boolean;
  retryAfterMs: number | null;
  /** One line, without secrets. */
  message: string;
}

/** What one attempt threw, and whether our own per-attempt timer had fired by then. */
class AttemptFailure extends Error {
  override name = "AttemptFailure";
  constructor(
    readonly thrown: unknown,
    readonly timedOut: boolean,
  ) {
    super("attempt failed");
  }
}

const MESSAGE_CHARS = 240;

function oneLine(text: string, secrets: readonly string[]): string {
  const flat = redactSecrets(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS - 1)}…` : flat;
}

/**
 * Classify what an attempt threw. `timedOut` says that our own per-attempt timer aborted it,
 * `cancelled` that the caller's signal did (the run was cancelled: not retried).
 */
export function classifyOpenAIError(e: unknown, ctx: { timedOut: boolean; cancelled: boolean; nowMs: number; secrets: readonly string[] }): ClassifiedFailure {
  const base = { retryAfterMs: null, fatal: false, status: null };
  const text = (x: unknown): string => oneLine(x instanceof Error ? x.message : String(x), ctx.secrets);
  if (ctx.cancelled) return { ...base, kind: "aborted", retryable: false, message: "cancelled by the run" };
  if (ctx.timedOut || e instanceof APIConnectionTimeoutError) return { ...base, kind: "timeout", retryable: true, message: "no complete response within the time limit" };
  // Not retried: the same endpoint would most likely send the same endless body again.
  if (e instanceof ResponseTooLargeError) return { ...base, kind: "too_large", retryable: false, message: e.message };
  if (e instanceof APIUserAbortError) return { ...base, kind: "aborted", retryable: false, message: "aborted" };
  if (e instanceof APIConnectionError) {
    const cause = (e as { cause?: unknown }).cause;
    return { ...base, kind: "connection", retryable: true, message: `connection failed: ${text(cause ?? e)}` };
  }
  if (e instanceof APIError && typeof e.status === "number") {
    const status = e.status;
    const retryAfterMs = parseRetryAfterMs(e.headers ?? null, ctx.nowMs);
    const msg = text(e);
    if (status === 429) return { kind: "rate_limit", status, retryable: true, fatal: false, retryAfterMs, message: `rate limited: ${msg}` };
    if (status >= 500 || status === 408 || status === 409) return { kind: "server_error", status, retryable: true, fatal: false, retryAfterMs, message: `server error: ${msg}` };
    if (status === 401 || status === 403) return { kind: "auth", status, retryable: false, fatal: true, retryAfterMs: null, message: `not authorised (check the API key and the model's access): ${msg}` };
    if (status === 404) return { kind: "not_found", status, retryable: false, fatal: true, retryAfterMs: null, message: `not found (check --model and the base URL): ${msg}` };
    return { kind: "bad_request", status, retryable: false, fatal: false, retryAfterMs: null, message: `request refused: ${msg}` };
  }
  if (e instanceof BadResponseError || e instanceof SyntaxError) return { ...base, kind: "bad_response", retryable: true, message: `unusable response: ${text(e)}` };
  // undici's errors for a connection dropped mid-body ("terminated", "other side closed").
  if (e instanceof TypeError && /terminated|fetch failed|socket|closed|ECONN/i.test(`${e.message} ${String((e as { cause?: unknown }).cause)}`)) {
    return { ...base, kind: "connection", retryable: true, message: `connection failed: ${text(e)}` };
  }
  if (e instanceof Error && e.name === "AbortError") return { ...base, kind: "aborted", retryable: false, message: "aborted" };
  return { ...base, kind: "other", retryable: false, message: text(e) };
}

function checkNumber(name: string, v: number | null | undefined, test: (x: number) => boolean, valid: string): void {
  if (v !== null && v !== undefined && !test(v)) throw error("createOpenAIBackend", `${name} must be ${valid}; got ${String(v)}`);
}

/**
 * An agent backend on the `openai` SDK, for any OpenAI-compatible chat-completions endpoint (OpenAI,
 * Ollama, vLLM, LM Studio, gateways). Wall clock; `model_dir` is `openai_<model slug>`.
 *
 * Each request: the prompt's messages as a chat completion. The SDK's own retries are off; this
 * backend retries rate limits (429), server errors (5xx, 408, 409), connection errors, timeouts and
 * unusable responses (malformed JSON, no choices) up to `retry.maxRetries` times, waiting the
 * server's `Retry-After` / `retry-after-ms` when given, else an exponential back-off with seeded
 * jitter (`backoffDelayMs`). Each attempt has a time limit (`requestTimeoutSeconds`) and passes
 * through the limiter (concurrency, requests and tokens per minute). 400-class errors are not
 * retried; 401, 403 and 404 are fatal: this and every later request fail at once (`fatalError()`), so
 * a sweep can stop early.
 *
 * Bounds: a response body is read up to `maxResponseBytes` (decoded) and cut off beyond
 * (`boundedFetch`); a whole request, retries included, ends by `requestDeadlineSeconds`; a
 * `Retry-After` that is negative or unparsable is no hint (the back-off applies).
 *
 * Usage is the provider's (`usage.prompt_tokens`, `completion_tokens`); when the endpoint reports
 * none, or an implausible one (not an integer, negative, over 10^8: `readCompletion`), the tokens
 * are counted with o200k_base and the reply says `usageEstimated: true`; a refused usage's reason is
 * the `message` of the successful attempt. Replies are `RecordableReply`s (with their attempts);
 * failures are `RequestFailedError`s. Messages never contain the key.
 *
 * @example
 * const backend = createOpenAIBackend({ model: "gpt-4o-mini" }); // key and URL from the environment
 * const result = await runTeam(config, { backend, testRunner: createSandboxRunner() });
 */
export function createOpenAIBackend(options: OpenAIBackendOptions): OpenAIBackend {
  const fn = "createOpenAIBackend";
  if (typeof options.model !== "string" || options.model.trim() === "") throw error(fn, "options.model is required (the model name the endpoint knows, e.g. gpt-4o-mini)");
  const model = options.model.trim();
  const apiKey = options.apiKey ?? process.env["OPENAI_API_KEY"];
  if (apiKey === undefined || apiKey === "") {
    throw error(fn, "no API key: set OPENAI_API_KEY (or pass apiKey); for endpoints without keys (e.g. Ollama) any non-empty value will do");
  }
  const baseURL = options.baseURL ?? process.env["OPENAI_BASE_URL"] ?? OPENAI_DEFAULT_BASE_URL;
  if (safeBaseUrl(baseURL) === "<invalid URL>" || !/^https?:\/\//i.test(baseURL)) {
    throw error(fn, `base URL ${JSON.stringify(safeBaseUrl(baseURL))} is not an http(s) URL`);
  }
  const timeoutS = options.requestTimeoutSeconds ?? 180;
  checkNumber("requestTimeoutSeconds", timeoutS, (x) => Number.isFinite(x) && x > 0 && x <= 86_400, "a number of seconds in (0, 86400]");
  const deadlineS = options.requestDeadlineSeconds ?? 900;
  checkNumber("requestDeadlineSeconds", deadlineS, (x) => Number.isFinite(x) && x > 0 && x <= 7 * 86_400, "a number of seconds in (0, 604800]");
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkNumber("maxResponseBytes", maxResponseBytes, (x) => Number.isSafeInteger(x) && x >= 1024, "an integer number of bytes >= 1024");
  checkNumber("temperature", options.temperature, (x) => Number.isFinite(x) && x >= 0 && x <= 2, "a number from 0 to 2 or null");
  checkNumber("maxOutputTokens", options.maxOutputTokens, (x) => Number.isInteger(x) && x > 0, "a positive integer or null");
  const extra = options.extraBody ?? {};
  for (const k of ["model", "messages", "stream"]) {
    if (k in extra) throw error(fn, `extraBody cannot set "${k}"`);
  }
  const policy = resolveRetryPolicy(options.retry);
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? createRequestLimiter(options.limits ?? {}, clock);
  let rng: Rng | null = null;
  const random = options.random ?? ((): number => (rng ??= createRng(options.jitterSeed ?? 1)).next());
  const secrets = [apiKey];
  const short = shortSecretWarning(options.apiKey === undefined ? "OPENAI_API_KEY" : "the API key", apiKey);
  if (short !== null) (options.onWarning ?? warnOnce)(short);
  const client = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: 0,
    timeout: Math.ceil(timeoutS * 1000) + 5000,
    logLevel: "off",
    fetch: boundedFetch(options.fetch ?? ((input, init) => globalThis.fetch(input, init)), maxResponseBytes),
  });
  const name = "openai";
  const stats: OpenAIBackendStats = { requests: 0, attempts: 0, retries: 0, failures: 0, usageEstimated: 0, usageRefused: 0 };
  let fatal: RequestFailedError | null = null;
  const timeoutMs = timeoutS * 1000;

  const body = (request: AgentRequest): Record<string, unknown> => {
    const b: Record<string, unknown> = { ...extra, model, messages: request.messages.map((m) => ({ role: m.role, content: m.content })) };
    if (options.temperature !== undefined && options.temperature !== null) b["temperature"] = options.temperature;
    if (options.maxOutputTokens !== undefined && options.maxOutputTokens !== null) b["max_completion_tokens"] = options.maxOutputTokens;
    return b;
  };

  /** One attempt of at most `limitMs`: the parsed body, or a thrown error with `timedOut` known. */
  const attemptOnce = async (payload: Record<string, unknown>, outer: AbortSignal, limitMs: number): Promise<unknown> => {
    const ctl = new AbortController();
    const stopTimer = new AbortController();
    const state = { timedOut: false };
    const onOuter = (): void => ctl.abort();
    outer.addEventListener("abort", onOuter, { once: true });
    clock.sleep(limitMs, stopTimer.signal).then(
      () => {
        state.timedOut = true;
        ctl.abort();
      },
      () => undefined,
    );
    try {
      // The SDK's types want its own param type; the body is built from our validated fields.
      return await client.chat.completions.create(payload as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { signal: ctl.signal, maxRetries: 0 });
    } catch (e) {
      throw new AttemptFailure(e, state.timedOut);
    } finally {
      stopTimer.abort();
      outer.removeEventListener("abort", onOuter);
    }
  };

  return {
    name,
    modelDir: openaiModelDir(model),
    profile: modelSlug(model),
    simulated: false,
    clock: "wall",
    model,
    baseURL: safeBaseUrl(baseURL),
    fatalError: () => fatal,
    stats: () => ({ ...stats }),
    async reply(request: AgentRequest, _rng: Rng): Promise<RecordableReply> {
      stats.requests++;
      const where = `${request.view.runId} round ${request.view.round} ${request.view.agent}`;
      if (fatal !== null) {
        throw new RequestFailedError(name, `not sent: an earlier request failed for good (${fatal.message.replace(/^openai: /, "")})`, {
          kind: fatal.kind,
          status: fatal.status,
          retryable: false,
          fatal: true,
          attempts: [],
        });
      }
      await loadTokenizer();
      const estimatedInput = countSegmentTokens(request.segments);
      const payload = body(request);
      const started = clock.nowMs();
      let deadline: number | null = null; // set when the first attempt starts
      const attempts: AttemptRecord[] = [];
      const maxAttempts = policy.maxRetries + 1;
      for (let attempt = 1; ; attempt++) {
        const t0 = clock.nowMs();
        let permit;
        try {
          permit = await limiter.acquire(estimatedInput, request.signal);
        } catch {
          attempts.push({ attempt, ok: false, kind: "aborted", status: null, message: "cancelled while waiting for the rate limiter", seconds: (clock.nowMs() - t0) / 1000, waitMs: null });
          stats.failures++;
          throw new RequestFailedError(name, "cancelled by the run while waiting for the rate limiter", { kind: "aborted", status: null, retryable: false, fatal: false, attempts });
        }
        stats.attempts++;
        let failure: ClassifiedFailure;
        const a0 = clock.nowMs();
        deadline ??= a0 + deadlineS * 1000;
        try {
          const data = await attemptOnce(payload, request.signal, Math.max(1, Math.min(timeoutMs, deadline - a0)));
          const { text, usage, usageRefused } = readCompletion(data);
          const reply: RecordableReply = usage
            ? { text, inputTokens: usage.input, outputTokens: usage.output, latencySeconds: 0, usageEstimated: false, attempts }
            : { text, inputTokens: estimatedInput, outputTokens: countTextTokens(text), latencySeconds: 0, usageEstimated: true, attempts };
          permit.release(reply.inputTokens + reply.outputTokens);
          if (reply.usageEstimated) stats.usageEstimated++;
          if (usageRefused !== null) stats.usageRefused++;
          const note = usageRefused === null ? null : oneLine(`usage refused (${usageRefused}); counted with o200k_base`, secrets);
          attempts.push({ attempt, ok: true, kind: null, status: 200, message: note, seconds: (clock.nowMs() - a0) / 1000, waitMs: null });
          reply.latencySeconds = (clock.nowMs() - started) / 1000;
          return reply;
        } catch (e) {
          permit.release();
          // An AttemptFailure comes from the request; anything else from reading its body (BadResponseError).
          const thrown = e instanceof AttemptFailure ? e.thrown : e;
          const timedOut = e instanceof AttemptFailure && e.timedOut;
          failure = classifyOpenAIError(thrown, { timedOut, cancelled: request.signal.aborted, nowMs: Date.now(), secrets });
        }
        const record: AttemptRecord = { attempt, ok: false, kind: failure.kind, status: failure.status, message: failure.message, seconds: (clock.nowMs() - a0) / 1000, waitMs: null };
        attempts.push(record);
        const status = failure.status === null ? "" : ` (HTTP ${failure.status})`;
        const giveUp = (message: string, retryable: boolean): never => {
          stats.failures++;
          const err = new RequestFailedError(name, message, { kind: failure.kind, status: failure.status, retryable, fatal: failure.fatal, attempts });
          if (failure.fatal && fatal === null) fatal = err;
          throw err;
        };
        if (!failure.retryable) giveUp(`${failure.message}${status}`, false);
        if (failure.retryAfterMs !== null && failure.retryAfterMs > policy.maxRetryAfterMs) {
          giveUp(`${failure.message}${status}; the server asks to retry after ${(failure.retryAfterMs / 1000).toFixed(0)} s, over the limit of ${(policy.maxRetryAfterMs / 1000).toFixed(0)} s`, true);
        }
        if (attempt >= maxAttempts) giveUp(`gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}; last: ${failure.message}${status}`, true);
        const waitMs = failure.retryAfterMs ?? backoffDelayMs(attempt, policy, random());
        if (deadline !== null && clock.nowMs() + waitMs >= deadline) {
          giveUp(`gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}: the request's deadline of ${deadlineS} s (requestDeadlineSeconds) leaves no time for another; last: ${failure.message}${status}`, true);
        }
        record.waitMs = waitMs;
        stats.retries++;
        options.onRetry?.({ runId: request.view.runId, round: request.view.round, agent: request.view.agent, attempt, maxAttempts, kind: failure.kind, status: failure.status, message: failure.message, waitMs });
        try {
          await clock.sleep(waitMs, request.signal);
        } catch {
          stats.failures++;
          throw new RequestFailedError(name, `cancelled by the run while waiting to retry (${where})`, { kind: "aborted", status: null, retryable: false, fatal: false, attempts });
        }
      }
    },
  };
}
