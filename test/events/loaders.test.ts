import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEventsParquet, type EventTable } from "../../src/events/event-table.js";
import { loadEventsJsonl } from "../../src/events/read-jsonl.js";
import { readParquetColumns } from "../../src/core/parquet.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import { loadRunsCsv, loadRunsParquet, parseRunsCsv } from "../../src/runs/run-table.js";
import { formatRunCsvRow, runCsvHeader } from "../../src/runs/csv.js";
import { RUN_COLUMNS, type RunRow } from "../../src/runs/types.js";
import { HAVE_PAPER_DATA, PAPER_EVENTS, PAPER_RUNS } from "../helpers/paper.js";

const tmp = mkdtempSync(join(tmpdir(), "loaders-"));

const row: RunRow = {
  run_dir: "sweep/r1",
  model_dir: "sim_balanced",
  exp_dir: "sweep",
  mode: "decentralized",
  task_type: "mathutils",
  p_label: "p09",
  p_true: 0.9,
  n_teammates: 3,
  rep: 0,
  success: true,
  wall_clock_seconds: 123.5,
  total_rounds: 4,
  concurrent_writes: 2,
  claims_blocked: 1,
  total_input_tokens: 5000,
  total_output_tokens: 700,
};

describe("run table from CSV", () => {
  it("round-trips our CSV, extras and quoting included", () => {
    const extras = ["simulated", "note", "cost_usd"];
    const text =
      runCsvHeader(extras) +
      "\n" +
      formatRunCsvRow({ ...row, simulated: true, note: 'has, comma and "quote"', cost_usd: null } as RunRow, extras) +
      "\n";
    const [r] = parseRunsCsv(text, "x.csv");
    expect(r).toBeDefined();
    for (const c of RUN_COLUMNS) expect(r![c]).toEqual(row[c]);
    expect(r!.extras).toEqual({ simulated: true, note: 'has, comma and "quote"', cost_usd: null });
  });

  it("names the file and the missing columns", () => {
    const p = join(tmp, "missing.csv");
    writeFileSync(p, "run_dir,mode\nx,decentralized\n");
    expect(() => loadRunsCsv(p)).toThrow(`${p}: missing column(s) model_dir, exp_dir, task_type`);
  });

  it("names the file, column and row of a wrong type", () => {
    const text = runCsvHeader() + "\n" + formatRunCsvRow(row).replace(",3,0,true,", ",three,0,true,") + "\n";
    expect(() => parseRunsCsv(text, "bad.csv")).toThrow(
      'bad.csv: column n_teammates, row 0: expected an integer, got the string "three"',
    );
  });

  it("says when the file cannot be read", () => {
    expect(() => loadRunsCsv(join(tmp, "nope.csv"))).toThrow(/nope\.csv: cannot read file \(ENOENT\)/);
  });
});

describe("events from JSONL", () => {
  const start = (run: string): string => `{"type":"run_start","ts":0,"run_dir":"${run}","schema_version":2,"clock":"virtual","simulated":true,"wall_start":null}\n`;

  it("reads a file or a directory of files in name order", () => {
    const dir = join(tmp, "events");
    mkdirSync(dir);
    writeFileSync(join(dir, "b.jsonl"), start("b"));
    writeFileSync(
      join(dir, "a.jsonl"),
      start("a") + '{"type":"agent_reply","ts":2.5,"run_dir":"a","round":1,"agent":"Dev1","input_tokens":10,"output_tokens":3,"latency_s":2.5}\n',
    );
    const t = loadEventsJsonl(dir);
    expect(t.length).toBe(3);
    expect(t.run_dir).toEqual(["a", "a", "b"]);
    expect(t.type).toEqual(["run_start", "agent_reply", "run_start"]);
    expect(t.agent[1]).toBe("Dev1");
    expect(t.input_tokens[1]).toBe(10);
    expect(t.round[0]).toBeNaN();
    expect(t.path[0]).toBeNull();
    // a virtual clock has no wall-clock start
    expect(t.wall_start[0]).toBeNaN();
  });

  it("names the file inside a directory that holds the bad line", () => {
    const dir = join(tmp, "events-bad");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.jsonl"), start("a"));
    writeFileSync(join(dir, "b.jsonl"), start("b") + '{"type":"round_start","ts":0,"run_dir":"b"}\n');
    expect(() => loadEventsJsonl(dir)).toThrow(`${join(dir, "b.jsonl")}: line 2: round_start event has no field "round" (expected an integer)`);
  });

  it("says when the file cannot be read", () => {
    expect(() => loadEventsJsonl(join(tmp, "nope.jsonl"))).toThrow(/nope\.jsonl: cannot read \(ENOENT\)/);
  });
});

