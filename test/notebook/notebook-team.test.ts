import { describe, expect, it } from "vitest";
import { NotebookSession } from "../../src/notebook/notebook-session.js";
import { resolveNotebookTeam, runNotebookTeam } from "../../src/notebook/notebook-team.js";
import { recordingChannel } from "./helpers.js";

describe("resolveNotebookTeam", () => {
  it("fills in the profile, round limit and run id", () => {
    expect(resolveNotebookTeam({ suite: "svgutils_p05", mode: "preassign", teammates: 3, seed: 9 })).toEqual({
      runId: "balanced_svgutils_p05_preassign_n3_seed9",
      suite: "svgutils_p05",
      mode: "preassign",
      teammates: 3,
      maxRounds: 50,
      seed: 9,
      backend: { kind: "simulated", profile: "balanced" },
      rep: 0,
      expDir: "notebook",
    });
  });

  it("refuses bad fields, naming the valid values", () => {
    const ok = { suite: "svgutils_p05", mode: "preassign", teammates: 3, seed: 9 } as const;
    expect(() => resolveNotebookTeam({ ...ok, suite: "svg" })).toThrow(/resolveNotebookTeam: unknown suite "svg"; valid: mathutils_p09, /);
    expect(() => resolveNotebookTeam({ ...ok, mode: "chaos" as never })).toThrow('resolveNotebookTeam: unknown mode "chaos"; valid: preassign, decentralized, lead');
    expect(() => resolveNotebookTeam({ ...ok, teammates: 0 })).toThrow("resolveNotebookTeam: teammates must be an integer from 1 to 64; got 0");
    expect(() => resolveNotebookTeam({ ...ok, seed: -1 })).toThrow("resolveNotebookTeam: seed must be an integer in [0, 2^32); got -1");
    expect(() => resolveNotebookTeam({ ...ok, profile: "lazy" })).toThrow('resolveNotebookTeam: unknown profile "lazy"; valid: fast-careless, balanced, slow-careful');
    expect(() => resolveNotebookTeam({ ...ok, maxRounds: 0 })).toThrow("resolveNotebookTeam: maxRounds must be an integer from 1 to 10000; got 0");
  });
});

describe("runNotebookTeam", () => {
  it("runs the team in the worker under a step line and returns its log and run-table row", async () => {
    const { channel, texts } = recordingChannel();
    const nb = new NotebookSession({ channel, clock: () => 0 });
    const run = await runNotebookTeam(nb, { suite: "mathutils_p09", mode: "preassign", teammates: 2, seed: 1 });
    expect(run.row.run_dir).toBe("balanced_mathutils_p09_preassign_n2_seed1");
    expect(run.row.messages).toBe(run.events.filter((e) => e.type === "agent_reply").length);
    expect(run.events[0]).toMatchObject({ type: "run_start", clock: "virtual", simulated: true });
    expect(texts()[0]).toBe("… Running one team (SIMULATED: a model of LLM teams, not a measurement): 2 agents, preassign, mathutils_p09, profile balanced, seed 1");
    expect(texts()[1]).toMatch(/^✓ Running one team .*: succeeded in \d+ rounds, [\d.]+ virtual seconds, \d+ events \(0\.0 s\)$/);
  });
});
