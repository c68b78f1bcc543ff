import { describe, expect, it } from "vitest";
import { predictAmdahl, teamWorth } from "../../src/analysis/index.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { teamSizeRows } from "../../src/report/cost-rows.js";
import { analyzeRuns } from "../../src/fits/index.js";
import { syntheticRuns } from "../fits/synthetic-runs.js";

describe("teamSizeRows", () => {
  const s = syntheticRuns({ seed: 5, reps: 3, models: [{ model: "anthropic_claude-sonnet-4-6", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => n }] });
  const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 0 });

  it("gives one row per point, grouped by condition / model / p, with the dollar cost", () => {
    const rows = teamSizeRows(a.costFrontier);
    expect(rows).toHaveLength(a.costFrontier.length);
    expect(rows[0]).toEqual({
      group: `${a.costFrontier[0]!.condition} / anthropic_claude-sonnet-4-6 / ${a.costFrontier[0]!.p_label}`,
      n: a.costFrontier[0]!.n,
      speedup: a.costFrontier[0]!.speedup,
      tokenMultiplier: a.costFrontier[0]!.tokenMultiplier,
      costUsd: a.costFrontier[0]!.costUsd,
    });
  });

  it("reproduces the analysis' own team-worth answer at its fraction", () => {
    const again = teamWorth(teamSizeRows(a.costFrontier), { fraction: 0.9 });
    expect(again.map((w) => [w.n, w.bestN, w.costUsd])).toEqual(a.teamWorth.map((w) => [w.n, w.bestN, w.costUsd]));
  });

  it("leaves costUsd out without prices", () => {
    const none = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 0, prices: "none" });
    expect("costUsd" in teamSizeRows(none.costFrontier)[0]!).toBe(false);
  });
});
