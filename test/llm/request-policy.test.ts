import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs, resolveRetryPolicy } from "../../src/llm/retry-policy.js";
import { createRequestLimiter } from "../../src/llm/request-limiter.js";
import type { WallClock } from "../../src/core/clock.js";
import { redactSecrets, safeBaseUrl } from "../../src/llm/secrets.js";
import { modelSlug, openaiModelDir } from "../../src/llm/model-slug.js";
import { resolveOpenAIEnv } from "../../src/llm/env-file.js";
import { loadPriceFile } from "../../src/llm/price-file.js";
import { DEFAULT_PRICE_TABLE, priceIdFor, runCostUsd } from "../../src/llm/prices.js";

const root = mkdtempSync(join(tmpdir(), "llm-policy-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const headers = (h: Record<string, string>) => new Headers(h);

describe("retry policy", () => {
  it("backs off exponentially with equal jitter in [d/2, d), capped", () => {
    const p = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    // d = min(1000, 100 * 2^(k-1)): 100, 200, 400, 800, 1000
    expect([1, 2, 3, 4, 5].map((k) => backoffDelayMs(k, p, 0))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelayMs(3, p, 0.5)).toBe(300);
    expect(backoffDelayMs(9, p, 0.999)).toBeCloseTo(999.5);
    expect(() => backoffDelayMs(0, p, 0.5)).toThrow("backoffDelayMs: retry must be an integer >= 1; got 0");
    expect(() => backoffDelayMs(1, p, 1)).toThrow("u must be in [0, 1); got 1");
    expect(() => resolveRetryPolicy({ maxRetries: -1 })).toThrow("resolveRetryPolicy: maxRetries must be an integer from 0 to 100; got -1");
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 6, baseDelayMs: 1000, maxDelayMs: 60000, maxRetryAfterMs: 120000 });
  });

  it("reads Retry-After as seconds or an HTTP date, and retry-after-ms first", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfterMs(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
    expect(parseRetryAfterMs(headers({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfterMs(headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfterMs(headers({ "retry-after": "soon" }), now)).toBeNull();
    expect(parseRetryAfterMs(headers({}), now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });
});

/** A clock that only moves when slept on: sleeps resolve in deadline order. */
function fakeClock(): WallClock & { t: number } {
  const sleepers: { until: number; resolve: () => void }[] = [];
  const clock = {
    t: 0,
    nowMs: () => clock.t,
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        sleepers.push({ until: clock.t + ms, resolve });
        sleepers.sort((a, b) => a.until - b.until);
        // Advance to the earliest deadline once everyone waiting has had a chance to queue.
        setImmediate(() => {
          const next = sleepers.shift();
          if (!next) return;
          clock.t = Math.max(clock.t, next.until);
          next.resolve();
        });
      });
    },
  };
  return clock;
}

describe("createRequestLimiter", () => {
  it("keeps at most maxConcurrent in flight, first come first served", async () => {
    const l = createRequestLimiter({ maxConcurrent: 2 });
    const order: number[] = [];
    const permits = await Promise.all([l.acquire(1), l.acquire(1)]);
    const third = l.acquire(1).then((p) => (order.push(3), p));
    const fourth = l.acquire(1).then((p) => (order.push(4), p));
    await new Promise((r) => setImmediate(r));
    expect(l.stats().inFlight).toBe(2);
    expect(order).toEqual([]);
    permits[1]!.release();
    (await third).release();
    permits[0]!.release();
    (await fourth).release();
    expect(order).toEqual([3, 4]);
    expect(l.stats()).toMatchObject({ inFlight: 0, started: 4 });
  });

  it("spaces requests to the requests-per-minute limit over a sliding 60 s window", async () => {
    const clock = fakeClock();
    const l = createRequestLimiter({ maxConcurrent: 10, requestsPerMinute: 2 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await l.acquire(0);
      starts.push(clock.t);
      p.release();
    }
    expect(starts).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });

  it("waits for tokens per minute, counting the reported usage instead of the estimate", async () => {
    const clock = fakeClock();
    const l = createRequestLimiter({ maxConcurrent: 10, tokensPerMinute: 1000 }, clock);
    const a = await l.acquire(400);
    a.release(900); // the reply was longer than estimated
    const b = await l.acquire(200); // 900 + 200 > 1000: waits for the first to leave the window
    expect(clock.t).toBe(60_000);
    b.release(200);
    const c = await l.acquire(5000); // larger than the limit: runs alone once the window is empty
    expect(clock.t).toBe(120_000);
    c.release();
  });

  it("gives up waiting when the signal aborts, freeing the queue", async () => {
    const l = createRequestLimiter({ maxConcurrent: 1 });
    const held = await l.acquire(1);
    const controller = new AbortController();
    const waiting = l.acquire(1, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    held.release();
    (await l.acquire(1)).release();
    expect(() => createRequestLimiter({ maxConcurrent: 0 })).toThrow("createRequestLimiter: maxConcurrent must be an integer from 1 to 1024; got 0");
  });
});

describe("secrets, names, env and prices", () => {
  it("redacts keys whole and in fragments, bearer tokens and sk- keys", () => {
    const key = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX";
    expect(redactSecrets(`bad key ${key}!`, [key])).toBe("bad key [REDACTED]!");
    expect(redactSecrets(`key ending ...${key.slice(10)}`, [key])).not.toContain(key.slice(12, 20));
    expect(redactSecrets("Authorization: Bearer abcdefgh12345678", [])).toBe("Authorization: Bearer [REDACTED]");
    expect(redactSecrets("other sk-abcdefghijklmnop0123", [])).toBe("other sk-[REDACTED]");
    // Too short to tell apart from ordinary text: left alone (shortSecretWarning says so once).
    expect(redactSecrets("ollama said ollama", ["ollama"])).toBe("ollama said ollama");
    expect(redactSecrets("code: const k = 'sk-not-a-real-key-xyz123';", [], { patterns: false })).toContain("sk-not-a-real-key");
    expect(safeBaseUrl("https://user:pw@host:8080/v1/?api-key=x#f")).toBe("https://host:8080/v1");
    expect(safeBaseUrl("not a url")).toBe("<invalid URL>");
  });

  it("names model folders like the paper's model_dir", () => {
    expect(openaiModelDir("gpt-5.2")).toBe("openai_gpt-5.2");
    expect(modelSlug("meta-llama/Llama-3.1-8B-Instruct")).toBe("meta-llama-Llama-3.1-8B-Instruct");
    expect(modelSlug("llama3.1:8b")).toBe("llama3.1-8b");
    expect(() => modelSlug("//")).toThrow('modelSlug: model name "//" has no letters or digits to name files by');
  });

  it("takes OPENAI_API_KEY and OPENAI_BASE_URL from the environment first, then the .env file", () => {
    const dir = mkdtempSync(join(root, "env-"));
    writeFileSync(join(dir, ".env"), "# local\nOPENAI_API_KEY=from-file\nOPENAI_BASE_URL=\"http://localhost:11434/v1\"\n");
    expect(resolveOpenAIEnv({ env: {}, cwd: dir })).toEqual({ apiKey: "from-file", baseURL: "http://localhost:11434/v1", envFile: join(dir, ".env") });
    expect(resolveOpenAIEnv({ env: { OPENAI_API_KEY: "from-env", OPENAI_BASE_URL: "" }, cwd: dir })).toMatchObject({ apiKey: "from-env", baseURL: "http://localhost:11434/v1" });
    writeFileSync(join(dir, "other.env"), "OPENAI_API_KEY=other\n");
    expect(resolveOpenAIEnv({ env: {}, cwd: dir, envFile: "other.env" })).toMatchObject({ apiKey: "other", baseURL: null });
    expect(resolveOpenAIEnv({ env: {}, cwd: root })).toEqual({ apiKey: null, baseURL: null, envFile: null });
    expect(() => resolveOpenAIEnv({ env: {}, cwd: dir, envFile: "missing.env" })).toThrow("readEnvFile: ");
  });

  it("prices runs by model name, with null (not a crash) for unknown models", () => {
    expect(priceIdFor("gpt-4o-mini-2024-07-18", DEFAULT_PRICE_TABLE)).toBe("gpt-4o-mini");
    expect(priceIdFor("openai/GPT-4o", DEFAULT_PRICE_TABLE)).toBe("gpt-4o");
    expect(priceIdFor("llama3.1", DEFAULT_PRICE_TABLE)).toBeNull();
    // 2e6 in at $0.15/M + 1e5 out at $0.60/M = 0.30 + 0.06
    expect(runCostUsd("gpt-4o-mini", 2e6, 1e5)).toBeCloseTo(0.36, 12);
    expect(runCostUsd("llama3.1", 2e6, 1e5)).toBeNull();
    const file = join(root, "prices.json");
    writeFileSync(file, JSON.stringify({ "llama3.1": { inputPerMillion: 0, outputPerMillion: 0 } }));
    expect(runCostUsd("llama3.1", 1e6, 1e6, loadPriceFile(file))).toBe(0);
    writeFileSync(file, JSON.stringify({ asOf: "2027-01-01", models: { x: { inputPerMillion: -1, outputPerMillion: 1 } } }));
    expect(() => loadPriceFile(file)).toThrow("inputPerMillion = -1");
  });
});
