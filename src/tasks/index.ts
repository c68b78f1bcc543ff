export { type Suite, type TaskSpec, type TestOutcome, TASK_ID_PATTERN } from "./types.js";
export { type DagNode, findCycle } from "./graph.js";
export { topologicalOrder } from "./topological-order.js";
export { criticalPath, criticalPathLength, taskDepths, taskHeights } from "./critical-path.js";
export { type DagShape, dagShape, parallelFraction } from "./parallel-fraction.js";
export { type MinimumRounds, listSchedule, minimumRounds, roundsLowerBound } from "./schedule.js";
export { amdahlSpeedup } from "./amdahl.js";
export {
  type IssueCode,
  type ValidateOptions,
  type ValidationIssue,
  type ValidationLevel,
  MAX_SUITE_TEXT_CHARS,
  assertValidSuite,
  validateSuite,
} from "./validate-suite.js";
export { SuiteValidationError } from "./errors.js";
export {
  type InProcessRunnerOptions,
  type InProcessTestRunner,
  type RunnerStats,
  type TestRunner,
  createInProcessRunner,
  runSuiteTests,
  sharedRunnerStats,
} from "./runner.js";
export {
  BUILTIN_DOMAINS,
  BUILTIN_LEVELS,
  type BuiltinLevel,
  buildDomainSuite,
  type DomainPool,
  type PoolTask,
  SUITE_IDS,
  type SuiteId,
  builtinSuites,
  getSuite,
  suiteIdsFor,
} from "./builtin/index.js";
export { type SyntheticSuiteOptions, syntheticSuite } from "./synthetic-suite.js";
export { type LayeredSuiteOptions, layeredSuite } from "./layered-suite.js";
export { pLabel, pFromLabel } from "./p-label.js";
export { importSpecifiers, normaliseWorkspacePath, resolveRelative } from "./workspace-paths.js";
export { type PaperSuiteOptions, loadPaperSuite, loadPaperSuites, parsePaperSuite } from "./paper-format.js";
export {
  amdahlTable,
  suiteShapeTable,
  roundsTable,
  type AmdahlTableRow,
  type SuiteShapeRow,
  type RoundsRow,
} from "./dag-tables.js";
export { planPreassignment } from "./assignment.js";
