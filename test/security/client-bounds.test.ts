import { afterEach, describe, expect, it } from "vitest";
import { createOpenAIBackend, type OpenAIBackendOptions } from "../../src/llm/openai-backend.js";
import { RequestFailedError, type RecordableReply } from "../../src/llm/request-record.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/llm/bounded-fetch.js";
import { backoffDelayMs, parseRetryAfterMs, resolveRetryPolicy } from "../../src/llm/retry-policy.js";
import { implausibleTokens, MAX_PLAUSIBLE_TOKENS } from "../../src/llm/completion-body.js";
import { countSegmentTokens, countTextTokens, loadTokenizer } from "../../src/llm/tokens.js";
import { createRng } from "../../src/core/rng.js";
import type { AgentRequest, AgentView } from "../../src/agent/types.js";
import { startHostileServer, type HostileReply, type HostileServer } from "./client-hostile-server.js";

/**
 * The client's bounds against a hostile endpoint (issue 10, item 4): a body that never ends (15.9 GB
 * for one request before), a gzip bomb, a lying Content-Length, absurd usage (2^53 stored as given
 * before), a negative Retry-After (retried at once before), and a request that outlives its deadline.
 * Loopback only; every server reply stops by itself.
 */

const KEY = "sk-hostile-test-0123456789abcdefghij";
let server: HostileServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function request(): AgentRequest {
  return {
    messages: [
      { role: "system", content: "You are a test." },
      { role: "user", content: "Round 1. Say hi." },
    ],
    segments: ["You are a test.", "Round 1. Say hi."],
    view: { runId: "run-x", round: 1, agent: "Dev1" } as AgentView,
    signal: new AbortController().signal,
  };
}

async function against(script: HostileReply[], extra: Partial<OpenAIBackendOptions> = {}) {
  server = await startHostileServer(script);
  return createOpenAIBackend({ model: "m", apiKey: KEY, baseURL: server.url, retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 }, requestTimeoutSeconds: 20, ...extra });
}

async function failure(p: Promise<unknown>): Promise<RequestFailedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RequestFailedError);
    return e as RequestFailedError;
  }
  throw new Error("expected the request to fail");
}

const MiB = 1024 * 1024;

describe("a bounded response body", () => {
  it("cuts off a body that never ends at maxResponseBytes (default 8 MiB), without retrying, with memory bounded", async () => {
    // The server would send 256 MiB; the client must stop near 8 MiB.
    const b = await against([{ kind: "endless", budgetBytes: 256 * MiB }]);
    const rss0 = process.memoryUsage().rss;
    const e = await failure(b.reply(request(), createRng(1)));
    const grew = process.memoryUsage().rss - rss0;
    expect(e.kind).toBe("too_large");
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(`openai: the response body exceeded ${DEFAULT_MAX_RESPONSE_BYTES} bytes (maxResponseBytes); reading stopped there`);
    expect(e.attempts).toHaveLength(1);
    expect(server!.requests).toBe(1);
    // The connection was closed: the server wrote well under its 256 MiB budget (socket buffers hold a few MiB).
    await new Promise((r) => setTimeout(r, 50));
    expect(server!.closedEarly).toBe(1);
    expect(server!.written[0]!).toBeLessThan(64 * MiB);
    // Generous: reading the whole body would have taken 256 MiB and more for the string.
    expect(grew).toBeLessThan(200 * MiB);
  });

  it("cuts off a gzip bomb by its decoded size: 1 GiB of zeros from 1 MB on the wire", async () => {
    const b = await against([{ kind: "gzip-bomb", members: 64 }], { maxResponseBytes: 2 * MiB });
    const rss0 = process.memoryUsage().rss;
    const e = await failure(b.reply(request(), createRng(1)));
    expect(e.kind).toBe("too_large");
    expect(e.message).toBe(`openai: the response body exceeded ${2 * MiB} bytes (maxResponseBytes); reading stopped there`);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * MiB);
  });

  it("refuses a declared Content-Length over the limit before reading, and does not wait for the missing bytes", async () => {
    const b = await against([{ kind: "declared", declared: 100 * MiB }], { maxResponseBytes: MiB });
    const e = await failure(b.reply(request(), createRng(1)));
    expect(e.kind).toBe("too_large");
    expect(e.message).toBe(`openai: the response declares ${100 * MiB} bytes, over the limit of ${MiB} (maxResponseBytes); not read`);
  });

  it("still reads an ordinary reply just under the limit", async () => {
    const text = "x".repeat(1024 * 1024 - 400);
    const b = await against([{ kind: "usage", usage: { prompt_tokens: 3, completion_tokens: 4 }, text }], { maxResponseBytes: MiB });
    const r = (await b.reply(request(), createRng(1))) as RecordableReply;
    expect(r.text).toBe(text);
    expect([r.inputTokens, r.outputTokens, r.usageEstimated]).toEqual([3, 4, false]);
  });

  it("refuses a limit that is not an integer number of bytes >= 1024", async () => {
    for (const v of [0, 1023, 1.5, Number.NaN]) {
      expect(() => createOpenAIBackend({ model: "m", apiKey: KEY, baseURL: "http://127.0.0.1:9/v1", maxResponseBytes: v })).toThrow(
        `createOpenAIBackend: maxResponseBytes must be an integer number of bytes >= 1024; got ${String(v)}`,
      );
    }
  });
});

