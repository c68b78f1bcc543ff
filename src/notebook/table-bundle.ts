import { error } from "../core/errors.js";
import { escapeHtml } from "./escape-html.js";
import { formatCell, isNumericCell, type CellFormat } from "./format-cell.js";
import type { TableData } from "./table-data.js";
import type { MimeBundle } from "./types.js";

/** Options of `tableBundle`. */
export interface TableOptions extends CellFormat {
  /** Rows shown; a note under the table says how many there are in all. @default 20 */
  maxRows: number;
  /** A caption above the table. @default none */
  caption?: string;
}

export const DEFAULT_TABLE_OPTIONS: Readonly<TableOptions> = { maxRows: 20, digits: 4, maxChars: 120 };

/** Fill in defaults and check the options once. @throws ToolkitError naming the bad option. */
export function resolveTableOptions(options: Partial<TableOptions> = {}): TableOptions {
  const o = { ...DEFAULT_TABLE_OPTIONS, ...stripUndefined(options) };
  if (!Number.isInteger(o.maxRows) || o.maxRows < 1) {
    throw error("resolveTableOptions", `maxRows must be an integer >= 1; got ${o.maxRows}`);
  }
  if (!Number.isInteger(o.digits) || o.digits < 0 || o.digits > 15) {
    throw error("resolveTableOptions", `digits must be an integer in [0, 15]; got ${o.digits}`);
  }
  if (!Number.isInteger(o.maxChars) || o.maxChars < 2) {
    throw error("resolveTableOptions", `maxChars must be an integer >= 2; got ${o.maxChars}`);
  }
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "Showing the first 20 of 1,413 rows." or null when every row is shown. */
export function rowLimitNote(shown: number, total: number): string | null {
  if (shown >= total) return null;
  return `Showing the first ${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows.`;
}

/**
 * A table as a MIME bundle: `text/html` (a `<table class="dataframe">`, which Jupyter front ends and
 * GitHub style like a pandas DataFrame) and `text/plain` (aligned columns, for consoles and text exports).
 * At most `maxRows` rows are written, with a note giving the total. Every header, label and cell is
 * HTML-escaped; numbers are right-aligned.
 */
export function tableBundle(table: TableData, options: Partial<TableOptions> = {}): MimeBundle {
  const o = resolveTableOptions(options);
  const shown = table.rows.slice(0, o.maxRows);
  const labels = table.index?.slice(0, o.maxRows);
  const note = rowLimitNote(shown.length, table.rows.length);
  return {
    data: { "text/html": tableHtml(table.columns, shown, labels, note, o), "text/plain": tableText(table.columns, shown, labels, note, o) },
    metadata: {},
  };
}

function tableHtml(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  labels: readonly (string | number)[] | undefined,
  note: string | null,
  o: TableOptions,
): string {
  const out: string[] = ['<div class="ltd-table">'];
  out.push('<table class="dataframe" border="1">');
  if (o.caption !== undefined) out.push(`<caption>${escapeHtml(o.caption)}</caption>`);
  const head = (labels ? ["<th></th>"] : []).concat(columns.map((c) => `<th>${escapeHtml(c)}</th>`));
  out.push(`<thead><tr style="text-align: right;">${head.join("")}</tr></thead>`);
  out.push("<tbody>");
  rows.forEach((row, i) => {
    const cells = row.map((v) => {
      const text = escapeHtml(formatCell(v, o));
      return isNumericCell(v) ? `<td style="text-align: right;">${text}</td>` : `<td>${text}</td>`;
    });
    const label = labels ? `<th>${escapeHtml(String(labels[i]))}</th>` : "";
    out.push(`<tr>${label}${cells.join("")}</tr>`);
  });
  out.push("</tbody></table>");
  if (note) out.push(`<p><em>${escapeHtml(note)}</em></p>`);
  out.push("</div>");
  return out.join("\n");
}

function tableText(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  labels: readonly (string | number)[] | undefined,
  note: string | null,
  o: TableOptions,
): string {
  const header = (labels ? [""] : []).concat(columns);
  const body = rows.map((row, i) => (labels ? [String(labels[i])] : []).concat(row.map((v) => formatCell(v, o))));
  const right = rows.length > 0 ? (labels ? [false] : []).concat(rows[0]!.map(isNumericCell)) : header.map(() => false);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, j) => (right[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join("  ").trimEnd();
  const lines = [line(header), ...body.map(line)];
  if (o.caption !== undefined) lines.unshift(o.caption);
  if (note) lines.push(note);
  return lines.join("\n");
}
