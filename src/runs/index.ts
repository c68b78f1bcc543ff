/** The run table: the run row, its CSV form, and its loaders. */
export * from "./types.js";
export * from "./csv.js";
export { loadRunsParquet, loadRunsCsv, parseRunsCsv, toRunRecord, type RunRecord } from "./run-table.js";
export { runRecords } from "./run-records.js";
