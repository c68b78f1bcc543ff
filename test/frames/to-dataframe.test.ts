import { describe, expect, it } from "vitest";
import { eventTableFromRecords } from "../../src/events/event-table.js";
import { eventsToDataFrame, recordsToDataFrame, tableToDataFrame } from "../../src/frames/index.js";

describe("danfojs adapters", () => {
  it("turns row objects into a DataFrame with the given column order", () => {
    const df = recordsToDataFrame(
      [
        { n: 1, mean: 1.5, model: "a", ok: true },
        { n: 2, mean: 2.5, model: "b", ok: false },
      ],
      ["model", "n", "mean"],
    );
    expect(df.columns).toEqual(["model", "n", "mean"]);
    expect(df.shape).toEqual([2, 3]);
    expect(df.column("mean").values).toEqual([1.5, 2.5]);
  });

  it("turns a CSV-shaped table into a DataFrame", () => {
    const df = tableToDataFrame({ columns: ["model", "n"], rows: [["x", 1], ["y", 2], ["z", 3]] });
    expect(df.column("n").values).toEqual([1, 2, 3]);
    expect(df.column("model").values).toEqual(["x", "y", "z"]);
  });

  it("turns selected rows of an event table into a DataFrame and refuses rows outside it", () => {
    const t = eventTableFromRecords([
      { type: "run_start", ts: 0, run_dir: "r" },
      { type: "agent_reply", ts: 3, run_dir: "r", round: 1, agent: "Dev1", output_tokens: 12 },
    ]);
    const df = eventsToDataFrame(t, [1]);
    expect(df.shape).toEqual([1, 12]);
    expect(df.column("agent").values).toEqual(["Dev1"]);
    expect(df.column("output_tokens").values).toEqual([12]);
    expect(() => eventsToDataFrame(t, [2])).toThrow("eventsToDataFrame: row 2 is outside the table (0..1)");
  });
});
