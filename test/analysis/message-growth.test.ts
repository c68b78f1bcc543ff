import { describe, expect, it } from "vitest";
import { fitMessageGrowth, predictMessages } from "../../src/analysis/index.js";
import { mulberry32 } from "./helpers/prng.js";

const SIZES = [1, 2, 3, 4, 5, 6, 8];

function runs(seed: number, truth: (n: number) => number, sd: number, reps = 3): Array<{ n: number; messages: number }> {
  const rng = mulberry32(seed);
  return SIZES.flatMap((n) => Array.from({ length: reps }, () => ({ n, messages: truth(n) + sd * rng.normal() })));
}

describe("fitMessageGrowth", () => {
  it("recovers quadratic message counts and supports the quadratic term", () => {
    const r = fitMessageGrowth(runs(1, (n) => 4 + 6 * n + 3 * n * n, 2));
    const truth: Record<string, number> = { a: 4, b: 6, c: 3 };
    for (const [k, v] of Object.entries(truth)) {
      expect(Math.abs((r.quadratic.params[k] as number) - v)).toBeLessThan(3 * (r.quadratic.standardErrors[k] as number));
    }
    expect(r.quadraticSupported).toBe(true);
    expect(r.quadraticTest.pValue).toBeLessThan(1e-6);
    expect(r.verdict).toContain("Super-linear growth");
    expect(r.comparison.map((row) => row.label)).toContain("pairwise");
    expect(JSON.parse(JSON.stringify(r)).alpha).toBe(0.05);
  });

  it("does not claim super-linear growth for linear data", () => {
    const r = fitMessageGrowth(runs(2, (n) => 10 + 5 * n, 1));
    expect(r.quadraticSupported).toBe(false);
    expect(r.verdict).toContain("No evidence of super-linear growth at alpha = 0.05");
  });

  it("the F-test's false-positive rate on linear data is about alpha (500 seeds)", () => {
    let rejections = 0;
    for (let seed = 1; seed <= 500; seed++) if (fitMessageGrowth(runs(100 + seed, (n) => 10 + 5 * n, 1)).quadraticTest.pValue < 0.05) rejections++;
    expect(Math.abs(rejections / 500 - 0.05)).toBeLessThan(3 * Math.sqrt((0.05 * 0.95) / 500));
  });

  it("95% intervals for the quadratic coefficient cover the truth at the nominal rate (500 seeds)", () => {
    let covered = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const [lo, hi] = fitMessageGrowth(runs(900 + seed, (n) => 4 + 6 * n + 3 * n * n, 4)).quadratic.confidenceIntervals.c as [number, number];
      if (lo <= 3 && 3 <= hi) covered++;
    }
    expect(Math.abs(covered / 500 - 0.95)).toBeLessThan(3 * Math.sqrt((0.95 * 0.05) / 500));
  });

  it("the pairwise model a + b·n(n−1)/2 is recovered and predicted", () => {
    const r = fitMessageGrowth(runs(3, (n) => 2 + (7 * n * (n - 1)) / 2, 0.5));
    expect(r.pairwise.params.b).toBeCloseTo(7, 1);
    expect(predictMessages("pairwise", { a: 2, b: 3 }, 4)).toBe(20);
    expect(predictMessages("quadratic", { a: 1, b: 2, c: 3 }, 2)).toBe(17);
  });

  it("refuses too few team sizes and bad values", () => {
    expect(() => fitMessageGrowth([{ n: 2, messages: 3 }, { n: 3, messages: 5 }, { n: 3, messages: 6 }, { n: 2, messages: 4 }])).toThrow(
      "fitMessageGrowth: 4 points at 2 distinct team sizes; the quadratic model needs at least 3 distinct n and at least 4 points",
    );
    expect(() => fitMessageGrowth([{ n: 2, messages: Number.NaN }])).toThrow("fitMessageGrowth: points[0].messages is NaN; message counts must be finite numbers");
    expect(() => fitMessageGrowth([], { alpha: 2 })).toThrow("fitMessageGrowth: options.alpha is 2; it must be a number in (0, 1)");
    expect(() => predictMessages("quadratic", { a: 1, b: 2 }, 3)).toThrow("predictMessages: params.c is undefined; the quadratic model needs a finite c");
  });
});
