import { describe, expect, it } from "vitest";
import { formatEventLog } from "../../src/events/jsonl.js";
import { BackendError } from "../../src/llm/errors.js";
import { recordRun } from "../../src/llm/record-run.js";
import { createReplaySession, ReplayMismatchError } from "../../src/llm/replay-backend.js";
import { parseCassette } from "../../src/llm/cassette.js";
import type { AgentBackend, AgentRequest } from "../../src/agent/types.js";
import { monotonicUnixSeconds } from "../../src/core/clock.js";
import { createInProcessRunner } from "../../src/tasks/runner.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import type { Suite } from "../../src/tasks/types.js";
import { runTeam } from "../../src/team/orchestrator.js";
import { PROMPT_VERSION } from "../../src/team/prompt.js";
import type { TeamMode } from "../../src/agent/mode.js";
import { teamPolicy } from "./fake-openai-server.js";

/**
 * A wall-clock backend whose replies arrive after random real delays, so the arrival order, the
 * latencies and every timestamp differ from run to run: only a faithful replay can reproduce them.
 */
function jitteryBackend(suite: Suite, options: { failAt?: { round: number; agent: string } } = {}): AgentBackend {
  const policy = teamPolicy(suite);
  return {
    name: "openai",
    modelDir: "openai_test-model",
    profile: "test-model",
    simulated: false,
    clock: "wall",
    async reply(request: AgentRequest) {
      await new Promise((r) => setTimeout(r, 1 + Math.random() * 15));
      const { round, agent } = request.view;
      if (options.failAt && options.failAt.round === round && options.failAt.agent === agent) {
        throw new BackendError("openai", "gave up after 3 attempts; last: server error: 500 boom (HTTP 500)", { status: 500, retryable: true });
      }
      const text = policy(request.messages);
      return { text, inputTokens: 100 + round, outputTokens: text.length % 97, latencySeconds: 0.01 };
    },
  };
}

const tests = createInProcessRunner();

async function recordAndReplay(suite: Suite, mode: TeamMode, teammates: number, backend: AgentBackend) {
  const config = { runId: `rec_${mode}_n${teammates}`, suite, mode, teammates, maxRounds: 12, seed: 3 };
  const recorder = recordRun({ runId: config.runId, backend, model: "test-model", testRunner: tests, now: monotonicUnixSeconds(), promptVersion: PROMPT_VERSION });
  const live = await runTeam(config, { backend: recorder.backend, testRunner: recorder.testRunner, now: recorder.now });
  const cassette = recorder.cassette();
  const session = createReplaySession(cassette, "memory.jsonl");
  const t0 = performance.now();
  const replayed = await runTeam(config, { backend: session.backend, testRunner: session.testRunner, now: session.now });
  const replaySeconds = (performance.now() - t0) / 1000;
  session.finish();
  return { live, replayed, cassette, replaySeconds, config };
}

describe("record and replay", () => {
  it.each([
    ["preassign", 2],
    ["decentralized", 3],
    ["lead", 2],
  ] as const)("replays a %s run of %i agents byte for byte, on the recorded clock", async (mode, n) => {
    const suite = syntheticSuite({ n: 6, p: 0.5 });
    const { live, replayed, cassette } = await recordAndReplay(suite, mode, n, jitteryBackend(suite));
    expect(live.success).toBe(true);
    expect(live.events[0]).toMatchObject({ type: "run_start", clock: "wall", simulated: false });
    expect(formatEventLog(replayed.events)).toBe(formatEventLog(live.events));
    expect(replayed.elapsedSeconds).toBe(live.elapsedSeconds);
    const { header, entries } = parseCassette(cassette, "x");
    expect(header).toMatchObject({ run: `rec_${mode}_n${n}`, backend: "openai", model: "test-model", prompt_version: PROMPT_VERSION, clock: "wall" });
    expect(entries.filter((e) => e.kind === "exchange")).toHaveLength(live.events.filter((e) => e.type === "agent_reply").length);
    expect(entries.filter((e) => e.kind === "tests")).toHaveLength(live.events.filter((e) => e.type === "run_tests").length);
  });

  it("replays a run that ended in a backend error, with the same detail", async () => {
    const suite = syntheticSuite({ n: 6, p: 0.5 });
    const { live, replayed } = await recordAndReplay(suite, "decentralized", 3, jitteryBackend(suite, { failAt: { round: 2, agent: "Dev2" } }));
    const end = live.events.at(-1)!;
    expect(end).toMatchObject({ type: "run_end", reason: "error", detail: "BackendError: openai: gave up after 3 attempts; last: server error: 500 boom (HTTP 500)" });
    expect(formatEventLog(replayed.events)).toBe(formatEventLog(live.events));
  });

  it("refuses a replay whose requests differ, naming the run, the turn and the difference", async () => {
    const suite = syntheticSuite({ n: 4, p: 0.5 });
    const { cassette, config } = await recordAndReplay(suite, "preassign", 2, jitteryBackend(suite));
    const changed: Suite = { ...suite, description: suite.description.replace("Tasks", "TASKS") };
    const session = createReplaySession(cassette, "run.jsonl");
    const r = await runTeam({ ...config, suite: changed }, { backend: session.backend, testRunner: session.testRunner, now: session.now });
    expect(r.endReason).toBe("error");
    expect(() => session.finish()).toThrow(ReplayMismatchError);
    expect(() => session.finish()).toThrow(
      /^replay of run rec_preassign_n2 \(run\.jsonl\): round 1, agent Dev\d: the request differs from the recorded one: messages\[0\]\.content differs at character \d+: recorded ".*Tasks.*", now ".*TASKS.*"$/,
    );
  });

  it("refuses a malformed cassette, naming the line", () => {
    expect(() => createReplaySession('{"kind":"clock","t":1}\n', "c.jsonl")).toThrow("c.jsonl: the first line must be the cassette header");
    expect(() => createReplaySession("nope\n", "c.jsonl")).toThrow("c.jsonl: line 1 is not JSON");
    expect(() => createReplaySession('{"kind":"header","format":"other"}\n', "c.jsonl")).toThrow('c.jsonl: line 1: not a cassette (format "other")');
  });
});
