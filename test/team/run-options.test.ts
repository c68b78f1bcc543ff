import { describe, expect, it } from "vitest";
import { resolveRunTeamOptions, validateTeamRunConfig } from "../../src/team/run-options.js";
import { createScriptedBackend } from "../../src/llm/scripted-backend.js";
import { DEFAULT_PARSE_LIMITS } from "../../src/agent/parse-actions.js";
import type { RunTeamOptions } from "../../src/team/types.js";
import { chainSuite, exactRunner } from "./fixtures.js";

const backend = createScriptedBackend(() => "");
const base: RunTeamOptions = { backend, testRunner: exactRunner };
const resolve = (more: Record<string, unknown>) => (): unknown => resolveRunTeamOptions({ ...base, ...more } as RunTeamOptions);

describe("resolveRunTeamOptions", () => {
  it("fills in the documented defaults", () => {
    const r = resolveRunTeamOptions(base);
    expect(r).toMatchObject({
      backend,
      testRunner: exactRunner,
      virtualTestSeconds: { base: 0.8, perTask: 0.1 },
      parseLimits: DEFAULT_PARSE_LIMITS,
      promptWindow: { history: 40, inbox: 20 },
      signal: null,
      requestTimeoutSeconds: null,
    });
    expect(typeof r.now).toBe("function");
  });

  it("defaults to a monotonic clock in Unix seconds: readings never decrease", () => {
    const { now } = resolveRunTeamOptions(base);
    const readings = Array.from({ length: 1000 }, () => now());
    for (let i = 1; i < readings.length; i++) expect(readings[i]!).toBeGreaterThanOrEqual(readings[i - 1]!);
    // Unix seconds, not milliseconds or a process-relative origin: after 2020-01-01 and before 2100-01-01.
    expect(readings[0]!).toBeGreaterThan(1_577_836_800);
    expect(readings[0]!).toBeLessThan(4_102_444_800);
  });

  it("keeps given values, merging partial parse limits with the defaults", () => {
    const signal = new AbortController().signal;
    const now = (): number => 5;
    const r = resolveRunTeamOptions({
      ...base,
      virtualTestSeconds: { base: 0, perTask: 2 },
      parseLimits: { maxActions: 3 },
      promptWindow: { history: 0, inbox: 1 },
      signal,
      requestTimeoutSeconds: 30,
      now,
    });
    expect(r).toMatchObject({ virtualTestSeconds: { base: 0, perTask: 2 }, promptWindow: { history: 0, inbox: 1 }, signal, requestTimeoutSeconds: 30, now });
    expect(r.parseLimits).toEqual({ ...DEFAULT_PARSE_LIMITS, maxActions: 3 });
  });

  it("refuses bad values, naming the option, the value and the valid range", () => {
    const fn = "resolveRunTeamOptions: ";
    expect(resolve({ requestTimeoutSeconds: 0 })).toThrow(`${fn}options.requestTimeoutSeconds must be a number of seconds in (0, 2147483]; got 0`);
    expect(resolve({ requestTimeoutSeconds: Infinity })).toThrow("options.requestTimeoutSeconds must be a number of seconds in (0, 2147483]; got Infinity");
    expect(resolve({ requestTimeoutSeconds: Number.NaN })).toThrow("got NaN");
    expect(resolve({ virtualTestSeconds: { base: -1, perTask: 0 } })).toThrow(`${fn}options.virtualTestSeconds.base must be a finite number >= 0; got -1`);
    expect(resolve({ virtualTestSeconds: { base: 1, perTask: Number.NaN } })).toThrow("options.virtualTestSeconds.perTask must be a finite number >= 0; got NaN");
    expect(resolve({ parseLimits: { maxActions: 0 } })).toThrow(`${fn}options.parseLimits.maxActions must be a positive integer; got 0`);
    expect(resolve({ promptWindow: { history: 2.5, inbox: 1 } })).toThrow(`${fn}options.promptWindow.history must be an integer >= 0; got 2.5`);
    expect(resolve({ now: 5 })).toThrow(`${fn}options.now must be a function returning Unix seconds; got number`);
    expect(resolve({ backend: {} })).toThrow(`${fn}options.backend must be an AgentBackend (an object with a reply function)`);
    expect(resolve({ backend: { ...backend, clock: "sundial" } })).toThrow(`${fn}options.backend.clock must be "virtual" or "wall"; got sundial`);
    expect(resolve({ testRunner: undefined })).toThrow(`${fn}options.testRunner must be a TestRunner (an object with a run function)`);
  });

  it("refuses unknown fields of the option records, so a misspelt limit is not silently ignored", () => {
    expect(resolve({ parseLimits: { maxAction: 3 } })).toThrow(
      'resolveRunTeamOptions: options.parseLimits has no field "maxAction"; valid fields: maxWriteBytes, maxMessageChars, maxAttributeChars, maxActions, maxReplyChars',
    );
    expect(resolve({ promptWindow: { history: 1, inbox: 1, messages: 3 } })).toThrow('options.promptWindow has no field "messages"; valid fields: history, inbox');
    expect(resolve({ virtualTestSeconds: { base: 1, perTask: 1, perFile: 1 } })).toThrow('options.virtualTestSeconds has no field "perFile"');
  });
});

describe("validateTeamRunConfig", () => {
  const config = { runId: "x", suite: chainSuite(), mode: "decentralized" as const, teammates: 1, maxRounds: 1, seed: 0 };

  it("accepts the ends of each range", () => {
    expect(() => validateTeamRunConfig({ ...config, teammates: 64, maxRounds: 10_000, seed: 2 ** 32 - 1 })).not.toThrow();
  });

  it("refuses out-of-range fields, naming the field and the range", () => {
    expect(() => validateTeamRunConfig({ ...config, teammates: 65 })).toThrow("runTeam: config.teammates must be an integer from 1 to 64; got 65");
    expect(() => validateTeamRunConfig({ ...config, maxRounds: 0 })).toThrow("runTeam: config.maxRounds must be an integer from 1 to 10000; got 0");
    expect(() => validateTeamRunConfig({ ...config, seed: 2 ** 32 })).toThrow("runTeam: config.seed must be an integer in [0, 2^32); got 4294967296");
    expect(() => validateTeamRunConfig({ ...config, runId: "" })).toThrow("runTeam: config.runId is empty");
    expect(() => validateTeamRunConfig({ ...config, suite: { ...chainSuite(), tasks: [] } })).toThrow("runTeam: suite mini_p50 has no tasks");
  });
});
