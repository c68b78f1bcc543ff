import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sweepMain } from "../../src/cli/sweep-cli.js";
import { sweepIoFactory } from "./sweep-io.js";
import { parseEventLines } from "../../src/events/read-jsonl.js";
import { parseCassette } from "../../src/llm/cassette.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";
import { loadPaperSuite } from "../../src/tasks/paper-format.js";
import { PROMPT_VERSION } from "../../src/team/prompt.js";
import { completion, startFakeServer, teamPolicy, type FakeReply, type FakeServer, type SeenRequest } from "../llm/fake-openai-server.js";

/**
 * Sweeps of real teams through the CLI, the `openai` SDK and real HTTP, against a local
 * OpenAI-compatible server whose replies are scripted: a competent team member, and faults
 * (429 with Retry-After, 500, stalls, malformed JSON, empty choices, 401, path traversal, huge files).
 */

const KEY = "sk-sweep-test-Zq8Yw7Xv6Uu5Tt4Ss3Rr2Qq1";
const root = mkdtempSync(join(tmpdir(), "openai-sweep-"));
const suite = syntheticSuite({ n: 4, p: 0.5 });
const policy = teamPolicy(suite);
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer(() => ({ kind: "json", body: completion("", null) }));
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let dirs = 0;
const fresh = (): string => join(root, String(dirs++), "sweep");

const io = sweepIoFactory({ key: KEY, url: () => server.url, root, suite });

/** The policy's reply with usage that depends on the request number (so totals are checkable). */
function good(req: SeenRequest): FakeReply {
  return { kind: "json", body: completion(policy(req.body.messages!), { prompt_tokens: 300 + req.n, completion_tokens: 20 + (req.n % 7) }, "gpt-4o-mini") };
}

const GRID = ["--suite", suite.id, "--backend", "openai", "--model", "gpt-4o-mini"];

function rows(out: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(out, "runs.csv"), "utf8").trimEnd().split("\n");
  const cols = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

function eventsDir(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(join(out, "events")).sort().map((f) => [f, readFileSync(join(out, "events", f), "utf8")]));
}

/** Every event log complete and well-formed: JSON lines, run_start first, run_end last, one run_dir. */
function checkLogs(out: string): void {
  for (const [file, text] of Object.entries(eventsDir(out))) {
    const events = parseEventLines(text, file);
    expect(events[0]).toMatchObject({ type: "run_start", clock: "wall", simulated: false });
    expect(events.at(-1)!["type"]).toBe("run_end");
    expect(events.filter((e) => e["type"] === "run_end")).toHaveLength(1);
    expect(new Set(events.map((e) => e["run_dir"]))).toEqual(new Set([file.replace(/\.jsonl$/, "")]));
  }
}

