import { DataFileError } from "../core/errors.js";
import { readParquetColumns } from "../core/parquet.js";
import { describe, toFloat64, toStrings } from "../core/columns.js";
import { isTeamEventType, TEAM_EVENT_TYPES, type TeamEventType } from "./types.js";

/**
 * The event log as typed columns: one entry per event, in file order. Missing values are NaN in number
 * columns and null in string columns. The paper's columns come first; ours (`input_tokens`,
 * `output_tokens`, `latency_s`, `task`, `wall_start`) are NaN/null where a source does not have them.
 *
 * `ts` is seconds since the run's `run_start` for every source (see `types.ts`), and `wall_start` is
 * the run's wall-clock start in Unix seconds on its `run_start` row (NaN on other rows, and on runs
 * with a virtual clock).
 */
export interface EventTable {
  readonly length: number;
  readonly type: readonly TeamEventType[];
  readonly ts: Float64Array;
  readonly run_dir: readonly string[];
  readonly num_teammates: Float64Array;
  readonly round: Float64Array;
  readonly agent: readonly (string | null)[];
  readonly path: readonly (string | null)[];
  readonly returncode: Float64Array;
  readonly seconds: Float64Array;
  readonly input_tokens: Float64Array;
  readonly output_tokens: Float64Array;
  readonly latency_s: Float64Array;
  readonly task: readonly (string | null)[];
  readonly wall_start: Float64Array;
}

/**
 * One event as the table sees it: the type, time and run, and whichever of the table's other columns
 * the event has. Every `TeamEvent` is an `EventRow`; so is a hand-built partial event in a test.
 */
export interface EventRow {
  type: TeamEventType;
  ts: number;
  run_dir: string;
  num_teammates?: number | null;
  round?: number | null;
  agent?: string | null;
  path?: string | null;
  returncode?: number | null;
  seconds?: number | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  latency_s?: number | null;
  task?: string | null;
  wall_start?: number | null;
}

/** The paper's event columns; every event source must provide `type` and `run_dir`. */
export const EVENT_COLUMNS = [
  "type",
  "ts",
  "run_dir",
  "agents",
  "num_teammates",
  "round",
  "agent",
  "path",
  "returncode",
  "seconds",
] as const;

const OUR_NUMBER_COLUMNS = ["input_tokens", "output_tokens", "latency_s"] as const;

/**
 * The event table of event records (a run's `TeamEvent`s, events read back with `parseEventLines`, or
 * hand-built rows in tests). Fields the table has no column for are left out.
 */
export function eventTableFromRecords(rows: readonly EventRow[]): EventTable {
  const n = rows.length;
  const numbers = (get: (r: EventRow) => number | null | undefined): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = get(rows[i]!) ?? Number.NaN;
    return out;
  };
  const strings = (get: (r: EventRow) => string | null | undefined): (string | null)[] => rows.map((r) => get(r) ?? null);
  return {
    length: n,
    type: rows.map((r) => r.type),
    ts: numbers((r) => r.ts),
    run_dir: rows.map((r) => r.run_dir),
    num_teammates: numbers((r) => r.num_teammates),
    round: numbers((r) => r.round),
    agent: strings((r) => r.agent),
    path: strings((r) => r.path),
    returncode: numbers((r) => r.returncode),
    seconds: numbers((r) => r.seconds),
    input_tokens: numbers((r) => r.input_tokens),
    output_tokens: numbers((r) => r.output_tokens),
    latency_s: numbers((r) => r.latency_s),
    task: strings((r) => r.task),
    wall_start: numbers((r) => r.wall_start),
  };
}

/** A `type` column: every value one of the union's type names. */
function toEventTypes(file: string, values: readonly unknown[]): TeamEventType[] {
  const out = new Array<TeamEventType>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isTeamEventType(v)) {
      throw new DataFileError(file, `column type, row ${i}: unknown event type ${describe(v)}; valid types: ${TEAM_EVENT_TYPES.join(", ")}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Load the paper's `events.parquet` (or any parquet with its columns, whose `ts` are Unix seconds as
 * the paper publishes them). Our added columns are read when the file has them.
 *
 * Times are made run-relative, as in our own logs: each run's `ts` minus its `run_start` `ts`, which
 * goes into `wall_start` on the `run_start` row. The subtraction is exact (`types.ts`), so differences
 * of `ts` within a run are the published ones to the bit.
 * @throws DataFileError for an unknown event type, or a run without a timed `run_start`.
 */
export async function loadEventsParquet(path: string, hint = ""): Promise<EventTable> {
  const required = EVENT_COLUMNS.filter((c) => c !== "agents");
  const { numRows, columns } = await readParquetColumns(path, required, [...OUR_NUMBER_COLUMNS, "task"], hint);
  const col = (c: string): unknown[] => columns.get(c) ?? new Array<unknown>(numRows).fill(null);
  const type = toEventTypes(path, col("type"));
  const runDir = toStrings(path, "run_dir", col("run_dir"), false);
  const ts = toFloat64(path, "ts", col("ts"));
  const wallStart = new Float64Array(numRows).fill(Number.NaN);
  const start = new Map<string, number>();
  for (let i = 0; i < numRows; i++) {
    if (type[i] !== "run_start" || start.has(runDir[i]!)) continue;
    if (!Number.isFinite(ts[i]!)) {
      throw new DataFileError(path, `column ts, row ${i}: the run_start of run ${runDir[i]!} has no time (got ${ts[i]!}); every run needs one to make its times run-relative`);
    }
    start.set(runDir[i]!, ts[i]!);
    wallStart[i] = ts[i]!;
  }
  for (let i = 0; i < numRows; i++) {
    const s = start.get(runDir[i]!);
    if (s === undefined) {
      throw new DataFileError(path, `column run_dir, row ${i}: run ${runDir[i]!} has no run_start event; every run needs one to make its times run-relative`);
    }
    ts[i] = ts[i]! - s;
  }
  return {
    length: numRows,
    type,
    ts,
    run_dir: runDir,
    num_teammates: toFloat64(path, "num_teammates", col("num_teammates")),
    round: toFloat64(path, "round", col("round")),
    agent: toStrings(path, "agent", col("agent"), true),
    path: toStrings(path, "path", col("path"), true),
    returncode: toFloat64(path, "returncode", col("returncode")),
    seconds: toFloat64(path, "seconds", col("seconds")),
    input_tokens: toFloat64(path, "input_tokens", col("input_tokens")),
    output_tokens: toFloat64(path, "output_tokens", col("output_tokens")),
    latency_s: toFloat64(path, "latency_s", col("latency_s")),
    task: toStrings(path, "task", col("task"), true),
    wall_start: wallStart,
  };
}
