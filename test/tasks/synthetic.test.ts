import { describe, expect, it } from "vitest";
import {
  criticalPathLength,
  dagShape,
  layeredSuite,
  minimumRounds,
  pLabel,
  runSuiteTests,
  syntheticSuite,
  taskDepths,
  validateSuite,
  type Suite,
} from "../../src/tasks/index.js";

async function referencePassesFaultyFails(s: Suite): Promise<void> {
  const reference = new Map(s.tasks.flatMap((t) => Object.entries(t.solution ?? {})));
  expect(await runSuiteTests(reference, s)).toMatchObject({ returncode: 0, passed: s.tasks.length });
  for (const t of s.tasks) {
    const out = await runSuiteTests(new Map([...reference, ...Object.entries(t.faulty ?? {})]), s, [t.id]);
    expect(out.returncode, `${s.id} ${t.id}`).toBe(1);
  }
}

describe("syntheticSuite", () => {
  it("builds the paper's shape: N = 20, p = 0.5 gives a chain of C = round(20 * 0.5) = 10", () => {
    const s = syntheticSuite({ n: 20, p: 0.5 });
    expect(s).toMatchObject({ id: "synthetic_n20_p05", domain: "synthetic", p_label: "p05" });
    expect(dagShape(s.tasks)).toEqual({ n_tasks: 20, critical_path: 10, p: 0.5 });
    expect(s.tasks.slice(0, 10).map((t) => t.dependencies)).toEqual([[], ...Array.from({ length: 9 }, (_, i) => [`task-${i + 1}`])]);
    expect(s.tasks.slice(10).every((t) => t.dependencies.length === 0)).toBe(true);
    expect(validateSuite(s, { level: "runnable" })).toEqual([]);
  });

  it("other sizes: N = 8, p = 0.75 gives C = 2; p = 0 gives one chain of N", () => {
    expect(dagShape(syntheticSuite({ n: 8, p: 0.75 }).tasks)).toEqual({ n_tasks: 8, critical_path: 2, p: 0.75 });
    expect(criticalPathLength(syntheticSuite({ n: 5, p: 0 }).tasks)).toBe(5);
  });

  it("chain values accumulate: task k of the chain returns 1 + 2 + ... + k", () => {
    const s = syntheticSuite({ n: 4, p: 0.25 });
    // C = round(4 * 0.75) = 3: task-3 returns 3 + task2() = 3 + (2 + 1) = 6; task-4 is independent and returns 4.
    expect(s.tasks[2]?.solution).toEqual({ "task3.js": 'import { task2 } from "./task2.js";\nexport function task3() {\n  return 3 + task2();\n}\n' });
    expect(s.tasks[2]?.tests).toContain("assert.equal(task3(), 6)");
    expect(s.tasks[3]?.tests).toContain("assert.equal(task4(), 4)");
  });

  it("reference solutions pass and faulty ones fail", async () => {
    await referencePassesFaultyFails(syntheticSuite({ n: 10, p: 0.7 }));
  });

  it("names the nearest representable p", () => {
    expect(() => syntheticSuite({ n: 20, p: 0.33 })).toThrow(
      "syntheticSuite: p = 0.33 cannot be represented with n = 20 tasks: p = (N - C) / N needs an integer chain length C in 1..20; nearest representable: p = 0.3 (C = 14) or p = 0.35 (C = 13)",
    );
    // p = 1 would need C = 0, but a non-empty DAG has a chain of at least one task.
    expect(() => syntheticSuite({ n: 20, p: 1 })).toThrow("nearest representable: p = 0.95 (C = 1)");
  });

  it("refuses a bad n", () => {
    expect(() => syntheticSuite({ n: 0, p: 0.5 })).toThrow("syntheticSuite: n (number of tasks) must be a positive integer, got 0");
  });
});