describe.skipIf(!HAVE_PAPER_DATA)("the paper's parquet files", () => {
  // One load (about 5 s here) shared by the tests that read the events.
  let events: Promise<EventTable> | undefined;
  const paperEvents = (): Promise<EventTable> => (events ??= loadEventsParquet(PAPER_EVENTS));
  it("loads runs with BigInt converted to numbers", async () => {
    const runs = await loadRunsParquet(PAPER_RUNS);
    // 1,413 runs (shared/README.md)
    expect(runs).toHaveLength(1413);
    expect(typeof runs[0]!.n_teammates).toBe("number");
    expect(typeof runs[0]!.total_input_tokens).toBe("number");
    expect(new Set(runs.map((r) => r.mode))).toEqual(new Set(["decentralized", "preassign_nolead"]));
  });

  it("loads all events with the published counts per type", async () => {
    const ev = await paperEvents();
    expect(ev.length).toBe(422758);
    const counts: Record<string, number> = {};
    for (const t of ev.type) counts[t] = (counts[t] ?? 0) + 1;
    // counts from shared/DESIGN.md
    expect(counts).toEqual({
      run_start: 1413,
      initialize: 1413,
      round_start: 23998,
      agent_reply: 73963,
      lock_attempt: 99839,
      edit_file: 99839,
      claim_task: 22309,
      claim_blocked: 36731,
      complete_task: 28785,
      run_tests: 33055,
      run_end: 1413,
    });
  });

  it("makes every run's ts relative to its run_start, exactly: the per-run metrics are bit-identical to those on the published ts", async () => {
    const ev = await paperEvents();
    const raw = await readParquetColumns(PAPER_EVENTS, ["ts"], [], "");
    const published = Float64Array.from(raw.columns.get("ts")!, (v) => (v === null || v === undefined ? Number.NaN : Number(v)));
    const starts = new Map<string, number>();
    let wrong = 0;
    for (let i = 0; i < ev.length; i++) {
      if (ev.type[i] === "run_start") {
        if (ev.ts[i] !== 0 || ev.wall_start[i] !== published[i]) wrong++;
        starts.set(ev.run_dir[i]!, published[i]!);
      } else if (!Number.isNaN(ev.wall_start[i]!)) wrong++;
      else if (!Object.is(ev.ts[i], published[i]! - starts.get(ev.run_dir[i]!)!)) wrong++;
    }
    expect(wrong).toBe(0);
    // 1,413 runs (DESIGN.md), each with its run_start
    expect(starts.size).toBe(1413);
    // the first run's first round_start is 0.3207 ms after its run_start (events.parquet, 1772478318.399769 - 1772478318.3994482)
    expect(ev.type[2]).toBe("round_start");
    expect(ev.ts[2]).toBe(published[2]! - published[0]!);
    const onPublished = runEventMetrics({ ...ev, ts: published });
    expect(runEventMetrics(ev)).toEqual(onPublished);
  });

  it("names the file and the problem for a truncated parquet", async () => {
    const bytes = readFileSync(PAPER_RUNS);
    const p = join(tmp, "truncated.parquet");
    writeFileSync(p, bytes.subarray(0, bytes.length - 100));
    await expect(loadRunsParquet(p)).rejects.toThrow(`${p}: truncated parquet file (${bytes.length - 100} bytes; the closing PAR1 footer is missing)`);
  });

  it("names the missing columns when a parquet is not a run table", async () => {
    await expect(loadRunsParquet(PAPER_EVENTS)).rejects.toThrow(
      `${PAPER_EVENTS}: missing column(s) model_dir, exp_dir, mode, task_type, p_label, p_true, n_teammates, rep, success, wall_clock_seconds, total_rounds, concurrent_writes, claims_blocked, total_input_tokens, total_output_tokens; the file has`,
    );
  });
});

describe("parquet errors without the paper data", () => {
  it("refuses a file that is not parquet", async () => {
    const p = join(tmp, "text.parquet");
    writeFileSync(p, "run_dir,mode\nx,y\n");
    await expect(loadRunsParquet(p)).rejects.toThrow(`${p}: not a parquet file (it does not start with the PAR1 magic bytes)`);
  });
  it("says what to do when the file is missing", async () => {
    await expect(loadEventsParquet(join(tmp, "none.parquet"), "Run `npm run data:paper`.")).rejects.toThrow(
      /none\.parquet: cannot read file \(ENOENT\)\. Run `npm run data:paper`\./,
    );
  });
});
