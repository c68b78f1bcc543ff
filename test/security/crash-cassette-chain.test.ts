import { beforeAll, describe, expect, it } from "vitest";
import { formatEventLog } from "../../src/events/jsonl.js";
import { recordRun } from "../../src/llm/record-run.js";
import { createReplaySession } from "../../src/llm/replay-backend.js";
import { CASSETTE_VERSION, parseCassette } from "../../src/llm/cassette.js";
import type { AgentBackend, AgentRequest } from "../../src/agent/types.js";
import { createInProcessRunner } from "../../src/tasks/runner.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import { runTeam } from "../../src/team/orchestrator.js";
import type { TeamRunResult } from "../../src/team/types.js";
import { PROMPT_VERSION } from "../../src/team/prompt.js";
import { teamPolicy } from "../llm/fake-openai-server.js";

/**
 * Cassettes carry a hash chain (issue 10, item 6): editing the last reply, a usage or a clock reading,
 * or dropping, reordering or appending a line, replayed silently with different events before; now
 * each is refused before the replay starts, naming the first line whose chain breaks.
 */

const KEY = "sk-chain-test-0123456789ABCDEFGH";
const suite = syntheticSuite({ n: 4, p: 0.5 });
const config = { runId: "chain_run", suite, mode: "decentralized" as const, teammates: 2, maxRounds: 12, seed: 5 };

/** A wall-clock backend with fixed replies and usage; its first reply quotes the key (an echo to redact). */
function backend(): AgentBackend {
  const policy = teamPolicy(suite);
  let n = 0;
  return {
    name: "openai",
    modelDir: "openai_test-model",
    profile: "test-model",
    simulated: false,
    clock: "wall",
    async reply(request: AgentRequest) {
      const text = policy(request.messages) + (n++ === 0 ? `\n(the server said: key ${KEY})` : "");
      return { text, inputTokens: 100 + request.view.round, outputTokens: 7, latencySeconds: 0.01 };
    },
  };
}

let cassette = "";
let live: TeamRunResult;
beforeAll(async () => {
  let t = 1_700_000_000;
  const recorder = recordRun({ runId: config.runId, backend: backend(), model: "test-model", testRunner: createInProcessRunner(), now: () => (t += 0.25), promptVersion: PROMPT_VERSION, secrets: [KEY] });
  live = await runTeam(config, { backend: recorder.backend, testRunner: recorder.testRunner, now: recorder.now });
  cassette = recorder.cassette();
});

const lines = (): string[] => cassette.trimEnd().split("\n");
const join = (ls: string[]): string => ls.join("\n") + "\n";
const kindAt = (ls: string[], kind: string): number[] => ls.flatMap((l, i) => ((JSON.parse(l) as { kind: string }).kind === kind ? [i] : []));
const edit = (ls: string[], i: number, f: (o: Record<string, any>) => void): string[] => {
  const out = [...ls];
  const o = JSON.parse(out[i]!) as Record<string, any>;
  f(o);
  out[i] = JSON.stringify(o);
  return out;
};
const broken = (i: number, what: string): string =>
  `c.jsonl: line ${i + 1} (${what}): the hash chain breaks here (stored chain hash): this line was edited, or a line before it was dropped, added or moved; the cassette cannot be trusted`;
const exchangeWhat = (ls: string[], i: number): string => {
  const o = JSON.parse(ls[i]!) as { seq: number; round: number; agent: string };
  return `exchange seq ${o.seq}, round ${o.round}, ${o.agent}`;
};

