import { DataFrame } from "danfojs-node";
import { error } from "../core/errors.js";
import type { EventTable } from "../events/event-table.js";
import type { CsvTable } from "../plots/types.js";

/**
 * Adapters to danfojs DataFrames, for notebook users. This folder is the only place that imports danfojs:
 * the library computes on plain arrays (danfojs is slow and memory hungry on the 422,758-row event log),
 * and hands DataFrames the summary tables.
 */

type Cell = string | number | boolean | null;

/** A DataFrame from row objects; `columns` fixes the column order (default: the first row's keys). */
export function recordsToDataFrame(records: readonly object[], columns?: readonly string[]): DataFrame {
  const rows = records as readonly Readonly<Record<string, unknown>>[];
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const data: Record<string, Cell[]> = {};
  for (const c of cols) {
    data[c] = rows.map((r) => toCell(r[c]));
  }
  return new DataFrame(data, { columns: [...cols] });
}

/** A DataFrame from a CSV-shaped table (what every figure's data is). */
export function tableToDataFrame(table: CsvTable): DataFrame {
  if (!isCsvTable(table)) {
    throw error("tableToDataFrame", `expected a table { columns, rows }; got ${describe(table)}. Use toDataFrame, which takes records (a run table), a { columns, rows } table or an event table`);
  }
  const data: Record<string, Cell[]> = {};
  table.columns.forEach((c, j) => {
    data[c] = table.rows.map((row) => row[j] ?? null);
  });
  return new DataFrame(data, { columns: [...table.columns] });
}

/**
 * A DataFrame of (a slice of) an event table. Number columns keep NaN for missing values. Converting the
 * whole published event log works but takes seconds and ~1 GB: filter first (`rows`), e.g. one run.
 */
export function eventsToDataFrame(events: EventTable, rows?: readonly number[]): DataFrame {
  const idx = rows ?? Array.from({ length: events.length }, (_, i) => i);
  const cols = [
    "type",
    "ts",
    "run_dir",
    "round",
    "agent",
    "path",
    "returncode",
    "seconds",
    "input_tokens",
    "output_tokens",
    "latency_s",
    "task",
  ] as const;
  const data: Record<string, Cell[]> = {};
  for (const c of cols) {
    const col = events[c] as ArrayLike<string | number | null>;
    data[c] = idx.map((i) => {
      if (i < 0 || i >= events.length) {
        throw new RangeError(`eventsToDataFrame: row ${i} is outside the table (0..${events.length - 1})`);
      }
      return col[i] ?? null;
    });
  }
  return new DataFrame(data, { columns: [...cols] });
}

/**
 * A DataFrame from whatever the toolkit hands out: an array of records (the run table of
 * `loadRunsParquet` / `loadRunsCsv`, metric and summary rows), a CSV-shaped `{ columns, rows }` table (every
 * figure's data), or a columnar event table (`loadEventsParquet`, `loadEventsJsonl`; all of it: filter big
 * logs first with `eventsToDataFrame(events, rows)`).
 *
 * @example toDataFrame(await loadRunsParquet("data/paper/runs.parquet")).head()
 */
export function toDataFrame(input: readonly object[] | CsvTable | EventTable): DataFrame {
  if (Array.isArray(input)) return recordsToDataFrame(input as readonly object[]);
  if (isCsvTable(input)) return tableToDataFrame(input);
  if (isEventTable(input)) return eventsToDataFrame(input);
  throw error("toDataFrame", `expected an array of records, a { columns, rows } table or an event table; got ${describe(input)}`);
}

function isCsvTable(x: unknown): x is CsvTable {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as CsvTable).columns) && Array.isArray((x as CsvTable).rows);
}

function isEventTable(x: unknown): x is EventTable {
  return typeof x === "object" && x !== null && typeof (x as EventTable).length === "number" && Array.isArray((x as EventTable).type) && (x as EventTable).ts instanceof Float64Array;
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `an array of ${x.length} values`;
  if (x === null) return "null";
  if (typeof x === "object") return `an object with keys ${JSON.stringify(Object.keys(x).slice(0, 6))}`;
  return typeof x;
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  return JSON.stringify(v);
}
