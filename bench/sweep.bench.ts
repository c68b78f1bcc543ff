/**
 * Benchmark: the paper's full grid for one simulated profile, 3 domains x 3 p x 5 n x 5 reps x 2 modes
 * = 450 runs, written to a temporary folder exactly as `npm run sweep` writes it (config.json,
 * runs.csv, one JSONL per run).
 *
 *   npx tsx bench/sweep.bench.ts [--profile balanced] [--repeats 3]
 *
 * The first repeat is cold: the process-wide test runner executes each distinct test module once
 * (writing it to a temp folder and importing it) and the token memo is empty. Later repeats find both
 * warm, as later sweeps of one process would. Reported: each repeat, the cold time, and the median of
 * all repeats, as runs/s and events/s. Goal: under 30 s for the grid (stretch: under 10 s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { resolveSweepOptions } from "../src/experiment/options.js";
import { runSweep } from "../src/experiment/sweep.js";
import { sharedRunnerStats } from "../src/tasks/runner.js";

const { values } = parseArgs({
  options: { profile: { type: "string", default: "balanced" }, repeats: { type: "string", default: "3" } },
  strict: true,
});
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`sweep.bench: --repeats must be a positive integer; got ${values.repeats}`);

const root = mkdtempSync(join(tmpdir(), "sweep-bench-"));
const times: number[] = [];
let runs = 0;
let events = 0;
try {
  for (let i = 0; i < repeats; i++) {
    const out = join(root, `rep${i}`, "paper-grid");
    const options = resolveSweepOptions({
      out,
      suite: "all",
      p: "0.9,0.5,0.2",
      n: "1-5",
      reps: 5,
      mode: "preassign,decentralized",
      profile: values.profile,
      seed: 1,
    });
    const t0 = performance.now();
    const s = await runSweep(options, { packageVersion: "bench" });
    const seconds = (performance.now() - t0) / 1000;
    times.push(seconds);
    runs = s.ran;
    events = s.events;
    console.log(
      `repeat ${i + 1}/${repeats}${i === 0 ? " (cold)" : " (warm)"}: ${runs} runs, ${events} events in ${seconds.toFixed(2)} s ` +
        `= ${(runs / seconds).toFixed(1)} runs/s, ${Math.round(events / seconds)} events/s`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
const stats = sharedRunnerStats();
console.log(`\nprofile ${values.profile}: ${runs} runs, ${events} events per sweep`);
console.log(`cold: ${times[0]!.toFixed(2)} s (${(runs / times[0]!).toFixed(1)} runs/s, ${Math.round(events / times[0]!)} events/s)`);
console.log(`median of ${repeats}: ${median.toFixed(2)} s (${(runs / median).toFixed(1)} runs/s, ${Math.round(events / median)} events/s)`);
console.log(`test modules executed: ${stats.executed}, memo hits: ${stats.memoHits}`);
console.log(`goal < 30 s: ${times[0]! < 30 ? "met" : "NOT met"} (cold); stretch < 10 s: ${times[0]! < 10 ? "met" : "not met"} (cold), ${median < 10 ? "met" : "not met"} (median)`);
