import { describe, expect, it } from "vitest";
import { assertConverged, ConvergenceError, ExpressionError, fitExpression } from "../../src/analysis/index.js";
import { mulberry32 } from "./helpers/prng.js";

const d = { x: [1, 2, 3, 4, 5], y: [1.1, 1.9, 3.2, 3.9, 5.1] };

describe("fitExpression: results", () => {
  it("recovers known parameters of an exponential model from seeded noisy data", () => {
    const rng = mulberry32(42);
    const x = Array.from({ length: 40 }, (_, i) => i * 0.25);
    const y = x.map((t) => 3 * (1 - Math.exp(-0.7 * t)) + 0.01 * rng.normal());
    const fit = fitExpression("b1*(1-exp(-b2*x))", { x, y }, { b1: 1, b2: 0.1 });
    expect(fit.converged).toBe(true);
    expect(fit.params.b1).toBeCloseTo(3, 2);
    expect(fit.params.b2).toBeCloseTo(0.7, 2);
    const [lo, hi] = fit.confidenceIntervals.b1 as [number, number];
    expect(lo).toBeLessThan(3);
    expect(hi).toBeGreaterThan(3);
    expect(fit.jacobian).toEqual({ b1: "symbolic", b2: "symbolic" });
    expect(fit.df).toBe(38);
    expect(JSON.parse(JSON.stringify(fit)).params).toEqual(fit.params);
  });

  it("uses another response column and mathjs constants", () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const rate = x.map((t) => 2 + 1.5 * Math.cos((2 * Math.PI * t) / 12) + 0.001 * ((t * 7) % 3));
    const fit = fitExpression("a + b*cos(2*pi*x/12)", { x, rate }, { a: 1, b: 1 }, { response: "rate" });
    expect(fit.params.a).toBeCloseTo(2, 2);
    expect(fit.params.b).toBeCloseTo(1.5, 2);
    expect(fit.response).toBe("rate");
  });

  it("falls back to finite differences when mathjs cannot differentiate, and says so", () => {
    const x = [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3];
    // y = 0.5 Γ(x + 0.3) with a little alternating noise.
    const y = x.map((t, i) => 0.5 * stirlingGamma(t + 0.3) + (i % 2 ? 1e-4 : -1e-4));
    // mathjs's `derivative` cannot differentiate gamma() with respect to b2 (inside it), but can for b1.
    const fit = fitExpression("b1*gamma(x + b2)", { x, y }, { b1: 1, b2: 0 });
    expect(fit.jacobian).toEqual({ b1: "symbolic", b2: "finite-difference" });
    expect(fit.converged).toBe(true);
    expect(fit.params.b1).toBeCloseTo(0.5, 3);
    expect(fit.params.b2).toBeCloseTo(0.3, 3);
  });

  it("uses finite differences where a symbolic derivative is NaN but the model is finite (x^b at x = 0)", () => {
    const x = [0, 0.5, 1, 1.5, 2, 2.5, 3];
    const y = x.map((t, i) => 1.5 * t ** 2.2 + (i % 2 ? 0.01 : -0.01));
    const fit = fitExpression("b1*x^b2", { x, y }, { b1: 1, b2: 1 });
    expect(fit.converged, fit.message).toBe(true);
    expect(fit.params.b1).toBeCloseTo(1.5, 1);
    expect(fit.params.b2).toBeCloseTo(2.2, 1);
    expect(Number.isFinite(fit.standardErrors.b2 as number)).toBe(true);
  });

  it("enforces box bounds by projection and reports parameters on a bound", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = x.map((t) => 1.5 * t);
    const fit = fitExpression("b1*x", { x, y }, { b1: 0.5 }, { upper: { b1: 1 } });
    expect(fit.params.b1).toBe(1);
    expect(fit.atBounds).toEqual(["b1"]);
    expect(fit.message).toContain("b1 ended on a bound");
  });
});

