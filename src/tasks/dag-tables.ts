import { predictAmdahl } from "../analysis/amdahl.js";
import { error } from "../core/errors.js";
import { dagShape } from "./parallel-fraction.js";
import { minimumRounds } from "./schedule.js";
import type { Suite } from "./types.js";
import { planPreassignment } from "./assignment.js";

/** One row of {@link amdahlTable}. */
export interface AmdahlTableRow {
  p: number;
  n: number;
  /** S(n) = 1 / ((1 − p) + p / n). */
  speedup: number;
  /** S(n) / n: the share of the n agents' time that is useful work. */
  efficiency: number;
  /** 1 / (1 − p), the limit of S(n) as n → ∞ (Infinity for p = 1). */
  limit: number;
}

/**
 * Amdahl's law at each p × n, with the efficiency S/n and the limit 1 / (1 − p). The speedup comes from
 * the one Amdahl formula of the library (`predictAmdahl`).
 *
 * @throws ToolkitError when a p is outside [0, 1] or an n is not an integer >= 1.
 * @example amdahlTable([0.75], [4])[0] // { p: 0.75, n: 4, speedup: 2.2857, efficiency: 0.5714, limit: 4 }
 */
export function amdahlTable(ps: readonly number[], ns: readonly number[]): AmdahlTableRow[] {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw error("amdahlTable", `every p must be a number in [0, 1]; got ${String(p)}`);
  for (const n of ns) if (!(Number.isInteger(n) && n >= 1)) throw error("amdahlTable", `every n must be an integer >= 1; got ${String(n)}`);
  return ps.flatMap((p) =>
    ns.map((n) => {
      const speedup = predictAmdahl(p, n);
      return { p, n, speedup, efficiency: speedup / n, limit: p === 1 ? Number.POSITIVE_INFINITY : 1 / (1 - p) };
    }),
  );
}

/** One row of {@link suiteShapeTable}. */
export interface SuiteShapeRow {
  suite: string;
  /** N: tasks. */
  tasks: number;
  /** C: tasks on the longest dependency chain. */
  critical_path: number;
  /** p = (N − C) / N. */
  p: number;
  /** 1 / (1 − p) = N / C: the most any team can gain on this graph (Infinity when C = 0). */
  max_speedup: number;
}

/** N, C, p and the speedup ceiling N / C of each suite, from the DAG functions (`dagShape`). */
export function suiteShapeTable(suites: readonly Pick<Suite, "id" | "tasks">[]): SuiteShapeRow[] {
  return suites.map((s) => {
    const d = dagShape(s.tasks);
    return { suite: s.id, tasks: d.n_tasks, critical_path: d.critical_path, p: d.p, max_speedup: d.critical_path === 0 ? Number.POSITIVE_INFINITY : d.n_tasks / d.critical_path };
  });
}

/** One row of {@link roundsTable}: a team size and the rounds three ways of working need. */
export interface RoundsRow {
  n: number;
  /** Amdahl's count: C + (N − C)/n rounds (the serial part, then the parallel part shared by n). */
  amdahl_rounds: number;
  /** Rounds of the centralized plan (`planPreassignment`): the busiest agent's task count. */
  centralized_rounds: number;
  /** Rounds of the critical-path-first schedule (`minimumRounds(...).upperBound`): achievable. */
  schedule_rounds: number;
  /** A proven lower bound on the rounds of any schedule (`minimumRounds(...).lowerBound`). */
  lower_bound: number;
  /** True when the schedule meets the lower bound, i.e. it is optimal. */
  optimal: boolean;
  /** N / amdahl_rounds, N / centralized_rounds, N / schedule_rounds: speedups over one agent (N rounds). */
  amdahl_speedup: number;
  centralized_speedup: number;
  schedule_speedup: number;
}

/**
 * The paper's round model (one task per agent per round; a task only after its dependencies finished
 * in earlier rounds) applied to a suite at each team size:
 *
 * - Amdahl's count, T(n) = C + (N − C)/n: the serial part runs alone, then the rest is shared;
 * - the centralized plan of the runtime (`planPreassignment`): each dependency chain whole to one
 *   agent, independent tasks dealt round-robin. An agent never waits on another, so the plan takes as
 *   many rounds as its busiest agent has tasks; on chain-plus-independent suites that is
 *   C + ⌈(N − C)/n⌉, Amdahl's count rounded up;
 * - the critical-path-first schedule (`minimumRounds`), which also overlaps the chain with the
 *   independent tasks and so needs only max(C, ⌈N/n⌉) rounds on those suites: it beats Amdahl.
 *
 * One agent needs N rounds, so each speedup is N divided by the rounds.
 * @throws ToolkitError when an n is not an integer >= 1 or the suite is not a DAG.
 */
export function roundsTable(suite: Suite, ns: readonly number[]): RoundsRow[] {
  for (const n of ns) if (!(Number.isInteger(n) && n >= 1)) throw error("roundsTable", `every n must be an integer >= 1; got ${String(n)}`);
  const { n_tasks: total, p } = dagShape(suite.tasks);
  return ns.map((n) => {
    const m = minimumRounds(suite.tasks, n);
    const plan = planPreassignment(suite, Array.from({ length: n }, (_, i) => `agent${i + 1}`));
    const centralized = Math.max(...[...plan.values()].map((tasks) => tasks.length));
    // N rounds for one agent divided by Amdahl's speedup: N((1 − p) + p/n) = C + (N − C)/n.
    const amdahlSpeedup = predictAmdahl(p, n);
    return {
      n,
      amdahl_rounds: total / amdahlSpeedup,
      centralized_rounds: centralized,
      schedule_rounds: m.upperBound,
      lower_bound: m.lowerBound,
      optimal: m.optimal,
      amdahl_speedup: amdahlSpeedup,
      centralized_speedup: total / centralized,
      schedule_speedup: total / m.upperBound,
    };
  });
}
