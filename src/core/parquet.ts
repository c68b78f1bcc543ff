import { readFileSync } from "node:fs";
import { parquetMetadata, parquetRead, parquetSchema } from "hyparquet";
import { DataFileError } from "./errors.js";

/** The raw columns of a parquet file, as hyparquet decodes them (INT64 as BigInt, nulls as null). */
export interface RawColumns {
  numRows: number;
  columns: Map<string, unknown[]>;
}

/** Read a whole file into an ArrayBuffer, with an error that names the file and says what to do. */
export function readFileBuffer(path: string, hint = ""): ArrayBuffer {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw new DataFileError(path, `cannot read file (${code || String(e)})${hint ? `. ${hint}` : ""}`, { cause: e });
  }
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/**
 * Read the named columns of a parquet file. Refuses, naming the file: a file that is not parquet or is
 * truncated (the `PAR1` magic must open and close it), unreadable metadata, and missing required columns.
 * Columns in `optional` are read when present.
 */
export async function readParquetColumns(
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
  hint = "",
): Promise<RawColumns> {
  const file = readFileBuffer(path, hint);
  const bytes = new Uint8Array(file);
  const magic = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || magic(0) !== "PAR1") {
    throw new DataFileError(path, "not a parquet file (it does not start with the PAR1 magic bytes)");
  }
  if (magic(bytes.length - 4) !== "PAR1") {
    throw new DataFileError(path, `truncated parquet file (${bytes.length} bytes; the closing PAR1 footer is missing)`);
  }
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new DataFileError(path, `unreadable parquet metadata (${(e as Error).message})`, { cause: e });
  }
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const missing = required.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new DataFileError(
      path,
      `missing column(s) ${missing.join(", ")}; the file has ${[...present].join(", ")}`,
    );
  }
  const wanted = [...required, ...optional.filter((c) => present.has(c))];
  const numRows = Number(metadata.num_rows);
  const columns = new Map<string, unknown[]>();
  for (const c of wanted) columns.set(c, new Array<unknown>(numRows));
  try {
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const out = columns.get(columnName);
        if (!out) return;
        for (let i = 0; i < columnData.length; i++) out[rowStart + i] = columnData[i];
      },
    });
  } catch (e) {
    throw new DataFileError(path, `cannot decode parquet data (${(e as Error).message})`, { cause: e });
  }
  return { numRows, columns };
}
