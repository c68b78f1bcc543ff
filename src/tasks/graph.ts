import { error } from "../core/errors.js";

/**
 * The part of a task that the DAG logic needs. `TaskSpec` satisfies it, so every DAG function takes
 * suites' tasks directly, and tests can use two-field literals.
 */
export interface DagNode {
  readonly id: string;
  readonly dependencies: readonly string[];
}

/** A checked graph: ids in input order, and for each id its position, dependencies and dependents. */
export interface IndexedGraph {
  readonly ids: readonly string[];
  readonly position: ReadonlyMap<string, number>;
  /** Dependencies of each task (by position), duplicates removed, in the order written. */
  readonly parents: readonly (readonly number[])[];
  /** Tasks that depend on each task (by position), in input order. */
  readonly children: readonly (readonly number[])[];
}

/**
 * Index `nodes` and check the three properties every DAG function relies on: ids are unique, every
 * dependency names a task of the graph, and there is no cycle. Throws a ToolkitError naming `fn`.
 */
export function indexGraph(fn: string, nodes: readonly DagNode[]): IndexedGraph {
  const position = new Map<string, number>();
  nodes.forEach((node, i) => {
    const earlier = position.get(node.id);
    if (earlier !== undefined) {
      throw error(fn, `duplicate task id "${node.id}" at positions ${earlier} and ${i}; ids must be unique`);
    }
    position.set(node.id, i);
  });
  const parents = nodes.map((node) => {
    const seen = new Set<number>();
    for (const dep of node.dependencies) {
      const j = position.get(dep);
      if (j === undefined) {
        throw error(fn, `task "${node.id}" depends on unknown task "${dep}"; known ids: ${listIds(nodes)}`);
      }
      seen.add(j);
    }
    return [...seen];
  });
  const children: number[][] = nodes.map(() => []);
  parents.forEach((ps, i) => ps.forEach((j) => children[j]?.push(i)));
  const graph: IndexedGraph = { ids: nodes.map((n) => n.id), position, parents, children };
  const cycle = cycleIn(graph);
  if (cycle !== null) throw error(fn, `dependency cycle ${cycle.join(" -> ")}; a suite's dependencies must form a DAG`);
  return graph;
}

/**
 * One dependency cycle of `nodes`, written as ids from a task back to itself
 * (`["a", "b", "a"]` when a depends on b and b on a), or null when the graph is acyclic.
 * Dependencies on unknown ids are ignored here (validation reports them separately); with duplicate ids
 * the first occurrence wins.
 */
export function findCycle(nodes: readonly DagNode[]): string[] | null {
  const position = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!position.has(n.id)) position.set(n.id, i);
  });
  const parents = nodes.map((n) =>
    n.dependencies.map((d) => position.get(d)).filter((j): j is number => j !== undefined),
  );
  return cycleIn({ ids: nodes.map((n) => n.id), parents });
}

/** Iterative depth-first search along dependency edges; returns the first cycle met. */
function cycleIn(graph: Pick<IndexedGraph, "ids" | "parents">): string[] | null {
  const n = graph.ids.length;
  // 0 = unvisited, 1 = on the current path, 2 = finished.
  const state = new Array<number>(n).fill(0);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    const path: number[] = [root];
    const next: number[] = [0];
    state[root] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const v = path[top] as number;
      const k = next[top] as number;
      const ps = graph.parents[v] ?? [];
      if (k >= ps.length) {
        state[v] = 2;
        path.pop();
        next.pop();
        continue;
      }
      next[top] = k + 1;
      const w = ps[k] as number;
      if (state[w] === 1) {
        const from = path.indexOf(w);
        return [...path.slice(from), w].map((i) => graph.ids[i] as string);
      }
      if (state[w] === 0) {
        state[w] = 1;
        path.push(w);
        next.push(0);
      }
    }
  }
  return null;
}

/** Ids for an error message, shortened after 12. */
export function listIds(nodes: readonly DagNode[]): string {
  const ids = nodes.map((n) => n.id);
  return ids.length <= 12 ? ids.join(", ") : `${ids.slice(0, 12).join(", ")}, ... (${ids.length} in all)`;
}