describe("the cassette hash chain", () => {
  it("records a version-2 cassette that replays the run byte for byte, with the key redacted before hashing", async () => {
    expect(live.success).toBe(true);
    expect(cassette).not.toContain(KEY);
    expect(cassette).toContain("key [REDACTED]");
    const { header, chained } = parseCassette(cassette, "c.jsonl");
    expect([header.version, chained]).toEqual([CASSETTE_VERSION, true]);
    expect(JSON.parse(lines().at(-1)!)).toMatchObject({ kind: "end", lines: lines().length - 1 });
    const session = createReplaySession(cassette, "c.jsonl");
    const replayed = await runTeam(config, { backend: session.backend, testRunner: session.testRunner, now: session.now });
    session.finish();
    expect(formatEventLog(replayed.events)).toBe(formatEventLog(live.events));
  });

  it("refuses an edited last reply, naming its line", () => {
    const ls = lines();
    const last = kindAt(ls, "exchange").at(-1)!;
    const bad = edit(ls, last, (o) => (o["reply"].text += " (edited)"));
    expect(() => createReplaySession(join(bad), "c.jsonl")).toThrow(broken(last, exchangeWhat(ls, last)));
  });

  it("refuses an edited usage and an edited clock reading", () => {
    const ls = lines();
    const first = kindAt(ls, "exchange")[0]!;
    expect(() => parseCassette(join(edit(ls, first, (o) => (o["reply"].input_tokens = 1))), "c.jsonl")).toThrow(broken(first, exchangeWhat(ls, first)));
    const clock = kindAt(ls, "clock")[3]!;
    expect(() => parseCassette(join(edit(ls, clock, (o) => (o["t"] += 60))), "c.jsonl")).toThrow(broken(clock, "clock"));
  });

  it("refuses a dropped exchange in the middle (at the next line) and at the end (at the end line)", () => {
    const ls = lines();
    const ex = kindAt(ls, "exchange");
    const mid = ex[Math.floor(ex.length / 2)]!;
    const dropMid = ls.filter((_, i) => i !== mid);
    const nextWhat = JSON.parse(dropMid[mid]!).kind === "exchange" ? exchangeWhat(dropMid, mid) : JSON.parse(dropMid[mid]!).kind;
    expect(() => parseCassette(join(dropMid), "c.jsonl")).toThrow(broken(mid, nextWhat));
    // The last exchange and everything after it up to the end line.
    const last = ex.at(-1)!;
    const dropLast = [...ls.slice(0, last), ls.at(-1)!];
    expect(() => parseCassette(join(dropLast), "c.jsonl")).toThrow(broken(last, "end"));
  });

  it("refuses two exchanges swapped, a cut-off end and an appended line", () => {
    const ls = lines();
    const [a, b] = kindAt(ls, "exchange");
    const swapped = [...ls];
    [swapped[a!], swapped[b!]] = [ls[b!]!, ls[a!]!];
    expect(() => parseCassette(join(swapped), "c.jsonl")).toThrow(broken(a!, exchangeWhat(swapped, a!)));
    expect(() => parseCassette(join(ls.slice(0, -1)), "c.jsonl")).toThrow(`c.jsonl: no end line after line ${ls.length - 1}: the cassette was cut short (its last lines dropped)`);
    expect(() => parseCassette(join([...ls, ls[1]!]), "c.jsonl")).toThrow(`c.jsonl: line ${ls.length + 1} (clock): a line after the end line (lines were appended)`);
  });

  it("accepts the same content with its keys in another order (the hash is over canonical JSON)", () => {
    const reordered = lines().map((l) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse())));
    expect(parseCassette(join(reordered), "c.jsonl").entries).toEqual(parseCassette(cassette, "c.jsonl").entries);
  });

  it("replays a version-1 cassette (no chain) after a warning, with the same events", async () => {
    const v1 = lines()
      .slice(0, -1)
      .map((l) => {
        const { chain: _chain, ...o } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(o["kind"] === "header" ? { ...o, version: 1 } : o);
      });
    const warnings: string[] = [];
    const session = createReplaySession(join(v1), "old.jsonl", { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual(["old.jsonl is a version-1 cassette, without a hash chain: edits to it cannot be detected (re-record to get version 2)"]);
    const replayed = await runTeam(config, { backend: session.backend, testRunner: session.testRunner, now: session.now });
    session.finish();
    expect(formatEventLog(replayed.events)).toBe(formatEventLog(live.events));
    expect(() => parseCassette(join(v1.map((l, i) => (i === 0 ? l.replace('"version":1', '"version":3') : l))), "old.jsonl")).toThrow(
      "old.jsonl: line 1: cassette version 3; this toolkit reads versions 1 to 2",
    );
  });
});
