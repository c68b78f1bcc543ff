import { error } from "../core/errors.js";
import type { TeamEvent } from "./types.js";
import { eventTableFromRecords, type EventTable } from "./event-table.js";

/**
 * A run's event log (`runTeam`'s `events`, or the worker's) as the typed columnar table the metrics and
 * the DataFrame adapter read (`runEventMetrics`, `eventsToDataFrame`, `eventTypeCounts`): the same table
 * the loaders make from a JSONL file, so one run is analysed exactly as a sweep's or the paper's runs.
 */
export function eventTableOfRun(events: readonly TeamEvent[]): EventTable {
  return eventTableFromRecords(events);
}

/** Row numbers of one run's events, in file order (for `eventsToDataFrame(events, rows)`). @throws ToolkitError when the run has none. */
export function eventRowsOfRun(events: EventTable, runDir: string): number[] {
  const rows: number[] = [];
  for (let i = 0; i < events.length; i++) if (events.run_dir[i] === runDir) rows.push(i);
  if (rows.length === 0) throw error("eventRowsOfRun", `no events for run_dir ${JSON.stringify(runDir)}`);
  return rows;
}
