/**
 * The run-level bootstrap of the constrained Amdahl p. The nonlinear-least-squares SE treats a cell's
 * speedup points as independent, but every point divides by the same single-agent baseline, so their
 * errors are positively correlated and the residual scatter understates the uncertainty of p̂.
 * Resampling runs (not points) keeps that correlation.
 */
import { fitAmdahl, type ScalingFit } from "../analysis/index.js";
import { error } from "../core/errors.js";
import { createRng, deriveSeed } from "../core/rng.js";
import type { SpeedupTableRow } from "../metrics/paper-tables.js";
import { speedupSeries } from "../metrics/speedup.js";
import { sd } from "../metrics/stats.js";
import type { RunRow } from "../runs/types.js";
import { cellKey, groupBy } from "./cells.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { AmdahlBootstrap, CellId } from "./types.js";

/**
 * Quantile of sorted values with linear interpolation between order statistics (R's type 7):
 * h = (N − 1)q, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based.
 */
function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Throws unless the runs reproduce the table's points, so that the bootstrap describes the fitted data. */
function checkPointsMatchRuns(cellRuns: readonly RunRow[], points: readonly SpeedupTableRow[], cell: CellId): void {
  const original = speedupSeries(cellRuns, cell.p_label, points.map((p) => p.n));
  const same =
    original.length === points.length &&
    original.every((q, i) => {
      const p = points[i] as SpeedupTableRow;
      return q.n === p.n && Math.abs(q.mean - p.mean) <= 1e-9 * Math.abs(p.mean) && Math.abs(q.sem - p.sem) <= 1e-9 * Math.max(p.sem, 1e-300);
    });
  if (!same) {
    throw error("analyzeRuns", `tables.speedup for ${cell.condition} / ${cell.model} / ${cell.p_label} does not match the speedups of the runs given; pass tables computed from the same runs (paperTables(runs, metrics))`);
  }
}

/**
 * Run-level bootstrap of the constrained Amdahl p of one cell: B times, resample the successful runs
 * with replacement within each (task type, n) cell, recompute the speedups as `speedupSeries` does, refit.
 * The cell draws from its own stream, `deriveSeed(o.seed, condition, model, p_label)`, so adding or
 * removing another cell does not change its interval.
 *
 * @throws {ToolkitError} when the runs do not reproduce `points`, or fewer than 2 replicates are usable
 */
export function bootstrapAmdahl(cellRuns: readonly RunRow[], points: readonly SpeedupTableRow[], cell: CellId, o: ResolvedAnalysisOptions): AmdahlBootstrap {
  checkPointsMatchRuns(cellRuns, points, cell);
  const ns = points.map((p) => p.n);
  const strata = [...groupBy(cellRuns.filter((r) => r.success && r.p_label === cell.p_label), (r) => cellKey(r.task_type, r.n_teammates)).values()];
  const seed = deriveSeed(o.seed, cell.condition, cell.model, cell.p_label);
  const rng = createRng(seed);
  const estimates: number[] = [];
  let failed = 0;
  const sample: RunRow[] = [];
  for (let b = 0; b < o.bootstrapReplicates; b++) {
    sample.length = 0;
    for (const s of strata) for (let i = 0; i < s.length; i++) sample.push(s[Math.floor(rng.next() * s.length)] as RunRow);
    const pts = speedupSeries(sample, cell.p_label, ns).map((q) => ({ n: q.n, speedup: q.mean, sem: q.sem }));
    let fit: ScalingFit;
    try {
      fit = fitAmdahl(pts, { weighting: o.weighting, confidenceLevel: o.confidenceLevel });
    } catch (e) {
      // Under inverse-variance weighting a resample can have a zero SEM at some n (every run of a cell
      // drawn the same); that replicate has no weights and is counted as failed, never silently used.
      if (o.weighting === "inverse-variance") {
        failed++;
        continue;
      }
      throw e;
    }
    if (!fit.converged) {
      failed++;
      continue;
    }
    estimates.push(fit.params["p"] as number);
  }
  if (estimates.length < 2) {
    throw error("analyzeRuns", `the bootstrap of ${cell.condition} / ${cell.model} / ${cell.p_label} has ${estimates.length} usable replicates of ${o.bootstrapReplicates}; use weighting "none" or switch the bootstrap off (bootstrapReplicates: 0)`);
  }
  estimates.sort((x, y) => x - y);
  const tail = (1 - o.confidenceLevel) / 2;
  return {
    replicates: o.bootstrapReplicates,
    seed,
    failed,
    se: sd(estimates),
    ciLow: quantileSorted(estimates, tail),
    ciHigh: quantileSorted(estimates, 1 - tail),
  };
}
