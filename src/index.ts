/**
 * llm-teams-ds: the package's public entry. Each folder's index re-exports its public surface.
 */
export * from "./core/index.js";
export * from "./tasks/index.js";
export * from "./agent/index.js";
export * from "./team/index.js";
export * from "./llm/index.js";
export * from "./sandbox/index.js";
export * from "./events/index.js";
export * from "./runs/index.js";
export * from "./experiment/index.js";
export * from "./metrics/index.js";
export * from "./analysis/index.js";
export * from "./fits/index.js";
export * from "./plots/index.js";
export * from "./frames/index.js";
export * from "./report/index.js";
export * from "./notebook/index.js";
