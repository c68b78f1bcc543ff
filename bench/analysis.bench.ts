/**
 * Times the analysis on the paper's data: every Amdahl fit (constrained and unconstrained), every USL fit,
 * every run-level message-growth fit, the run-level bootstrap of p, and the whole `analyzeRuns`; prints the
 * median milliseconds per fit and the total, then the fitted numbers.
 * Run: npx tsx bench/analysis.bench.ts   (or npm run bench:analysis)
 */
import { fitAmdahl, fitMessageGrowth, fitUsl, type SpeedupPoint } from "../src/analysis/index.js";
import { paperDataPresent, PAPER_DATA_HINT } from "../src/report/paper-data.js";
import { analyzeRuns } from "../src/fits/index.js";
import { computePaperTables, loadPaperData } from "../src/report/paper.js";
import { modelLabel } from "../src/plots/style.js";
import { conditionOf } from "../src/runs/types.js";

if (!paperDataPresent()) {
  console.error(`bench:analysis: the paper's data is not in data/paper/. ${PAPER_DATA_HINT}`);
  process.exit(2);
}

const REPEATS = 25;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median over REPEATS of the time of one pass over all `jobs`, and the median per job. */
function time(label: string, jobs: readonly (() => unknown)[], repeats = REPEATS): void {
  for (const j of jobs) j(); // warm-up
  const perPass: number[] = [];
  const perJob: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (const j of jobs) {
      const s = performance.now();
      j();
      perJob.push(performance.now() - s);
    }
    perPass.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(46)} ${String(jobs.length).padStart(3)} fits  median ${median(perJob).toFixed(3)} ms/fit  all ${median(perPass).toFixed(2)} ms`);
}

const data = await loadPaperData();
const tables = computePaperTables(data);
const cells = new Map<string, SpeedupPoint[]>();
for (const r of tables.speedup) {
  const k = `${r.condition}/${r.model}/${r.p_label}`;
  cells.set(k, [...(cells.get(k) ?? []), { n: r.n, speedup: r.mean, sem: r.sem }]);
}
const points = [...cells.values()];
const messageCells = ["preassign", "decentralized"].flatMap((c) =>
  [...new Set(data.runs.map((r) => r.model_dir))].sort().map((m) =>
    data.runs.filter((r) => r.model_dir === m && conditionOf(r.mode) === c).map((r) => ({ n: r.n_teammates, messages: data.metrics.get(r.run_dir)?.messages ?? 0 })),
  ),
);

console.log(`paper data: ${data.runs.length} runs; ${points.length} speedup cells (n = 2..5 fitted), ${messageCells.length} message cells (${messageCells.reduce((s, c) => s + c.length, 0)} runs)\n`);
time("fitAmdahl constrained", points.map((p) => () => fitAmdahl(p)));
time("fitAmdahl unconstrained", points.map((p) => () => fitAmdahl(p, { mode: "unconstrained" })));
time("fitAmdahl constrained, inverse-variance", points.map((p) => () => fitAmdahl(p, { weighting: "inverse-variance" })));
time("fitUsl constrained", points.map((p) => () => fitUsl(p)));
time("fitMessageGrowth (3 forms + F-test, per run)", messageCells.map((c) => () => fitMessageGrowth(c)));
time("analyzeRuns without bootstrap", [() => analyzeRuns(data.runs, data.metrics, tables, { bootstrapReplicates: 0 })], 9);
const full: number[] = [];
let analysis = analyzeRuns(data.runs, data.metrics, tables);
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  analysis = analyzeRuns(data.runs, data.metrics, tables);
  full.push(performance.now() - t0);
}
const boot = analysis.options.bootstrapReplicates;
console.log(`${"analyzeRuns with the bootstrap".padEnd(46)} ${boot} replicates x 18 cells  median ${median(full).toFixed(0)} ms (${(median(full) / (18 * boot) * 1000).toFixed(1)} µs per replicate)`);

console.log("\nAmdahl p̂ (constrained) [Wald 95%] {run bootstrap 95%} vs design p");
for (const c of analysis.amdahl) {
  const p = c.constrained.params["p"] as number;
  const [lo, hi] = c.constrained.confidenceIntervals["p"] as [number, number];
  const b = c.bootstrap;
  const bound = c.constrained.atBounds.length ? ` at bound (free ${(c.unconstrained.params["p"] as number).toFixed(2)})` : "";
  console.log(
    `  ${c.condition.padEnd(13)} ${modelLabel(c.model).padEnd(18)} ${c.p_label}  p̂ ${p.toFixed(3)} [${lo.toFixed(2)}, ${hi.toFixed(2)}] {${b?.ciLow.toFixed(2)}, ${b?.ciHigh.toFixed(2)}} design ${c.pTrue}${bound}`,
  );
}
console.log("\nUSL: ΔAIC = AIC(USL) - AIC(Amdahl); peak n*");
for (const c of analysis.usl) {
  const peak = c.fit.peak.kind === "peak" ? `n* ${c.fit.peak.n.toFixed(2)} ± ${c.fit.peak.standardError.toFixed(2)}` : "no peak";
  console.log(`  ${c.condition.padEnd(13)} ${modelLabel(c.model).padEnd(18)} ${c.p_label}  a ${(c.fit.params["a"] as number).toFixed(3)} b ${(c.fit.params["b"] as number).toFixed(4)}  ΔAIC ${c.deltaAic.toFixed(2)}  ${peak}`);
}
console.log("\nMessage growth (per run):");
for (const c of analysis.messages) console.log(`  ${c.condition.padEnd(13)} ${modelLabel(c.model).padEnd(18)} ${c.result.verdict}`);
