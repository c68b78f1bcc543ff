export { type TeamMode, TEAM_MODES, isTeamMode } from "./mode.js";
export {
  type AgentAction,
  type AgentActionType,
  type ClaimAction,
  type WriteAction,
  type RunTestsAction,
  type CompleteAction,
  type MessageAction,
  type BroadcastAction,
  type AssignAction,
  ACTION_TYPES,
  formatAction,
} from "./actions.js";
export {
  type ParseLimits,
  type ParseProblem,
  type ParseDiagnostic,
  type ParsedReply,
  DEFAULT_PARSE_LIMITS,
  parseActions,
} from "./parse-actions.js";
export { type PathProblem, type PathCheck, MAX_PATH_CHARS, MAX_PATH_SEGMENTS, MAX_SEGMENT_CHARS, checkWorkspacePath } from "./paths.js";
export { type FileVersion, type WorkspaceFileInfo, type WriteOutcome, Workspace } from "./workspace.js";
export { type ClaimRefusal, type ClaimOutcome, type CompleteRefusal, TaskBoard } from "./board.js";
export { planPreassignment } from "./assignment.js";
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
