export { type SuiteCatalog, BUILTIN_CATALOG, catalogOf } from "./catalog.js";
export {
  type SweepBackend,
  type SweepOptionsInput,
  type SweepOptions,
  type SweepBackendOptions,
  type SimulatedSweepBackend,
  type OpenAISweepBackend,
  type ReplaySweepBackend,
  type RealSweepBackend,
  type SuiteSource,
  type SweepField,
  SWEEP_BACKENDS,
  SWEEP_FIELDS,
  resolveSweepOptions,
} from "./options.js";
export { type RunSpec, runSeed, runIdOf, planSweep } from "./grid.js";
export { type SweepConfig, type SweepConfigExtras, expDirOf, sweepConfig, configDifferences } from "./config.js";
export { SWEEP_FILES } from "./sweep-files.js";
export { LOCK_DIR } from "./sweep-lock.js";
export { describeFileError, isFileError, makeDirectory } from "./file-errors.js";
export { type SweepDeps, type SweepHooks, type SweepSummary, type RunSession, CASSETTES_DIR, STALE_TEMP_PREFIX, SWEEP_CSV_HEADER, executeRun, runSweep } from "./sweep.js";
export { describeSweep } from "./describe-sweep.js";