describe("fitExpression: bad input and non-convergence", () => {
  it("an expression that does not parse", () => {
    const call = (): unknown => fitExpression("b1*(1-exp(-b2*x)", d, { b1: 1, b2: 1 });
    expect(call).toThrow(ExpressionError);
    expect(call).toThrow('fitExpression: the expression "b1*(1-exp(-b2*x)" does not parse: Parenthesis ) expected (char 17)');
  });
  it("an unknown symbol lists the available columns and parameters", () => {
    expect(() => fitExpression("b1*(1-exp(-b2*z))", d, { b1: 1, b2: 1 })).toThrow(
      'fitExpression: the expression "b1*(1-exp(-b2*z))" names an unknown symbol "z"; available data columns: "x"; parameters: "b1", "b2"',
    );
    expect(() => fitExpression("b1*foo(x)", d, { b1: 1 })).toThrow('fitExpression: the expression "b1*foo(x)" calls an unknown function "foo"');
  });
  it("a missing response column", () => {
    expect(() => fitExpression("b1*x", { x: d.x, resp: d.y }, { b1: 1 })).toThrow(
      'fitExpression: the response column "y" is missing from data; data has columns "x", "resp" (set options.response to choose another)',
    );
  });
  it("NaN values name the row and column; mismatched lengths; too few observations", () => {
    expect(() => fitExpression("b1*x", { x: [1, 2, Number.NaN, 4, 5], y: d.y }, { b1: 1 })).toThrow(
      'fitExpression: data.x[2] (row 2, column "x") is NaN; every value must be a finite number',
    );
    expect(() => fitExpression("b1*x", { x: [1, 2, 3], y: d.y }, { b1: 1 })).toThrow('fitExpression: data.x has 3 values but the response "y" has 5; all columns must have the same length');
    expect(() => fitExpression("b1*x + b2", { x: [1, 2], y: [1, 2] }, { b1: 1, b2: 0 })).toThrow("fitExpression: 2 observations for 2 parameters; at least 3 are needed");
  });
  it("parameters, bounds and starting values are checked", () => {
    expect(() => fitExpression("b1*x", d, { b1: 1, b2: 2 })).toThrow('fitExpression: parameter "b2" (a key of start) does not appear in the expression "b1*x"');
    expect(() => fitExpression("b1*x", d, { b1: 5 }, { lower: { b1: 0 }, upper: { b1: 2 } })).toThrow("fitExpression: start.b1 is 5, outside its bounds [0, 2]");
    expect(() => fitExpression("b1*x", d, { b1: 1 }, { lower: { c: 0 } })).toThrow('fitExpression: options.lower names "c", which is not a parameter; parameters are "b1"');
    expect(() => fitExpression("log(b1*x)", d, { b1: -1 })).toThrow("fitExpression: the model is NaN at the starting values for observation 0 (b1 = -1)");
  });
  it("non-convergence is reported in the result, and assertConverged / requireConvergence throw", () => {
    const fit = fitExpression("b1*(1-exp(-b2*x))", d, { b1: 100, b2: 0.001 }, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.stopReason).toBe("max-iterations");
    expect(fit.message).toBe("did not converge: the iteration limit was reached before convergence after 1 iterations (2 model evaluations)");
    expect(() => assertConverged(fit)).toThrow(ConvergenceError);
    expect(() => assertConverged(fit)).toThrow("assertConverged: the expression fit did not converge: the iteration limit was reached before convergence");
    expect(() => fitExpression("b1*(1-exp(-b2*x))", d, { b1: 100, b2: 0.001 }, { maxIterations: 1, requireConvergence: true })).toThrow(
      "fitExpression: the expression fit did not converge",
    );
  });
});

/** Γ(z) for z > 0 by Stirling's series after shifting z >= 10 (test helper, ~1e-13 accurate). */
function stirlingGamma(z: number): number {
  let shift = 1;
  let w = z;
  while (w < 10) {
    shift *= w;
    w += 1;
  }
  const lg = (w - 0.5) * Math.log(w) - w + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * w) - 1 / (360 * w ** 3) + 1 / (1260 * w ** 5);
  return Math.exp(lg) / shift;
}
