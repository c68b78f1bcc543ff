import { describe, expect, it } from "vitest";
import { eventTableFromRecords } from "../../src/events/event-table.js";
import { eventsToDataFrame, recordsToDataFrame, tableToDataFrame, toDataFrame } from "../../src/frames/index.js";

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

describe("toDataFrame", () => {
  const runs = [
    { run_dir: "a", n_teammates: 1, success: true },
    { run_dir: "b", n_teammates: 2, success: false },
  ];

  it("takes a run table (records), a { columns, rows } table and an event table", () => {
    expect(toDataFrame(runs).column("n_teammates").values).toEqual([1, 2]);
    expect(toDataFrame({ columns: ["x"], rows: [[1], [2]] }).shape).toEqual([2, 1]);
    const events = eventTableFromRecords([{ type: "run_start", ts: 0, run_dir: "r" }]);
    expect(toDataFrame(events).column("type").values).toEqual(["run_start"]);
  });

  it("says what to use when tableToDataFrame is handed records (the README's natural first try)", () => {
    expect(() => tableToDataFrame(runs as never)).toThrow(
      "tableToDataFrame: expected a table { columns, rows }; got an array of 2 values. Use toDataFrame",
    );
    expect(() => toDataFrame({ a: 1 } as never)).toThrow('toDataFrame: expected an array of records, a { columns, rows } table or an event table; got an object with keys ["a"]');
  });
});
