/** The event log: the event union, JSONL writing and reading, and the columnar event table with its loaders. */
export * from "./types.js";
export * from "./jsonl.js";
export {
  loadEventsParquet,
  loadEventsJsonl,
  eventTableFromRecords,
  parseEventLines,
  EVENT_COLUMNS,
  type EventTable,
} from "./event-table.js";