describe("a total time per request", () => {
  it("ends a request whose attempts keep stalling at its deadline, saying so, before its retries run out", async () => {
    const b = await against([{ kind: "drip", everyMs: 20 }], { requestTimeoutSeconds: 0.3, requestDeadlineSeconds: 0.8, retry: { maxRetries: 20, baseDelayMs: 10, maxDelayMs: 20 } });
    const e = await failure(b.reply(request(), createRng(1)));
    expect(e.message).toMatch(/^openai: gave up after [1-4] attempts?: the request's deadline of 0\.8 s \(requestDeadlineSeconds\) leaves no time for another; last: no complete response within the time limit$/);
    expect(e.attempts.every((a) => a.kind === "timeout")).toBe(true);
    expect(e.attempts.length).toBeLessThan(21);
  });

  it("refuses a deadline that is not a positive number of seconds up to a week", () => {
    expect(() => createOpenAIBackend({ model: "m", apiKey: KEY, baseURL: "http://127.0.0.1:9/v1", requestDeadlineSeconds: -1 })).toThrow(
      "createOpenAIBackend: requestDeadlineSeconds must be a number of seconds in (0, 604800]; got -1",
    );
  });
});

describe("implausible usage", () => {
  it("refuses usage that is huge, negative, fractional or not a number, counts the tokens instead, and records why", async () => {
    await loadTokenizer();
    const bad: [unknown, string][] = [
      [{ prompt_tokens: 2 ** 53, completion_tokens: 5 }, `usage.prompt_tokens is ${2 ** 53}, over ${MAX_PLAUSIBLE_TOKENS}`],
      [{ prompt_tokens: 10, completion_tokens: -3 }, "usage.completion_tokens is -3, negative"],
      [{ prompt_tokens: 10.5, completion_tokens: 3 }, "usage.prompt_tokens is 10.5, not an integer"],
      [{ prompt_tokens: "12", completion_tokens: 3 }, 'usage.prompt_tokens is "12", not a number'],
      [{ total_tokens: 15 }, "usage.prompt_tokens is missing, not a number"],
      [[1, 2], "usage is [1,2], not an object"],
    ];
    const b = await against(bad.map(([usage]) => ({ kind: "usage", usage, text: "hello there" })));
    for (const [, why] of bad) {
      const r = (await b.reply(request(), createRng(1))) as RecordableReply;
      expect(r.usageEstimated).toBe(true);
      expect(r.inputTokens).toBe(countSegmentTokens(request().segments));
      expect(r.outputTokens).toBe(countTextTokens("hello there"));
      expect(r.attempts).toEqual([expect.objectContaining({ ok: true, message: `usage refused (${why}); counted with o200k_base` })]);
    }
    expect(b.stats()).toMatchObject({ usageRefused: bad.length, usageEstimated: bad.length });
  });

  it("accepts usage up to 10^8 tokens", async () => {
    const b = await against([{ kind: "usage", usage: { prompt_tokens: MAX_PLAUSIBLE_TOKENS, completion_tokens: 0 } }]);
    const r = (await b.reply(request(), createRng(1))) as RecordableReply;
    expect([r.inputTokens, r.outputTokens, r.usageEstimated, r.attempts[0]!.message]).toEqual([MAX_PLAUSIBLE_TOKENS, 0, false, null]);
    expect(implausibleTokens("x", MAX_PLAUSIBLE_TOKENS + 1)).toBe(`x is ${MAX_PLAUSIBLE_TOKENS + 1}, over ${MAX_PLAUSIBLE_TOKENS}`);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const h = (v: string) => new Headers({ "retry-after": v });

  it("treats a negative, huge or non-date value as no hint", () => {
    for (const v of ["-5", "-0.5", "1e3", "99999999999", "5 s", "", "-Infinity", "2026-01-01"]) expect(parseRetryAfterMs(h(v), now), v).toBeNull();
    expect(parseRetryAfterMs(new Headers({ "retry-after-ms": "-100", "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfterMs(h("Thu, 01 Jan 2026 00:00:07 GMT"), now)).toBe(7000);
    expect(parseRetryAfterMs(h("3"), now)).toBe(3000);
  });

  it("waits the back-off after a 429 with Retry-After: -5 (it retried at once before)", async () => {
    const b = await against([{ kind: "retry-after", value: "-5" }, { kind: "usage", usage: { prompt_tokens: 1, completion_tokens: 1 } }], {
      retry: { maxRetries: 2, baseDelayMs: 40, maxDelayMs: 40 },
      random: () => 0.5,
    });
    const r = (await b.reply(request(), createRng(1))) as RecordableReply;
    expect(r.attempts.map((a) => [a.status, a.waitMs])).toEqual([
      [429, backoffDelayMs(1, resolveRetryPolicy({ baseDelayMs: 40, maxDelayMs: 40 }), 0.5)],
      [200, null],
    ]);
    expect(r.attempts[0]!.waitMs).toBe(30);
  });
});
