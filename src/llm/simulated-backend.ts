import type { AgentBackend, AgentReply, AgentRequest } from "./types.js";
import { formatAction } from "../team/actions.js";
import { decideReply } from "./sim-policy.js";
import { getSimProfile, validateSimProfile, type SimProfile } from "./sim-profiles.js";
import { countSegmentTokens, countTextTokens } from "./tokens.js";
import { bernoulli, logNormal, pareto, type Rng } from "./rng.js";

/**
 * Latency of one simulated reply, in virtual seconds (the formula is documented on `SimProfile`).
 * Draws two or three values from `rng`: the noise, the straggler coin and, if it comes up, the delay.
 */
export function simulateLatency(profile: SimProfile, inputTokens: number, outputTokens: number, rng: Rng): number {
  const s = profile.latencySigma;
  const work = profile.baseSeconds + profile.secondsPerOutputToken * outputTokens + profile.secondsPerInputToken * inputTokens;
  let latency = work * logNormal(rng, -(s * s) / 2, s);
  if (bernoulli(rng, profile.stragglerProbability)) latency += pareto(rng, profile.stragglerScaleSeconds, profile.stragglerAlpha);
  return latency;
}

/**
 * The simulated backend: a model of an LLM agent, deterministic for a seed, on a virtual clock.
 *
 * It decides from the request's structured view (`decideReply`), and replies in the same action-tag
 * text a real model would (so the runtime parses and applies it exactly as in a real run).
 * Tokens: input = the request's prompt segments counted with o200k_base (sum of memoised segment
 * counts, see `tokens.ts`); output = the reply's parts (the prose line and each tag, which are joined
 * by newlines into the text) counted the same way. Latency: `simulateLatency`.
 * Everything it produces is labelled simulated (`simulated: true`, `model_dir` `sim_<profile>`).
 */
export function createSimulatedBackend(profile: SimProfile | string = "balanced"): AgentBackend {
  const p = validateSimProfile(typeof profile === "string" ? getSimProfile(profile) : { ...profile });
  return {
    name: "simulated",
    modelDir: `sim_${p.name}`,
    profile: p.name,
    simulated: true,
    clock: "virtual",
    reply(request: AgentRequest, rng: Rng): Promise<AgentReply> {
      const decision = decideReply(request.view, p, rng);
      const parts = [decision.prose];
      let outputTokens = countTextTokens(decision.prose);
      for (const a of decision.actions) {
        const tag = formatAction(a);
        parts.push(tag);
        outputTokens += countTextTokens(tag);
      }
      const inputTokens = countSegmentTokens(request.segments);
      const latencySeconds = simulateLatency(p, inputTokens, outputTokens, rng);
      return Promise.resolve({ text: parts.join("\n"), inputTokens, outputTokens, latencySeconds });
    },
  };
}
