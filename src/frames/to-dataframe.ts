import { DataFrame } from "danfojs-node";
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

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  return JSON.stringify(v);
}
