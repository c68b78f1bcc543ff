import { RUN_COLUMNS, type RunRow } from "./types.js";

/** A value that can stand in a run-table CSV cell. `null` and `undefined` are written as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Quote one CSV field as RFC 4180 does: fields holding a comma, a quote, CR or LF are wrapped in quotes
 * and inner quotes doubled. Numbers are written with JavaScript's shortest round-trip form.
 */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new Error(`formatCsvField: a CSV number must be finite; got ${value}`);
    }
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no trailing newline) from values in column order. */
export function formatCsvLine(values: readonly CsvValue[]): string {
  return values.map(formatCsvField).join(",");
}

/** The run-table header: the paper's sixteen columns, then `extraColumns` in the given order. */
export function runCsvHeader(extraColumns: readonly string[] = []): string {
  for (const c of extraColumns) {
    if ((RUN_COLUMNS as readonly string[]).includes(c)) {
      throw new Error(`runCsvHeader: extra column "${c}" repeats one of the paper's run-table columns`);
    }
  }
  return formatCsvLine([...RUN_COLUMNS, ...extraColumns]);
}

/**
 * One run-table CSV line (no trailing newline): the paper's columns from `row`, then the named extra
 * columns read from the same object (missing extras are written as empty cells).
 */
export function formatRunCsvRow(row: RunRow, extraColumns: readonly string[] = []): string {
  const cells = row as unknown as Readonly<Record<string, CsvValue>>;
  const values: CsvValue[] = [];
  for (const c of RUN_COLUMNS) values.push(cells[c]);
  for (const c of extraColumns) values.push(cells[c]);
  return formatCsvLine(values);
}
