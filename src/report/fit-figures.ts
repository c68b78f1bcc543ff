/**
 * The analysis figures of a run table with their CSV tables: fit (src/fits), draw (src/plots), pair each
 * figure with the table of numbers behind it (fit-tables.ts). Write them with `writeFigureCsvs` /
 * `renderFigureFiles`.
 */
import { analyzeRuns, type AnalysisOptions, type AnalysisTables, type RunAnalysis } from "../fits/index.js";
import type { RunEventMetrics } from "../metrics/per-run.js";
import { amdahlFitFigure, uslVsAmdahlFigure } from "../plots/amdahl-fit-figures.js";
import { costFrontierFigure } from "../plots/cost-frontier-figure.js";
import { messageGrowthFigure } from "../plots/message-growth-figure.js";
import { teamWorthFigure } from "../plots/team-worth-figure.js";
import type { NamedFigure } from "../plots/types.js";
import type { RunRow } from "../runs/types.js";
import { amdahlFitsCsv, costFrontierCsv, messageFitsCsv, teamWorthCsv, uslFitsCsv } from "./fit-tables.js";

/**
 * The analysis figures of an analysis, each with its CSV table: `amdahl_fits_{centralized,decentralized}`
 * (amdahl_fits.csv), `usl_vs_amdahl_{centralized,decentralized}` (usl_fits.csv), `message_growth`
 * (message_fits.csv), `cost_frontier` (cost_frontier.csv), `team_worth` (team_worth.csv). Figures of a
 * condition with no fitted cell are left out. `note` goes under every title ("simulated" for our runs).
 */
export function figuresOfAnalysis(a: RunAnalysis, note = ""): NamedFigure[] {
  const out: NamedFigure[] = [];
  const amdahlCsv = amdahlFitsCsv(a.amdahl);
  const uslCsv = uslFitsCsv(a.usl);
  for (const [condition, stem] of [["preassign", "centralized"], ["decentralized", "decentralized"]] as const) {
    if (a.amdahl.some((c) => c.condition === condition)) {
      out.push({ name: `amdahl_fits_${stem}`, csvName: "amdahl_fits.csv", csv: amdahlCsv, spec: amdahlFitFigure(a.amdahl, condition, note) });
    }
  }
  for (const [condition, stem] of [["preassign", "centralized"], ["decentralized", "decentralized"]] as const) {
    if (a.usl.some((c) => c.condition === condition)) {
      out.push({ name: `usl_vs_amdahl_${stem}`, csvName: "usl_fits.csv", csv: uslCsv, spec: uslVsAmdahlFigure(a.usl, condition, note) });
    }
  }
  if (a.messages.length > 0) out.push({ name: "message_growth", csvName: "message_fits.csv", csv: messageFitsCsv(a.messages), spec: messageGrowthFigure(a.messages, note) });
  if (a.costFrontier.length > 0) {
    out.push({ name: "cost_frontier", csvName: "cost_frontier.csv", csv: costFrontierCsv(a.costFrontier, a.options.prices), spec: costFrontierFigure(a.costFrontier, note) });
    out.push({ name: "team_worth", csvName: "team_worth.csv", csv: teamWorthCsv(a.teamWorth), spec: teamWorthFigure(a.teamWorth, note) });
  }
  return out;
}

/**
 * The entry point for any run table (the paper's or our own sweeps'): fit everything and return the
 * figures with their CSV tables. Write them with `writeFigureCsvs` / `renderFigureFiles`.
 *
 * @example
 * const figures = analysisFigures(runs, metrics, paperTables(runs, metrics), "simulated", { prices: "none" });
 * writeFigureCsvs(figures, "out/analysis");
 */
export function analysisFigures(
  runs: readonly RunRow[],
  metrics: ReadonlyMap<string, RunEventMetrics>,
  tables: AnalysisTables,
  note = "",
  options: AnalysisOptions = {},
): NamedFigure[] {
  return figuresOfAnalysis(analyzeRuns(runs, metrics, tables, options), note);
}
