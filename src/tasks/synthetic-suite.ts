import { error } from "../core/errors.js";
import { pLabel } from "./p-label.js";
import { SYNTHETIC_BRIEF, fmtNumber, syntheticTasks } from "./synthetic-content.js";
import type { Suite } from "./types.js";

export interface SyntheticSuiteOptions {
  /** N, the number of tasks: a positive integer. */
  n: number;
  /** Parallel fraction p = (N - C) / N; must be representable with an integer chain length C in 1..N. */
  p: number;
}

/**
 * A chain-plus-independent suite like the paper's: task-1 .. task-C form a chain (each depends on the
 * previous one), the other N - C tasks are independent, with C = round(N (1 - p)).
 *
 * @throws ToolkitError when n is not a positive integer, or p cannot be represented as (N - C) / N with
 *   C in 1..N; the message gives the nearest representable values.
 * @example syntheticSuite({ n: 20, p: 0.9 }).tasks.filter((t) => t.dependencies.length > 0).length // 1 (C = 2)
 */
export function syntheticSuite(options: SyntheticSuiteOptions): Suite {
  const { n, p } = options;
  if (!Number.isInteger(n) || n < 1) throw error("syntheticSuite", `n (number of tasks) must be a positive integer, got ${n}`);
  if (!Number.isFinite(p)) throw error("syntheticSuite", `p must be a finite number in [0, 1), got ${p}`);
  const c = Math.round(n * (1 - p));
  if (c < 1 || c > n || Math.abs((n - c) / n - p) > 1e-9) {
    throw error("syntheticSuite", `p = ${p} cannot be represented with n = ${n} tasks: p = (N - C) / N needs an integer chain length C in 1..${n}; nearest representable: ${nearestRepresentable(n, p)}`);
  }
  const deps = (k: number): number[] => (k >= 2 && k <= c ? [k - 1] : []);
  const label = pLabel((n - c) / n);
  return {
    id: `synthetic_n${n}_${label}`,
    domain: "synthetic",
    p_label: label,
    title: `Synthetic chain-plus-independent suite (N = ${n}, C = ${c}, p = ${fmtNumber((n - c) / n)})`,
    description: `${SYNTHETIC_BRIEF}\n\nTasks task-1 .. task-${c} form a chain (each depends on the one before); ${n - c === 0 ? "there are no independent tasks" : `tasks task-${c + 1} .. task-${n} are independent`}.`,
    tasks: syntheticTasks(Array.from({ length: n }, (_, i) => deps(i + 1))),
  };
}

function nearestRepresentable(n: number, p: number): string {
  const options = Array.from({ length: n }, (_, i) => ({ c: i + 1, p: (n - i - 1) / n }));
  const below = options.filter((o) => o.p <= p).sort((a, b) => b.p - a.p)[0];
  const above = options.filter((o) => o.p >= p).sort((a, b) => a.p - b.p)[0];
  return [below, above]
    .filter((o, i, all): o is { c: number; p: number } => o !== undefined && all.indexOf(o) === i)
    .map((o) => `p = ${fmtNumber(o.p)} (C = ${o.c})`)
    .join(" or ");
}

