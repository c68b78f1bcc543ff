import { describe, expect, it } from "vitest";
import { createSimulatedBackend } from "../../src/llm/simulated-backend.js";
import { describeTeamRun } from "../../src/team/describe-run.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { runSuiteTests } from "../../src/tasks/runner.js";
import { runTeam } from "../../src/team/orchestrator.js";

describe("describeTeamRun", () => {
  it("says how a simulated run ended, on the virtual clock", async () => {
    const r = await runTeam({ runId: "d", suite: getSuite("mathutils_p09"), mode: "preassign", teammates: 2, maxRounds: 50, seed: 1 }, { backend: createSimulatedBackend("balanced"), testRunner: { run: runSuiteTests } });
    expect(describeTeamRun(r)).toBe(`succeeded in ${r.rounds} round${r.rounds === 1 ? "" : "s"}, ${r.elapsedSeconds.toFixed(1)} virtual seconds, ${r.events.length} events`);
  });

  it("gives the end reason and the error's detail of a failed run", () => {
    const r = {
      events: [
        { type: "run_start" as const, ts: 0, run_dir: "x", schema_version: 3 as const, clock: "wall" as const, simulated: false, wall_start: 1_772_478_318, unsafe_no_sandbox: false },
        { type: "run_end" as const, ts: 3, run_dir: "x", round: 1, success: false, reason: "error" as const, detail: "RequestFailedError: 401" },
      ],
      success: false,
      endReason: "error" as const,
      rounds: 1,
      elapsedSeconds: 3,
      tasksDone: 0,
    };
    expect(describeTeamRun(r)).toBe("failed (error: RequestFailedError: 401) in 1 round, 3.0 seconds of wall-clock time, 2 events");
  });
});
