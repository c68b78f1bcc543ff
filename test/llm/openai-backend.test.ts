import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIBackend, type OpenAIBackendOptions } from "../../src/llm/openai-backend.js";
import { RequestFailedError, type RecordableReply } from "../../src/llm/request-record.js";
import { createRng } from "../../src/core/rng.js";
import { abortError, systemClock, type WallClock } from "../../src/core/clock.js";
import type { AgentRequest, AgentView } from "../../src/agent/types.js";
import { completion, startFakeServer, type FakeServer, type FakeReply } from "./fake-openai-server.js";

const KEY = "sk-test-0123456789abcdefghijKLMNOP";

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer(() => ({ kind: "json", body: completion("hi", { prompt_tokens: 1, completion_tokens: 1 }) }));
});
afterAll(() => server.close());

function request(signal: AbortSignal = new AbortController().signal): AgentRequest {
  return {
    messages: [
      { role: "system", content: "You are a test." },
      { role: "user", content: "Round 1. Say hi." },
    ],
    segments: ["You are a test.", "Round 1. Say hi."],
    view: { runId: "run-x", round: 1, agent: "Dev1" } as AgentView,
    signal,
  };
}

/** A backend against the fake server with tiny back-off delays. */
function backend(extra: Partial<OpenAIBackendOptions> = {}) {
  return createOpenAIBackend({
    model: "gpt-4o-mini",
    apiKey: KEY,
    baseURL: server.url,
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    requestTimeoutSeconds: 5,
    ...extra,
  });
}

/** Answer requests from a list (the last repeats), recording what the server saw. */
function script(...replies: FakeReply[]): { seen: () => number } {
  const start = server.requests.length;
  server.setHandler((req) => replies[Math.min(req.n - start, replies.length - 1)]!);
  return { seen: () => server.requests.length - start };
}

const ok = (text = "done", usage: { prompt_tokens: number; completion_tokens: number } | null = { prompt_tokens: 120, completion_tokens: 7 }): FakeReply => ({
  kind: "json",
  body: completion(text, usage),
});

async function failure(p: Promise<unknown>): Promise<RequestFailedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RequestFailedError);
    return e as RequestFailedError;
  }
  throw new Error("expected a failure");
}

