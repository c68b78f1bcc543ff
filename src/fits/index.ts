/** Fits over run tables, by family (Amdahl with its run bootstrap, USL, message growth, cost frontier, team worth). */
export { analyzeRuns } from "./analyze-runs.js";
export { DEFAULT_ANALYSIS_SEED, resolveAnalysisOptions, type AnalysisOptions, type ResolvedAnalysisOptions } from "./options.js";
export type {
  AmdahlBootstrap,
  AmdahlCell,
  AnalysisTables,
  CellId,
  CostFrontierPoint,
  MessageCell,
  MessageMean,
  RunAnalysis,
  SkippedFit,
  TeamWorthCell,
  UslCell,
} from "./types.js";
