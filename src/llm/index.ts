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
export { BackendError } from "./errors.js";
export { type Rng, SEED_LIMIT, createRng, deriveSeed, randomInt, bernoulli, standardNormal, logNormal, pareto } from "./rng.js";
export { TOKENIZER, loadTokenizer, countTextTokens, countSegmentTokens } from "./tokens.js";
export {
  type SimProfile,
  SIM_PROFILES,
  SIM_PROFILE_NAMES,
  DEFAULT_SIM_PROFILE,
  validateSimProfile,
  getSimProfile,
} from "./sim-profiles.js";
export { type SimDecision, decideReply } from "./sim-policy.js";
export { simulateLatency, createSimulatedBackend } from "./simulated-backend.js";
export {
  type ScriptedReply,
  type ReplyScript,
  type ScriptedBackendOptions,
  createScriptedBackend,
} from "./scripted-backend.js";
