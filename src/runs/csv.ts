import { error } from "../core/errors.js";
import { formatCsvLine, type CsvValue } from "../core/csv.js";
import { RUN_COLUMNS, type RunRow } from "./types.js";

/** The run-table header: the paper's sixteen columns, then `extraColumns` in the given order. */
export function runCsvHeader(extraColumns: readonly string[] = []): string {
  for (const c of extraColumns) {
    if ((RUN_COLUMNS as readonly string[]).includes(c)) {
      throw error("runCsvHeader", `extra column "${c}" repeats one of the paper's run-table columns`);
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
