/**
 * llm-teams-ds: the package's public entry. Each folder's index re-exports its public surface.
 */
export * from "./errors.js";
export * from "./events/types.js";
export * from "./events/jsonl.js";
export * from "./runs/types.js";
export * from "./runs/csv.js";
export * from "./io/index.js";
export * from "./metrics/index.js";
export * from "./plots/index.js";
export * from "./frames/index.js";
export * from "./pipeline/paper.js";
export * from "./pipeline/analysis.js";
export * from "./analysis/index.js";
export * from "./pipeline/sweep-results.js";
export * from "./notebook/index.js";
export * from "./tasks/index.js";
export * from "./team/index.js";
export * from "./llm/index.js";
export * from "./experiment/index.js";
export * from "./sandbox/index.js";
