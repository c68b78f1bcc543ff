/** Foundations with no domain knowledge: the error root, seeded random streams, column and file readers. */
export * from "./errors.js";
export { type Rng, SEED_LIMIT, createRng, deriveSeed, randomInt, bernoulli, standardNormal, logNormal, pareto } from "./rng.js";
export { readParquetColumns, readFileBuffer, type RawColumns } from "./parquet.js";
export { formatCsvField, formatCsvLine, type CsvValue } from "./csv.js";
export { projectRoot, PROJECT_PACKAGE_NAME } from "./project-root.js";
export { type ProcessIdentity, type Liveness, currentProcess, processStartTime, processLiveness, parseProcessIdentity } from "./process-identity.js";
export { createOwnedTempDir, removeStaleTempDirs } from "./owned-temp.js";
export { type WallClock, systemClock, monotonicUnixSeconds, abortError } from "./clock.js";
