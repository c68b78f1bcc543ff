import { error } from "../core/errors.js";
import { depthsOf } from "./critical-path.js";
import { indexGraph, type DagNode } from "./graph.js";

/** The numbers that describe a DAG's shape for Amdahl-style analysis. */
export interface DagShape {
  /** N: number of tasks. */
  n_tasks: number;
  /** C: tasks on the longest dependency chain. */
  critical_path: number;
  /** p = (N - C) / N. */
  p: number;
}

/**
 * Parallel fraction p = (N - C) / N, where N is the number of tasks and C the critical path length
 * (in tasks). The paper's suites have N = 20 and C = 2, 10, 16, so p = 0.9, 0.5, 0.2.
 *
 * @throws ToolkitError when there are no tasks (p is undefined for N = 0) or the graph is not a DAG.
 * @example parallelFraction([{ id: "a", dependencies: [] }, { id: "b", dependencies: [] }]) // (2 - 1) / 2 = 0.5
 */
export function parallelFraction(nodes: readonly DagNode[]): number {
  return dagShape(nodes, "parallelFraction").p;
}

/** N, C and p of a DAG. @throws ToolkitError as `parallelFraction`. */
export function dagShape(nodes: readonly DagNode[], fn = "dagShape"): DagShape {
  if (nodes.length === 0) throw error(fn, "got 0 tasks; p = (N - C) / N needs at least one task");
  const c = Math.max(...depthsOf(indexGraph(fn, nodes)));
  return { n_tasks: nodes.length, critical_path: c, p: (nodes.length - c) / nodes.length };
}
