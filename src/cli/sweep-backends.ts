import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { error } from "../core/errors.js";
import type { RealSweepBackend } from "../experiment/options.js";
import type { RunSession, SweepDeps } from "../experiment/sweep.js";
import type { RunSpec } from "../experiment/grid.js";
import { OPENAI_DEFAULT_BASE_URL, createOpenAIBackend, type OpenAIBackendOptions } from "../llm/openai-backend.js";
import { priceIdFor, runCostUsd, type PriceTable } from "../llm/prices.js";
import { recordRun } from "../llm/record-run.js";
import { createReplaySession } from "../llm/replay-backend.js";
import { redactSecrets } from "../llm/secrets.js";
import { monotonicUnixSeconds } from "../core/clock.js";
import type { SandboxLimits } from "../sandbox/limits.js";
import { createUntrustedTestRunner } from "../sandbox/untrusted-runner.js";
import type { TestRunner } from "../tasks/runner.js";
import { PROMPT_VERSION } from "../team/prompt.js";

/** What the real-model backends need besides the sweep options: the edges the CLI resolved. */
export interface LlmSweepEnvironment {
  /** `openai`: the API key (from OPENAI_API_KEY or a .env file). Never written anywhere. */
  apiKey: string | null;
  /** `openai`: the endpoint, when given (else the SDK's default). */
  baseURL: string | null;
  /** Prices for `cost_usd`. */
  prices: PriceTable;
  /** One line per notable event (a retry, a warning), without secrets. */
  log?: (line: string) => void;
  /** Tests: backend options to override (fetch, retry delays, clock). */
  backendOverrides?: Partial<OpenAIBackendOptions>;
  /** Tests: sandbox limits to override. */
  sandbox?: Partial<SandboxLimits>;
  /** Tests: a test runner to use instead of the sandbox. */
  testRunner?: TestRunner;
  /** Facts about the suites' source for config.json (task-list hashes). */
  suiteSource?: Record<string, unknown>;
}

export interface LlmSweepDeps {
  deps: Pick<SweepDeps, "sessionFor" | "stopReason" | "configExtras">;
  /** The price-table id of the model, or null (then `cost_usd` stays empty). */
  priceId: string | null;
  /**
   * How agent code is tested (`openai` with the sandbox runners): `bwrap` in the OS sandbox, `none`
   * without it (only with `--unsafe-no-sandbox`, where it cannot start: `unavailable` says why).
   * Null for a replay (it runs no code) or a test runner given by the caller.
   */
  sandbox: { isolation: "bwrap" | "none"; unavailable: string | null } | null;
  dispose(): void;
}

/** The folder holding a recorded sweep's cassettes: `DIR/cassettes` when it exists, else `DIR` itself. */
export function cassettesDirOf(dir: string): string {
  const inner = join(dir, "cassettes");
  return existsSync(inner) ? inner : dir;
}

function priceFacts(model: string, prices: PriceTable): { priceId: string | null; facts: Record<string, unknown> } {
  const priceId = priceIdFor(model, prices);
  const price = priceId === null ? null : prices.models[priceId]!;
  return {
    priceId,
    facts: {
      as_of: prices.asOf,
      model: priceId,
      input_per_million: price?.inputPerMillion ?? null,
      output_per_million: price?.outputPerMillion ?? null,
      note: priceId === null ? `no price for model ${JSON.stringify(model)}: cost_usd is left empty (add one with --prices FILE)` : prices.note,
    },
  };
}

/**
 * Sessions for a sweep of a real model: `openai` records every run to a cassette, through one
 * backend (one request limiter) shared by all runs, with agent code tested in the sandbox; `replay`
 * plays each run back from its cassette. Both stop the sweep after a fatal error (401, 403, 404).
 */
