import { existsSync } from "node:fs";
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
 */
export function loadSweepResults(dir: string): SweepResults {
  const csv = join(dir, "runs.csv");
  const eventsDir = join(dir, "events");
  if (!existsSync(csv)) throw new DataFileError(csv, "no runs.csv: is this a sweep directory (npm run sweep -- --out DIR)?");
  const runs = loadRunsCsv(csv).sort((a, b) => (a.run_dir < b.run_dir ? -1 : a.run_dir > b.run_dir ? 1 : 0));
  const events = loadEventsJsonl(eventsDir);
  const simulated = runs.length > 0 && runs.every((r) => r.extras["simulated"] === true);
  return { runs, events, metrics: runEventMetrics(events), simulated };
}
