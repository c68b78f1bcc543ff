import { error } from "../core/errors.js";

/**
 * The tables a notebook shows, brought to one shape before they are formatted: column names, the rows
 * (all of them; the formatter limits what it shows) and, for DataFrames, the row labels.
 */
export interface TableData {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** Row labels shown as a first, header-styled column (a DataFrame's index); absent for plain tables. */
  index?: readonly (string | number)[];
}

/**
 * The part of a danfojs DataFrame or Series the display helpers read. Structural, so this folder does
 * not import danfojs (STYLE.md: the dataframe library stays in `src/frames`). A Series has 1-D `values`
 * and one column name.
 */
export interface FrameLike {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
  readonly index: readonly (string | number)[];
}

/** A figure's CSV-shaped table (`CsvTable` in `src/plots`), or any `{ columns, rows }`. */
export interface ColumnsRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** What `toTableData` accepts: a DataFrame/Series, a `{ columns, rows }` table, or an array of records. */
export type TableInput = FrameLike | ColumnsRows | readonly object[];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;

/** True for a danfojs DataFrame or Series (or anything with array `columns`, `values` and `index`). */
export function isFrameLike(x: unknown): x is FrameLike {
  return isObject(x) && !Array.isArray(x) && Array.isArray(x["columns"]) && Array.isArray(x["values"]) && Array.isArray(x["index"]);
}

function isColumnsRows(x: unknown): x is ColumnsRows {
  return isObject(x) && !Array.isArray(x) && Array.isArray(x["columns"]) && Array.isArray(x["rows"]);
}

/**
 * Bring a table to `TableData`.
 * - DataFrame: its columns, rows and index. Series: one column.
 * - `{ columns, rows }`: as given; every row must have one cell per column.
 * - Records: `columns` if given, else every key in order of first appearance; a missing key is null.
 * @throws ToolkitError for anything else, or a `{ columns, rows }` row of the wrong length.
 */
export function toTableData(input: TableInput, columns?: readonly string[]): TableData {
  if (Array.isArray(input)) return recordsTable(input as readonly object[], columns);
  if (isFrameLike(input)) return frameTable(input);
  if (isColumnsRows(input)) {
    input.rows.forEach((row, i) => {
      if (row.length !== input.columns.length) {
        throw error("toTableData", `row ${i} has ${row.length} cells; the table has ${input.columns.length} columns`);
      }
    });
    return { columns: input.columns, rows: input.rows };
  }
  throw error(
    "toTableData",
    `expected a DataFrame or Series, a { columns, rows } table, or an array of records; got ${describe(input)}`,
  );
}

function recordsTable(input: readonly object[], columns?: readonly string[]): TableData {
  const records = input as readonly Record<string, unknown>[];
  records.forEach((r, i) => {
    if (!isObject(r) || Array.isArray(r)) throw error("toTableData", `record ${i} is ${describe(r)}, not an object`);
  });
  let cols = columns;
  if (!cols) {
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r)) seen.add(k);
    cols = [...seen];
  }
  const keys = cols;
  return { columns: keys, rows: records.map((r) => keys.map((k) => (k in r ? r[k] : null))) };
}

function frameTable(frame: FrameLike): TableData {
  const series = frame.values.length > 0 && !Array.isArray(frame.values[0]);
  const rows = series ? frame.values.map((v) => [v]) : (frame.values as readonly (readonly unknown[])[]);
  if (rows.length !== frame.index.length) {
    throw error("toTableData", `the DataFrame has ${rows.length} rows but ${frame.index.length} index labels`);
  }
  return { columns: series ? frame.columns.slice(0, 1) : frame.columns, rows, index: frame.index };
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (isObject(x)) return `an object with keys [${Object.keys(x).slice(0, 6).join(", ")}]`;
  return `${typeof x} ${String(x)}`;
}