export function createLlmSweepDeps(llm: RealSweepBackend, env: LlmSweepEnvironment): LlmSweepDeps {
  const { priceId, facts: prices } = priceFacts(llm.model, env.prices);
  const cost = (row: { total_input_tokens: number; total_output_tokens: number }): number | null =>
    runCostUsd(llm.model, row.total_input_tokens, row.total_output_tokens, env.prices);

  if (llm.kind === "replay") {
    const dir = cassettesDirOf(llm.cassette);
    let fatal: string | null = null;
    const log = env.log;
    return {
      priceId,
      sandbox: null,
      deps: {
        configExtras: { config: { prices, ...(env.suiteSource ? { suite_source: env.suiteSource } : {}) } },
        stopReason: () => fatal,
        sessionFor(spec: RunSpec): RunSession {
          const path = join(dir, `${spec.runId}.jsonl`);
          if (!existsSync(path)) {
            throw error("replay", `no cassette for run ${spec.runId} in ${dir}; replay with the recorded sweep's grid, model and suites`);
          }
          const session = createReplaySession(readFileSync(path, "utf8"), path, log ? { onWarning: (m) => log(`sweep: warning: ${m}`) } : {});
          return {
            backend: session.backend,
            testRunner: session.testRunner,
            now: session.now,
            finish(_result, row) {
              session.finish();
              const f = session.fatalError();
              if (f !== null) fatal ??= `the recorded sweep stopped here: ${f.message}`;
              return { cassette: null, costUsd: cost(row), usageEstimated: session.usageEstimatedReplies() };
            },
          };
        },
      },
      dispose: () => undefined,
    };
  }

  const apiKey = env.apiKey;
  if (apiKey === null || apiKey === "") {
    throw error("createLlmSweepDeps", "no API key: set OPENAI_API_KEY in the environment or in a .env file (for servers without keys, such as Ollama, any value)");
  }
  const secrets = [apiKey];
  const log = env.log;
  const overrides = env.backendOverrides ?? {};
  const backend = createOpenAIBackend({
    ...overrides,
    model: llm.model,
    apiKey,
    baseURL: env.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    temperature: llm.temperature,
    maxOutputTokens: llm.maxOutputTokens,
    requestTimeoutSeconds: llm.requestTimeoutSeconds,
    requestDeadlineSeconds: llm.requestDeadlineSeconds,
    maxResponseBytes: llm.maxResponseBytes,
    retry: { maxRetries: llm.maxRetries, ...overrides.retry },
    limits: { maxConcurrent: llm.maxRequests, requestsPerMinute: llm.requestsPerMinute, tokensPerMinute: llm.tokensPerMinute },
    ...(log
      ? {
          onRetry: (r) =>
            log(redactSecrets(`retry ${r.attempt}/${r.maxAttempts - 1} in ${(r.waitMs / 1000).toFixed(1)} s: ${r.runId} round ${r.round} ${r.agent}: ${r.message}${r.status === null ? "" : ` (HTTP ${r.status})`}`, secrets)),
          // A key too short to redact safely: one line (the message never holds the key).
          onWarning: (m) => log(redactSecrets(`sweep: warning: ${m}`, secrets)),
        }
      : {}),
  });
  const untrusted =
    env.testRunner === undefined
      ? createUntrustedTestRunner({ timeLimitMs: llm.testTimeoutSeconds * 1000, heapMb: llm.testMemoryMb, unsafeNoSandbox: llm.unsafeNoSandbox, ...env.sandbox })
      : null;
  const testRunner: TestRunner = env.testRunner ?? untrusted!;
  const described = untrusted?.describe();
  return {
    priceId,
    // Both runners probe the same sandbox with the same limits, so they share one isolation.
    sandbox: described ? { isolation: described.js.isolation, unavailable: described.js.unavailable } : null,
    deps: {
      configExtras: {
        config: {
          endpoint: backend.baseURL,
          prices,
          test_runner: described
            ? { js: described.js.kind, command: described.command.kind, isolation: described.js.isolation, limits: described.js.limits }
            : "custom",
          ...(env.suiteSource ? { suite_source: env.suiteSource } : {}),
        },
        execution: described
          ? { test_network: { js: described.js.network, command: described.command.network }, test_sandbox_unavailable: described.js.unavailable }
          : {},
      },
      stopReason: () => {
        const f = backend.fatalError();
        return f === null ? null : `the endpoint refused a request for good: ${f.message}`;
      },
      sessionFor(spec: RunSpec): RunSession {
        const recorder = recordRun({ runId: spec.runId, backend, model: llm.model, testRunner, now: monotonicUnixSeconds(), promptVersion: PROMPT_VERSION, secrets });
        return {
          backend: recorder.backend,
          testRunner: recorder.testRunner,
          now: recorder.now,
          finish: (_result, row) => ({ cassette: recorder.cassette(), costUsd: cost(row), usageEstimated: recorder.usageEstimatedReplies() }),
        };
      },
    },
    dispose: () => untrusted?.dispose(),
  };
}
