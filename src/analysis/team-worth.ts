/**
 * "Is a team worth it?": for each group (e.g. a model × coordination mode), the smallest team size that
 * reaches a given fraction (default 90%) of the best speedup observed in that group, with what it costs:
 *
 *   target = fraction · max_n S(n);   n_chosen = min { n : S(n) >= target }
 *
 * and its token multiplier, cost (when given) and efficiency = speedup / token multiplier.
 */
import { analysisError } from "./errors.js";
import { assertOpenInterval, formatValue } from "./validate.js";

/** One (group, team size) summary. */
export interface TeamSizeSummary {
  group: string;
  n: number;
  speedup: number;
  /** Tokens used relative to the single-agent baseline. */
  tokenMultiplier: number;
  /** Dollar cost per run, if known. */
  costUsd?: number;
}

/** The answer for one group. */
export interface TeamWorthRow {
  group: string;
  bestSpeedup: number;
  bestN: number;
  fraction: number;
  targetSpeedup: number;
  /** Smallest n reaching the target. */
  n: number;
  speedup: number;
  tokenMultiplier: number;
  /** null when no cost was given for that row. */
  costUsd: number | null;
  /** speedup / tokenMultiplier. */
  efficiency: number;
}

/**
 * @param rows one row per (group, n); duplicates must be aggregated first
 * @throws {InvalidArgumentError} on duplicates, non-finite values, or a fraction outside (0, 1]
 */
export function teamWorth(rows: readonly TeamSizeSummary[], options: { fraction?: number } = {}): TeamWorthRow[] {
  const fn = "teamWorth";
  const fraction = options.fraction ?? 0.9;
  assertOpenInterval(fn, "options.fraction", fraction, 0, 1 + Number.EPSILON);
  if (!Array.isArray(rows)) throw analysisError("invalid-argument", fn, `rows is ${formatValue(rows)}; it must be an array of { group, n, speedup, tokenMultiplier, costUsd? }`);
  const groups = new Map<string, TeamSizeSummary[]>();
  rows.forEach((r, i) => {
    if (typeof r.group !== "string") throw analysisError("invalid-argument", fn, `rows[${i}].group is ${formatValue(r.group)}; it must be a string`);
    for (const key of ["n", "speedup", "tokenMultiplier"] as const) {
      const v = r[key];
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw analysisError("invalid-argument", fn, `rows[${i}].${key} is ${formatValue(v)}; it must be a finite number > 0`);
    }
    if (r.costUsd !== undefined && (typeof r.costUsd !== "number" || !Number.isFinite(r.costUsd) || r.costUsd < 0)) {
      throw analysisError("invalid-argument", fn, `rows[${i}].costUsd is ${formatValue(r.costUsd)}; it must be a finite number >= 0`);
    }
    const list = groups.get(r.group) ?? [];
    if (list.some((o) => o.n === r.n)) throw analysisError("invalid-argument", fn, `rows[${i}] repeats group ${JSON.stringify(r.group)} at n = ${r.n}; aggregate runs to one row per (group, n) first`);
    list.push(r);
    groups.set(r.group, list);
  });
  const out: TeamWorthRow[] = [];
  for (const [group, list] of groups) {
    const sorted = [...list].sort((a, b) => a.n - b.n);
    const best = sorted.reduce((m, r) => (r.speedup > m.speedup ? r : m), sorted[0] as TeamSizeSummary);
    const target = fraction * best.speedup;
    const chosen = sorted.find((r) => r.speedup >= target) as TeamSizeSummary;
    out.push({
      group,
      bestSpeedup: best.speedup,
      bestN: best.n,
      fraction,
      targetSpeedup: target,
      n: chosen.n,
      speedup: chosen.speedup,
      tokenMultiplier: chosen.tokenMultiplier,
      costUsd: chosen.costUsd ?? null,
      efficiency: chosen.speedup / chosen.tokenMultiplier,
    });
  }
  return out;
}
