/**
 * `npm run reproduce [-- --data DIR] [-- --out DIR] [-- --analysis-out DIR] [-- --no-render]` (see `--help`): the
 * paper's figures and tables from its published data: load the parquet files, compute every metric, write the
 * CSV tables, render PNG + interactive HTML into figures/paper/; then fit the scaling laws, message growth and
 * cost frontier (src/fits/) and write their tables and figures into figures/analysis/.
 */
import { runCommand } from "../src/cli/flags.js";
import { REPRODUCE_COMMAND } from "../src/cli/commands.js";
import { PAPER_DATA_HINT, paperDataPresent } from "../src/report/paper-data.js";

process.exitCode = await runCommand(REPRODUCE_COMMAND, process.argv.slice(2), async (values) => {
  const say = (s: string): void => console.error(`reproduce: ${s}`);
  const t0 = performance.now();
  const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(2)} s`;
  if (!paperDataPresent(values.data)) {
    say(`the paper's data is not in ${values.data}/. ${PAPER_DATA_HINT}`);
    return 2;
  }
  // The heavy modules are loaded once the command line has been read: --help answers at once.
  const { computePaperTables, loadPaperData, paperFigures, renderFigureFiles, writeFigureCsvs } = await import("../src/report/paper.js");
  const { analyzeRuns } = await import("../src/fits/index.js");
  const { figuresOfAnalysis } = await import("../src/report/fit-figures.js");
  const { modelLabel } = await import("../src/plots/style.js");

  say(`[1/6] loading ${values.data}/runs.parquet and events.parquet`);
  const data = await loadPaperData(values.data);
  say(`      ${data.runs.length} runs, ${data.events.length} events (${secs()})`);
  say("[2/6] computing the metrics");
  const tables = computePaperTables(data);
  const figures = paperFigures(tables);
  say(`[3/6] writing CSV tables to ${values.out}/`);
  const csvs = writeFigureCsvs(figures, values.out);
  say(`      ${csvs.length} CSV files (${secs()})`);
  if (values["no-render"]) {
    say("[4/6] rendering skipped (--no-render)");
  } else {
    say(`[4/6] rendering ${figures.length} figures (PNG + HTML) with headless Chromium`);
    await renderFigureFiles(figures, values.out, {
      onFigure: (name, i, n) => say(`      ${i}/${n} ${name} (${secs()})`),
    });
  }
  const out = values["analysis-out"];
  say(`[5/6] fitting Amdahl, USL, message growth and the cost frontier; writing CSV tables to ${out}/`);
  const analysis = analyzeRuns(data.runs, data.metrics, tables);
  const analysisFigs = figuresOfAnalysis(analysis);
  const analysisCsvs = writeFigureCsvs(analysisFigs, out);
  say(`      ${analysis.amdahl.length} Amdahl (bootstrap ${analysis.options.bootstrapReplicates} x, seed ${analysis.options.seed}), ${analysis.usl.length} USL, ${analysis.messages.length} message-growth fits; ${analysisCsvs.length} CSV files (${secs()})`);
  for (const s of analysis.skipped) say(`      skipped ${s.table} ${s.condition} / ${s.model}${s.p_label ? ` / ${s.p_label}` : ""}: ${s.reason}`);
  const p09 = analysis.amdahl.filter((c) => c.condition === "preassign" && c.p_label === "p09");
  say(`      centralized p = 0.9, fitted p: ${p09.map((c) => `${modelLabel(c.model)} ${(c.constrained.params["p"] as number).toFixed(2)}`).join(", ")}`);
  say(`      quadratic message term supported in ${analysis.messages.filter((c) => c.result.quadraticSupported).length} of ${analysis.messages.length} model x condition cells`);
  if (values["no-render"]) {
    say("[6/6] rendering skipped (--no-render)");
  } else {
    say(`[6/6] rendering ${analysisFigs.length} analysis figures (PNG + HTML)`);
    await renderFigureFiles(analysisFigs, out, {
      onFigure: (name, i, n) => say(`      ${i}/${n} ${name} (${secs()})`),
    });
  }
  say(`done in ${secs()}`);
  return 0;
});
