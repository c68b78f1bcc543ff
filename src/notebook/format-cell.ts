/** How a table cell is written: numbers to a fixed number of decimals, everything else as short text. */
export interface CellFormat {
  /** Decimals for non-integer numbers; integers are written in full. @default 4 */
  digits: number;
  /** Longer text is cut to this many characters and ends in "…". @default 120 */
  maxChars: number;
}

/**
 * One cell as text (not yet HTML-escaped). Integers in full; other finite numbers with `digits` decimals,
 * or in exponent form when they would round to zero (|v| < 10^-digits) so that small values stay
 * visible; NaN and ±Infinity by name; null and undefined as the empty string; bigint in full; Date as
 * ISO 8601; arrays and objects as JSON.
 */
export function formatCell(value: unknown, format: CellFormat): string {
  return clip(raw(value, format.digits), format.maxChars);
}

function raw(v: unknown, digits: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
    if (Math.abs(v) < 10 ** -digits) return v.toExponential(Math.max(digits - 1, 0));
    return v.toFixed(digits);
  }
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x)) ?? String(v);
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** True for cells shown right-aligned (numbers), as in pandas' HTML tables. */
export function isNumericCell(value: unknown): boolean {
  return typeof value === "number" || typeof value === "bigint";
}
