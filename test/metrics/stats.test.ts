import { describe, expect, it } from "vitest";
import { mean, sampleVariance, sd, sem, varianceOfMean } from "../../src/metrics/stats.js";

describe("the one mean / variance / sd / sem", () => {
  it("matches R on 1:10", () => {
    // R: mean(1:10) = 5.5; var(1:10) = 9.166667; sd(1:10) = 3.02765; sd(1:10)/sqrt(10) = 0.9574271
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(mean(x)).toBe(5.5);
    expect(sampleVariance(x)).toBeCloseTo(9.166667, 6);
    expect(sd(x)).toBeCloseTo(3.02765, 5);
    expect(sem(x)).toBeCloseTo(0.9574271, 7);
    expect(varianceOfMean(x)).toBeCloseTo(0.9166667, 7);
  });

  it("gives a single value a NaN standard error by default (pandas' sem) and 0 on request", () => {
    // pandas: pd.Series([3.0]).sem() is NaN; the paper's bar charts draw a single run without an error bar.
    expect(sem([3])).toBeNaN();
    expect(sem([3], "zero")).toBe(0);
    expect(varianceOfMean([3], "zero")).toBe(0);
    expect(sampleVariance([3])).toBe(0);
  });

  it("refuses an empty sample with the function's name", () => {
    expect(() => mean([])).toThrow("mean: needs at least one value");
    expect(() => sampleVariance([])).toThrow("sampleVariance: needs at least one value");
    expect(() => sem([], "zero")).toThrow("sem: needs at least one value");
    expect(() => varianceOfMean([])).toThrow("varianceOfMean: needs at least one value");
  });
});
