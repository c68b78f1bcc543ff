/**
 * One measured reproduction, raw parquet to every CSV file, in a fresh process so that its peak memory
 * (maxRSS) is its own. Prints one JSON line. Used by bench/reproduce.bench.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computePaperTables, loadPaperData, paperFigures, writeFigureCsvs } from "../src/report/paper.js";

const dir = process.argv[2] ?? "data/paper";
const out = mkdtempSync(join(tmpdir(), "bench-repro-"));
const t0 = performance.now();
const data = await loadPaperData(dir); // parquet decoding plus the one pass over events
const t1 = performance.now();
const tables = computePaperTables(data);
const figures = paperFigures(tables);
writeFigureCsvs(figures, out);
const t2 = performance.now();
console.log(
  JSON.stringify({
    totalMs: t2 - t0,
    loadMs: t1 - t0,
    metricsAndCsvMs: t2 - t1,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
