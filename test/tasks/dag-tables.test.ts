import { describe, expect, it } from "vitest";
import { amdahlTable, roundsTable, suiteShapeTable } from "../../src/tasks/dag-tables.js";
import { builtinSuites, getSuite } from "../../src/tasks/builtin/index.js";
import { syntheticSuite } from "../../src/tasks/synthetic-suite.js";

describe("amdahlTable", () => {
  it("gives S, S/n and the limit 1/(1 − p)", () => {
    // p = 0.75, n = 4: 1 / (0.25 + 0.1875) = 16/7 = 2.285714...; limit 4 (worked by hand)
    const [row] = amdahlTable([0.75], [4]);
    expect(row!.speedup).toBeCloseTo(16 / 7, 14);
    expect(row!.efficiency).toBeCloseTo(4 / 7, 14);
    expect(row!.limit).toBe(4);
    expect(amdahlTable([1], [3])[0]).toEqual({ p: 1, n: 3, speedup: 3, efficiency: 1, limit: Number.POSITIVE_INFINITY });
    expect(amdahlTable([0.9, 0.5], [1, 2]).map((r) => [r.p, r.n])).toEqual([[0.9, 1], [0.9, 2], [0.5, 1], [0.5, 2]]);
  });

  it("refuses p outside [0, 1] and n that are not whole team sizes", () => {
    expect(() => amdahlTable([-0.1], [2])).toThrow("amdahlTable: every p must be a number in [0, 1]; got -0.1");
    expect(() => amdahlTable([0.5], [2.5])).toThrow("amdahlTable: every n must be an integer >= 1; got 2.5");
  });
});

describe("suiteShapeTable", () => {
  it("gives the paper's N = 20, C = 2/10/16 and p = 0.9/0.5/0.2 for the built-in suites", () => {
    const rows = suiteShapeTable(builtinSuites());
    expect(rows).toHaveLength(9);
    for (const r of rows) {
      const c = { p09: 2, p05: 10, p02: 16 }[r.suite.slice(-3)]!;
      expect(r).toMatchObject({ tasks: 20, critical_path: c, max_speedup: 20 / c });
      expect(r.p).toBeCloseTo((20 - c) / 20, 12);
    }
  });
});

describe("roundsTable", () => {
  it("p = 0.5 (C = 10 of N = 20): Amdahl C + (N − C)/n, the centralized plan C + ceil((N − C)/n), the schedule max(C, ceil(N/n))", () => {
    const rows = roundsTable(getSuite("mathutils_p05"), [1, 2, 3, 4]);
    expect(rows.map((r) => r.amdahl_rounds)).toEqual([20, 15, 10 + 10 / 3, 12.5]);
    expect(rows.map((r) => r.centralized_rounds)).toEqual([20, 15, 14, 13]);
    expect(rows.map((r) => r.schedule_rounds)).toEqual([20, 10, 10, 10]);
    expect(rows.every((r) => r.optimal && r.lower_bound === r.schedule_rounds)).toBe(true);
    expect(rows[1]).toMatchObject({ amdahl_speedup: 20 / 15, centralized_speedup: 20 / 15, schedule_speedup: 2 });
  });

  it("p = 0.9 (C = 2): the schedule reaches N/n rounds while the centralized plan keeps the chain owner busier", () => {
    const rows = roundsTable(syntheticSuite({ n: 20, p: 0.9 }), [4, 5]);
    expect(rows.map((r) => [r.centralized_rounds, r.schedule_rounds])).toEqual([[2 + 5, 5], [2 + 4, 4]]);
  });

  it("refuses team sizes that are not positive integers", () => {
    expect(() => roundsTable(getSuite("mathutils_p05"), [0])).toThrow("roundsTable: every n must be an integer >= 1; got 0");
  });
});
