export { type OutputStream, type ProgressReporter, formatDuration, createProgress } from "./progress.js";
export { type CommandSpec, type CommandIo, type FlagSpec, type FlagValues, UsageError, formatHelp, parseCommandLine, runCommand } from "./flags.js";
export { type ParsedSweepArgs, SWEEP_COMMAND, SWEEP_USAGE, parseSweepArgs } from "./sweep-flags.js";
export { type SweepCliIo, sweepMain } from "./sweep-cli.js";
