import { formatCsvLine } from "../core/csv.js";
import type { CsvTable } from "./types.js";

/** CSV text of a table: header line, one line per row, trailing newline. */
export function formatCsvTable(table: CsvTable): string {
  let out = formatCsvLine(table.columns) + "\n";
  for (const row of table.rows) {
    if (row.length !== table.columns.length) {
      throw new Error(
        `formatCsvTable: a row has ${row.length} values but the table has ${table.columns.length} columns (${table.columns.join(",")})`,
      );
    }
    out += formatCsvLine(row) + "\n";
  }
  return out;
}
