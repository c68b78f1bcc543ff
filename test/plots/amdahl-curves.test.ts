import { describe, expect, it } from "vitest";
import { amdahlCurvesFigure } from "../../src/plots/amdahl-curves.js";

describe("amdahlCurvesFigure", () => {
  it("draws, per p, the curve, markers at whole n on S = 1/((1 − p) + p/n) and the limit 1/(1 − p)", () => {
    const spec = amdahlCurvesFigure([0.9, 0.5], { maxN: 4 });
    const names = spec.data.map((t) => t["name"]);
    expect(names).toEqual(["linear speedup (p = 1)", "p = 0.9", "p = 0.9", "limit 1/(1 − p) = 10.00", "p = 0.5", "p = 0.5", "limit 1/(1 − p) = 2.00"]);
    const markers = spec.data[2]!;
    expect(markers["x"]).toEqual([1, 2, 3, 4]);
    // 1/(0.1 + 0.9/n): 1, 1.8182, 2.5, 3.0769 (the values quoted in DESIGN.md for the bound)
    expect((markers["y"] as number[]).map((v) => Number(v.toFixed(4)))).toEqual([1, 1.8182, 2.5, 3.0769]);
    for (const v of spec.data[3]!["y"] as number[]) expect(v).toBeCloseTo(10, 12); // 1 / (1 − 0.9) in floating point
    expect(spec.data[6]!["y"]).toEqual([2, 2]);
  });

  it("has no limit line for p = 1 (linear speedup has no limit)", () => {
    const spec = amdahlCurvesFigure([1], { maxN: 3 });
    expect(spec.data.filter((t) => String(t["name"]).startsWith("limit"))).toEqual([]);
    expect(spec.data[2]!["y"]).toEqual([1, 2, 3]);
  });

  it("refuses bad input with the function's name", () => {
    expect(() => amdahlCurvesFigure([])).toThrow("amdahlCurvesFigure: ps is empty; give at least one parallel fraction in [0, 1]");
    expect(() => amdahlCurvesFigure([1.2])).toThrow("amdahlCurvesFigure: every p must be a number in [0, 1]; got 1.2");
    expect(() => amdahlCurvesFigure([0.5], { maxN: 1 })).toThrow("amdahlCurvesFigure: maxN must be an integer >= 2; got 1");
  });
});
