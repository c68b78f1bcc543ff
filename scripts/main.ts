/**
 * `npm start`: the main job, with no API key and no paper data needed.
 *  1. A simulated sweep of the paper's grid (3 suites x 3 p x n = 1..5 x 5 reps x 2 modes = 450 runs)
 *     into data/sim/paper-grid/, made afresh each time (it takes seconds, and a sweep left by an older
 *     version of the simulator must not be mixed with this one's runs).
 *  2. The paper's figures and tables computed on that simulated output, into figures/sim/, and the
 *     scaling-law fits on it into figures/sim/analysis/, every title labelled "simulated".
 *  3. A summary table: per mode and p, speedup at n = 1..5 against Amdahl's bound, messages,
 *     consistency violations and tokens per run.
 *  4. The paper's own figures from its published data, when that data is in data/paper/.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { runCommand } from "../src/cli/flags.js";
import { MAIN_COMMAND } from "../src/cli/commands.js";
import { paperDataPresent, PAPER_DATA_HINT } from "../src/report/paper-data.js";

const SIM_DIR = "data/sim/paper-grid";
const SIM_FIGURES = "figures/sim";
const SIM_NOTE = "simulated: a model of LLM teams, not a measurement";
const say = (s: string): void => console.error(`main: ${s}`);
const t0 = performance.now();
const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

process.exitCode = await runCommand(MAIN_COMMAND, process.argv.slice(2), async () => {
  // The heavy modules are loaded once the command line has been read: --help answers at once.
  const { sweepMain } = await import("../src/cli/sweep-cli.js");
  const { formatSweepSummary, sweepSummaryTable } = await import("../src/metrics/summary.js");
  const { paperTables } = await import("../src/metrics/paper-tables.js");
  const { paperFigures, renderFigureFiles, writeFigureCsvs } = await import("../src/report/paper.js");
  const { analysisFigures } = await import("../src/report/fit-figures.js");
  const { loadSweepResults } = await import("../src/report/sweep-results.js");

  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  say(`[1/4] simulated sweep of the paper's grid into ${SIM_DIR}/ (simulated backend, profile balanced, seed 1)`);
  rmSync(SIM_DIR, { recursive: true, force: true });
  const code = await sweepMain(
    ["--out", SIM_DIR, "--suite", "all", "--n", "1-5", "--reps", "5", "--mode", "preassign,decentralized", "--seed", "1"],
    { stdout: process.stdout, stderr: process.stderr, packageVersion: pkg.version },
  );
  if (code !== 0) {
    say(`the sweep stopped with code ${code}`);
    return code;
  }

  say(`[2/4] the paper's figures on the simulated runs, into ${SIM_FIGURES}/ (${secs()})`);
  const sim = loadSweepResults(SIM_DIR);
  const tables = paperTables(sim.runs, sim.metrics);
  const figures = paperFigures(tables, SIM_NOTE);
  const fits = analysisFigures(sim.runs, sim.metrics, tables, SIM_NOTE, { prices: "none" });
  writeFigureCsvs(figures, SIM_FIGURES);
  writeFigureCsvs(fits, `${SIM_FIGURES}/analysis`);
  await renderFigureFiles(figures, SIM_FIGURES, { onFigure: (name, i, n) => say(`      ${i}/${n} ${name}`) });
  await renderFigureFiles(fits, `${SIM_FIGURES}/analysis`, {
    onFigure: (name, i, n) => say(`      fits ${i}/${n} ${name}`),
  });

  say(`[3/4] summary of the simulated sweep (${sim.runs.length} runs; SIMULATED, not measured):`);
  console.log(formatSweepSummary(sweepSummaryTable(sim.runs, sim.metrics)));

  if (paperDataPresent()) {
    say(`[4/4] the paper's figures from its published data (${secs()})`);
    execFileSync(process.execPath, ["--import", "tsx", "scripts/reproduce.ts"], { stdio: "inherit" });
  } else {
    say(`[4/4] skipped the paper reproduction: its data is not in data/paper/. ${PAPER_DATA_HINT}`);
  }
  say(`done in ${secs()}`);
  return 0;
});
