import { describe, expect, it } from "vitest";
import type { TeamEvent } from "../../src/events/types.js";
import { formatEventLog } from "../../src/events/jsonl.js";
import { eventTableFromRecords, parseEventLines } from "../../src/events/index.js";
import { runEventMetrics } from "../../src/metrics/per-run.js";
import { eventTableOfRun } from "../../src/events/run-events.js";

const R = "r";
const events: TeamEvent[] = [
  { type: "run_start", ts: 0, run_dir: R, schema_version: 3, clock: "virtual", simulated: true, wall_start: null, unsafe_no_sandbox: false },
  { type: "round_start", ts: 0, run_dir: R, round: 1 },
  { type: "agent_reply", ts: 4, run_dir: R, round: 1, agent: "Dev1", input_tokens: 100, output_tokens: 20, latency_s: 4 },
  { type: "agent_reply", ts: 6, run_dir: R, round: 1, agent: "Dev2", input_tokens: 100, output_tokens: 30, latency_s: 6 },
  { type: "edit_file", ts: 6, run_dir: R, round: 1, agent: "Dev2", path: "a.js", bytes: 3 },
  { type: "run_end", ts: 7, run_dir: R, round: 1, success: false, reason: "max_rounds" },
];

describe("eventTableOfRun", () => {
  it("gives the table the JSONL loader gives for the same log, so the metrics agree", () => {
    const direct = eventTableOfRun(events);
    const viaJsonl = eventTableFromRecords(parseEventLines(formatEventLog(events)));
    expect(direct).toEqual(viaJsonl);
    const m = runEventMetrics(direct).get(R)!;
    expect(m).toMatchObject({ messages: 2, inputTokens: 200, outputTokens: 50, idleRounds: 1, stragglerGaps: [{ round: 1, gap: 1, replies: 2 }] });
  });
});
