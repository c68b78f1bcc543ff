import type { Clock } from "../events/types.js";
import type { Suite } from "../tasks/types.js";
import type { TeamMode } from "./mode.js";
import type { Rng } from "../core/rng.js";

/**
 * The contract between the team runtime and an agent's model. The runtime sends an `AgentRequest`
 * (the rendered prompt a real LLM is sent, plus the same information as data) and gets back an
 * `AgentReply` (text with action tags, token usage, latency).
 */

/** One chat message of a rendered prompt (OpenAI-style roles). */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type AgentRole = "worker" | "lead";

/** A task as it stands on the board at a round's start. */
export interface BoardEntry {
  id: string;
  title: string;
  files: readonly string[];
  dependencies: readonly string[];
  status: "free" | "claimed" | "done";
  /** The agent that claimed or was assigned the task (also kept once it is done). */
  owner: string | null;
}

/** A file as it stands in the workspace at a round's start. */
export interface WorkspaceFileEntry {
  path: string;
  bytes: number;
  lastWriter: string;
  lastRound: number;
}

/** A message delivered to the agent (sent in an earlier round). */
export interface InboxMessage {
  round: number;
  from: string;
  text: string;
  broadcast: boolean;
}

/**
 * What an agent learned from its own earlier actions, one entry per outcome. `text` is the line its
 * prompt shows (rendered once, when the entry is made).
 */
export type HistoryEntry =
  | { kind: "claim"; round: number; task: string; ok: boolean; reason: string | null; owner: string | null; text: string }
  | { kind: "assigned"; round: number; task: string; by: string; text: string }
  | { kind: "assign"; round: number; task: string; to: string; ok: boolean; reason: string | null; text: string }
  | { kind: "write"; round: number; path: string; bytes: number; lockOk: boolean; lockHolder: string; text: string }
  | {
      kind: "tests";
      round: number;
      task: string | null;
      returncode: number;
      passed: number;
      failed: number;
      failures: readonly string[];
      text: string;
    }
  | { kind: "complete"; round: number; task: string; ok: boolean; reason: string | null; text: string }
  | { kind: "sent"; round: number; to: readonly string[]; text: string }
  | { kind: "rejected"; round: number; reason: string; detail: string; text: string };

/**
 * The structured view of the state an agent acts on: the board and workspace as of the round's
 * start (a snapshot shared by every agent of the round), its own history, and the messages it has
 * received. It holds exactly what the rendered prompt shows, as data, so a simulated model need not
 * parse prose.
 */
export interface AgentView {
  runId: string;
  suite: Suite;
  mode: TeamMode;
  role: AgentRole;
  agent: string;
  /** 0-based position among the workers (the lead has index -1). */
  agentIndex: number;
  /** Worker names, in order (`Dev1`, `Dev2`, ...). */
  workers: readonly string[];
  /** The lead's name in `lead` mode, else null. */
  lead: string | null;
  round: number;
  maxRounds: number;
  board: readonly BoardEntry[];
  files: readonly WorkspaceFileEntry[];
  /** Workspace contents at the round's start. */
  contents: ReadonlyMap<string, string>;
  /** The agent's history, oldest first (all of it; the prompt shows the most recent window). */
  history: readonly HistoryEntry[];
  /** Messages received, oldest first (all of them; the prompt shows the most recent window). */
  inbox: readonly InboxMessage[];
}

export interface AgentRequest {
  /** The prompt as a real model is sent it. */
  messages: readonly ChatMessage[];
  /**
   * The prompt split into segments (system prompt, each board line, each history line, each message,
   * each file shown); `messages` is these joined. Input tokens can be counted as the sum of the
   * segments' counts (see `llm/tokens.ts`).
   */
  segments: readonly string[];
  view: AgentView;
  /**
   * Aborted when the run is cancelled or the request times out (wall-clock backends should pass it
   * to their HTTP client; simulated backends may ignore it).
   */
  signal: AbortSignal;
}

export interface AgentReply {
  /** The reply text, with action tags. */
  text: string;
  /** Usage as reported by the provider (or counted, for simulated backends). */
  inputTokens: number;
  outputTokens: number;
  /**
   * Seconds from the request to the reply. Virtual-clock backends report the simulated latency here
   * and the orchestrator advances its clock by it; wall-clock backends report what they measured,
   * and the orchestrator timestamps events with its own clock.
   */
  latencySeconds: number;
}

/**
 * A model behind an agent. `reply` may be called for several agents at once (one round's requests
 * are concurrent); an implementation with shared state must allow that. It receives the agent's own
 * seeded `rng` (one stream per agent per run), so a deterministic backend stays deterministic under
 * concurrency.
 *
 * Errors: throw (ideally a `BackendError`) when no reply can be had after the backend's own retries;
 * the orchestrator then ends the run with `run_end` reason "error" and the error's message, and a
 * sweep goes on with the next run. Rate limits, retries with back-off and timeouts belong inside
 * the backend (or to `signal`), not in the orchestrator.
 */
export interface AgentBackend {
  /** Backend kind, written to the sweep config and run rows (`simulated`, `openai`, `scripted`). */
  readonly name: string;
  /** The run table's `model_dir`: `sim_<profile>` for simulated runs, a provider_model slug otherwise. */
  readonly modelDir: string;
  /** Profile (simulated) or model name, for the run row's `profile` column. */
  readonly profile: string;
  /** True for backends that model an LLM instead of calling one. */
  readonly simulated: boolean;
  /** Whether latencies are virtual (simulated) or measured on the wall clock. */
  readonly clock: Clock;
  reply(request: AgentRequest, rng: Rng): Promise<AgentReply>;
}
