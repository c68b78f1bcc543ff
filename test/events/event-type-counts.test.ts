import { describe, expect, it } from "vitest";
import { eventTableFromRecords, loadEventsParquet } from "../../src/events/event-table.js";
import { eventTypeCounts } from "../../src/events/event-type-counts.js";
import { eventRowsOfRun } from "../../src/events/run-events.js";
import { HAVE_PAPER_DATA, PAPER_EVENTS } from "../helpers/paper.js";

const events = eventTableFromRecords([
  { type: "run_start", ts: 0, run_dir: "r1" },
  { type: "round_start", ts: 1, run_dir: "r1", round: 1 },
  { type: "agent_reply", ts: 3, run_dir: "r1", round: 1, agent: "a" },
  { type: "agent_reply", ts: 5, run_dir: "r1", round: 1, agent: "b" },
  { type: "run_start", ts: 0, run_dir: "r2" },
  { type: "run_end", ts: 9, run_dir: "r1" },
]);

describe("eventTypeCounts and eventRowsOfRun", () => {
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
