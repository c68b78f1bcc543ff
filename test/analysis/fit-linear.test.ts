import { describe, expect, it } from "vitest";
import { fitLinear, RankDeficientError } from "../../src/analysis/index.js";
import { mulberry32 } from "./helpers/prng.js";

describe("fitLinear: results", () => {
  it("fits a line exactly and reports the full result shape (JSON round-trip)", () => {
    const fit = fitLinear([[1], [2], [3], [4]], [3, 5, 7, 9.000000000000002]);
    expect(fit.coefficients[0]).toBeCloseTo(1, 12);
    expect(fit.coefficients[1]).toBeCloseTo(2, 12);
    expect(fit.names).toEqual(["(Intercept)", "x1"]);
    expect(fit.df).toBe(2);
    expect(fit.covariance).toHaveLength(2);
    const json = JSON.parse(JSON.stringify(fit)) as typeof fit;
    expect(json.coefficients).toEqual(fit.coefficients);
    expect(json.confidenceIntervals).toHaveLength(2);
  });

  it("weights of 2 equal duplicating the row (weighted least squares by √w scaling)", () => {
    const X = [[1], [2], [3], [4], [5]];
    const y = [1.2, 1.9, 3.4, 3.9, 5.3];
    const w = fitLinear(X, y, { weights: [1, 2, 1, 1, 1] });
    const dup = fitLinear([...X, [2]], [...y, 1.9]);
    w.coefficients.forEach((b, j) => expect(b).toBeCloseTo(dup.coefficients[j] as number, 12));
    expect(w.rss).toBeCloseTo(dup.rss, 12);
    expect(w.weighted).toBe(true);
  });

  it("gives t values, p-values and intervals consistent with the t distribution (Norris intercept: t = −1.12673, p = 0.26775 in R's summary)", () => {
    const x = [0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5, 666.9, 338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8, 339.1, 887.2, 999.0, 779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5];
    const y = [0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1, 668.8, 339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3, 888.0, 998.5, 778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2];
    const fit = fitLinear(x.map((v) => [v]), y);
    expect(fit.tValues[0]).toBeCloseTo(-1.12673, 5);
    expect(fit.pValues[0]).toBeCloseTo(0.26775, 5);
    expect(fit.adjR2).toBeCloseTo(0.999993561939, 11); // R: Adjusted R-squared 0.999993561939
  });

  it("recovers a degree-10 polynomial on x in [−9, −3] (Filip-like conditioning) from exact data", () => {
    const coef = [-1467.49, -2772.18, -2316.37, -1127.97, -354.478, -75.1242, -10.8753, -1.06221, -0.0670191, -0.00246781, -0.0000402963];
    const xs = Array.from({ length: 82 }, (_, i) => -9 + (6 * i) / 81);
    const y = xs.map((x) => coef.reduceRight((acc, c) => acc * x + c, 0));
    const fit = fitLinear(xs.map((x) => Array.from({ length: 10 }, (_, k) => x ** (k + 1))), y);
    fit.coefficients.forEach((b, j) => expect(Math.abs(b - (coef[j] as number)) / Math.abs(coef[j] as number)).toBeLessThan(1e-5));
  });

  it("covers the true coefficients at the nominal 95% rate over 500 seeded data sets", () => {
    let covered = 0;
    const trials = 500;
    for (let seed = 1; seed <= trials; seed++) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: 12 }, (_, i) => i);
      const y = xs.map((x) => 2 + 0.5 * x + rng.normal());
      const fit = fitLinear(xs.map((x) => [x]), y);
      const [lo, hi] = fit.confidenceIntervals[1] as [number, number];
      if (lo <= 0.5 && 0.5 <= hi) covered++;
    }
    // Binomial(500, 0.95): sd = 0.0097; accept within ±3 sd.
    expect(Math.abs(covered / trials - 0.95)).toBeLessThan(3 * Math.sqrt((0.95 * 0.05) / trials));
  });
});

describe("fitLinear: bad input is refused with a message naming the function, parameter and value", () => {
  it("fewer observations than parameters", () => {
    expect(() => fitLinear([[1], [2]], [1, 2])).toThrow(
      "fitLinear: 2 observations for 2 parameters; at least 3 are needed (n > p) to estimate the coefficients and the residual variance",
    );
  });
  it("NaN or infinite values, naming row and column", () => {
    expect(() => fitLinear([[1], [Number.NaN], [3]], [1, 2, 3])).toThrow("fitLinear: X[1][0] (row 1, column 0) is NaN; every predictor value must be a finite number");
    expect(() => fitLinear([[1], [2], [3]], [1, Infinity, 3])).toThrow("fitLinear: y[1] is Infinity; every value of y must be a finite number");
  });
  it("mismatched lengths", () => {
    expect(() => fitLinear([[1], [2], [3]], [1, 2])).toThrow("fitLinear: y has 2 values but X has 3 rows; they must match");
    expect(() => fitLinear([[1, 2], [2], [3, 4]], [1, 2, 3])).toThrow("fitLinear: X[1] has length 1 but X[0] has length 2; every row of X must have the same length");
    expect(() => fitLinear([[1], [2], [3]], [1, 2, 3], { weights: [1, 1] })).toThrow("fitLinear: weights has 2 values but there are 3 observations; they must match");
  });
  it("a rank-deficient design names the dependent column", () => {
    const call = (): unknown => fitLinear([[1, 2], [2, 4], [3, 6], [4, 8]], [1, 2, 3, 5], { names: ["x", "twice_x"] });
    expect(call).toThrow(RankDeficientError);
    expect(call).toThrow('fitLinear: the design matrix is rank-deficient (numerical rank 2 of 3 columns): column 1 of X ("twice_x") is a linear combination of the intercept and column 0 of X');
    expect(() => fitLinear([[1, 2, 3], [2, 1, 3], [3, 0, 3], [4, 5, 9], [5, 1, 6]], [1, 2, 3, 5, 4])).toThrow('column 2 of X ("x3") is a linear combination of the intercept and columns 0, 1 of X');
    expect(() => fitLinear([[5], [5], [5], [5]], [1, 2, 3, 4])).toThrow('column 0 of X ("x1") is a linear combination of the intercept (it is constant)');
  });
  it("bad weights and unknown options", () => {
    expect(() => fitLinear([[1], [2], [3]], [1, 2, 3], { weights: [1, 0, 1] })).toThrow("fitLinear: weights[1] is 0; weights must be > 0 (drop the observation instead of giving it weight 0)");
    expect(() => fitLinear([[1], [2], [3]], [1, 2, 3], { intercep: false } as never)).toThrow('fitLinear: options has an unknown key "intercep"');
  });
});
