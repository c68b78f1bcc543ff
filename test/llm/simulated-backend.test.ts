import { describe, expect, it } from "vitest";
import { runTeam } from "../../src/team/orchestrator.js";
import { parseActions } from "../../src/agent/parse-actions.js";
import { eventsOfType } from "../../src/team/run-summary.js";
import { formatEventLog } from "../../src/events/jsonl.js";
import { createSimulatedBackend, simulateLatency } from "../../src/llm/simulated-backend.js";
import { getSimProfile, SIM_PROFILE_NAMES, SIM_PROFILES, validateSimProfile } from "../../src/llm/sim-profiles.js";
import { createRng } from "../../src/core/rng.js";
import type { AgentBackend, AgentReply, AgentRequest } from "../../src/agent/types.js";
import type { TeamMode } from "../../src/agent/mode.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { runSuiteTests } from "../../src/tasks/runner.js";

const testRunner = { run: runSuiteTests };
const suite = getSuite("mathutils_p05");

/** Wraps a backend and keeps every reply text. */
function recording(inner: AgentBackend): AgentBackend & { texts: string[] } {
  const texts: string[] = [];
  return {
    ...inner,
    texts,
    async reply(request: AgentRequest, rng): Promise<AgentReply> {
      const r = await inner.reply(request, rng);
      texts.push(r.text);
      return r;
    },
  };
}

async function simRun(mode: TeamMode, n: number, seed: number, profile = "balanced") {
  const backend = recording(createSimulatedBackend(profile));
  const result = await runTeam({ runId: `sim-${mode}-${n}-${seed}`, suite, mode, teammates: n, maxRounds: 50, seed }, { backend, testRunner });
  return { result, backend };
}

describe("simulated backend", () => {
  it("is deterministic: the same seed gives a byte-identical event log, another seed a different one", async () => {
    for (const mode of ["preassign", "decentralized", "lead"] as const) {
      const a = await simRun(mode, 3, 11);
      const b = await simRun(mode, 3, 11);
      const c = await simRun(mode, 3, 12);
      expect(formatEventLog(b.result.events)).toBe(formatEventLog(a.result.events));
      expect(formatEventLog(c.result.events)).not.toBe(formatEventLog(a.result.events).replace(/-11"/g, '-12"'));
    }
  });

  it("speaks the action protocol: every reply parses without a diagnostic", async () => {
    for (const profile of SIM_PROFILE_NAMES) {
      for (const mode of ["preassign", "decentralized", "lead"] as const) {
        const { backend, result } = await simRun(mode, 4, 5, profile);
        expect(backend.texts.length).toBeGreaterThan(0);
        for (const t of backend.texts) expect(parseActions(t).diagnostics).toEqual([]);
        expect(eventsOfType(result.events, "action_rejected").filter((e) => !["not_owner", "already_done", "dependencies_pending"].includes(e.reason))).toEqual([]);
      }
    }
  });

  it("finishes the built-in suite in every mode and labels its runs simulated", async () => {
    for (const mode of ["preassign", "decentralized", "lead"] as const) {
      const { result } = await simRun(mode, 2, 3);
      expect(result.endReason).toBe("all_tasks_done");
      expect(eventsOfType(result.events, "run_start")[0]).toMatchObject({ clock: "virtual", simulated: true });
    }
    const b = createSimulatedBackend("slow-careful");
    expect([b.name, b.modelDir, b.profile, b.simulated, b.clock]).toEqual(["simulated", "sim_slow-careful", "slow-careful", true, "virtual"]);
  });

  it("reports tokens and latency on every reply: input = prompt, output = reply text", async () => {
    const { result, backend } = await simRun("decentralized", 2, 9);
    const replies = eventsOfType(result.events, "agent_reply");
    expect(replies).toHaveLength(backend.texts.length);
    for (const r of replies) {
      // The system prompt alone (20 task descriptions) is several hundred tokens.
      expect(r.input_tokens).toBeGreaterThan(500);
      expect(r.output_tokens).toBeGreaterThan(0);
      expect(r.latency_s).toBeGreaterThan(0);
    }
  });

  it("writes a faulty solution sometimes and fixes it after the failed test run", async () => {
    const backend = createSimulatedBackend({ ...getSimProfile("balanced"), name: "mistakes", mistakeRate: 0.5, fixRate: 1 });
    const r = await runTeam({ runId: "m", suite, mode: "preassign", teammates: 2, maxRounds: 50, seed: 4 }, { backend, testRunner });
    const tests = eventsOfType(r.events, "run_tests");
    expect(tests.some((t) => t.returncode === 1)).toBe(true);
    expect(r.endReason).toBe("all_tasks_done");
  });
});

describe("simulateLatency", () => {
  it("is base + per-token costs without noise or stragglers", () => {
    const p = { ...getSimProfile("balanced"), latencySigma: 0, stragglerProbability: 0 };
    expect(simulateLatency(p, 1000, 200, createRng(1))).toBeCloseTo(p.baseSeconds + 200 * p.secondsPerOutputToken + 1000 * p.secondsPerInputToken, 12);
  });

  it("adds a Pareto delay of at least x_m to stragglers", () => {
    const p = { ...getSimProfile("balanced"), latencySigma: 0, stragglerProbability: 1 };
    const base = p.baseSeconds + 200 * p.secondsPerOutputToken;
    expect(simulateLatency(p, 0, 200, createRng(1))).toBeGreaterThanOrEqual(base + p.stragglerScaleSeconds);
  });
});

describe("profiles", () => {
  it("has at least three valid named profiles with distinct speed, reliability and coordination", () => {
    expect(SIM_PROFILE_NAMES.length).toBeGreaterThanOrEqual(3);
    for (const name of SIM_PROFILE_NAMES) expect(validateSimProfile(getSimProfile(name)).name).toBe(name);
    const [fast, mid, slow] = ["fast-careless", "balanced", "slow-careful"].map((n) => SIM_PROFILES[n]!);
    expect(fast!.secondsPerOutputToken).toBeLessThan(mid!.secondsPerOutputToken);
    expect(mid!.secondsPerOutputToken).toBeLessThan(slow!.secondsPerOutputToken);
    expect(fast!.mistakeRate).toBeGreaterThan(slow!.mistakeRate);
    expect(fast!.broadcastRate).toBeLessThan(slow!.broadcastRate);
  });

  it("refuses unknown names and out-of-range parameters with the valid values", () => {
    expect(() => getSimProfile("gpt-9")).toThrow('getSimProfile: unknown profile "gpt-9"; valid: fast-careless, balanced, slow-careful');
    expect(() => validateSimProfile({ ...getSimProfile("balanced"), mistakeRate: 1.5 })).toThrow(
      "validateSimProfile(balanced): mistakeRate must be in [0, 1]; got 1.5",
    );
    expect(() => validateSimProfile({ ...getSimProfile("balanced"), claimsPerReply: 0 })).toThrow("claimsPerReply must be a positive integer; got 0");
    expect(() => validateSimProfile({ ...getSimProfile("balanced"), stragglerAlpha: 0 })).toThrow("stragglerAlpha must be a positive number");
  });
});
