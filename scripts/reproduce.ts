/**
 * `npm run reproduce [-- --data DIR] [-- --out DIR] [-- --no-render]`: the paper's figures and tables from
 * its published data: load the parquet files, compute every metric, write the CSV tables, render
 * PNG + interactive HTML into figures/paper/.
 */
import { parseArgs } from "node:util";
import { DEFAULT_PAPER_DIR, PAPER_DATA_HINT, paperDataPresent } from "../src/io/paper-data.js";
import {
  computePaperTables,
  loadPaperData,
  paperFigures,
  renderFigureFiles,
  writeFigureCsvs,
} from "../src/pipeline/paper.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: DEFAULT_PAPER_DIR },
    out: { type: "string", default: "figures/paper" },
    "no-render": { type: "boolean", default: false },
  },
  strict: true,
});

const say = (s: string): void => console.error(`reproduce: ${s}`);
const t0 = performance.now();
const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

if (!paperDataPresent(values.data)) {
  say(`the paper's data is not in ${values.data}/. ${PAPER_DATA_HINT}`);
  process.exit(2);
}
try {
  say(`[1/4] loading ${values.data}/runs.parquet and events.parquet`);
  const data = await loadPaperData(values.data);
  say(`      ${data.runs.length} runs, ${data.events.length} events (${secs()})`);
  say("[2/4] computing the metrics");
  const tables = computePaperTables(data);
  const figures = paperFigures(tables);
  say(`[3/4] writing CSV tables to ${values.out}/`);
  const csvs = writeFigureCsvs(figures, values.out);
  say(`      ${csvs.length} CSV files (${secs()})`);
  if (values["no-render"]) {
    say("[4/4] rendering skipped (--no-render)");
  } else {
    say(`[4/4] rendering ${figures.length} figures (PNG + HTML) with headless Chromium`);
    await renderFigureFiles(figures, values.out, {
      onFigure: (name, i, n) => say(`      ${i}/${n} ${name} (${secs()})`),
    });
  }
  say(`done in ${secs()}`);
} catch (e) {
  say((e as Error).message);
  process.exit(1);
}
