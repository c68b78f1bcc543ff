/**
 * `npm run bench`: the paper reproduction, raw parquet to all CSV files (each repeat in a fresh process,
 * so peak memory is per run), then figure rendering timed separately. Prints medians.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperDataPresent, PAPER_DATA_HINT } from "../src/report/paper-data.js";
import { computePaperTables, loadPaperData, paperFigures, renderFigureFiles } from "../src/report/paper.js";

const repeats = Number(process.env["BENCH_REPEATS"] ?? 7);
if (!paperDataPresent()) {
  console.error(`bench: ${PAPER_DATA_HINT}`);
  process.exit(2);
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const samples: { totalMs: number; loadMs: number; metricsAndCsvMs: number; maxRssMB: number }[] = [];
for (let i = 0; i < repeats; i++) {
  const line = execFileSync(process.execPath, ["--import", "tsx", "bench/reproduce-once.ts"], { encoding: "utf8" });
  samples.push(JSON.parse(line.trim().split("\n").pop()!));
  process.stderr.write(".");
}
process.stderr.write("\n");
const col = (k: keyof (typeof samples)[number]): number[] => samples.map((s) => s[k]);
console.log(`reproduction, raw parquet -> all CSV files (${repeats} fresh processes, medians):`);
console.log(`  total            ${median(col("totalMs")).toFixed(0)} ms   (min ${Math.min(...col("totalMs")).toFixed(0)}, max ${Math.max(...col("totalMs")).toFixed(0)})`);
console.log(`  load + events   ${median(col("loadMs")).toFixed(0)} ms`);
console.log(`  metrics + CSV    ${median(col("metricsAndCsvMs")).toFixed(0)} ms`);
console.log(`  peak RSS         ${median(col("maxRssMB")).toFixed(0)} MB (max ${Math.max(...col("maxRssMB")).toFixed(0)} MB)`);

const figures = paperFigures(computePaperTables(await loadPaperData()));
const out = mkdtempSync(join(tmpdir(), "bench-render-"));
const t0 = performance.now();
let first = 0;
await renderFigureFiles(figures, out, {
  onFigure: (_n, i) => {
    if (i === 1) first = performance.now() - t0;
  },
});
const total = performance.now() - t0;
console.log(`figure rendering (${figures.length} figures, PNG + HTML, one headless Chromium):`);
console.log(`  total            ${total.toFixed(0)} ms (browser start + plotly load + first figure ${first.toFixed(0)} ms; then ${((total - first) / (figures.length - 1)).toFixed(0)} ms per figure)`);
