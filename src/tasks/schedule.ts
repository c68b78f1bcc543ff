import { error } from "../core/errors.js";
import { depthsOf, heightsOf } from "./critical-path.js";
import { indexGraph, type DagNode, type IndexedGraph } from "./graph.js";

/**
 * Bounds on the number of rounds a team of n agents needs for a DAG, under the paper's round model:
 * every task takes exactly one round, an agent does at most one task per round, and a task can be done in
 * a round only if all of its dependencies were finished in earlier rounds.
 *
 * The optimum is the makespan of scheduling unit-time tasks with precedence constraints on n identical
 * machines (P | prec, p_j = 1 | C_max), which is NP-hard when n is part of the input (Ullman 1975).
 * So we report a lower bound and an achievable schedule; when they coincide, the schedule is optimal.
 */
export interface MinimumRounds {
  /** Number of agents. */
  n: number;
  /** The simple bound max(C, ceil(N / n)): a chain of C tasks needs C rounds; N tasks at n per round need ceil(N / n). */
  simpleBound: number;
  /**
   * The level bound, >= simpleBound (it includes both terms of the simple bound as special cases):
   * max over h of (h - 1 + ceil(m_h / n)), where m_h counts tasks of height >= h (each still has a chain of
   * h - 1 tasks after it, so all m_h must be done in the first T - h + 1 rounds), and the same with depth
   * (tasks of depth >= d cannot start before round d). A proven lower bound on the optimum.
   */
  lowerBound: number;
  /** Rounds used by `schedule`: achievable, hence an upper bound on the optimum. */
  upperBound: number;
  /** The critical-path-first list schedule: task ids done in each round. */
  schedule: string[][];
  /** True when lowerBound === upperBound, i.e. the schedule is provably optimal. */
  optimal: boolean;
}

/**
 * Lower bound and achievable number of rounds for `n` agents (see `MinimumRounds`).
 *
 * For the paper's chain-plus-independent shape (a chain of C tasks and N - C independent tasks) the
 * critical-path-first schedule meets max(C, ceil(N / n)) exactly: every round runs the next chain task
 * plus n - 1 independent tasks until either runs out, so `optimal` is true there.
 * Critical-path-first list scheduling is also optimal for in-forests (Hu 1961); elsewhere it can be off.
 *
 * @throws ToolkitError when n is not a positive integer or the graph is not a DAG.
 * @example minimumRounds(syntheticSuite({ n: 20, p: 0.5 }).tasks, 4).upperBound // max(10, ceil(20 / 4)) = 10
 */
export function minimumRounds(nodes: readonly DagNode[], n: number): MinimumRounds {
  checkAgents("minimumRounds", n);
  const graph = indexGraph("minimumRounds", nodes);
  const schedule = listScheduleOf(graph, n);
  const lower = levelBound(graph, n);
  const c = Math.max(0, ...depthsOf(graph));
  return {
    n,
    simpleBound: Math.max(c, Math.ceil(nodes.length / n)),
    lowerBound: lower,
    upperBound: schedule.length,
    schedule,
    optimal: lower === schedule.length,
  };
}

/**
 * The lower bound of `MinimumRounds.lowerBound` alone.
 * @throws ToolkitError as `minimumRounds`.
 */
export function roundsLowerBound(nodes: readonly DagNode[], n: number): number {
  checkAgents("roundsLowerBound", n);
  return levelBound(indexGraph("roundsLowerBound", nodes), n);
}

/**
 * Critical-path-first list schedule for n agents: each round, of the tasks whose dependencies are all done,
 * take up to n, preferring the largest height (longest chain still ahead of the task), then input order.
 * @throws ToolkitError as `minimumRounds`.
 */
export function listSchedule(nodes: readonly DagNode[], n: number): string[][] {
  checkAgents("listSchedule", n);
  return listScheduleOf(indexGraph("listSchedule", nodes), n);
}

function checkAgents(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw error(fn, `n (number of agents) must be a positive integer, got ${n}`);
}

function levelBound(graph: IndexedGraph, n: number): number {
  let bound = 0;
  for (const levels of [heightsOf(graph), depthsOf(graph)]) {
    const top = Math.max(0, ...levels);
    for (let h = 1; h <= top; h++) {
      const m = levels.filter((x) => x >= h).length;
      bound = Math.max(bound, h - 1 + Math.ceil(m / n));
    }
  }
  return bound;
}

function listScheduleOf(graph: IndexedGraph, n: number): string[][] {
  const height = heightsOf(graph);
  const waiting = graph.parents.map((ps) => ps.length);
  let ready = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  const rounds: string[][] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (height[b] as number) - (height[a] as number) || a - b);
    const now = ready.slice(0, n);
    ready = ready.slice(n);
    rounds.push(now.map((i) => graph.ids[i] as string));
    // Dependents become ready only after the whole round, never within it.
    for (const v of now) {
      for (const c of graph.children[v] ?? []) {
        const left = (waiting[c] as number) - 1;
        waiting[c] = left;
        if (left === 0) ready.push(c);
      }
    }
  }
  return rounds;
}
