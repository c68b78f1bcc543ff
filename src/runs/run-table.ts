import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { DataFileError } from "../core/errors.js";
import { RUN_COLUMNS, type RunRow } from "./types.js";
import { readParquetColumns } from "../core/parquet.js";
import { toBoolean, toInteger, toNumber, toString } from "../core/columns.js";

/** A run-table row with any extra columns the file had after the paper's sixteen. */
export type RunRecord = RunRow & { readonly extras: Readonly<Record<string, string | number | boolean | null>> };

const STRING_COLUMNS = new Set<string>(["run_dir", "model_dir", "exp_dir", "mode", "task_type", "p_label"]);
const INTEGER_COLUMNS = new Set<string>([
  "n_teammates",
  "rep",
  "total_rounds",
  "concurrent_writes",
  "claims_blocked",
  "total_input_tokens",
  "total_output_tokens",
]);
const FLOAT_COLUMNS = new Set<string>(["p_true", "wall_clock_seconds"]);

/**
 * Convert one raw record (parquet row or CSV row) into a typed run row, checking every column.
 * `extras` holds the remaining columns as they came.
 */
export function toRunRecord(file: string, row: number, raw: Record<string, unknown>): RunRecord {
  const out: Record<string, unknown> = {};
  for (const c of RUN_COLUMNS) {
    const v = raw[c];
    if (STRING_COLUMNS.has(c)) out[c] = toString(file, c, row, v);
    else if (INTEGER_COLUMNS.has(c)) out[c] = toInteger(file, c, row, v);
    else if (FLOAT_COLUMNS.has(c)) out[c] = toNumber(file, c, row, v);
    else out[c] = toBoolean(file, c, row, v);
  }
  const extras: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(raw)) {
    if ((RUN_COLUMNS as readonly string[]).includes(k)) continue;
    extras[k] = typeof v === "bigint" ? Number(v) : (v as string | number | boolean | null);
  }
  out["extras"] = extras;
  return out as unknown as RunRecord;
}

/** Load the paper's `runs.parquet` (or any parquet with the run-table columns). */
export async function loadRunsParquet(path: string, hint = ""): Promise<RunRecord[]> {
  const { numRows, columns } = await readParquetColumns(path, RUN_COLUMNS, [], hint);
  const rows: RunRecord[] = new Array(numRows);
  for (let i = 0; i < numRows; i++) {
    const raw: Record<string, unknown> = {};
    for (const [c, values] of columns) raw[c] = values[i];
    rows[i] = toRunRecord(path, i, raw);
  }
  return rows;
}

/**
 * Load a run table written as CSV by our sweeps (`OUT/runs.csv`): the paper's sixteen columns first,
 * extra columns after. Booleans are `true`/`false`, empty cells are null.
 */
export function loadRunsCsv(path: string): RunRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataFileError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  return parseRunsCsv(text, path);
}

/** Parse run-table CSV text; `file` names the source in errors. */
export function parseRunsCsv(text: string, file = "<csv>"): RunRecord[] {
  const parsed = Papa.parse<Record<string, unknown>>(text, {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: (field) => !STRING_COLUMNS.has(String(field)),
  });
  const fatal = parsed.errors.find((e) => e.type !== "Delimiter");
  if (fatal) {
    throw new DataFileError(file, `malformed CSV at row ${fatal.row ?? "?"}: ${fatal.message}`);
  }
  const header = parsed.meta.fields ?? [];
  const missing = RUN_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DataFileError(file, `missing column(s) ${missing.join(", ")}; the header has ${header.join(", ")}`);
  }
  return parsed.data.map((raw, i) => {
    for (const [k, v] of Object.entries(raw)) if (v === "" || v === undefined) raw[k] = null;
    return toRunRecord(file, i, raw);
  });
}
