import type { RunRecord } from "./run-table.js";
import { RUN_COLUMNS } from "./types.js";

/**
 * Run-table rows as flat records for a DataFrame: the paper's sixteen columns in order, then any extra
 * columns of our own runs (`extras`) as further columns.
 */
export function runRecords(runs: readonly RunRecord[]): Record<string, string | number | boolean | null>[] {
  return runs.map((r) => {
    const out: Record<string, string | number | boolean | null> = {};
    for (const c of RUN_COLUMNS) out[c] = r[c];
    return Object.assign(out, r.extras);
  });
}
