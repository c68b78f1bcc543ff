/** Grouping of run-table and paper-table rows into the cells the fits work on. */
import { error } from "../core/errors.js";
import type { RunRow } from "../runs/types.js";

/** The key of a cell from its coordinates (condition, model, p label, ...). */
export const cellKey = (...parts: readonly (string | number)[]): string => parts.join("\u0000");

/** Group rows by key, keeping the order in which keys first appear. */
export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The design p of each p label, from the runs' `p_true`.
 *
 * @throws {ToolkitError} (as `analyzeRuns`) when one label has runs with two different `p_true`
 */
export function designP(runs: readonly RunRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of runs) {
    const prev = out.get(r.p_label);
    if (prev === undefined) out.set(r.p_label, r.p_true);
    else if (prev !== r.p_true) {
      throw error("analyzeRuns", `p label ${JSON.stringify(r.p_label)} has runs with p_true ${prev} and ${r.p_true} (run ${r.run_dir}); one label must mean one design p`);
    }
  }
  return out;
}
