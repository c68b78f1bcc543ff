/**
 * llm-teams-ds: the package's public entry.
 *
 * This entry is the curated surface: what a notebook, a script or a course needs to run teams, load runs,
 * compute the paper's tables, fit scaling laws and draw figures. Each concept is also an entry of its own
 * with its whole public surface (package.json "exports"; in this checkout `./src/<concept>/index.js`):
 *
 *   llm-teams-ds/core        errors, seeded random streams, CSV and parquet readers
 *   llm-teams-ds/tasks       task DAGs, suites, the p-label codec, schedules, trusted test runners
 *   llm-teams-ds/agent       the runtime-model protocol: actions, modes, the parser, the backend interface
 *   llm-teams-ds/team        the round loop, its rules, board, workspace, prompts, the run summary
 *   llm-teams-ds/llm         backends (simulated, scripted, OpenAI-compatible, replay), limits, prices
 *   llm-teams-ds/sandbox     the OS sandbox for agent-written code
 *   llm-teams-ds/events      the event union, its validated reading, the event table
 *   llm-teams-ds/runs        the run table
 *   llm-teams-ds/experiment  sweeps: options, grid, crash-safe files, resume
 *   llm-teams-ds/metrics     per-run metrics and the paper's tables
 *   llm-teams-ds/analysis    the numerical library: regression, distributions, scaling-law models
 *   llm-teams-ds/fits        the fits of a run table
 *   llm-teams-ds/plots       figure specs and rendering
 *   llm-teams-ds/frames      danfojs DataFrames
 *   llm-teams-ds/report      loading data, writing tables and figures, fit prose
 *   llm-teams-ds/notebook    notebook display
 *   llm-teams-ds/cli         the command lines
 */

// ---- core
export { ToolkitError, DataFileError, error, assertNever, createRng, deriveSeed, projectRoot, type Rng } from "./core/index.js";

// ---- tasks
export {
  getSuite,
  builtinSuites,
  SUITE_IDS,
  syntheticSuite,
  layeredSuite,
  loadPaperSuite,
  loadPaperSuites,
  validateSuite,
  assertValidSuite,
  criticalPath,
  dagShape,
  parallelFraction,
  minimumRounds,
  listSchedule,
  amdahlSpeedup,
  pLabel,
  pFromLabel,
  amdahlTable,
  suiteShapeTable,
  roundsTable,
  runSuiteTests,
  type Suite,
  type TaskSpec,
} from "./tasks/index.js";

// ---- agent protocol and team runtime
export { TEAM_MODES, parseActions, formatAction, type TeamMode, type AgentAction, type AgentBackend } from "./agent/index.js";
export {
  runTeam,
  summarizeRun,
  describeTeamRun,
  type TeamRunConfig,
  type RunTeamOptions,
  type TeamRunResult,
} from "./team/index.js";

// ---- backends, prices, sandbox
export {
  createSimulatedBackend,
  createScriptedBackend,
  createOpenAIBackend,
  createReplaySession,
  SIM_PROFILES,
  SIM_PROFILE_NAMES,
  SIMULATED_NOTE,
  DEFAULT_PRICE_TABLE,
  withPrices,
  tokenCostUsd,
  runCostUsd,
  notebookEndpoint,
  describeEndpoint,
  endpointBackendOptions,
  describeRunCost,
  BackendError,
  type SimProfile,
  type PriceTable,
} from "./llm/index.js";
export { createSandboxRunner, probeSandbox, SandboxUnavailableError } from "./sandbox/index.js";

// ---- event logs and run tables
export {
  loadEventsParquet,
  loadEventsJsonl,
  readEventsJsonl,
  parseEventLines,
  eventTableOfRun,
  eventRowsOfRun,
  eventTypeCounts,
  EVENT_SCHEMA_VERSION,
  type TeamEvent,
  type EventTable,
} from "./events/index.js";
export { loadRunsParquet, loadRunsCsv, runRecords, conditionOf, type RunRow } from "./runs/index.js";

// ---- sweeps
export { runSweep, resolveSweepOptions, type SweepOptions, type SweepOptionsInput } from "./experiment/index.js";

// ---- metrics, statistics, fits
export {
  runEventMetrics,
  paperTables,
  speedupSeries,
  sweepSummaryTable,
  runSummaryRecords,
  mean,
  sem,
  type RunEventMetrics,
  type PaperTables,
} from "./metrics/index.js";
export {
  fitLinear,
  fitExpression,
  fitAmdahl,
  fitAmdahlOverhead,
  fitUsl,
  fitMessageGrowth,
  compareModels,
  fTestNested,
  paretoFrontier,
  teamWorth,
  predictAmdahl,
  predictUsl,
  type LinearFit,
  type ModelFit,
  type ScalingFit,
} from "./analysis/index.js";
export { analyzeRuns, type AnalysisOptions, type RunAnalysis } from "./fits/index.js";

// ---- figures and DataFrames
export {
  paperFigures,
  speedupFigure,
  amdahlCurvesFigure,
  amdahlFitFigure,
  uslVsAmdahlFigure,
  messageGrowthFigure,
  costFrontierFigure,
  teamWorthFigure,
  dagFigure,
  scheduleFigure,
  runTimelineFigure,
  pickFigure,
  modelLabel,
  FigureRenderer,
  writeFigureFiles,
  type FigureSpec,
  type CsvTable,
  type NamedFigure,
} from "./plots/index.js";
export { toDataFrame, recordsToDataFrame, tableToDataFrame, eventsToDataFrame } from "./frames/index.js";

// ---- reports: the paper's data, sweeps, fit tables and prose
export {
  loadPaperData,
  ensurePaperData,
  loadSweepResults,
  notebookPaperDir,
  amdahlFitsCsv,
  uslFitsCsv,
  messageFitsCsv,
  costFrontierCsv,
  amdahlFitSentence,
  fitParameterRows,
  fitStatisticsRow,
  speedupPointsOf,
  designValueComparison,
  designValueRows,
  priceTableRows,
  teamSizeRows,
} from "./report/index.js";

// ---- notebooks
export { openNotebook, runNotebookSweep, NotebookSession, openPaperData } from "./notebook/index.js";
