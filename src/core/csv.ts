import { error } from "./errors.js";

/** CSV text as RFC 4180 writes it: one field, one line. The one CSV writer of the toolkit. */

/** A value that can stand in a CSV cell. `null` and `undefined` are written as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Quote one CSV field as RFC 4180 does: fields holding a comma, a quote, CR or LF are wrapped in quotes
 * and inner quotes doubled. Numbers are written with JavaScript's shortest round-trip form.
 */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw error("formatCsvField", `a CSV number must be finite; got ${value}`);
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
