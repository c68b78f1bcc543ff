import type { Suite } from "../tasks/types.js";
import { error } from "../errors.js";

/**
 * The centralized (`preassign`) plan: which agent does which tasks, decided before round 1.
 *
 * 1. Split the DAG into its weakly connected components (tasks joined by dependency edges in either
 *    direction). A component of two or more tasks holds a dependency chain and goes whole to one
 *    agent, so no agent ever waits on a teammate's unfinished dependency.
 * 2. Components are dealt largest first (ties: the earlier first task in suite order) to the
 *    least-loaded agent (ties: the lowest index).
 * 3. Independent tasks (components of one) are then dealt in suite order, each to the least-loaded
 *    agent (ties: the lowest index): round-robin that fills the chain owner last.
 *
 * With the paper's suites (one chain of length C plus N - C independent tasks) the chain owner gets
 * the chain and the others share the independent tasks, so the plan's makespan is
 * max(C, ceil(N / n)) tasks, the DAG's lower bound.
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
  const load = agents.map(() => 0);
  const owned: number[][] = agents.map(() => []);
  const give = (group: number[]): void => {
    let best = 0;
    for (let k = 1; k < agents.length; k++) if (load[k]! < load[best]!) best = k;
    load[best]! += group.length;
    owned[best]!.push(...group);
  };
  for (const g of chains) give(g);
  for (const g of singles) give(g);
  const plan = new Map<string, string[]>();
  agents.forEach((a, k) => plan.set(a, owned[k]!.sort((x, y) => x - y).map((i) => ids[i]!)));
  return plan;
}
