export { type PathProblem, type PathCheck, MAX_PATH_CHARS, MAX_PATH_SEGMENTS, MAX_SEGMENT_CHARS, checkWorkspacePath } from "./paths.js";
export { type FileVersion, type WorkspaceFileInfo, type WriteOutcome, Workspace } from "./workspace.js";
export { type ClaimRefusal, type ClaimOutcome, type CompleteRefusal, TaskBoard } from "./board.js";
export {
  type PromptWindow,
  type RenderedPrompt,
  DEFAULT_PROMPT_WINDOW,
  PROMPT_VERSION,
  renderPrompt,
  renderSystemPrompt,
  renderBoardLine,
} from "./prompt.js";
export {
  type TeamRunConfig,
  type VirtualTestSeconds,
  type RunTeamOptions,
  type EndReason,
  type TeamRunResult,
  DEFAULT_VIRTUAL_TEST_SECONDS,
} from "./types.js";
export { ORCHESTRATOR, LEAD, workerNames, runTeam } from "./orchestrator.js";
export { type RunSummaryRow, type RunSummaryMeta, type RunSummaryExtras, RUN_EXTRA_COLUMNS, summarizeRun, eventsOfType } from "./run-summary.js";
