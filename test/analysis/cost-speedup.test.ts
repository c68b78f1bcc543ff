import { describe, expect, it } from "vitest";
import { paretoFrontier, teamWorth } from "../../src/analysis/index.js";

describe("paretoFrontier", () => {
  it("keeps the non-dominated (cost, speedup) points, cheapest first", () => {
    const pts = [
      { id: "n1", tokenMultiplier: 1, speedup: 1 },
      { id: "n2", tokenMultiplier: 1.8, speedup: 1.7 },
      { id: "n3", tokenMultiplier: 2.5, speedup: 1.6 }, // dominated by n2
      { id: "n4", tokenMultiplier: 3.1, speedup: 2.6 },
      { id: "n5", tokenMultiplier: 3.1, speedup: 2.2 }, // same cost, slower
      { id: "n6", tokenMultiplier: 4, speedup: 2.6 }, // same speed, dearer
    ];
    expect(paretoFrontier(pts).map((p) => p.id)).toEqual(["n1", "n2", "n4"]);
  });
  it("refuses bad points", () => {
    expect(() => paretoFrontier([{ tokenMultiplier: -1, speedup: 1 }])).toThrow("paretoFrontier: points[0].tokenMultiplier is -1; it must be a finite number >= 0");
  });
});

describe("teamWorth", () => {
  it("finds the smallest team reaching 90% of the best speedup per group, with its cost", () => {
    const rows = [
      { group: "claude/centralized", n: 1, speedup: 1, tokenMultiplier: 1, costUsd: 1 },
      { group: "claude/centralized", n: 2, speedup: 1.8, tokenMultiplier: 1.5, costUsd: 1.5 },
      { group: "claude/centralized", n: 3, speedup: 2.42, tokenMultiplier: 2.1, costUsd: 2.1 },
      { group: "claude/centralized", n: 4, speedup: 2.78, tokenMultiplier: 2.9, costUsd: 2.9 },
      { group: "claude/centralized", n: 5, speedup: 3.35, tokenMultiplier: 3.6, costUsd: 3.6 },
      { group: "gpt/decentralized", n: 2, speedup: 1.5, tokenMultiplier: 2 },
      { group: "gpt/decentralized", n: 3, speedup: 1.45, tokenMultiplier: 3 },
    ];
    const out = teamWorth(rows);
    const claude = out.find((r) => r.group === "claude/centralized");
    expect(claude?.bestSpeedup).toBe(3.35);
    expect(claude?.n).toBe(5); // 0.9 · 3.35 = 3.015 > 2.78
    const gpt = out.find((r) => r.group === "gpt/decentralized");
    expect(gpt?.n).toBe(2);
    expect(gpt?.costUsd).toBeNull();
    expect(gpt?.efficiency).toBeCloseTo(0.75, 12);
    expect(teamWorth(rows, { fraction: 0.8 }).find((r) => r.group === "claude/centralized")?.n).toBe(4);
  });
  it("refuses duplicate (group, n) rows", () => {
    expect(() => teamWorth([{ group: "g", n: 2, speedup: 1, tokenMultiplier: 1 }, { group: "g", n: 2, speedup: 1.1, tokenMultiplier: 1 }])).toThrow(
      'teamWorth: rows[1] repeats group "g" at n = 2; aggregate runs to one row per (group, n) first',
    );
  });
});
