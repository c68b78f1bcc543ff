import { describe, expect, it } from "vitest";
import { fitAmdahl, predictAmdahl } from "../../src/analysis/index.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { amdahlFitSentence } from "../../src/report/fit-sentences.js";
import { fitParameterRows, fitStatisticsRow, speedupPointsOf } from "../../src/report/fit-rows.js";
import { analyzeRuns, type AmdahlCell } from "../../src/fits/index.js";
import { syntheticRuns } from "../fits/synthetic-runs.js";

describe("fitParameterRows and fitStatisticsRow", () => {
  it("lay out an exact Amdahl fit: p recovered, zero residuals", () => {
    const points = [2, 3, 4, 5].map((n) => ({ n, speedup: predictAmdahl(0.8, n) }));
    const fit = fitAmdahl(points);
    const [row] = fitParameterRows(fit);
    expect(row!.parameter).toBe("p");
    expect(row!.estimate).toBeCloseTo(0.8, 10);
    expect(row!.ci_level).toBe(0.95);
    expect(row!.ci_low).toBeLessThanOrEqual(row!.estimate);
    expect(row!.ci_high).toBeGreaterThanOrEqual(row!.estimate);
    const stats = fitStatisticsRow(fit);
    expect(stats).toMatchObject({ model: "amdahl", observations: 4, parameters: 1, df: 3, converged: true });
    expect(stats.rss).toBeLessThan(1e-20);
  });
});

describe("speedupPointsOf", () => {
  const rows = [
    { condition: "preassign" as const, model: "m", p_label: "p09", n: 2, mean: 1.8, sem: 0.1 },
    { condition: "preassign" as const, model: "m", p_label: "p09", n: 1, mean: 1, sem: 0 },
    { condition: "decentralized" as const, model: "m", p_label: "p09", n: 2, mean: 1.1, sem: 0.2 },
  ];
  it("picks one cell in team-size order", () => {
    expect(speedupPointsOf(rows, { condition: "preassign", p_label: "p09" })).toEqual([{ n: 1, speedup: 1, sem: 0 }, { n: 2, speedup: 1.8, sem: 0.1 }]);
  });
  it("says which cells there are when none matches, and asks for a model when several are in the cell", () => {
    expect(() => speedupPointsOf(rows, { condition: "preassign", p_label: "p02" })).toThrow('speedupPointsOf: no speedup rows for condition "preassign" and p_label "p02"; the table has preassign/p09, decentralized/p09');
    const two = [...rows, { ...rows[0]!, model: "k" }];
    expect(() => speedupPointsOf(two, { condition: "preassign", p_label: "p09" })).toThrow("speedupPointsOf: the cell has 2 models (m, k); name one with cell.model");
    expect(speedupPointsOf(two, { condition: "preassign", p_label: "p09", model: "k" })).toEqual([{ n: 2, speedup: 1.8, sem: 0.1 }]);
  });
});

describe("amdahlFitSentence", () => {
  // Runs that follow Amdahl's law exactly at the design p (centralized), and at half of it (decentralized).
  const s = syntheticRuns({ seed: 3, reps: 4, models: [{ model: "anthropic_claude-sonnet-4-6", speedup: (p, n) => (p === 0.9 ? predictAmdahl(0.6, n) : predictAmdahl(p, n)), messages: (n) => n }] });
  const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 200 });
  const cell = (condition: string, p: string): AmdahlCell => a.amdahl.find((c) => c.condition === condition && c.p_label === p)!;

  it("says when the design p lies above the interval", () => {
    const text = amdahlFitSentence(cell("preassign", "p09"));
    expect(text).toMatch(/^p09, Centralized \(preassigned\), Claude Sonnet 4\.6: p̂ = 0\.\d{3}, 95% interval .* \(nonlinear least squares\) and .* \(run-level bootstrap, 200 replicates: the interval to read\)\./);
    expect(text).toMatch(/The design p = 0\.9 is above the bootstrap interval: the team behaves as if less of the work were parallel/);
  });

  it("says when the design p lies inside it", () => {
    expect(amdahlFitSentence(cell("preassign", "p05"))).toMatch(/The design p = 0\.5 is inside the bootstrap interval: these runs cannot tell p̂ apart from the design value\.$/);
  });

  it("names a fit on the bound, and reads the Wald interval without a bootstrap", () => {
    const c = cell("preassign", "p02");
    const onBound: AmdahlCell = { ...c, bootstrap: null, pTrue: 0.5, constrained: { ...c.constrained, params: { p: 0 }, confidenceIntervals: { p: [-0.1, 0.1] }, atBounds: ["p"] }, unconstrained: { ...c.unconstrained, params: { p: -0.05 } } };
    expect(amdahlFitSentence(onBound)).toBe(
      "p02, Centralized (preassigned), Claude Sonnet 4.6: p̂ = 0.000 (on the bound of [0, 1]; the unconstrained fit gives -0.050), 95% interval -0.100 to 0.100 (nonlinear least squares). The design p = 0.5 is above the interval: the team behaves as if less of the work were parallel than the task graph allows.",
    );
  });
});
