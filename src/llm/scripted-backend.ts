import type { AgentBackend, AgentReply, AgentRequest, AgentView } from "../agent/types.js";
import type { Rng } from "../core/rng.js";
import { countSegmentTokens, countTextTokens, loadTokenizer } from "./tokens.js";

/** One scripted reply: the text, and optionally its latency and usage. */
export interface ScriptedReply {
  text: string;
  /** @default 1 */
  latencySeconds?: number;
  /** @default the prompt's segments counted with o200k_base */
  inputTokens?: number;
  /** @default the text counted with o200k_base */
  outputTokens?: number;
}

/** Decides a reply from the agent's view (and the raw request, for tests of prompt rendering). */
export type ReplyScript = (view: AgentView, request: AgentRequest) => ScriptedReply | string;

export interface ScriptedBackendOptions {
  /** @default "scripted" */
  name?: string;
  /** @default "scripted" */
  modelDir?: string;
  /** @default true: a script is not a measurement of a model either */
  simulated?: boolean;
}

/**
 * A backend that answers from a script: for tests of the runtime (crafted scenarios that must produce
 * a given violation) and for replaying recorded replies. Virtual clock; a thrown error in the script
 * behaves like a failing model (the run ends with reason "error").
 */
export function createScriptedBackend(script: ReplyScript, options: ScriptedBackendOptions = {}): AgentBackend {
  return {
    name: options.name ?? "scripted",
    modelDir: options.modelDir ?? "scripted",
    profile: "scripted",
    simulated: options.simulated ?? true,
    clock: "virtual",
    async reply(request: AgentRequest, _rng: Rng): Promise<AgentReply> {
      const r = script(request.view, request);
      const s: ScriptedReply = typeof r === "string" ? { text: r } : r;
      if (s.inputTokens === undefined || s.outputTokens === undefined) await loadTokenizer();
      return {
        text: s.text,
        latencySeconds: s.latencySeconds ?? 1,
        inputTokens: s.inputTokens ?? countSegmentTokens(request.segments),
        outputTokens: s.outputTokens ?? countTextTokens(s.text),
      };
    },
  };
}
