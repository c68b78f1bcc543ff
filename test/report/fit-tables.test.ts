import { describe, expect, it } from "vitest";
import { predictAmdahl, predictUsl } from "../../src/analysis/index.js";
import { analyzeRuns } from "../../src/fits/index.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { analysisFigures } from "../../src/report/fit-figures.js";
import {
  AMDAHL_FIT_COLUMNS,
  COST_FRONTIER_COLUMNS,
  MESSAGE_FIT_COLUMNS,
  TEAM_WORTH_COLUMNS,
  USL_FIT_COLUMNS,
  amdahlFitsCsv,
  costFrontierCsv,
  messageFitsCsv,
  teamWorthCsv,
  uslFitsCsv,
} from "../../src/report/fit-tables.js";
import { syntheticRuns } from "../fits/synthetic-runs.js";

// The known truth of test/fits/analyze-runs.test.ts: model "amdahl" with quadratic message growth
// 5 + 4n + 3n², model "usl" (a = 0.05, b = 0.04) with linear growth 10 + 20n.
const truth = syntheticRuns({
  seed: 7,
  models: [
    { model: "amdahl", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => 5 + 4 * n + 3 * n * n },
    { model: "usl", speedup: (_p, n) => predictUsl(0.05, 0.04, n), messages: (n) => 10 + 20 * n, tokenExponent: 0.8 },
  ],
});
const truthTables = paperTables(truth.runs, truth.metrics);
const synthetic = analyzeRuns(truth.runs, truth.metrics, truthTables, { prices: "none", bootstrapReplicates: 20 });

describe("CSV tables", () => {
  it("have exactly the documented columns, the required ones first", () => {
    expect(AMDAHL_FIT_COLUMNS.slice(0, 9)).toEqual(["model", "condition", "p_label", "p_hat", "se", "ci_low", "ci_high", "rss", "aic"]);
    expect(amdahlFitsCsv(synthetic.amdahl).columns).toEqual(AMDAHL_FIT_COLUMNS);
    expect(uslFitsCsv(synthetic.usl).columns).toEqual(USL_FIT_COLUMNS);
    expect(USL_FIT_COLUMNS).toEqual(expect.arrayContaining(["a", "a_se", "b", "b_se", "peak_n", "peak_n_se", "peak_note", "rss", "aic", "delta_aic_vs_amdahl"]));
    expect(messageFitsCsv(synthetic.messages).columns).toEqual(MESSAGE_FIT_COLUMNS);
    expect(costFrontierCsv(synthetic.costFrontier, "none").columns).toEqual(COST_FRONTIER_COLUMNS);
    expect(teamWorthCsv(synthetic.teamWorth).columns).toEqual(TEAM_WORTH_COLUMNS);
    for (const t of [amdahlFitsCsv(synthetic.amdahl), uslFitsCsv(synthetic.usl), messageFitsCsv(synthetic.messages), costFrontierCsv(synthetic.costFrontier, "none"), teamWorthCsv(synthetic.teamWorth)]) {
      for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
    }
  });

  it("one message row per model x condition x form, the F-test repeated on each", () => {
    const t = messageFitsCsv(synthetic.messages);
    expect(t.rows).toHaveLength(4 * 3);
    const col = (name: string): number => t.columns.indexOf(name);
    expect(t.rows.slice(0, 3).map((r) => r[col("form")])).toEqual(["linear", "quadratic", "pairwise"]);
    expect(t.rows[0]![col("c")]).toBeNull();
    expect(t.rows[1]![col("c")]).toBeCloseTo(3, 0);
    expect(new Set(t.rows.slice(0, 3).map((r) => r[col("quad_p_value")])).size).toBe(1);
  });

  it("every figure carries its CSV, and the note reaches every title", () => {
    const figures = analysisFigures(truth.runs, truth.metrics, truthTables, "simulated", { prices: "none", bootstrapReplicates: 0 });
    expect(figures.map((f) => `${f.name}:${f.csvName}`)).toEqual([
      "amdahl_fits_centralized:amdahl_fits.csv",
      "amdahl_fits_decentralized:amdahl_fits.csv",
      "usl_vs_amdahl_centralized:usl_fits.csv",
      "usl_vs_amdahl_decentralized:usl_fits.csv",
      "message_growth:message_fits.csv",
      "cost_frontier:cost_frontier.csv",
      "team_worth:team_worth.csv",
    ]);
    for (const f of figures) expect(JSON.stringify(f.spec.layout["title"])).toContain("<sup>simulated</sup>");
  });
});

describe("amdahlFitsCsv", () => {
  it("writes the bootstrap columns when there is a bootstrap and leaves them empty when it is off", () => {
    const col = (name: string): number => AMDAHL_FIT_COLUMNS.indexOf(name as (typeof AMDAHL_FIT_COLUMNS)[number]);
    const row = amdahlFitsCsv(synthetic.amdahl).rows[0]!;
    expect(row[col("boot_replicates")]).toBe(20);
    expect(row[col("boot_seed")]).toBe(synthetic.amdahl[0]!.bootstrap!.seed);
    const off = analyzeRuns(truth.runs, truth.metrics, truthTables, { prices: "none", bootstrapReplicates: 0 });
    const offRow = amdahlFitsCsv(off.amdahl).rows[0]!;
    for (const k of ["boot_se", "boot_ci_low", "boot_ci_high", "p_true_in_boot_ci", "boot_replicates", "boot_failed", "boot_seed"]) expect(offRow[col(k)], k).toBeNull();
    // the constrained fit does not depend on the bootstrap
    expect(offRow[col("p_hat")]).toBe(row[col("p_hat")]);
  });
});
