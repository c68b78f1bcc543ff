import type { AgentBackend, AgentReply, AgentRequest } from "../agent/types.js";
import { formatAction } from "../agent/actions.js";
import { decideReply } from "./sim-policy.js";
import { getSimProfile, validateSimProfile, type SimProfile } from "./sim-profiles.js";
import { countSegmentTokens, countTextTokens, loadTokenizer } from "./tokens.js";
import { bernoulli, logNormal, pareto, type Rng } from "../core/rng.js";

/**
 * Latency of one simulated reply, in virtual seconds (the formula is documented on `SimProfile`).
 * Draws two or three values from `rng`: the noise, the straggler coin and, if it comes up, the delay.
 */
export function simulateLatency(profile: SimProfile, inputTokens: number, outputTokens: number, rng: Rng): number {
  const s = profile.latencySigma;
  const work = profile.baseSeconds + profile.secondsPerOutputToken * outputTokens + profile.secondsPerInputToken * inputTokens;
  let latency = work * logNormal(rng, -(s * s) / 2, s);
  if (bernoulli(rng, profile.stragglerProbability)) {
    latency += Math.min(pareto(rng, profile.stragglerScaleSeconds, profile.stragglerAlpha), profile.stragglerCapSeconds);
  }
  return latency;
}

/**
 * The simulated backend: a model of an LLM agent, deterministic for a seed, on a virtual clock.
 *
 * It decides from the request's structured view (`decideReply`), and replies in the same action-tag
 * text a real model would (so the runtime parses and applies it exactly as in a real run).
 * Tokens: input = the request's prompt segments counted with o200k_base (sum of memoised segment
 * counts, see `tokens.ts`); output = the reply's parts counted the same way: the prose line and each
 * tag (joined by newlines into the text), a write tag as its opening tag, content and closing tag.
 * Latency: `simulateLatency`.
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
    async reply(request: AgentRequest, rng: Rng): Promise<AgentReply> {
      await loadTokenizer();
      const decision = decideReply(request.view, p, rng);
      const parts = [decision.prose];
      let outputTokens = countTextTokens(decision.prose);
      for (const a of decision.actions) {
        const tag = formatAction(a);
        parts.push(tag);
        if (a.type === "write") {
          // Opening tag, content and closing tag counted apart: the content is the suite's own string
          // object, whose count the memo finds without re-hashing a fresh copy of the file.
          const open = tag.slice(0, tag.length - a.content.length - "</write>".length);
          outputTokens += countTextTokens(open) + countTextTokens(a.content) + countTextTokens("</write>");
        } else {
          outputTokens += countTextTokens(tag);
        }
      }
      const inputTokens = countSegmentTokens(request.segments);
      const latencySeconds = simulateLatency(p, inputTokens, outputTokens, rng);
      return { text: parts.join("\n"), inputTokens, outputTokens, latencySeconds };
    },
  };
}
