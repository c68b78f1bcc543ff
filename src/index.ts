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
// The team runtime (src/team, src/experiment) is not exported here: tslab's TypeScript 5.0.4 cannot
// type-check it, and notebooks import this file. Notebooks run teams through the team worker
// (src/notebook/team-worker.ts); scripts import src/team and src/experiment directly.
export { SIM_PROFILES, SIM_PROFILE_NAMES, DEFAULT_SIM_PROFILE, type SimProfile } from "./llm/sim-profiles.js";
export { TEAM_MODES, isTeamMode, type TeamMode } from "./team/mode.js";
