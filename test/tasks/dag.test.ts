import { describe, expect, it } from "vitest";
import {
  amdahlSpeedup,
  criticalPath,
  criticalPathLength,
  dagShape,
  findCycle,
  listSchedule,
  minimumRounds,
  parallelFraction,
  roundsLowerBound,
  taskDepths,
  taskHeights,
  topologicalOrder,
  type DagNode,
} from "../../src/tasks/index.js";

/** Build nodes from "id: dep dep" lines. */
function dag(...lines: string[]): DagNode[] {
  return lines.map((line) => {
    const [id, deps = ""] = line.split(":");
    return { id: (id as string).trim(), dependencies: deps.trim() === "" ? [] : deps.trim().split(/\s+/) };
  });
}

// a -> b -> d and a -> c -> d ("b: a" means b depends on a).
const DIAMOND = dag("a", "b: a", "c: a", "d: b c");
// A chain of 3 (x1 <- x2 <- x3) plus 3 independent tasks: the paper's shape with N = 6, C = 3.
const CHAIN_PLUS = dag("x1", "x2: x1", "x3: x2", "i1", "i2", "i3");

describe("topologicalOrder", () => {
  it("puts dependencies first and keeps input order among ready tasks", () => {
    expect(topologicalOrder(DIAMOND)).toEqual(["a", "b", "c", "d"]);
    expect(topologicalOrder(dag("d: b c", "c: a", "b: a", "a"))).toEqual(["a", "c", "b", "d"]);
  });

  it("names a cycle", () => {
    expect(() => topologicalOrder(dag("a: c", "b: a", "c: b"))).toThrow(
      "topologicalOrder: dependency cycle a -> c -> b -> a; a suite's dependencies must form a DAG",
    );
  });

  it("names the task and the unknown dependency", () => {
    expect(() => topologicalOrder(dag("a", "b: zz"))).toThrow('topologicalOrder: task "b" depends on unknown task "zz"; known ids: a, b');
  });

  it("refuses duplicate ids", () => {
    expect(() => topologicalOrder(dag("a", "a"))).toThrow('topologicalOrder: duplicate task id "a" at positions 0 and 1; ids must be unique');
  });
});

describe("findCycle", () => {
  it("returns null for a DAG and the cycle otherwise, including self-dependencies", () => {
    expect(findCycle(DIAMOND)).toBeNull();
    expect(findCycle(dag("a: b", "b: a"))).toEqual(["a", "b", "a"]);
    expect(findCycle(dag("a: a"))).toEqual(["a", "a"]);
  });
});

describe("critical path", () => {
  it("diamond: the longest chain a -> b -> d has C = 3 tasks", () => {
    expect(criticalPathLength(DIAMOND)).toBe(3);
    expect(criticalPath(DIAMOND)).toEqual(["a", "b", "d"]);
    expect(Object.fromEntries(taskDepths(DIAMOND))).toEqual({ a: 1, b: 2, c: 2, d: 3 });
    expect(Object.fromEntries(taskHeights(DIAMOND))).toEqual({ a: 3, b: 2, c: 2, d: 1 });
  });

  it("chain plus independent tasks: C is the chain length", () => {
    expect(criticalPathLength(CHAIN_PLUS)).toBe(3);
    expect(criticalPath(CHAIN_PLUS)).toEqual(["x1", "x2", "x3"]);
  });

  it("is 0 for no tasks and 1 for independent tasks", () => {
    expect(criticalPathLength([])).toBe(0);
    expect(criticalPath([])).toEqual([]);
    expect(criticalPathLength(dag("a", "b"))).toBe(1);
  });
});

describe("parallelFraction", () => {
  it("p = (N - C) / N", () => {
    // Diamond: N = 4, C = 3, p = (4 - 3) / 4 = 0.25.
    expect(parallelFraction(DIAMOND)).toBe(0.25);
    // Chain plus independent: N = 6, C = 3, p = 3 / 6 = 0.5.
    expect(dagShape(CHAIN_PLUS)).toEqual({ n_tasks: 6, critical_path: 3, p: 0.5 });
    // A single task: N = 1, C = 1, p = 0.
    expect(parallelFraction(dag("a"))).toBe(0);
  });

  it("refuses an empty graph", () => {
    expect(() => parallelFraction([])).toThrow("parallelFraction: got 0 tasks; p = (N - C) / N needs at least one task");
  });
});

