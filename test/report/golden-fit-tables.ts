import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { predictAmdahl, predictUsl } from "../../src/analysis/index.js";
import { analyzeRuns } from "../../src/fits/index.js";
import type { PriceTable } from "../../src/llm/prices.js";
import { paperTables } from "../../src/metrics/paper-tables.js";
import { formatCsvTable } from "../../src/plots/csv.js";
import { amdahlFitsCsv, costFrontierCsv, messageFitsCsv, teamWorthCsv, uslFitsCsv } from "../../src/report/fit-tables.js";
import { syntheticRuns } from "../fits/synthetic-runs.js";

/**
 * The golden fit tables: the five CSV files of `analyzeRuns` on a small seeded synthetic run table
 * (540 runs: two models x two conditions x three p x three task types x n = 1..5 x three reps), with
 * the run bootstrap seeded and a fixed price table, committed under test/fixtures/golden/ and compared
 * byte for byte, so that a change of any fit, of the bootstrap's random stream, of a cost or of the CSV
 * format shows up. No paper data needed.
 */
export const GOLDEN_FIT_FILES = ["amdahl_fits.csv", "usl_fits.csv", "message_fits.csv", "cost_frontier.csv", "team_worth.csv"] as const;
export type GoldenFitFile = (typeof GOLDEN_FIT_FILES)[number];

export const REGENERATE = "UPDATE_GOLDEN=1 npx vitest run test/report/golden-fit-tables.test.ts";

/** Prices of the golden table: fixed here, so that a change of the toolkit's assumed prices does not move it. */
const GOLDEN_PRICES: PriceTable = {
  currency: "USD",
  asOf: "2026-01-01",
  note: "fixed prices of the golden fit tables (not real prices)",
  models: { "model-amdahl": { inputPerMillion: 2, outputPerMillion: 10 }, "model-usl": { inputPerMillion: 0.5, outputPerMillion: 4 } },
};

/** The five fit tables, freshly computed, as the CSV text `npm run reproduce` would write. */
export function goldenFitTables(): Record<GoldenFitFile, string> {
  const s = syntheticRuns({
    seed: 20260312,
    reps: 3,
    sigma: 0.08,
    models: [
      // Amdahl at the design p, quadratic message growth 4 + 3n + 2n²
      { model: "model-amdahl", speedup: (p, n) => predictAmdahl(p, n), messages: (n) => 4 + 3 * n + 2 * n * n },
      // USL with a = 0.08, b = 0.03 (peak n* = √(0.92/0.03) ≈ 5.5), linear message growth 6 + 12n
      { model: "model-usl", speedup: (_p, n) => predictUsl(0.08, 0.03, n), messages: (n) => 6 + 12 * n, tokenExponent: 0.9 },
    ],
  });
  const a = analyzeRuns(s.runs, s.metrics, paperTables(s.runs, s.metrics), { bootstrapReplicates: 100, seed: 424242, prices: GOLDEN_PRICES, priceIds: {} });
  return {
    "amdahl_fits.csv": formatCsvTable(amdahlFitsCsv(a.amdahl)),
    "usl_fits.csv": formatCsvTable(uslFitsCsv(a.usl)),
    "message_fits.csv": formatCsvTable(messageFitsCsv(a.messages)),
    "cost_frontier.csv": formatCsvTable(costFrontierCsv(a.costFrontier, a.options.prices)),
    "team_worth.csv": formatCsvTable(teamWorthCsv(a.teamWorth)),
  };
}

/** Where a golden fit table lives. */
export function goldenFitPath(file: GoldenFitFile): string {
  return fileURLToPath(new URL(`../fixtures/golden/${file}`, import.meta.url));
}

export const readGoldenFit = (file: GoldenFitFile): string => readFileSync(goldenFitPath(file), "utf8");
export const writeGoldenFit = (file: GoldenFitFile, text: string): void => writeFileSync(goldenFitPath(file), text);

/** Where two texts first differ: the 1-based line and both versions of it, or null when they are equal. */
export function firstDifferentLine(expected: string, actual: string): { line: number; expected: string; actual: string } | null {
  if (expected === actual) return null;
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i] ?? "<end of file>", actual: a[i] ?? "<end of file>" };
  }
  return null;
}
