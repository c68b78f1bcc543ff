import type { RunRow } from "../runs/types.js";
import type { RunEventMetrics } from "./per-run.js";
import { amdahlSpeedup } from "../tasks/amdahl.js";
import { speedupSeries } from "./speedup.js";
import { mean } from "./stats.js";

/** One line of the sweep summary: a (mode, p, n) cell. */
export interface SweepSummaryRow {
  mode: string;
  p_label: string;
  /** The suites' actual parallel fraction (mean of `p_true` over the cell's runs). */
  p: number;
  n: number;
  runs: number;
  /** Successful runs / runs. */
  successRate: number;
  /** Speedup over n = 1 as the paper computes it (successful runs, mean over task types); NaN when not computable. */
  speedup: number;
  /** Amdahl's bound at this p and n. */
  amdahl: number;
  /** Mean per run over all runs: `agent_reply` events. */
  messages: number;
  /** Mean per run over all runs: concurrent writes (run table). */
  concurrentWrites: number;
  /** Mean per run over all runs: rewrites of files written in an earlier round. */
  rewrites: number;
  /** Mean per run over all runs: claims of tasks whose dependencies were not done (run table). */
  claimsBlocked: number;
  /** Mean per run over all runs: input + output tokens. */
  tokens: number;
}

/**
 * The summary the main job prints for a sweep: per mode, p label and team size, the speedup against
 * Amdahl's bound, and the costs (messages, consistency violations, tokens) per run.
 */
export function sweepSummaryTable(runs: readonly RunRow[], metrics: ReadonlyMap<string, RunEventMetrics>): SweepSummaryRow[] {
  const modes = [...new Set(runs.map((r) => r.mode))].sort();
  const pLabels = [...new Set(runs.map((r) => r.p_label))].sort().reverse();
  const out: SweepSummaryRow[] = [];
  for (const mode of modes) {
    for (const p of pLabels) {
      const cell = runs.filter((r) => r.mode === mode && r.p_label === p);
      if (cell.length === 0) continue;
      const ns = [...new Set(cell.map((r) => r.n_teammates))].sort((a, b) => a - b);
      const speedups = new Map(speedupSeries(cell, p, ns).map((s) => [s.n, s.mean]));
      for (const n of ns) {
        const at = cell.filter((r) => r.n_teammates === n);
        const pTrue = mean(at.map((r) => r.p_true));
        const m = (f: (r: RunRow) => number): number => mean(at.map(f));
        out.push({
          mode,
          p_label: p,
          p: pTrue,
          n,
          runs: at.length,
          successRate: at.filter((r) => r.success).length / at.length,
          speedup: speedups.get(n) ?? Number.NaN,
          amdahl: amdahlSpeedup(pTrue, n),
          messages: m((r) => metrics.get(r.run_dir)?.messages ?? 0),
          concurrentWrites: m((r) => r.concurrent_writes),
          rewrites: m((r) => metrics.get(r.run_dir)?.rewrites ?? 0),
          claimsBlocked: m((r) => r.claims_blocked),
          tokens: m((r) => r.total_input_tokens + r.total_output_tokens),
        });
      }
    }
  }
  return out;
}

/** The summary as a fixed-width text table for a terminal. */
export function formatSweepSummary(rows: readonly SweepSummaryRow[]): string {
  const header = ["mode", "p", "n", "runs", "ok", "speedup", "amdahl", "messages", "conc.wr", "rewrites", "blocked", "tokens"];
  const lines = rows.map((r) => [
    r.mode,
    r.p.toFixed(2),
    String(r.n),
    String(r.runs),
    `${Math.round(100 * r.successRate)}%`,
    Number.isNaN(r.speedup) ? "-" : r.speedup.toFixed(2),
    r.amdahl.toFixed(2),
    r.messages.toFixed(1),
    r.concurrentWrites.toFixed(1),
    r.rewrites.toFixed(1),
    r.claimsBlocked.toFixed(1),
    Math.round(r.tokens).toLocaleString("en-US"),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ");
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)].join("\n");
}
