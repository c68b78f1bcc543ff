import type { TeamEvent } from "../events/types.js";
import { eventTableFromRecords, type EventTable } from "../events/event-table.js";

/**
 * A run's event log (`runTeam`'s `events`, or the worker's) as the typed columnar table the metrics and
 * the DataFrame adapter read (`runEventMetrics`, `eventsToDataFrame`, `eventTypeCounts`): the same table
 * the loaders make from a JSONL file, so one run is analysed exactly as a sweep's or the paper's runs.
 */
export function eventTableOfRun(events: readonly TeamEvent[]): EventTable {
  return eventTableFromRecords(events);
}
