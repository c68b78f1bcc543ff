import type { ModelFit } from "../analysis/model-fit.js";
import type { SpeedupPoint } from "../analysis/scaling-points.js";
import { error } from "../core/errors.js";
import type { SpeedupTableRow } from "../metrics/paper-tables.js";

/** One parameter of a fit, for a table. */
export interface FitParameterRow {
  parameter: string;
  estimate: number;
  se: number;
  /** The Wald interval at the fit's confidence level (`ci_level`). */
  ci_low: number;
  ci_high: number;
  ci_level: number;
  t_value: number;
  /** Two-sided p-value of "the parameter is 0". */
  p_value: number;
}

/** A fit's parameters as rows, in the order of `parameterNames`. */
export function fitParameterRows(fit: ModelFit): FitParameterRow[] {
  return fit.parameterNames.map((k) => {
    const [lo, hi] = fit.confidenceIntervals[k] as [number, number];
    return {
      parameter: k,
      estimate: fit.params[k] as number,
      se: fit.standardErrors[k] as number,
      ci_low: lo,
      ci_high: hi,
      ci_level: fit.confidenceLevel,
      t_value: fit.tValues[k] as number,
      p_value: fit.pValues[k] as number,
    };
  });
}

/** How well a fit fits, as one row. */
export interface FitStatisticsRow {
  model: string;
  formula: string;
  observations: number;
  parameters: number;
  /** Residual degrees of freedom, observations − parameters. */
  df: number;
  rss: number;
  residual_sd: number;
  r2: number;
  aic: number;
  converged: boolean;
}

/** A fit's goodness-of-fit numbers as one row. */
export function fitStatisticsRow(fit: ModelFit): FitStatisticsRow {
  return {
    model: fit.model,
    formula: fit.formula,
    observations: fit.nObservations,
    parameters: fit.nParameters,
    df: fit.df,
    rss: fit.rss,
    residual_sd: fit.residualSD,
    r2: fit.r2,
    aic: fit.aic,
    converged: fit.converged,
  };
}

/**
 * The speedup points of one cell of the speedup table (`paperTables(...).speedup`), in team-size order,
 * as `fitAmdahl` takes them: { n, speedup: mean, sem }.
 *
 * @throws ToolkitError when no row matches, or when `model` is left out and the cell has several models.
 */
export function speedupPointsOf(rows: readonly SpeedupTableRow[], cell: { condition: string; p_label: string; model?: string }): SpeedupPoint[] {
  const fn = "speedupPointsOf";
  const mine = rows.filter((r) => r.condition === cell.condition && r.p_label === cell.p_label && (cell.model === undefined || r.model === cell.model));
  if (mine.length === 0) {
    const cells = [...new Set(rows.map((r) => `${r.condition}/${r.p_label}`))].join(", ");
    throw error(fn, `no speedup rows for condition ${JSON.stringify(cell.condition)} and p_label ${JSON.stringify(cell.p_label)}${cell.model === undefined ? "" : ` and model ${JSON.stringify(cell.model)}`}; the table has ${cells || "no rows"}`);
  }
  const models = [...new Set(mine.map((r) => r.model))];
  if (models.length > 1) throw error(fn, `the cell has ${models.length} models (${models.join(", ")}); name one with cell.model`);
  return [...mine].sort((a, b) => a.n - b.n).map((r) => ({ n: r.n, speedup: r.mean, sem: r.sem }));
}
