import { describe, expect, it } from "vitest";
import { scheduleFigure } from "../../src/plots/schedule-figure.js";
import { getSuite } from "../../src/tasks/builtin/index.js";
import { criticalPath } from "../../src/tasks/critical-path.js";
import { minimumRounds } from "../../src/tasks/schedule.js";

describe("scheduleFigure", () => {
  it("puts the k-th task of round r at (r, agent k), critical tasks in their own trace", () => {
    const spec = scheduleFigure([["a", "x"], ["b"]], { critical: ["a", "b"], agents: 3 });
    const [other, critical] = spec.data;
    expect(other!["y"]).toEqual([2]);
    expect(other!["base"]).toEqual([0.55]);
    expect(critical!["y"]).toEqual([1, 1]);
    expect(critical!["base"]).toEqual([0.55, 1.55]);
    expect(critical!["text"]).toEqual(["a", "b"]);
    // 3 agents x 2 rounds = 6 agent-rounds, 3 of them busy
    expect(JSON.stringify(spec.layout["title"])).toContain("3 agents, 2 rounds, 3 tasks; 3 idle agent-rounds");
  });

  it("draws the optimal schedule of a built-in suite: max(C, ceil(N/n)) rounds", () => {
    const suite = getSuite("mathutils_p05");
    const m = minimumRounds(suite.tasks, 3);
    const spec = scheduleFigure(m.schedule, { critical: criticalPath(suite.tasks), agents: 3 });
    expect(JSON.stringify(spec.layout["title"])).toContain("3 agents, 10 rounds, 20 tasks; 10 idle agent-rounds");
    expect((spec.data[1]!["x"] as unknown[]).length).toBe(10);
  });

  it("refuses a round with more tasks than agents", () => {
    expect(() => scheduleFigure([["a", "b", "c"]], { agents: 2 })).toThrow("scheduleFigure: a round has 3 tasks but there are only 2 agents; one agent does one task per round");
    expect(() => scheduleFigure([["a"]], { agents: 0 })).toThrow("scheduleFigure: agents must be a positive integer; got 0");
  });
});