describe("layeredSuite", () => {
  const options = { layers: [3, 4, 2], seed: 7 };

  it("has one task per layer on the critical path, so C = number of layers", () => {
    const s = layeredSuite(options);
    // N = 9, C = 3, p = 6 / 9.
    expect(dagShape(s.tasks)).toEqual({ n_tasks: 9, critical_path: 3, p: 6 / 9 });
    expect(s.p_label).toBe("p067");
    expect(validateSuite(s, { level: "runnable" })).toEqual([]);
  });

  it("every task of layer i depends only on layer i - 1, and on at least one task there", () => {
    const s = layeredSuite({ layers: [2, 5, 3, 4], seed: 123, edgeProbability: 0.5 });
    const layerOf = (id: string): number => {
      const k = Number(id.slice(5));
      return k <= 2 ? 1 : k <= 7 ? 2 : k <= 10 ? 3 : 4;
    };
    for (const t of s.tasks) {
      if (layerOf(t.id) === 1) expect(t.dependencies).toEqual([]);
      else {
        expect(t.dependencies.length).toBeGreaterThan(0);
        for (const d of t.dependencies) expect(layerOf(d)).toBe(layerOf(t.id) - 1);
      }
    }
    expect([...taskDepths(s.tasks).values()]).toEqual([1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4]);
  });

  it("is a pure function of its options: same seed, same suite; edge probability 0 gives one edge per task", () => {
    expect(layeredSuite(options)).toEqual(layeredSuite(options));
    const edges = (seed: number) => layeredSuite({ layers: [4, 4, 4], seed, edgeProbability: 0.5 }).tasks.map((t) => t.dependencies.join(","));
    expect(new Set([1, 2, 3, 4, 5].map((seed) => edges(seed).join("|"))).size).toBeGreaterThan(1);
    const sparse = layeredSuite({ layers: [3, 3], seed: 1, edgeProbability: 0 });
    expect(sparse.tasks.slice(3).every((t) => t.dependencies.length === 1)).toBe(true);
    const dense = layeredSuite({ layers: [3, 3], seed: 1, edgeProbability: 1 });
    expect(dense.tasks.slice(3).every((t) => t.dependencies.length === 3)).toBe(true);
  });

  it("reference solutions pass and faulty ones fail", async () => {
    await referencePassesFaultyFails(layeredSuite(options));
  });

  it("round bounds on fully connected layers", () => {
    // Layers 3, 4, 2 with every edge between adjacent layers (edgeProbability 1), n = 3 agents.
    // Simple bound: max(C = 3, ceil(9 / 3) = 3) = 3. But the 7 tasks of height >= 2 (layers 1 and 2) must all
    // be done before the last round: level bound 2 - 1 + ceil(7 / 3) = 4. The schedule takes
    // 3 + 3 + 1 + 2 tasks in 4 rounds, so 4 is optimal.
    const r = minimumRounds(layeredSuite({ layers: [3, 4, 2], seed: 7, edgeProbability: 1 }).tasks, 3);
    expect(r).toMatchObject({ simpleBound: 3, lowerBound: 4, upperBound: 4, optimal: true });
    expect(r.schedule.map((round) => round.length)).toEqual([3, 3, 1, 2]);
  });

  it("refuses bad options", () => {
    expect(() => layeredSuite({ layers: [], seed: 1 })).toThrow("layeredSuite: layers must be a non-empty array of positive integers (tasks per layer), got []");
    expect(() => layeredSuite({ layers: [2, 0], seed: 1 })).toThrow("got [2, 0]");
    expect(() => layeredSuite({ layers: [2], seed: -1 })).toThrow("layeredSuite: seed must be an integer in [0, 2^32), got -1");
    expect(() => layeredSuite({ layers: [2], seed: 1, edgeProbability: 2 })).toThrow("layeredSuite: edgeProbability must be in [0, 1], got 2");
  });
});

describe("synthetic suite labels", () => {
  it("use the one p-label codec", () => {
    expect(syntheticSuite({ n: 20, p: 0.35 }).p_label).toBe(pLabel(0.35));
    expect(syntheticSuite({ n: 20, p: 0.35 }).id).toBe("synthetic_n20_p035");
  });
});
