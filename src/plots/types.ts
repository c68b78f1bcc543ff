/**
 * A figure as plain, JSON-serialisable plotly data: what every figure builder returns. Builders are pure
 * (data in, spec out); rendering to files or notebook displays happens in `render.ts`.
 */
export interface FigureSpec {
  /** plotly traces. */
  data: Record<string, unknown>[];
  /** plotly layout. */
  layout: Record<string, unknown>;
  /** Static-image size in CSS pixels. @default 1100 x 420 */
  width?: number;
  height?: number;
}

/** A table of numbers behind a figure, written as CSV beside it. */
export interface CsvTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number | boolean | null)[])[];
}

/** One output figure: its file stem, the spec, and the data behind it. */
export interface NamedFigure {
  /** File stem, e.g. `speedup_centralized`; files are NAME.png, NAME.html and the CSV. */
  name: string;
  spec: FigureSpec;
  /** CSV file name (several figures may share one, e.g. both speedup panels share speedup.csv). */
  csvName: string;
  csv: CsvTable;
}