/** No file under `dir` holds the key, nor any 12-character piece of it. */
function expectNoKey(dir: string, ...texts: string[]): void {
  const pieces = Array.from({ length: KEY.length - 11 }, (_, i) => KEY.slice(i, i + 12));
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else texts.push(readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  for (const t of texts) for (const piece of pieces) expect(t.includes(piece)).toBe(false);
}

describe("npm run sweep -- --backend openai (local OpenAI-compatible server)", () => {
  it("runs a small grid in both modes, records cassettes and costs, and replays it byte for byte offline", async () => {
    server.setHandler(good);
    const out = fresh();
    const before = server.requests.length;
    const reported0 = { ...server.reported };
    const a = io();
    const code = await sweepMain(["--out", out, ...GRID, "--n", "1,2", "--reps", "1", "--mode", "preassign,decentralized", "--temperature", "0"], a);
    expect(a.stderr.text).not.toContain("Error");
    expect(code).toBe(0);
    const r = rows(out);
    expect(r).toHaveLength(4);
    for (const row of r) {
      expect(row).toMatchObject({ success: "true", end_reason: "all_tasks_done", model_dir: "openai_gpt-4o-mini", backend: "openai", simulated: "false", profile: "gpt-4o-mini", usage_estimated: "0", prompt_version: PROMPT_VERSION });
      // $0.15 per million input tokens, $0.60 per million output tokens
      expect(Number(row.cost_usd)).toBeCloseTo((Number(row.total_input_tokens) * 0.15 + Number(row.total_output_tokens) * 0.6) / 1e6, 12);
    }
    // Token totals are exactly the usage the server reported.
    const sum = (k: string): number => r.reduce((s, x) => s + Number(x[k]), 0);
    expect(sum("total_input_tokens")).toBe(server.reported.input - reported0.input);
    expect(sum("total_output_tokens")).toBe(server.reported.output - reported0.output);
    expect(sum("messages")).toBe(server.requests.length - before);
    checkLogs(out);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config).toMatchObject({
      backend: "openai",
      simulated: false,
      clock: "wall",
      prompt_version: PROMPT_VERSION,
      endpoint: server.url,
      llm: { model: "gpt-4o-mini", temperature: 0, max_retries: 6, request_timeout_s: 180 },
      prices: { model: "gpt-4o-mini", input_per_million: 0.15, output_per_million: 0.6 },
      test_runner: { js: "node-sandbox", command: "command" },
    });
    const cassettes = readdirSync(join(out, "cassettes")).sort();
    expect(cassettes).toEqual(Object.keys(eventsDir(out)));
    const { header } = parseCassette(readFileSync(join(out, "cassettes", cassettes[0]!), "utf8"), cassettes[0]!);
    expect(header).toMatchObject({ backend: "openai", model: "gpt-4o-mini", prompt_version: PROMPT_VERSION, clock: "wall" });
    expectNoKey(out, a.stderr.text, a.stdout.text);

    // Replay: offline (the server is not asked), the same event logs byte for byte (its speed: a benchmark's business).
    const seen = server.requests.length;
    const replayOut = fresh();
    const b = io({ env: {} });
    expect(await sweepMain(["--out", replayOut, "--backend", "replay", "--cassette", out], b)).toBe(0);
    expect(server.requests.length).toBe(seen);
    expect(eventsDir(replayOut)).toEqual(eventsDir(out));
    const replayRows = rows(replayOut);
    expect(replayRows.map((x) => [x.run_dir, x.total_input_tokens, x.cost_usd]).sort()).toEqual(r.map((x) => [x.run_dir, x.total_input_tokens, x.cost_usd]).sort());
    expect(replayRows[0]).toMatchObject({ backend: "replay", model_dir: "openai_gpt-4o-mini" });
  });

  it("records every run of a sweep against a faulty endpoint, successful or with its reason, and replays that too", async () => {
    // Faults by request number: 429 with Retry-After, 500, a stall past the timeout, malformed JSON,
    // empty choices. With one retry, some requests fail twice and their runs end with reason error.
    server.setHandler((req): FakeReply => {
      switch (req.n % 9) {
        case 0:
          return { kind: "json", status: 429, headers: { "retry-after": "0.02" }, body: { error: { message: `slow down, ${KEY}` } } };
        case 2:
          return { kind: "json", status: 500, body: { error: { message: "boom" } } };
        case 4:
          return { kind: "stall" };
        case 6:
          return { kind: "raw", text: '{"choices": [' };
        case 7:
          return { kind: "json", body: { ...completion("x", null), choices: [] } };
        default:
          return good(req);
      }
    });
    const out = fresh();
    const before = server.requests.length;
    const a = io();
    const code = await sweepMain(["--out", out, ...GRID, "--n", "1,2", "--reps", "2", "--max-retries", "1", "--request-timeout", "0.3", "--concurrency", "2"], a);
    expect(code).toBe(0);
    const r = rows(out);
    expect(r).toHaveLength(8); // every run recorded
    checkLogs(out);
    const failed = r.filter((x) => x.end_reason === "error");
    expect(failed.length).toBeGreaterThan(0);
    for (const row of failed) {
      const events = parseEventLines(readFileSync(join(out, "events", `${row.run_dir}.jsonl`), "utf8"));
      const end = events.at(-1)!;
      expect(end).toMatchObject({ type: "run_end", success: false, reason: "error" });
      expect(String(end.type === "run_end" ? end.detail : "")).toMatch(/^RequestFailedError: openai: gave up after 2 attempts; last: (rate limited|server error|no complete response|unusable response)/);
    }
    // Retries happened: more requests at the server than replies in the logs, and logged on stderr.
    const replies = r.reduce((s, x) => s + Number(x.messages), 0);
    expect(server.requests.length - before).toBeGreaterThan(replies);
    expect(a.stderr.text).toMatch(/retry 1\/1 in [\d.]+ s: gpt-4o-mini_synthetic_n4_p05_\w+_n\d_rep\d round \d+ Dev\d: rate limited: 429 slow down, \[REDACTED\] \(HTTP 429\)/);
    // Row tokens are the usage of the recorded replies, except in a round that failed (its replies are never applied).
    for (const row of r) {
      const { entries } = parseCassette(readFileSync(join(out, "cassettes", `${row.run_dir}.jsonl`), "utf8"), row.run_dir!);
      const exchanges = entries.flatMap((e) => (e.kind === "exchange" ? [e] : []));
      const failedRounds = new Set(exchanges.filter((e) => e.error !== null).map((e) => e.round));
      const applied = exchanges.filter((e) => e.reply !== null && !failedRounds.has(e.round));
      expect(Number(row.total_input_tokens)).toBe(applied.reduce((s, e) => s + e.reply!.input_tokens, 0));
      expect(Number(row.total_output_tokens)).toBe(applied.reduce((s, e) => s + e.reply!.output_tokens, 0));
    }
    expectNoKey(out, a.stderr.text, a.stdout.text);

    const replayOut = fresh();
    expect(await sweepMain(["--out", replayOut, "--backend", "replay", "--cassette", join(out, "cassettes")], io({ env: {} }))).toBe(0);
    expect(eventsDir(replayOut)).toEqual(eventsDir(out));
  });

  it("stops the sweep at a 401 with a clear message, records the run, keeps the key out, and resumes once fixed", async () => {
    server.setHandler(() => ({ kind: "json", status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, code: "invalid_api_key" } } }));
    const out = fresh();
    const args = ["--out", out, ...GRID, "--n", "1,2", "--reps", "1"];
    const a = io();
    const before = server.requests.length;
    expect(await sweepMain(args, a)).toBe(1);
    expect(server.requests.length - before).toBe(1); // the other agents' and runs' requests were never sent
    expect(a.stderr.text).toContain("sweep: stopped early after 1 new run(s), 3 not run: the endpoint refused a request for good: openai: not authorised (check the API key and the model's access): 401 Incorrect API key provided: [REDACTED]. (HTTP 401)");
    expect(a.stderr.text).toContain("continue with --resume");
    const r = rows(out);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ end_reason: "error", success: "false" });
    checkLogs(out);
    expectNoKey(out, a.stderr.text, a.stdout.text);

    server.setHandler(good);
    const b = io();
    expect(await sweepMain([...args, "--resume"], b)).toBe(0);
    expect(b.stderr.text).toContain("resume: dropped 1 torn or errored row(s)");
    expect(rows(out).map((x) => x.end_reason)).toEqual(["all_tasks_done", "all_tasks_done", "all_tasks_done", "all_tasks_done"]);
  });

  it("refuses path traversal and oversized files in replies, and the run still completes", async () => {
    server.setHandler((req) => {
      const text = policy(req.body.messages!);
      const first = req.body.messages![1]!.content.includes("Round 1 of");
      const evil = first ? `<write path="../../escape.js">x</write>\n<write path="/tmp/abs.js">x</write>\n<write path="big.js">${"a".repeat(300 * 1024)}</write>\n` : "";
      return { kind: "json", body: completion(evil + text, { prompt_tokens: 10, completion_tokens: 10 }) };
    });
    const out = fresh();
    expect(await sweepMain(["--out", out, ...GRID, "--n", "1", "--reps", "1", "--mode", "decentralized"], io())).toBe(0);
    const [row] = rows(out);
    expect(row).toMatchObject({ success: "true" });
    const events = parseEventLines(readFileSync(join(out, "events", `${row!.run_dir}.jsonl`), "utf8"));
    const rejected = events.flatMap((e) => (e.type === "action_rejected" && e.round === 1 && e.agent === "Dev1" ? [e.reason] : []));
    expect(rejected.sort()).toEqual(["oversized", "path_absolute", "path_traversal"]);
    expect(existsSync(resolve(root, "escape.js"))).toBe(false);
  });

  it("runs the paper's task-list format with --suite-file and --test-command", async () => {
    const fixture = resolve("test/fixtures/tasks/small_p05.json");
    const paperPolicy = teamPolicy(loadPaperSuite(fixture, { testCommand: "true" }));
    server.setHandler((req) => ({ kind: "json", body: completion(paperPolicy(req.body.messages!), { prompt_tokens: 50, completion_tokens: 5 }) }));
    const out = fresh();
    const a = io({ deps: {} });
    const code = await sweepMain(["--out", out, "--backend", "openai", "--model", "llama3.1", "--suite-file", fixture, "--test-command", `node -e "process.exit(0)"`, "--n", "2", "--reps", "1", "--mode", "preassign"], a);
    expect(a.stderr.text).toContain('sweep: no price for model "llama3.1": cost_usd stays empty');
    expect(code).toBe(0);
    const [row] = rows(out);
    expect(row).toMatchObject({ success: "true", suite: "small_p05", task_type: "small", model_dir: "openai_llama3.1", cost_usd: "" });
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config.suite_file).toEqual({ path: fixture, test_command: 'node -e "process.exit(0)"' });
    expect(Object.keys(config.suite_source.sha256)).toEqual(["small_p05.json"]);
    expect(config.prices.model).toBeNull();
  });

  it("refuses a missing key, a key on the command line, and a replay without its recording", async () => {
    const a = io({ env: {} });
    expect(await sweepMain(["--out", fresh(), ...GRID], a)).toBe(2);
    expect(a.stderr.text).toContain("sweep: --backend openai needs an API key: set OPENAI_API_KEY in the environment or in a .env file");
    const b = io();
    expect(await sweepMain(["--out", fresh(), ...GRID, "--api-key", KEY], b)).toBe(2);
    expect(b.stderr.text).toContain("--api-key is refused");
    expect(b.stderr.text).not.toContain(KEY);
    const c = io();
    expect(await sweepMain(["--out", fresh(), "--backend", "replay", "--cassette", join(root, "nowhere")], c)).toBe(2);
    expect(c.stderr.text).toContain("no config.json of the recorded sweep");
  });
});
