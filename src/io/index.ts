export { readParquetColumns, readFileBuffer, type RawColumns } from "./parquet.js";
export {
  loadEventsParquet,
  loadEventsJsonl,
  eventTableFromRecords,
  parseEventLines,
  EVENT_COLUMNS,
  type EventTable,
} from "./event-table.js";
export { loadRunsParquet, loadRunsCsv, parseRunsCsv, toRunRecord, type RunRecord } from "./run-table.js";
export * from "./paper-data.js";
