import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { eventTableFromRecords } from "../../src/events/event-table.js";
import type { RunRecord } from "../../src/runs/run-table.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import { NotebookSession } from "../../src/notebook/notebook-session.js";
import {
  eventRowsOfRun,
  eventTypeCounts,
  notebookPaperDir,
  openPaperData,
  pickFigure,
  projectRoot,
  runRecords,
  runSummaryRecords,
} from "../../src/notebook/paper-notebook.js";
import { loadEventsParquet } from "../../src/events/event-table.js";
import { HAVE_PAPER_DATA, PAPER_EVENTS } from "../helpers/paper.js";
import { recordingChannel } from "./helpers.js";

const ROOT = resolve(".");

const run = (over: Partial<RunRecord>): RunRecord => ({
  run_dir: "r1",
  model_dir: "m",
  exp_dir: "e",
  mode: "decentralized",
  task_type: "t",
  p_label: "p09",
  p_true: 0.9,
  n_teammates: 2,
  rep: 0,
  success: true,
  wall_clock_seconds: 10,
  total_rounds: 2,
  concurrent_writes: 0,
  claims_blocked: 0,
  total_input_tokens: 5,
  total_output_tokens: 6,
  extras: {},
  ...over,
});

const events = eventTableFromRecords([
  { type: "run_start", ts: 0, run_dir: "r1" },
  { type: "round_start", ts: 1, run_dir: "r1", round: 1 },
  { type: "agent_reply", ts: 3, run_dir: "r1", round: 1, agent: "a" },
  { type: "agent_reply", ts: 5, run_dir: "r1", round: 1, agent: "b" },
  { type: "run_start", ts: 0, run_dir: "r2" },
  { type: "run_end", ts: 9, run_dir: "r1" },
]);

describe("locating the project and the paper's data", () => {
  it("finds the project root from notebooks/ and from the root", () => {
    expect(projectRoot(join(ROOT, "notebooks"))).toBe(ROOT);
    expect(projectRoot(ROOT)).toBe(ROOT);
    expect(() => projectRoot(tmpdir())).toThrow(`projectRoot: no package.json named llm-teams-ds at or above ${tmpdir()}`);
  });

  it("reads the data from data/paper, or from PAPER_DATA_DIR when set", () => {
    const nb = join(ROOT, "notebooks");
    expect(notebookPaperDir({}, nb)).toBe(join(ROOT, "data", "paper"));
    expect(notebookPaperDir({ PAPER_DATA_DIR: "" }, nb)).toBe(join(ROOT, "data", "paper"));
    expect(notebookPaperDir({ PAPER_DATA_DIR: "/tmp/none" }, nb)).toBe("/tmp/none");
    expect(notebookPaperDir({ PAPER_DATA_DIR: "x" }, nb)).toBe(join(nb, "x"));
  });

  it("says how to get the data when it is missing, and returns null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nodata-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "runs.parquet"), ""); // one file alone is not the data
    const { channel, sent } = recordingChannel();
    expect(await openPaperData(new NotebookSession({ channel }), dir)).toBeNull();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bundle.data["text/markdown"]).toBe(
      `**The paper's data is not in \`${dir}\`.** Run \`npm run data:paper\` (in the project root) to fetch the paper's published data into data/paper/. ` +
        "Then run this notebook again. The cells below skip their work until then.",
    );
  });
});

describe("records for DataFrames", () => {
  it("flattens run records: the paper's columns in order, then the extras", () => {
    const [r] = runRecords([run({ extras: { simulated: true, seed: 7 } })]);
    expect(Object.keys(r!)).toEqual([
      "run_dir", "model_dir", "exp_dir", "mode", "task_type", "p_label", "p_true", "n_teammates", "rep", "success",
      "wall_clock_seconds", "total_rounds", "concurrent_writes", "claims_blocked", "total_input_tokens", "total_output_tokens",
      "simulated", "seed",
    ]);
    expect(r).toMatchObject({ run_dir: "r1", simulated: true, seed: 7 });
  });

  it("puts each run's keys beside its event counts, counting 0 for a run without events", () => {
    const recs = runSummaryRecords([run({}), run({ run_dir: "r3", mode: "preassign_nolead" })], runEventMetrics(events));
    expect(recs[0]).toMatchObject({ run_dir: "r1", condition: "decentralized", messages: 2, idle_rounds: 1, straggler_rounds: 1, mean_straggler_gap_s: 1 });
    expect(recs[1]).toMatchObject({ run_dir: "r3", condition: "preassign", messages: 0, idle_rounds: 0, straggler_rounds: 0 });
    expect(recs[1]!.mean_straggler_gap_s).toBeNaN();
  });

  it("counts events per type, most frequent first, and finds one run's rows", () => {
    expect(eventTypeCounts(events)).toEqual([
      { type: "agent_reply", events: 2 },
      { type: "run_start", events: 2 },
      { type: "round_start", events: 1 },
      { type: "run_end", events: 1 },
    ]);
    expect(eventRowsOfRun(events, "r1")).toEqual([0, 1, 2, 3, 5]);
    expect(() => eventRowsOfRun(events, "r9")).toThrow('eventRowsOfRun: no events for run_dir "r9"');
  });

  it("picks a figure by name or lists the names", () => {
    const f = { name: "conflicts", csvName: "c.csv", csv: { columns: [], rows: [] }, spec: { data: [], layout: {} } };
    expect(pickFigure([f], "conflicts")).toBe(f);
    expect(() => pickFigure([f], "speedup")).toThrow('pickFigure: no figure named "speedup"; there are: conflicts');
  });
});

describe.runIf(HAVE_PAPER_DATA)("on the paper's published data", () => {
  it("counts the event types DESIGN.md lists", async () => {
    const counts = Object.fromEntries(eventTypeCounts(await loadEventsParquet(PAPER_EVENTS)).map((c) => [c.type, c.events]));
    // DESIGN.md, "Event log": counts of the published events.parquet
    expect(counts).toEqual({
      run_start: 1413, initialize: 1413, round_start: 23998, agent_reply: 73963, lock_attempt: 99839, edit_file: 99839,
      claim_task: 22309, claim_blocked: 36731, complete_task: 28785, run_tests: 33055, run_end: 1413,
    });
  });
});
