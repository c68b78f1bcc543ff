export { type OutputStream, type ProgressReporter, formatDuration, createProgress } from "./progress.js";
export { type ParsedSweepArgs, type SweepCliIo, SWEEP_USAGE, parseSweepArgs, sweepMain } from "./sweep-cli.js";
