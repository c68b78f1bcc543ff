import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { callTeamWorker } from "../../src/notebook/team-worker-client.js";
import { formatWorkerMessage, parseWorkerLine, WORKER_LINE_PREFIX, type WorkerMessage, type WorkerRunResult, type WorkerRunSpec } from "../../src/notebook/team-worker-protocol.js";
import { handleWorkerRequest } from "../../src/notebook/team-worker.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { runSuiteTests } from "../../src/tasks/runner.js";
import { runTeam } from "../../src/team/orchestrator.js";
import { summarizeRun } from "../../src/team/run-summary.js";

const spec: WorkerRunSpec = {
  runId: "w1",
  suite: "mathutils_p09",
  mode: "decentralized",
  teammates: 2,
  maxRounds: 50,
  seed: 3,
  backend: { kind: "simulated", profile: "balanced" },
  rep: 0,
  expDir: "notebook",
};

const temps: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "team-worker-test-"));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function collect(request: Parameters<typeof handleWorkerRequest>[0]): Promise<WorkerMessage[]> {
  const out: WorkerMessage[] = [];
  await handleWorkerRequest(request, (m) => out.push(m));
  return out;
}

describe("worker protocol lines", () => {
  it("round-trips messages and ignores lines that are not protocol lines", () => {
    const m: WorkerMessage = { type: "progress", done: 1, total: 3 };
    expect(formatWorkerMessage(m)).toBe(`${WORKER_LINE_PREFIX}{"type":"progress","done":1,"total":3}`);
    expect(parseWorkerLine(formatWorkerMessage(m))).toEqual(m);
    expect(parseWorkerLine("some library's log line")).toBeNull();
  });

  it("refuses broken or unknown protocol lines", () => {
    expect(() => parseWorkerLine(`${WORKER_LINE_PREFIX}{oops`)).toThrow("parseWorkerLine: a worker line is not valid JSON: {oops");
    expect(() => parseWorkerLine(`${WORKER_LINE_PREFIX}{"type":"progress","done":1}`)).toThrow(/parseWorkerLine: unknown worker message/);
  });
});

describe("handleWorkerRequest (in process)", () => {
  it("runs a team exactly as runTeam and summarizeRun do", async () => {
    const [m, ...rest] = await collect({ type: "run", run: spec });
    expect(rest).toEqual([]);
    expect(m!.type).toBe("result");
    const got = (m as Extract<WorkerMessage, { type: "result" }>).result as WorkerRunResult;

    const suite = getSuite(spec.suite);
    const backend = createSimulatedBackend("balanced");
    const direct = await runTeam({ runId: "w1", suite, mode: "decentralized", teammates: 2, maxRounds: 50, seed: 3 }, { backend, testRunner: { run: runSuiteTests } });
    const row = summarizeRun(direct, { runId: "w1", expDir: "notebook", suite, mode: "decentralized", teammates: 2, rep: 0, seed: 3, backend });
    expect(got).toEqual({ ...direct, row });
    expect(got.row.simulated).toBe(true);
  });

  it("runs a sweep into the request's folder, with a progress message per run", async () => {
    const out = join(tempDir(), "sweep");
    const msgs = await collect({ type: "sweep", options: { suite: "mathutils_p09", n: "1-2", reps: 1, mode: "preassign", out }, packageVersion: "0.0.0-test" });
    expect(msgs.slice(0, -1)).toEqual([
      { type: "progress", done: 0, total: 2 },
      { type: "progress", done: 1, total: 2 },
      { type: "progress", done: 2, total: 2 },
    ]);
    expect(msgs.at(-1)).toMatchObject({ type: "result", result: { total: 2, ran: 2, failed: 0, aborted: false } });
    expect(readdirSync(join(out, "events")).sort()).toEqual(["balanced_mathutils_p09_preassign_n1_rep0.jsonl", "balanced_mathutils_p09_preassign_n2_rep0.jsonl"]);
  });

  it("answers a bad request with an error message, not an exception", async () => {
    const msgs = await collect({ type: "run", run: { ...spec, suite: "nope_p09" } });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: "error", message: expect.stringContaining("nope_p09") });
  });
});

describe("callTeamWorker (child process)", () => {
  it("runs the request in `node --import tsx` and gives the same result as in process", async () => {
    const [m] = await collect({ type: "run", run: spec });
    const viaChild = await callTeamWorker({ type: "run", run: spec });
    expect(viaChild).toEqual((m as Extract<WorkerMessage, { type: "result" }>).result);
  });

  it("reports progress of a sweep and rejects with the worker's own message on failure", async () => {
    const seen: string[] = [];
    const out = join(tempDir(), "sweep");
    const r = await callTeamWorker(
      { type: "sweep", options: { suite: "mathutils_p02", n: "2", reps: 2, mode: "decentralized", out }, packageVersion: "0.0.0-test" },
      { onProgress: (done, total) => seen.push(`${done}/${total}`) },
    );
    expect(seen).toEqual(["0/2", "1/2", "2/2"]);
    expect(r).toMatchObject({ ran: 2, total: 2 });
    await expect(callTeamWorker({ type: "run", run: { ...spec, suite: "nope_p09" } })).rejects.toThrow(/^callTeamWorker: the team worker failed: .*nope_p09/);
  });

  it("says how the worker died when it gives no answer", async () => {
    const root = tempDir(); // no src/notebook/team-worker.ts here
    await expect(callTeamWorker({ type: "run", run: spec }, { root })).rejects.toThrow(/callTeamWorker: the team worker exited with code 1 without a result; its stderr ends with:\n.*/s);
    expect(existsSync(join(root, "src"))).toBe(false);
  });
});
