/** The event log: the event union, JSONL writing and validated reading, and the columnar event table with its loaders. */
export * from "./types.js";
export * from "./jsonl.js";
export { type FieldsOf, type EventFields, type FieldKind, type FieldSpec, EVENT_FIELDS, eventProblem, describeFieldSpec } from "./schema.js";
export { parseEventLines, readEventsJsonl, loadEventsJsonl } from "./read-jsonl.js";
export { loadEventsParquet, eventTableFromRecords, EVENT_COLUMNS, type EventTable, type EventRow } from "./event-table.js";
export { eventTableOfRun, eventRowsOfRun } from "./run-events.js";
export { eventTypeCounts } from "./event-type-counts.js";
