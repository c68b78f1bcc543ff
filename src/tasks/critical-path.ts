import { indexGraph, type DagNode, type IndexedGraph } from "./graph.js";
import { topologicalPositions } from "./topological-order.js";

/**
 * Depth of each task: the number of tasks on the longest dependency chain that ends at it, itself
 * included. A task without dependencies has depth 1. With one task per round and unlimited agents,
 * depth is the earliest round in which the task can be done.
 */
export function taskDepths(nodes: readonly DagNode[]): Map<string, number> {
  const graph = indexGraph("taskDepths", nodes);
  return toMap(graph, depthsOf(graph));
}

/**
 * Height of each task: the number of tasks on the longest chain that starts at it, itself included
 * (itself plus the longest chain of tasks that transitively wait for it). A task nothing depends on has
 * height 1. After finishing a task of height h, at least h - 1 further rounds are needed.
 */
export function taskHeights(nodes: readonly DagNode[]): Map<string, number> {
  const graph = indexGraph("taskHeights", nodes);
  return toMap(graph, heightsOf(graph));
}

/**
 * Critical path length C: the number of tasks on the longest dependency chain,
 * C = max over tasks of depth(task). 0 for an empty graph.
 *
 * @example criticalPathLength([{ id: "a", dependencies: [] }, { id: "b", dependencies: ["a"] }]) // 2
 */
export function criticalPathLength(nodes: readonly DagNode[]): number {
  const graph = indexGraph("criticalPathLength", nodes);
  return Math.max(0, ...depthsOf(graph));
}

/**
 * One longest dependency chain, first task first. Where several chains are longest, the one ending at the
 * earliest task in input order is returned, following at each step the earliest-listed deepest dependency.
 */
export function criticalPath(nodes: readonly DagNode[]): string[] {
  const graph = indexGraph("criticalPath", nodes);
  const depth = depthsOf(graph);
  const longest = Math.max(0, ...depth);
  if (longest === 0) return [];
  const path: number[] = [];
  let v: number | undefined = depth.indexOf(longest);
  while (v !== undefined) {
    path.push(v);
    const want: number = (depth[v] as number) - 1;
    v = (graph.parents[v] ?? []).find((p) => depth[p] === want);
  }
  return path.reverse().map((i) => graph.ids[i] as string);
}

/** depth(v) = 1 + max over dependencies of depth(dependency), computed in topological order. */
export function depthsOf(graph: IndexedGraph): number[] {
  const depth = new Array<number>(graph.ids.length).fill(1);
  for (const v of topologicalPositions(graph)) {
    for (const p of graph.parents[v] ?? []) depth[v] = Math.max(depth[v] as number, (depth[p] as number) + 1);
  }
  return depth;
}

/** height(v) = 1 + max over dependents of height(dependent), computed in reverse topological order. */
export function heightsOf(graph: IndexedGraph): number[] {
  const height = new Array<number>(graph.ids.length).fill(1);
  for (const v of topologicalPositions(graph).reverse()) {
    for (const c of graph.children[v] ?? []) height[v] = Math.max(height[v] as number, (height[c] as number) + 1);
  }
  return height;
}

function toMap(graph: IndexedGraph, values: readonly number[]): Map<string, number> {
  return new Map(graph.ids.map((id, i) => [id, values[i] as number]));
}
