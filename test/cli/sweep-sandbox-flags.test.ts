import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sweepMain } from "../../src/cli/sweep-cli.js";
import { sweepIoFactory } from "./sweep-io.js";
import { parseEventLines } from "../../src/events/read-jsonl.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import { completion, startFakeServer, teamPolicy, type FakeServer, type SeenRequest } from "../llm/fake-openai-server.js";

/**
 * The sweep CLI's sandbox and client-bound options (issue 10, items 2 and 4): `--unsafe-no-sandbox`
 * (config.json, every run_start, the progress lines, replay), `--max-response-bytes` and
 * `--request-deadline` (config.json and their effect), and the one-line warning for a key too short
 * to redact. Real HTTP against a scripted server on 127.0.0.1; agent code is tested in the real
 * OS sandbox (bubblewrap) unless a test points it at a missing file.
 */

const KEY = "sk-flags-test-Lm4Nb7Vc2Xz9Qw3Er8Ty5Ui1";
const root = mkdtempSync(join(tmpdir(), "sweep-sandbox-flags-"));
const suite = syntheticSuite({ n: 2, p: 0.5 });
const policy = teamPolicy(suite);
const good = (req: SeenRequest): ReturnType<typeof completion> => completion(policy(req.body.messages!), { prompt_tokens: 100, completion_tokens: 10 }, "gpt-4o-mini");
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer((req) => ({ kind: "json", body: good(req) }));
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let dirs = 0;
const fresh = (): string => join(root, String(dirs++), "sweep");

const io = sweepIoFactory({ key: KEY, url: () => server.url, root, suite });

const BASE = ["--suite", suite.id, "--backend", "openai", "--model", "gpt-4o-mini", "--reps", "1", "--mode", "decentralized"];
const GRID = [...BASE, "--n", "1,2"];
const config = (out: string): Record<string, any> => JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
const runStarts = (out: string): Record<string, unknown>[] =>
  readdirSync(join(out, "events")).map((f) => parseEventLines(readFileSync(join(out, "events", f), "utf8"), f)[0] as unknown as Record<string, unknown>);
const rows = (out: string): Record<string, string>[] => {
  const [head, ...lines] = readFileSync(join(out, "runs.csv"), "utf8").trimEnd().split("\n");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [head!.split(",")[i], v])));
};
/** Progress lines: `[k/n] ...`. */
const progressLines = (text: string): string[] => text.split("\n").filter((l) => /^\[\d+\/\d+\] /.test(l));

describe("--unsafe-no-sandbox", () => {
  it("without it: config.json and every run_start record false, the OS sandbox's isolation is bwrap, and progress lines carry no tag", async () => {
    const out = fresh();
    const a = io();
    expect(await sweepMain(["--out", out, ...GRID], a)).toBe(0);
    const c = config(out);
    expect(c.llm).toMatchObject({ unsafe_no_sandbox: false, request_deadline_s: 900, max_response_bytes: 8 * 1024 * 1024 });
    expect(c.test_runner).toMatchObject({ js: "node-sandbox", command: "command", isolation: "bwrap" });
    expect(c.execution.test_sandbox_unavailable).toBeNull();
    expect(runStarts(out)).toHaveLength(2);
    for (const e of runStarts(out)) expect(e).toMatchObject({ type: "run_start", schema_version: 3, unsafe_no_sandbox: false });
    expect(rows(out).map((r) => r.success)).toEqual(["true", "true"]);
    expect(a.stderr.text).not.toContain("unsafe");
    expect(progressLines(a.stderr.text).length).toBeGreaterThan(0);
  });

  it("where the OS sandbox starts: it is used anyway; config.json, every run_start and every progress line say the flag was given; a replay writes the recorded value", async () => {
    const out = fresh();
    const a = io();
    expect(await sweepMain(["--out", out, ...GRID, "--unsafe-no-sandbox"], a)).toBe(0);
    const c = config(out);
    expect(c.llm.unsafe_no_sandbox).toBe(true);
    expect(c.test_runner.isolation).toBe("bwrap");
    for (const e of runStarts(out)) expect(e).toMatchObject({ type: "run_start", unsafe_no_sandbox: true });
    expect(a.stderr.text).toContain("sweep: --unsafe-no-sandbox: the OS sandbox starts here and is used anyway\n");
    const lines = progressLines(a.stderr.text);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/ \| --unsafe-no-sandbox \(OS sandbox used\)$/);

    // The replay runs no code and writes the recorded value: the same event logs byte for byte.
    const replayOut = fresh();
    const b = io({ env: {} });
    expect(await sweepMain(["--out", replayOut, "--backend", "replay", "--cassette", out], b)).toBe(0);
    const events = (d: string): Record<string, string> => Object.fromEntries(readdirSync(join(d, "events")).map((f) => [f, readFileSync(join(d, "events", f), "utf8")]));
    expect(events(replayOut)).toEqual(events(out));
    expect(config(replayOut).llm).toMatchObject({ replay_of: out, unsafe_no_sandbox: true });
    for (const l of progressLines(b.stderr.text)) expect(l).toMatch(/ \| recorded with --unsafe-no-sandbox$/);
    // A replay given a value other than the recorded one is refused.
    const plain = fresh();
    expect(await sweepMain(["--out", plain, ...GRID], io())).toBe(0);
    const c2 = io({ env: {} });
    expect(await sweepMain(["--out", fresh(), "--backend", "replay", "--cassette", plain, "--unsafe-no-sandbox"], c2)).toBe(2);
    expect(c2.stderr.text).toBe(
      "sweep: replayDefaults: --unsafe-no-sandbox: the recorded sweep was run without it, and a replay writes the recorded value; leave the flag out\n",
    );
  });

  it("where the OS sandbox cannot start: agent code runs without it; the cause is on one line, isolation none is recorded, and every progress line says UNSAFE", async () => {
    const out = fresh();
    const a = io({ llm: { sandbox: { tempParent: root, timeLimitMs: 5000, bwrapPath: "/nonexistent/bwrap" } } });
    expect(await sweepMain(["--out", out, ...GRID, "--unsafe-no-sandbox"], a)).toBe(0);
    const c = config(out);
    expect(c.llm.unsafe_no_sandbox).toBe(true);
    expect(c.test_runner.isolation).toBe("none");
    expect(c.execution.test_sandbox_unavailable).toBe("bubblewrap not found at /nonexistent/bwrap");
    for (const e of runStarts(out)) expect(e).toMatchObject({ type: "run_start", unsafe_no_sandbox: true });
    // The tests still ran (without the OS sandbox): both runs succeed.
    expect(rows(out).map((r) => r.success)).toEqual(["true", "true"]);
    expect(a.stderr.text.split("\n").filter((l) => l.includes("UNSAFE: --unsafe-no-sandbox"))).toEqual([
      "sweep: UNSAFE: --unsafe-no-sandbox: the OS sandbox cannot start here (bubblewrap not found at /nonexistent/bwrap); agent-written code runs WITHOUT isolation, with this user's rights",
    ]);
    const lines = progressLines(a.stderr.text);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/ \| UNSAFE: no OS sandbox$/);
    // A resume without the flag is refused, naming it (the runs must not mix).
    const r = io({ llm: { sandbox: { tempParent: root, timeLimitMs: 5000, bwrapPath: "/nonexistent/bwrap" } } });
    expect(await sweepMain(["--out", out, ...GRID, "--resume"], r)).toBe(1);
    expect(r.stderr.text).toContain("cannot start the OS sandbox for agent-written code: bubblewrap not found at /nonexistent/bwrap");
  });
});

