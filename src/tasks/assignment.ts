import type { Suite } from "./types.js";
import { error } from "../core/errors.js";

/**
 * The centralized (`preassign`) plan: which agent does which tasks, decided before round 1.
 *
 * 1. Split the DAG into its weakly connected components (tasks joined by dependency edges in either
 *    direction). A component of two or more tasks holds a dependency chain and goes whole to one
 *    agent, so no agent ever waits on a teammate's unfinished dependency. Chains are dealt round-robin
 *    from the first agent, largest first (ties: the earlier first task in suite order).
 * 2. Independent tasks (components of one) are dealt round-robin in suite order, again from the first
 *    agent.
 *
 * With the paper's suites (one chain of length C plus N - C independent tasks) the chain owner gets
 * C + ceil((N - C) / n) tasks: the serial part plus an n-th of the parallel part, the very form of
 * Amdahl's law, T(n) = (1 - p) + p / n with p = (N - C) / N. (Balancing by load instead would reach
 * the DAG's bound max(C, ceil(N / n)), which can beat Amdahl; round-robin is the plain orchestrator
 * the paper's centralized condition describes.)
 *
 * @returns for each agent (in the given order), its task ids in suite order.
 * @throws when `agents` is empty.
 */
export function planPreassignment(suite: Suite, agents: readonly string[]): Map<string, string[]> {
  if (agents.length === 0) throw error("planPreassignment", "agents is empty; give at least one agent");
  const ids = suite.tasks.map((t) => t.id);
  const pos = new Map(ids.map((id, i) => [id, i]));
  // Union-find over task positions.
  const parent = ids.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  suite.tasks.forEach((t, i) => {
    for (const d of t.dependencies) {
      const j = pos.get(d);
      if (j === undefined) throw error("planPreassignment", `task ${t.id} of ${suite.id} depends on unknown task ${d}`);
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const components = new Map<number, number[]>();
  ids.forEach((_, i) => {
    const r = find(i);
    let c = components.get(r);
    if (!c) components.set(r, (c = []));
    c.push(i);
  });
  const groups = [...components.values()];
  const chains = groups.filter((g) => g.length > 1).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const singles = groups.filter((g) => g.length === 1).sort((a, b) => a[0]! - b[0]!);
  const owned: number[][] = agents.map(() => []);
  chains.forEach((g, k) => owned[k % agents.length]!.push(...g));
  singles.forEach((g, k) => owned[k % agents.length]!.push(...g));
  const plan = new Map<string, string[]>();
  agents.forEach((a, k) => plan.set(a, owned[k]!.sort((x, y) => x - y).map((i) => ids[i]!)));
  return plan;
}
