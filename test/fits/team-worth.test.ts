import { describe, expect, it } from "vitest";
import { resolveAnalysisOptions, type CostFrontierPoint } from "../../src/fits/index.js";
import { teamWorthCell, worthVerdict } from "../../src/fits/team-worth.js";

const base = {
  condition: "preassign" as const,
  model: "m",
  p_label: "p09",
  fraction: 0.9,
  efficiency: 1,
  costUsd: null,
  singleAgentCostUsd: null,
};

describe("worthVerdict", () => {
  it("no team when nothing beats one agent, or one agent is within the fraction of the best", () => {
    expect(worthVerdict({ ...base, bestN: 1, bestSpeedup: 1, targetSpeedup: 0.9, n: 1, speedup: 1, tokenMultiplier: 1 })).toBe("no team is faster than a single agent: no team needed");
    expect(worthVerdict({ ...base, bestN: 3, bestSpeedup: 1.05, targetSpeedup: 0.945, n: 1, speedup: 1, tokenMultiplier: 1 })).toBe(
      "a single agent is within 90% of the best speedup (1.05x at n = 3): no team needed",
    );
  });
  it("the best team, or a smaller one within the fraction, with tokens and dollars", () => {
    expect(worthVerdict({ ...base, bestN: 5, bestSpeedup: 3.2, targetSpeedup: 2.88, n: 5, speedup: 3.2, tokenMultiplier: 2.5 })).toBe("n = 5 gives the best speedup, 3.20x, for 2.50x the tokens");
    expect(worthVerdict({ ...base, bestN: 5, bestSpeedup: 3.2, targetSpeedup: 2.88, n: 4, speedup: 3, tokenMultiplier: 2, costUsd: 0.5, singleAgentCostUsd: 0.25 })).toBe(
      "n = 4 reaches 3.00x, within 90% of the best 3.20x (n = 5), for 2.00x the tokens; $0.50 per run vs $0.25 for one agent",
    );
  });
});

describe("teamWorthCell", () => {
  const point = (n: number, speedup: number, tokenMultiplier: number, costUsd: number | null): CostFrontierPoint => ({
    condition: "decentralized",
    model: "m",
    p_label: "p05",
    n,
    speedup,
    tokenMultiplier,
    efficiency: speedup / tokenMultiplier,
    taskTypes: 3,
    costUsd,
    onFrontier: true,
    priceModel: costUsd === null ? null : "m",
  });

  it("picks the smallest n within the fraction of the best speedup, with the single agent's cost beside it", () => {
    // best 2.0 at n = 4; 90% of it is 1.8, first reached at n = 3
    const pts = [point(1, 1, 1, 0.1), point(2, 1.5, 1.6, 0.16), point(3, 1.85, 2.2, 0.22), point(4, 2, 2.9, 0.29)];
    const w = teamWorthCell(pts, resolveAnalysisOptions({ bootstrapReplicates: 0 }))!;
    expect([w.condition, w.model, w.p_label, w.n, w.bestN, w.speedup, w.costUsd, w.singleAgentCostUsd]).toEqual(["decentralized", "m", "p05", 3, 4, 1.85, 0.22, 0.1]);
    expect(w.targetSpeedup).toBeCloseTo(1.8, 12);
    // a looser fraction: 70% of 2.0 = 1.4, reached at n = 2
    expect(teamWorthCell(pts, resolveAnalysisOptions({ bootstrapReplicates: 0, worthFraction: 0.7 }))!.n).toBe(2);
  });
});
