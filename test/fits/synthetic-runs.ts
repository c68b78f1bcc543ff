/**
 * Seeded synthetic run tables with known parameters, for parameter-recovery tests of the analysis.
 *
 * Each run: wall clock = T_task / S(n) · exp(σ z) (z standard normal), so the speedup table's means
 * follow S(n) up to noise; messages = M(n) + τ z (rounded, >= 0); input tokens = 10000 · n^γ and output
 * tokens = 2000 · n^γ (so the token multiplier is n^γ up to noise).
 */
import { createRng, standardNormal } from "../../src/core/rng.js";
import type { RunEventMetrics } from "../../src/metrics/per-run.js";
import type { RunRow } from "../../src/runs/types.js";

export interface SyntheticModel {
  model: string;
  /** True speedup at team size n for design p. */
  speedup: (p: number, n: number) => number;
  /** True mean messages per run at team size n. */
  messages: (n: number) => number;
  /** SD of the message noise. @default 2 */
  messageNoise?: number;
  /** Token growth exponent γ. @default 0.5 */
  tokenExponent?: number;
}

export interface SyntheticSpec {
  seed: number;
  models: SyntheticModel[];
  modes?: string[];
  pLabels?: { label: string; p: number }[];
  taskTypes?: string[];
  ns?: number[];
  reps?: number;
  /** SD of the log wall-clock noise. @default 0.05 */
  sigma?: number;
}

export function metricsRow(run_dir: string, messages: number): RunEventMetrics {
  return {
    run_dir,
    messages,
    idleRounds: 0,
    rewrites: 0,
    testFailures: 0,
    claimRefusals: 0,
    concurrentWrites: 0,
    inputTokens: Number.NaN,
    outputTokens: Number.NaN,
    stragglerGaps: [],
  };
}

export function syntheticRuns(spec: SyntheticSpec): { runs: RunRow[]; metrics: Map<string, RunEventMetrics> } {
  const rng = createRng(spec.seed);
  const modes = spec.modes ?? ["preassign_nolead", "decentralized"];
  const pLabels = spec.pLabels ?? [
    { label: "p09", p: 0.9 },
    { label: "p05", p: 0.5 },
    { label: "p02", p: 0.2 },
  ];
  const taskTypes = spec.taskTypes ?? ["alpha", "beta", "gamma"];
  const ns = spec.ns ?? [1, 2, 3, 4, 5];
  const reps = spec.reps ?? 6;
  const sigma = spec.sigma ?? 0.05;
  const runs: RunRow[] = [];
  const metrics = new Map<string, RunEventMetrics>();
  for (const m of spec.models) {
    for (const mode of modes) {
      for (const { label, p } of pLabels) {
        taskTypes.forEach((tt, k) => {
          const base = 300 * (k + 1);
          for (const n of ns) {
            for (let rep = 0; rep < reps; rep++) {
              const run_dir = `${m.model}/${mode}/${tt}_${label}/n${n}_r${rep}`;
              const wall = (base / m.speedup(p, n)) * Math.exp(sigma * standardNormal(rng));
              const growth = Math.pow(n, m.tokenExponent ?? 0.5) * Math.exp(0.02 * standardNormal(rng));
              runs.push({
                run_dir,
                model_dir: m.model,
                exp_dir: "synthetic",
                mode,
                task_type: tt,
                p_label: label,
                p_true: p,
                n_teammates: n,
                rep,
                success: true,
                wall_clock_seconds: wall,
                total_rounds: 10,
                concurrent_writes: 0,
                claims_blocked: 0,
                total_input_tokens: Math.round(10000 * growth),
                total_output_tokens: Math.round(2000 * growth),
              });
              const msg = Math.max(0, Math.round(m.messages(n) + (m.messageNoise ?? 2) * standardNormal(rng)));
              metrics.set(run_dir, metricsRow(run_dir, msg));
            }
          }
        });
      }
    }
  }
  return { runs, metrics };
}
