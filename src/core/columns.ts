import { DataFileError } from "./errors.js";

/**
 * Column converters shared by the parquet, JSONL and CSV loaders. Each checks every value and names the
 * file, column and row of the first bad one: nothing is silently coerced.
 */

/** A number column with nulls as NaN. BigInt (parquet INT64) is converted; unsafe integers are refused. */
export function toFloat64(file: string, column: string, values: readonly unknown[], nullable = true): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number") out[i] = v;
    else if (typeof v === "bigint") {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) {
        throw new DataFileError(file, `column ${column}, row ${i}: integer ${v} is too large to convert exactly`);
      }
      out[i] = n;
    } else if ((v === null || v === undefined) && nullable) out[i] = Number.NaN;
    else {
      throw new DataFileError(
        file,
        `column ${column}, row ${i}: expected a number${nullable ? " or null" : ""}, got ${describe(v)}`,
      );
    }
  }
  return out;
}

/** A string column; nulls allowed only when `nullable`. */
export function toStrings(file: string, column: string, values: readonly unknown[], nullable: true): (string | null)[];
export function toStrings(file: string, column: string, values: readonly unknown[], nullable: false): string[];
export function toStrings(file: string, column: string, values: readonly unknown[], nullable: boolean): (string | null)[] {
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "string") out[i] = v;
    else if ((v === null || v === undefined) && nullable) out[i] = null;
    else {
      throw new DataFileError(file, `column ${column}, row ${i}: expected a string${nullable ? " or null" : ""}, got ${describe(v)}`);
    }
  }
  return out;
}

/** A whole-number value (number or BigInt) that must be present. */
export function toInteger(file: string, column: string, row: number, v: unknown): number {
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new DataFileError(file, `column ${column}, row ${row}: expected an integer, got ${describe(v)}`);
  }
  return n;
}

/** A finite number that must be present. */
export function toNumber(file: string, column: string, row: number, v: unknown): number {
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || Number.isNaN(n)) {
    throw new DataFileError(file, `column ${column}, row ${row}: expected a number, got ${describe(v)}`);
  }
  return n;
}

/** A boolean that must be present. */
export function toBoolean(file: string, column: string, row: number, v: unknown): boolean {
  if (typeof v !== "boolean") {
    throw new DataFileError(file, `column ${column}, row ${row}: expected true or false, got ${describe(v)}`);
  }
  return v;
}

/** A string that must be present. */
export function toString(file: string, column: string, row: number, v: unknown): string {
  if (typeof v !== "string") {
    throw new DataFileError(file, `column ${column}, row ${row}: expected a string, got ${describe(v)}`);
  }
  return v;
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "nothing";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "object") return Array.isArray(v) ? "an array" : "an object";
  return `${typeof v} ${String(v)}`;
}
