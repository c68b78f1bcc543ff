import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataFileError } from "../core/errors.js";
import { readParquetColumns } from "../core/parquet.js";
import { describe, toFloat64, toStrings } from "../core/columns.js";

/**
 * The event log as typed columns: one entry per event, in file order. Missing values are NaN in number
 * columns and null in string columns. The paper's columns come first; ours (`input_tokens`,
 * `output_tokens`, `latency_s`, `task`) are NaN/null where a source does not have them.
 */
export interface EventTable {
  readonly length: number;
  readonly type: readonly string[];
  readonly ts: Float64Array;
  readonly run_dir: readonly string[];
  readonly num_teammates: Float64Array;
  readonly round: Float64Array;
  readonly agent: readonly (string | null)[];
  readonly path: readonly (string | null)[];
  readonly returncode: Float64Array;
  readonly seconds: Float64Array;
  readonly input_tokens: Float64Array;
  readonly output_tokens: Float64Array;
  readonly latency_s: Float64Array;
  readonly task: readonly (string | null)[];
}

/** The paper's event columns; every event source must provide `type` and `run_dir`. */
export const EVENT_COLUMNS = [
  "type",
  "ts",
  "run_dir",
  "agents",
  "num_teammates",
  "round",
  "agent",
  "path",
  "returncode",
  "seconds",
] as const;

const OUR_NUMBER_COLUMNS = ["input_tokens", "output_tokens", "latency_s"] as const;

/**
 * Load the paper's `events.parquet` (or any parquet with its columns). Our added columns are read when
 * the file has them.
 */
export async function loadEventsParquet(path: string, hint = ""): Promise<EventTable> {
  const required = EVENT_COLUMNS.filter((c) => c !== "agents");
  const { numRows, columns } = await readParquetColumns(path, required, [...OUR_NUMBER_COLUMNS, "task"], hint);
  return buildEventTable(path, numRows, (c) => columns.get(c) ?? new Array<unknown>(numRows).fill(null));
}

/**
 * Build an event table from event objects (our JSONL records, or hand-built events in tests).
 * Each record must have a string `type` and `run_dir`; the other columns are optional.
 */
export function eventTableFromRecords(records: readonly Record<string, unknown>[], file = "<events>"): EventTable {
  const pick = (c: string): unknown[] => records.map((r) => r[c] ?? null);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new DataFileError(file, `event ${i}: expected a JSON object, got ${describe(r)}`);
    }
  }
  return buildEventTable(file, records.length, pick);
}

/** Convert and check every column of an event table; `col` gives a column's raw values (nulls allowed). */
function buildEventTable(file: string, length: number, col: (column: string) => unknown[]): EventTable {
  return {
    length,
    type: toStrings(file, "type", col("type"), false),
    ts: toFloat64(file, "ts", col("ts")),
    run_dir: toStrings(file, "run_dir", col("run_dir"), false),
    num_teammates: toFloat64(file, "num_teammates", col("num_teammates")),
    round: toFloat64(file, "round", col("round")),
    agent: toStrings(file, "agent", col("agent"), true),
    path: toStrings(file, "path", col("path"), true),
    returncode: toFloat64(file, "returncode", col("returncode")),
    seconds: toFloat64(file, "seconds", col("seconds")),
    input_tokens: toFloat64(file, "input_tokens", col("input_tokens")),
    output_tokens: toFloat64(file, "output_tokens", col("output_tokens")),
    latency_s: toFloat64(file, "latency_s", col("latency_s")),
    task: toStrings(file, "task", col("task"), true),
  };
}

/** Parse JSONL text into event records; a bad line is refused with its line number. */
export function parseEventLines(text: string, file = "<jsonl>"): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const last = i === lines.length - 1;
      throw new DataFileError(
        file,
        `line ${i + 1} is not valid JSON${last ? " (the file may be truncated: its last line has no newline)" : ""}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DataFileError(file, `line ${i + 1}: expected a JSON object, got ${describe(value)}`);
    }
    out.push(value as Record<string, unknown>);
  }
  return out;
}

/**
 * Load events from a JSONL file, or from every `*.jsonl` file in a directory (sorted by name, so the
 * result does not depend on the order the directory lists them).
 */
export function loadEventsJsonl(path: string): EventTable {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith(".jsonl"))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (e) {
    throw new DataFileError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  const records: Record<string, unknown>[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      throw new DataFileError(f, `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
    }
    for (const r of parseEventLines(text, f)) records.push(r);
  }
  return eventTableFromRecords(records, path);
}
