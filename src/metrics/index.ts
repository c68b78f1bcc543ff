export { mean, sampleVariance, sd, sem, varianceOfMean, type SingleValueSem } from "./stats.js";
export { speedupSeries, type SpeedupSeriesPoint } from "./speedup.js";
export {
  runEventMetrics,
  TEST_FAILURE_RETURNCODES,
  STRAGGLER_LATENCY_BOUNDS,
  type RunEventMetrics,
} from "./per-run.js";
export * from "./paper-tables.js";
export { sweepSummaryTable, formatSweepSummary, type SweepSummaryRow } from "./summary.js";
export { runSummaryRecords } from "./run-summary-records.js";