describe("minimumRounds", () => {
  it("chain plus independent: max(C, ceil(N / n)), met by the schedule", () => {
    // n = 1: max(3, 6) = 6; n = 2: max(3, 3) = 3; n = 4: max(3, ceil(6 / 4) = 2) = 3.
    expect([1, 2, 4].map((n) => minimumRounds(CHAIN_PLUS, n).upperBound)).toEqual([6, 3, 3]);
    const r = minimumRounds(CHAIN_PLUS, 2);
    expect(r).toMatchObject({ n: 2, simpleBound: 3, lowerBound: 3, upperBound: 3, optimal: true });
    // Critical path first: the chain task runs every round, beside one independent task.
    expect(r.schedule).toEqual([["x1", "i1"], ["x2", "i2"], ["x3", "i3"]]);
  });

  it("the level bound can exceed max(C, ceil(N / n))", () => {
    // b needs a and x1..x4, c needs b: N = 7, C = 3, n = 2, simple bound max(3, ceil(7 / 2)) = 4.
    // The five tasks of height 3 (a, x1..x4) need ceil(5 / 2) = 3 rounds and then b and c follow:
    // level bound 3 - 1 + ceil(5 / 2) = 5, and the schedule reaches it.
    const g = dag("a", "x1", "x2", "x3", "x4", "b: a x1 x2 x3 x4", "c: b");
    expect(minimumRounds(g, 2)).toMatchObject({ simpleBound: 4, lowerBound: 5, upperBound: 5, optimal: true });
    expect(roundsLowerBound(g, 2)).toBe(5);
  });

  it("says when the list schedule is not proven optimal", () => {
    // t3 and t5 need t0 and t2, t4 needs t1 and t2; every root has height 2, so critical-path-first takes
    // t0, t1 (input order) and then t2 alone: 4 rounds. Optimal is 3: {t0, t2}, {t1, t3}, {t4, t5}.
    const g = dag("t0", "t1", "t2", "t3: t0 t2", "t4: t1 t2", "t5: t0 t2");
    const r = minimumRounds(g, 2);
    expect(r).toMatchObject({ simpleBound: 3, lowerBound: 3, upperBound: 4, optimal: false });
    expect(r.schedule).toEqual([["t0", "t1"], ["t2"], ["t3", "t4"], ["t5"]]);
  });

  it("a dependent never runs in the round its dependency finishes", () => {
    expect(listSchedule(DIAMOND, 10)).toEqual([["a"], ["b", "c"], ["d"]]);
  });

  it("refuses a bad team size", () => {
    expect(() => minimumRounds(DIAMOND, 0)).toThrow("minimumRounds: n (number of agents) must be a positive integer, got 0");
    expect(() => listSchedule(DIAMOND, 1.5)).toThrow("listSchedule: n (number of agents) must be a positive integer, got 1.5");
  });
});

describe("amdahlSpeedup", () => {
  it("matches the paper's Amdahl bounds at p = 0.9 (1.82, 2.50, 3.08, 3.57 for n = 2..5)", () => {
    // S(n) = 1 / (0.1 + 0.9 / n): 1 / 0.55, 1 / 0.4, 1 / 0.325, 1 / 0.28.
    const s = [2, 3, 4, 5].map((n) => amdahlSpeedup(0.9, n));
    expect(s.map((x) => x.toFixed(2))).toEqual(["1.82", "2.50", "3.08", "3.57"]);
    expect(amdahlSpeedup(0.5, 1)).toBe(1);
    expect(amdahlSpeedup(0, 8)).toBe(1);
  });

  it("refuses p outside [0, 1] and n < 1", () => {
    expect(() => amdahlSpeedup(1.5, 2)).toThrow("amdahlSpeedup: p must be a number in [0, 1], got 1.5");
    expect(() => amdahlSpeedup(0.5, 0)).toThrow("amdahlSpeedup: n must be a finite number >= 1, got 0");
  });
});
