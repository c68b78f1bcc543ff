/**
 * USL, per condition × model × p: S(n) = n/(1 + a(n − 1) + b n(n − 1)), constrained (a ∈ [0, 1],
 * b ≥ 0), on the same points and weighting as the Amdahl fit; peak n* = √((1 − a)/b) with a delta-method
 * SE; ΔAIC = AIC(USL) − AIC(Amdahl) (the USL nests Amdahl at b = 0 with p = 1 − a; negative favours the
 * USL). With four points AIC is descriptive.
 */
import { fitUsl, type ScalingFit, type UslFit } from "../analysis/index.js";
import type { SpeedupTableRow } from "../metrics/paper-tables.js";
import { toSpeedupPoints, usableCount } from "./amdahl.js";
import type { ResolvedAnalysisOptions } from "./options.js";
import type { CellId, UslCell } from "./types.js";

/** Why a USL peak should be read with care: "" when n* lies within the fitted team sizes. */
export function peakNote(fit: UslFit, ns: readonly number[]): string {
  if (fit.peak.kind === "no-peak") return fit.peak.reason;
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  if (fit.peak.n > hi) return `n* = ${fit.peak.n.toPrecision(3)} is beyond the largest team observed (n = ${hi}): an extrapolation`;
  if (fit.peak.n < lo) return `n* = ${fit.peak.n.toPrecision(3)} is below the smallest team fitted (n = ${lo}): the fitted speedup falls over the whole range`;
  return "";
}

/**
 * The USL fit of one cell beside its constrained Amdahl fit, or the reason it cannot be fitted (fewer
 * than 3 team sizes above n = 1: two parameters need a residual degree of freedom).
 */
export function fitUslCell(cell: CellId, points: SpeedupTableRow[], amdahl: ScalingFit, o: ResolvedAnalysisOptions): { cell: UslCell } | { skip: string } {
  const usable = usableCount(points);
  if (usable < 3) return { skip: `${usable} team sizes above n = 1; the USL fit needs at least 3` };
  const fit = fitUsl(toSpeedupPoints(points), { weighting: o.weighting, confidenceLevel: o.confidenceLevel, mode: "constrained" });
  return { cell: { ...cell, points, fit, amdahl, deltaAic: fit.aic - amdahl.aic, peakNote: peakNote(fit, fit.n) } };
}