describe("client bounds from the command line", () => {
  it("--max-response-bytes: a longer reply fails its request at once (not retried) and the run is recorded with the reason; config.json has the limits", async () => {
    server.setHandler((req) => ({ kind: "json", body: completion(`${policy(req.body.messages!)}\n${"x".repeat(8000)}`, { prompt_tokens: 100, completion_tokens: 10 }, "gpt-4o-mini") }));
    try {
      const out = fresh();
      const before = server.requests.length;
      const a = io();
      expect(await sweepMain(["--out", out, ...BASE, "--n", "1", "--max-response-bytes", "4096", "--request-deadline", "120"], a)).toBe(0);
      expect(config(out).llm).toMatchObject({ max_response_bytes: 4096, request_deadline_s: 120 });
      const [row] = rows(out);
      expect(row).toMatchObject({ success: "false", end_reason: "error" });
      expect(server.requests.length - before).toBe(1); // not retried
      const events = parseEventLines(readFileSync(join(out, "events", `${row!.run_dir}.jsonl`), "utf8"));
      expect(events.at(-1)).toMatchObject({ type: "run_end", reason: "error" });
      expect(String((events.at(-1) as { detail?: string }).detail)).toBe("RequestFailedError: openai: the response body exceeded 4096 bytes (maxResponseBytes); reading stopped there");
    } finally {
      server.setHandler((req) => ({ kind: "json", body: good(req) }));
    }
  });

  it("--request-deadline: a request whose retries would outlast it gives up, saying so", async () => {
    server.setHandler(() => ({ kind: "stall" }));
    try {
      const out = fresh();
      const a = io();
      expect(await sweepMain(["--out", out, ...BASE, "--n", "1", "--request-timeout", "0.2", "--max-retries", "20", "--request-deadline", "0.5"], a)).toBe(0);
      const [row] = rows(out);
      expect(row).toMatchObject({ success: "false", end_reason: "error" });
      const events = parseEventLines(readFileSync(join(out, "events", `${row!.run_dir}.jsonl`), "utf8"));
      expect(String((events.at(-1) as { detail?: string }).detail)).toContain("the request's deadline of 0.5 s (requestDeadlineSeconds)");
    } finally {
      server.setHandler((req) => ({ kind: "json", body: good(req) }));
    }
  });
});

describe("a key too short to redact", () => {
  it("is warned about in one sweep line that does not hold it, and run ids are left alone", async () => {
    const out = fresh();
    const a = io({ env: { OPENAI_API_KEY: "local", OPENAI_BASE_URL: server.url } });
    expect(await sweepMain(["--out", out, "--suite", suite.id, "--backend", "openai", "--model", "local", "--n", "1", "--reps", "1", "--mode", "decentralized"], a)).toBe(0);
    const warnings = a.stderr.text.split("\n").filter((l) => l.includes("warning"));
    expect(warnings).toEqual([expect.stringMatching(/^sweep: warning: the API key is only 5 characters: too short or plain to be told apart from ordinary text, so it is not redacted/)]);
    expect(a.stderr.text).toContain("local_synthetic_n2_p05_decentralized_n1_rep0");
    expect(a.stderr.text).not.toContain("[REDACTED]");
  });
});
