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
export {
  type ResolvedRunTeamOptions,
  MAX_TEAMMATES,
  MAX_ROUNDS,
  MAX_REQUEST_TIMEOUT_SECONDS,
  resolveRunTeamOptions,
  validateTeamRunConfig,
} from "./run-options.js";
export {
  type AgentState,
  type TeamState,
  type RoundSnapshot,
  ORCHESTRATOR,
  LEAD,
  workerNames,
  createTeamState,
  preassignTasks,
  roundSnapshot,
  agentView,
} from "./team-state.js";
export {
  type ActionContext,
  type DeferredAction,
  type PendingAction,
  type ActionEffect,
  type Arrival,
  type RepliesEffect,
  applyAction,
  applyReply,
  applyReplies,
} from "./apply-action.js";
export { type TestRequest, type TestResult, type RoundSettlement, settleRound } from "./settle-round.js";
export { runTeam } from "./orchestrator.js";
export { type RunSummaryRow, type RunSummaryMeta, type RunSummaryExtras, RUN_EXTRA_COLUMNS, summarizeRun, eventsOfType } from "./run-summary.js";
export { describeTeamRun } from "./describe-run.js";