describe("createOpenAIBackend against a local OpenAI-compatible server", () => {
  it("sends the model and messages with the key as a bearer token, and returns the reply with the provider's usage", async () => {
    const s = script(ok("<claim task=\"task-1\"/>"));
    const b = backend({ temperature: 0.2, maxOutputTokens: 500 });
    const r = (await b.reply(request(), createRng(1))) as RecordableReply;
    expect(s.seen()).toBe(1);
    const seen = server.requests.at(-1)!;
    expect(seen.path).toBe("/v1/chat/completions");
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.2, max_completion_tokens: 500, messages: request().messages });
    expect(r).toMatchObject({ text: '<claim task="task-1"/>', inputTokens: 120, outputTokens: 7, usageEstimated: false });
    expect(r.attempts).toHaveLength(1);
    expect(r.latencySeconds).toBeGreaterThan(0);
    expect(b).toMatchObject({ name: "openai", modelDir: "openai_gpt-4o-mini", profile: "gpt-4o-mini", simulated: false, clock: "wall" });
  });

  it("counts tokens with the tokenizer and flags the reply when the endpoint reports no usage", async () => {
    script(ok("hello there", null));
    const r = (await backend().reply(request(), createRng(1))) as RecordableReply;
    expect(r.usageEstimated).toBe(true);
    expect(r.inputTokens).toBeGreaterThan(5);
    expect(r.outputTokens).toBe(2); // "hello there" in o200k_base
  });

  it("retries a 429 after the Retry-After the server asked for (seconds, and retry-after-ms)", async () => {
    for (const headers of [{ "retry-after": "0.15" }, { "retry-after-ms": "150" }]) {
      const s = script({ kind: "json", status: 429, headers, body: { error: { message: "slow down" } } }, ok());
      const r = (await backend().reply(request(), createRng(1))) as RecordableReply;
      expect(s.seen()).toBe(2);
      const [a, b] = server.requests.slice(-2);
      expect(b!.at - a!.at).toBeGreaterThanOrEqual(140);
      expect(r.attempts.map((x) => [x.ok, x.kind, x.status, x.waitMs])).toEqual([
        [false, "rate_limit", 429, 150],
        [true, null, 200, null],
      ]);
    }
  });

  it("retries server errors, dropped connections, malformed JSON and empty choices, with logged attempts", async () => {
    const retried: string[] = [];
    const s = script(
      { kind: "json", status: 500, body: { error: { message: "boom" } } },
      { kind: "destroy" },
      { kind: "raw", text: "{not json" },
      { kind: "json", body: { ...completion("x", null), choices: [] } },
      ok(),
    );
    const r = (await backend({ retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 4 }, onRetry: (i) => retried.push(`${i.attempt}:${i.kind}`) }).reply(request(), createRng(1))) as RecordableReply;
    expect(s.seen()).toBe(5);
    expect(r.text).toBe("done");
    expect(r.attempts.map((a) => a.kind)).toEqual(["server_error", "connection", "bad_response", "bad_response", null]);
    expect(retried).toEqual(["1:server_error", "2:connection", "3:bad_response", "4:bad_response"]);
    for (const a of r.attempts.slice(0, 4)) expect(a.waitMs).toBeGreaterThanOrEqual(0.5);
  });

  it("times out a stalled attempt and retries it", async () => {
    const s = script({ kind: "stall" }, ok());
    const t0 = performance.now();
    const r = (await backend({ requestTimeoutSeconds: 0.3 }).reply(request(), createRng(1))) as RecordableReply;
    expect(s.seen()).toBe(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.attempts[0]).toMatchObject({ ok: false, kind: "timeout", status: null });
  });

  it("gives up after maxRetries + 1 attempts with a retryable error naming the last failure", async () => {
    const s = script({ kind: "json", status: 503, body: { error: { message: "overloaded" } } });
    const e = await failure(backend({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).reply(request(), createRng(1)));
    expect(s.seen()).toBe(3);
    expect(e.message).toBe("openai: gave up after 3 attempts; last: server error: 503 overloaded (HTTP 503)");
    expect(e).toMatchObject({ status: 503, retryable: true, fatal: false, kind: "server_error" });
    expect(e.attempts).toHaveLength(3);
  });

  it("does not retry a 400, and refuses a Retry-After over the limit without waiting", async () => {
    let s = script({ kind: "json", status: 400, body: { error: { message: "context too long" } } });
    let e = await failure(backend().reply(request(), createRng(1)));
    expect(s.seen()).toBe(1);
    expect(e.message).toBe("openai: request refused: 400 context too long (HTTP 400)");
    expect(e).toMatchObject({ retryable: false, fatal: false });
    s = script({ kind: "json", status: 429, headers: { "retry-after": "3600" }, body: { error: { message: "daily quota" } } });
    // A clock that records every wait asked of it: the only one allowed is the attempt's own time limit (77 s).
    const waits: number[] = [];
    const recording: WallClock = { nowMs: () => systemClock.nowMs(), sleep: (ms, signal) => (waits.push(ms), systemClock.sleep(ms, signal)) };
    e = await failure(backend({ clock: recording, requestTimeoutSeconds: 77 }).reply(request(), createRng(1)));
    expect(waits.filter((ms) => ms !== 77_000)).toEqual([]);
    expect(s.seen()).toBe(1);
    expect(e.message).toContain("the server asks to retry after 3600 s, over the limit of 120 s");
  });

  it("treats a 401 as fatal: no retry, the key redacted even when the server echoes it, later requests fail without being sent", async () => {
    const s = script({ kind: "json", status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}; also ${KEY.slice(3, 20)}…` } } });
    const b = backend();
    const e = await failure(b.reply(request(), createRng(1)));
    expect(s.seen()).toBe(1);
    expect(e).toMatchObject({ status: 401, fatal: true, kind: "auth", retryable: false });
    expect(e.message).not.toContain(KEY);
    expect(e.message).not.toContain(KEY.slice(3, 20));
    expect(e.message).toContain("[REDACTED]");
    expect(b.fatalError()).toBe(e);
    const again = await failure(b.reply(request(), createRng(1)));
    expect(s.seen()).toBe(1);
    expect(again.message).toMatch(/^openai: not sent: an earlier request failed for good \(not authorised/);
  });

  it("reports a refused connection after its retries, and stops waiting when the run is cancelled", async () => {
    const dead = createOpenAIBackend({ model: "m", apiKey: KEY, baseURL: "http://127.0.0.1:1/v1", retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const e = await failure(dead.reply(request(), createRng(1)));
    expect(e).toMatchObject({ kind: "connection", retryable: true });
    expect(e.message).toMatch(/^openai: gave up after 2 attempts; last: connection failed/);

    script({ kind: "json", status: 500, body: {} });
    const controller = new AbortController();
    // Waits end only when aborted: if the cancellation were not honoured, the reply would never settle and
    // this test would time out.
    const endless: WallClock = {
      nowMs: () => systemClock.nowMs(),
      sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(abortError(signal)), { once: true })),
    };
    const slow = backend({ clock: endless, retry: { maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const p = failure(slow.reply(request(controller.signal), createRng(1)));
    setTimeout(() => controller.abort(), 100);
    const c = await p;
    expect(c.kind).toBe("aborted");
  });

  it("refuses bad options with messages naming them", () => {
    expect(() => createOpenAIBackend({ model: "", apiKey: KEY })).toThrow("createOpenAIBackend: options.model is required");
    expect(() => createOpenAIBackend({ model: "m", apiKey: "" })).toThrow("createOpenAIBackend: no API key: set OPENAI_API_KEY");
    expect(() => createOpenAIBackend({ model: "m", apiKey: KEY, baseURL: "ftp://x" })).toThrow('base URL "ftp://x" is not an http(s) URL');
    expect(() => createOpenAIBackend({ model: "m", apiKey: KEY, temperature: 5 })).toThrow("temperature must be a number from 0 to 2 or null; got 5");
    expect(() => createOpenAIBackend({ model: "m", apiKey: KEY, extraBody: { messages: [] } })).toThrow('extraBody cannot set "messages"');
  });
});
