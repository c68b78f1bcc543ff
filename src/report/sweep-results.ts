import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DataFileError } from "../core/errors.js";
import type { EventTable } from "../events/event-table.js";
import { loadEventsJsonl } from "../events/read-jsonl.js";
import { loadRunsCsv, type RunRecord } from "../runs/run-table.js";
import { runEventMetrics, type RunEventMetrics } from "../metrics/per-run.js";

/** A sweep's output read back: the same shapes as the paper's data, so one analysis serves both. */
export interface SweepResults {
  runs: RunRecord[];
  events: EventTable;
  metrics: Map<string, RunEventMetrics>;
  /** True when every run says it came from the simulated backend. */
  simulated: boolean;
}

/**
 * Load a sweep directory (`runs.csv` and `events/*.jsonl`, as `npm run sweep` writes them). Rows are
 * sorted by `run_dir`, since a sweep appends them in completion order.
 * @throws DataFileError naming runs.csv and the runs when a row's events file is missing.
 */
export function loadSweepResults(dir: string): SweepResults {
  const csv = join(dir, "runs.csv");
  const eventsDir = join(dir, "events");
  if (!existsSync(csv)) throw new DataFileError(csv, "no runs.csv: is this a sweep directory (npm run sweep -- --out DIR)?");
  const runs = loadRunsCsv(csv).sort((a, b) => (a.run_dir < b.run_dir ? -1 : a.run_dir > b.run_dir ? 1 : 0));
  // A row is the record that a run finished, written after its events: a row without them is a
  // damaged folder (events removed or never copied), and its metrics would silently read as zeros.
  const logs = new Set(existsSync(eventsDir) ? readdirSync(eventsDir) : []);
  const missing = runs.filter((r) => !logs.has(`${r.run_dir}.jsonl`)).map((r) => r.run_dir);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? `, ... (${missing.length} in all)` : "");
    throw new DataFileError(csv, `${missing.length === 1 ? "a row has" : `${missing.length} rows have`} no events file in ${eventsDir}: ${shown}; restore the events, or remove those rows and continue the sweep with --resume to rerun them`);
  }
  const events = loadEventsJsonl(eventsDir);
  const simulated = runs.length > 0 && runs.every((r) => r.extras["simulated"] === true);
  return { runs, events, metrics: runEventMetrics(events), simulated };
}
