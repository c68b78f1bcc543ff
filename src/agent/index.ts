/** The runtime-model protocol: what an agent sees, what it may do, and the backend interface. */
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
export type {
  ChatMessage,
  AgentRole,
  BoardEntry,
  WorkspaceFileEntry,
  InboxMessage,
  HistoryEntry,
  AgentView,
  AgentRequest,
  AgentReply,
  AgentBackend,
} from "./types.js";
