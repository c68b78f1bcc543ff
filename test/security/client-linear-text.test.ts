import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIBackend } from "../../src/llm/openai-backend.js";
import type { RecordableReply } from "../../src/llm/request-record.js";
import { countSegmentTokens, loadTokenizer } from "../../src/llm/tokens.js";
import { parseActions } from "../../src/agent/parse-actions.js";
import { createRng } from "../../src/core/rng.js";
import type { AgentRequest, AgentView } from "../../src/agent/types.js";
import { completion, startFakeServer, type FakeServer } from "../llm/fake-openai-server.js";

/**
 * Linear-time text (issue 10, item 5): a 400,000-character reply took 2 minutes to count and a
 * 200 KB agent-written file added 28 s per round (o200k_base is quadratic on long runs of one
 * character); a reply of many unclosed body tags made the action parser rescan the rest of the reply
 * for every tag. These sizes would take minutes if any of it were quadratic; the tests assert
 * results only (timings: bench/text.bench.ts).
 */

let server: FakeServer;
beforeAll(async () => {
  await loadTokenizer();
  server = await startFakeServer(() => ({ kind: "json", body: completion("a".repeat(400_000), null) }));
});
afterAll(() => server.close());

describe("an endpoint's 400,000-character reply without usage", () => {
  it("is counted with the tokenizer: 50,000 tokens (8 'a's per o200k_base token)", async () => {
    const backend = createOpenAIBackend({ model: "m", apiKey: "sk-linear-test-0123456789abc", baseURL: server.url, requestTimeoutSeconds: 30 });
    const request: AgentRequest = {
      messages: [{ role: "user", content: "go" }],
      segments: ["go", "x".repeat(200_000)],
      view: { runId: "r", round: 1, agent: "Dev1" } as AgentView,
      signal: new AbortController().signal,
    };
    const r = (await backend.reply(request, createRng(1))) as RecordableReply;
    expect([r.text.length, r.outputTokens, r.usageEstimated]).toEqual([400_000, 50_000, true]);
    // A 200 KB agent-written file in the prompt: 25,000 tokens (8 'x's per token).
    expect(r.inputTokens).toBe(countSegmentTokens(["go"]) + 25_000);
  });
});

describe("the action parser on hostile replies", () => {
  it("refuses 40,000 unclosed writes and 60,000 unclosed broadcasts, one by one, and still reads the action after them", () => {
    const writes = parseActions('<write path="a.js">'.repeat(40_000) + '<claim task="t1"/>');
    expect(writes.diagnostics).toHaveLength(40_000);
    expect(writes.diagnostics.every((d) => d.reason === "unclosed_tag")).toBe(true);
    expect(writes.actions).toEqual([{ type: "claim", task: "t1" }]);
    const broadcasts = parseActions("<broadcast>".repeat(60_000) + '<complete task="t2"/>');
    expect(broadcasts.diagnostics).toHaveLength(60_000);
    expect(broadcasts.actions).toEqual([{ type: "complete", task: "t2" }]);
  });

  it("still closes each body at its own first closing tag after the searches it shares", () => {
    const r = parseActions('<write path="a.js">A</write> <write path="b.js">B</write> <write path="c.js"> <broadcast>m</broadcast> <write path="d.js">');
    expect(r.actions).toEqual([
      { type: "write", path: "a.js", content: "A" },
      { type: "write", path: "b.js", content: "B" },
      expect.objectContaining({ type: "broadcast" }),
    ]);
    expect(r.diagnostics.map((d) => d.reason)).toEqual(["unclosed_tag", "unclosed_tag"]);
  });
});
