/**
 * Amdahl, per condition × model × p: S(n) = 1/((1 − p) + p/n) fitted to the speedup table's points
 * (mean speedup over task types, delta-method SEM). The n = 1 point is S = 1 by definition and
 * `fitAmdahl` excludes it (it carries no information about p); the fit uses n = 2..5. Constrained
 * (p ∈ [0, 1]) goes into the CSV's p_hat; the unconstrained p̂ sits beside it. The run-level bootstrap
 * (`bootstrap.ts`) gives the interval to read as the honest one.
 */
import { fitAmdahl, type SpeedupPoint } from "../analysis/index.js";
import type { SpeedupTableRow } from "../metrics/paper-tables.js";
import type { RunRow } from "../runs/types.js";
import { bootstrapAmdahl } from "./bootstrap.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { AmdahlCell, CellId } from "./types.js";

/** Points at n > 1: what a scaling fit can use. */
export function usableCount(points: readonly SpeedupTableRow[]): number {
  return points.filter((p) => p.n > 1).length;
}

/** The speedup table's rows as the points the scaling-law fits take. */
export const toSpeedupPoints = (rows: readonly SpeedupTableRow[]): SpeedupPoint[] => rows.map((r) => ({ n: r.n, speedup: r.mean, sem: r.sem }));

/**
 * The Amdahl fits of one cell (constrained, unconstrained, and the run bootstrap unless switched off), or
 * the reason it cannot be fitted (fewer than 2 team sizes above n = 1).
 *
 * @param cellRuns the runs of the cell (its condition and model), from which the bootstrap resamples
 * @param pTrue the design p of the cell's label, or null
 */
export function fitAmdahlCell(
  cell: CellId,
  points: SpeedupTableRow[],
  cellRuns: readonly RunRow[],
  pTrue: number | null,
  o: ResolvedAnalysisOptions,
): { cell: AmdahlCell } | { skip: string } {
  const usable = usableCount(points);
  if (usable < 2) return { skip: `${usable} team size(s) above n = 1; the Amdahl fit needs at least 2` };
  const fitOptions = { weighting: o.weighting, confidenceLevel: o.confidenceLevel };
  const sp = toSpeedupPoints(points);
  const constrained = fitAmdahl(sp, { ...fitOptions, mode: "constrained" });
  const unconstrained = fitAmdahl(sp, { ...fitOptions, mode: "unconstrained" });
  const bootstrap = o.bootstrapReplicates > 0 ? bootstrapAmdahl(cellRuns, points, cell, o) : null;
  return { cell: { ...cell, pTrue, points, constrained, unconstrained, bootstrap } };
}
