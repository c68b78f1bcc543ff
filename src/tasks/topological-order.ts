import { indexGraph, type DagNode, type IndexedGraph } from "./graph.js";

/**
 * The task ids in an order where every task comes after all of its dependencies (Kahn's algorithm).
 * Among tasks that are ready at the same time, input order decides, so the result is deterministic and
 * equals the input order when the input is already topologically sorted.
 *
 * @throws ToolkitError on duplicate ids, unknown dependencies, or a cycle (the message names it).
 * @example topologicalOrder([{ id: "b", dependencies: ["a"] }, { id: "a", dependencies: [] }]) // ["a", "b"]
 */
export function topologicalOrder(nodes: readonly DagNode[]): string[] {
  const graph = indexGraph("topologicalOrder", nodes);
  return topologicalPositions(graph).map((i) => graph.ids[i] as string);
}

/** Positions in topological order for an already checked graph (smallest ready position first). */
export function topologicalPositions(graph: IndexedGraph): number[] {
  const waiting = graph.parents.map((ps) => ps.length);
  const order: number[] = [];
  // The graph is small (tens of tasks): a sorted ready list is simpler than a heap and fast enough.
  let ready = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  while (ready.length > 0) {
    const v = ready.shift() as number;
    order.push(v);
    for (const c of graph.children[v] ?? []) {
      const left = (waiting[c] as number) - 1;
      waiting[c] = left;
      if (left === 0) ready = insertSorted(ready, c);
    }
  }
  return order;
}

function insertSorted(xs: number[], x: number): number[] {
  const i = xs.findIndex((y) => y > x);
  if (i === -1) xs.push(x);
  else xs.splice(i, 0, x);
  return xs;
}
